// GET /api/v1/offers/search over real HTTP, on a copy of the real reference data: relevance,
// suggestions, facets, territory eligibility, parameter validation, and freshness after an
// import by another process.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/database.h"
#include "support/shared_server.h"

namespace boussole::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json GetJsonFrom(int port, const std::string& target) {
  HttpResponse r = HttpGet(port, target);
  EXPECT_EQ(r.status, 200) << target << " " << r.body;
  return r.status == 200 ? json::parse(r.body) : json::object();
}

std::vector<std::string> Slugs(const json& result) {
  std::vector<std::string> slugs;
  for (const auto& item : result["items"]) slugs.push_back(item["slug"]);
  return slugs;
}

bool InTopThree(const json& result, const std::string& slug) {
  const auto slugs = Slugs(result);
  for (std::size_t i = 0; i < slugs.size() && i < 3; ++i) {
    if (slugs[i] == slug) return true;
  }
  return false;
}

class SearchHttp : public SharedServerTest<SearchHttp> {
 protected:
  static json Search(const std::string& query) { return GetJsonFrom(port(), "/api/v1/offers/search?" + query); }
};

TEST_F(SearchHttp, FindsTheExpectedOffersInTheTopThree) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"q=coeur%20de%20ville", "action-coeur-de-ville"},
      {"q=tiers%20lieux", "fabriques-de-territoire"},
      {"q=plan%20guide%20DDT", "atelier-des-territoires-local"},
  };
  for (const auto& [query, slug] : cases) {
    const json result = Search(query);
    EXPECT_TRUE(InTopThree(result, slug)) << query << " → " << json(Slugs(result)).dump();
  }
}

TEST_F(SearchHttp, AnswersTheDocumentedShape) {
  const json result = Search("q=tiers%20lieux&per_page=5");
  for (const char* field : {"query", "total", "page", "per_page", "page_count", "suggestion", "items", "facets"}) {
    EXPECT_TRUE(result.contains(field)) << field;
  }
  EXPECT_EQ(result["query"]["q"], "tiers lieux");
  EXPECT_EQ(result["query"]["sort"], "relevance");
  EXPECT_EQ(result["page"], 1);
  EXPECT_EQ(result["per_page"], 5);
  EXPECT_TRUE(result["suggestion"].is_null());
  EXPECT_LE(result["items"].size(), 5u);
  for (const auto& item : result["items"]) {
    EXPECT_TRUE(item["local"].is_boolean());
    EXPECT_FALSE(item["url"].get<std::string>().empty());
    EXPECT_FALSE(item["sources"].empty());
  }
}

TEST_F(SearchHttp, SuggestsACorrectionForAMisspelling) {
  const json result = Search("q=revitalisaton%20centre%20ville");
  ASSERT_TRUE(result["suggestion"].is_string()) << result.dump().substr(0, 400);
  EXPECT_NE(result["suggestion"].get<std::string>().find("revitalisation"), std::string::npos) << result["suggestion"];
}

TEST_F(SearchHttp, FacetCountsArePresentAndConsistent) {
  const json all = Search("per_page=100");
  const std::size_t total = all["total"];
  EXPECT_GE(total, 35u);
  EXPECT_EQ(all["items"].size(), total);
  for (const char* facet : {"audience", "type", "type_group", "stage", "theme", "status"}) {
    ASSERT_TRUE(all["facets"].contains(facet)) << facet << " " << all["facets"].dump();
    EXPECT_FALSE(all["facets"][facet].empty()) << facet;
  }
  std::size_t sum = 0;
  for (const auto& [group, count] : all["facets"]["type_group"].items()) sum += count.get<std::size_t>();
  EXPECT_GE(sum, total);
  // A facet's count is what selecting that value alone gives.
  for (const auto& [group, count] : all["facets"]["type_group"].items()) {
    const json filtered = Search("per_page=100&type_group=" + group);
    EXPECT_EQ(filtered["total"], count) << group;
    EXPECT_EQ(filtered["facets"]["type_group"][group], count) << group;
    EXPECT_EQ(filtered["query"]["type_group"], json::array({group}));
  }
  // Values of one facet are ORed.
  const json both = Search("per_page=100&type_group=financial&type_group=engineering");
  EXPECT_GE(both["total"].get<std::size_t>(), Search("type_group=financial")["total"].get<std::size_t>());
  // Paging: every offer exactly once, in a stable order.
  std::vector<std::string> paged;
  for (int page = 1; page <= (static_cast<int>(total) + 6) / 7; ++page) {
    const json part = Search("per_page=7&page=" + std::to_string(page));
    EXPECT_EQ(part["page_count"], (total + 6) / 7);
    for (const auto& slug : Slugs(part)) paged.push_back(slug);
  }
  EXPECT_EQ(paged, Slugs(all));
  EXPECT_TRUE(Search("per_page=7&page=1000")["items"].empty());
}

TEST_F(SearchHttp, FiltersByTerritory) {
  const json national = Search("per_page=100");
  // Chambéry by its bare INSEE code: the national offers, not the Alpes-Maritimes one.
  const json chambery = Search("per_page=100&territory=73065");
  EXPECT_EQ(chambery["query"]["territory"], "commune:73065");
  EXPECT_GT(chambery["total"].get<int>(), 0);
  EXPECT_LT(chambery["total"].get<int>(), national["total"].get<int>());
  for (const auto& item : chambery["items"]) {
    EXPECT_NE(item["perimeter"], "departement:06") << item["slug"];
    EXPECT_FALSE(item["local"].get<bool>());
  }
  // Nice (Alpes-Maritimes) also gets the offer of its département.
  const json nice = Search("per_page=100&territory=06088");
  EXPECT_EQ(nice["total"].get<int>(), chambery["total"].get<int>() + 1);
  // The région gets it too, marked local (its perimeter lies inside the région).
  const json paca = Search("per_page=100&territory=region:93");
  bool found_local = false;
  for (const auto& item : paca["items"]) {
    if (item["perimeter"] == "departement:06") found_local = item["local"].get<bool>();
  }
  EXPECT_TRUE(found_local) << json(Slugs(paca)).dump();
}

TEST_F(SearchHttp, PopulationConditionsAreCheckedAgainstTheTerritory) {
  // Petites Villes de demain: "communes rurales de moins de 20 000 habitants" (seed 003).
  // Joinville has 2 915 inhabitants, Chaumont 20 827.
  const json joinville = Search("per_page=100&territory=52250");
  const json chaumont = Search("per_page=100&territory=52121");
  auto has = [](const json& result, const std::string& slug) {
    const auto slugs = Slugs(result);
    return std::find(slugs.begin(), slugs.end(), slug) != slugs.end();
  };
  EXPECT_TRUE(has(joinville, "petites-villes-de-demain"));
  EXPECT_FALSE(has(chaumont, "petites-villes-de-demain"));
  // The condition is about communes: their intercommunalité and département still see it.
  EXPECT_TRUE(has(Search("per_page=100&territory=departement:52"), "petites-villes-de-demain"));
  EXPECT_EQ(joinville["total"].get<int>(), chaumont["total"].get<int>() + 2);  // the programme and its chef de projet
  // ANCT engineering is free for communes under 3 500 inhabitants (seed 003): "free offers
  // only" keeps it for Joinville, not for Chaumont, and counts it in the facet.
  const json free_joinville = Search("per_page=100&territory=52250&free=true");
  const json free_chaumont = Search("per_page=100&territory=52121&free=true");
  EXPECT_TRUE(has(free_joinville, "ingenierie-sur-mesure-anct"));
  EXPECT_FALSE(has(free_chaumont, "ingenierie-sur-mesure-anct"));
  EXPECT_EQ(joinville["facets"]["free"]["true"].get<int>(), free_joinville["total"].get<int>());
  // The offer itself says so.
  const json offer = GetJsonFrom(port(), "/api/v1/offers/petites-villes-de-demain");
  ASSERT_EQ(offer["population_conditions"].size(), 1u);
  EXPECT_EQ(offer["population_conditions"][0]["max_population"], 20000);
  EXPECT_EQ(offer["population_conditions"][0]["effect"], "eligibility");
}

TEST_F(SearchHttp, PublishedAfterAndNewestFirst) {
  const json all = Search("per_page=100");
  ASSERT_GT(all["total"].get<int>(), 0);
  const std::string published = all["items"][0]["published_at"];
  ASSERT_GE(published.size(), 10u);
  const std::string day = published.substr(0, 10);
  EXPECT_EQ(Search("per_page=100&published_after=" + day)["total"], all["total"]);
  EXPECT_EQ(Search("per_page=100&published_after=2999-01-01")["total"], 0);
  const json newest = Search("per_page=100&sort=newest");
  EXPECT_EQ(newest["query"]["sort"], "newest");
  for (std::size_t i = 1; i < newest["items"].size(); ++i) {
    EXPECT_GE(newest["items"][i - 1]["published_at"].get<std::string>(), newest["items"][i]["published_at"].get<std::string>());
  }
}

TEST_F(SearchHttp, OtherFiltersAndSorts) {
  const json free = Search("per_page=100&free=true");
  for (const auto& item : free["items"]) EXPECT_EQ(item["is_charged"], false) << item["slug"];
  const json calls = Search("per_page=100&call_for_projects=true");
  for (const auto& item : calls["items"]) EXPECT_EQ(item["is_call_for_projects"], true) << item["slug"];
  const json by_deadline = Search("per_page=100&deadline_before=2030-12-31");
  for (const auto& item : by_deadline["items"]) {
    ASSERT_TRUE(item["submission_deadline"].is_string()) << item["slug"];
    EXPECT_LE(item["submission_deadline"].get<std::string>(), "2030-12-31");
  }
  for (const char* sort : {"relevance", "deadline", "newest", "name", "perimeter"}) {
    const json sorted = Search(std::string("per_page=100&q=territoire&sort=") + sort);
    EXPECT_EQ(sorted["query"]["sort"], sort);
    EXPECT_EQ(sorted["total"], Search("per_page=100&q=territoire")["total"]) << sort;
  }
  const json closed = Search("per_page=100&status=closed");
  const json open = Search("per_page=100&status=open");
  EXPECT_EQ(closed["total"].get<int>() + open["total"].get<int>(), Search("per_page=100")["total"].get<int>());
}

TEST_F(SearchHttp, BadParametersGetProblemDetailsNamingTheParameter) {
  const std::string long_q(201, 'a');
  const std::vector<std::pair<std::string, std::string>> cases{
      {"page=-1", "page"},
      {"page=0", "page"},
      {"page=abc", "page"},
      {"per_page=0", "per_page"},
      {"per_page=101", "per_page"},
      {"q=" + long_q, "q"},
      {"q=" + std::string(10000, 'b'), "q"},
      {"deadline_before=2026-13-01", "deadline_before"},
      {"deadline_before=demain", "deadline_before"},
      {"deadline_before=2026-02-30", "deadline_before"},
      {"published_after=hier", "published_after"},
      {"published_after=2026-13-01", "published_after"},
      {"territory=ville:paris", "territory"},
      {"territory=commune:99999", "territory"},
      {"territory=99999", "territory"},
      {"audience=martiens", "audience"},
      {"type=cadeau", "type"},
      {"type_group=magic", "type_group"},
      {"stage=apres", "stage"},
      {"destination=lune", "destination"},
      {"theme=astrologie", "theme"},
      {"recurrence=parfois", "recurrence"},
      {"status=ouvert", "status"},
      {"call_for_projects=yes", "call_for_projects"},
      {"free=false", "free"},
      {"sort=random", "sort"},
      {"q=a&q=b", "q"},
  };
  for (const auto& [query, parameter] : cases) {
    const std::string target = "/api/v1/offers/search?" + query;
    HttpResponse r = HttpGet(port(), target);
    const int expected = 400;
    EXPECT_EQ(r.status, expected) << query << " " << r.body;
    EXPECT_EQ(r.headers["content-type"], "application/problem+json") << query;
    const json problem = json::parse(r.body);
    EXPECT_EQ(problem["status"], expected);
    EXPECT_NE(problem["detail"].get<std::string>().find("« " + parameter + " »"), std::string::npos)
        << query << ": " << problem["detail"];
  }
}

TEST(SearchFreshness, TheNextSearchAfterAnImportSeesTheChange) {
  TempDir dir;
  TestDatabase db = TestDatabase::Reference(dir);
  ServerProcess server(db.url());
  auto builds = [&] {
    const std::string metrics = HttpGet(server.port(), "/metrics").body;
    const std::string name = "\nboussole_search_index_builds ";
    const auto at = metrics.find(name);
    return at == std::string::npos ? -1 : std::stoi(metrics.substr(at + name.size()));
  };
  EXPECT_EQ(builds(), 1);  // at start, before any search
  const std::string target = "/api/v1/offers/search?q=zorglubienne";
  for (int i = 0; i < 2; ++i) EXPECT_EQ(GetJsonFrom(server.port(), target)["total"], 0);  // cached, too
  EXPECT_EQ(builds(), 1);

  const fs::path offers = dir.path() / "offers";
  fs::create_directories(offers);
  for (const auto& entry : fs::directory_iterator(fs::path(BOUSSOLE_SOURCE_DIR) / "data/offers")) {
    fs::copy_file(entry.path(), offers / entry.path().filename());
  }
  json doc;
  {
    std::ifstream in(offers / "france-services.json");
    doc = json::parse(in);
  }
  doc["name"] = doc["name"].get<std::string>() + " zorglubienne";
  std::ofstream(offers / "france-services.json") << doc.dump(2);
  CommandResult import = RunBoussole({"--database", db.url(), "import", "offers", "--from", offers.string()});
  ASSERT_EQ(import.exit_code, 0) << import.err;

  const json after = GetJsonFrom(server.port(), target);
  EXPECT_EQ(after["total"], 1);
  EXPECT_EQ(Slugs(after), std::vector<std::string>{"france-services"});
  EXPECT_EQ(builds(), 2);
}

}  // namespace
}  // namespace boussole::testing
