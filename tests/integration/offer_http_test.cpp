// The catalogue pages and API over real HTTP, on a copy of the real reference data.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "support/shared_server.h"

namespace boussole::testing {
namespace {

using nlohmann::json;

class OfferHttp : public SharedServerTest<OfferHttp> {
 protected:
  static json GetJson(const std::string& target) {
    HttpResponse r = HttpGet(port(), target);
    EXPECT_EQ(r.status, 200) << target << " " << r.body;
    return json::parse(r.body);
  }
};

TEST_F(OfferHttp, ListsAtLeast35OffersEachWithSources) {
  json first = GetJson("/api/v1/offers?per_page=100");
  EXPECT_GE(first["total"].get<int>(), 35);
  EXPECT_EQ(first["items"].size(), first["total"].get<std::size_t>());
  for (const auto& offer : first["items"]) {
    EXPECT_FALSE(offer["sources"].empty()) << offer["slug"];
    EXPECT_FALSE(offer["sources"][0]["quote"].get<std::string>().empty());
  }
}

TEST_F(OfferHttp, PagesAreStableAndComplete) {
  json all = GetJson("/api/v1/offers?per_page=100");
  std::set<std::string> seen;
  const int total = all["total"];
  for (int page = 1; page <= (total + 6) / 7; ++page) {
    json part = GetJson("/api/v1/offers?per_page=7&page=" + std::to_string(page));
    EXPECT_EQ(part["page"], page);
    for (const auto& offer : part["items"]) EXPECT_TRUE(seen.insert(offer["slug"]).second);
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(total));
  EXPECT_TRUE(GetJson("/api/v1/offers?per_page=7&page=1000")["items"].empty());
}

TEST_F(OfferHttp, BadPagingGetsProblemDetails) {
  for (const char* target : {"/api/v1/offers?per_page=101", "/api/v1/offers?per_page=0",
                             "/api/v1/offers?page=abc", "/api/v1/offers?page=-1",
                             "/api/v1/offers?territory=ville:paris"}) {
    HttpResponse r = HttpGet(port(), target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.headers["content-type"], "application/problem+json") << target;
    EXPECT_FALSE(json::parse(r.body)["detail"].get<std::string>().empty());
  }
  EXPECT_EQ(HttpGet(port(), "/api/v1/offers?territory=99999").status, 400);
}

TEST_F(OfferHttp, OfferDetailCarriesTheSeedFacts) {
  json atelier = GetJson("/api/v1/offers/atelier-des-territoires-flash");
  EXPECT_EQ(atelier["mobilization_steps"], json::array({"preop"}));
  EXPECT_EQ(atelier["destinations"], json::array({"supply"}));
  EXPECT_EQ(HttpGet(port(), "/api/v1/offers/n-existe-pas").status, 404);
}

TEST_F(OfferHttp, TerritoryFilterKeepsOffersWhosePerimeterCoversIt) {
  json national = GetJson("/api/v1/offers?per_page=100");
  json chambery = GetJson("/api/v1/offers?per_page=100&territory=73065");
  EXPECT_GT(chambery["total"].get<int>(), 0);
  EXPECT_LE(chambery["total"], national["total"]);
  for (const auto& offer : chambery["items"]) {
    const std::string perimeter = offer["perimeter"];
    EXPECT_TRUE(perimeter == "pays:FR" || perimeter == "region:84" || perimeter == "departement:73" ||
                perimeter == "commune:73065" || perimeter.rfind("epci:", 0) == 0)
        << perimeter;
  }
}

TEST_F(OfferHttp, OfferPageShowsWhatTheAidesTerritoiresPageShows) {
  HttpResponse page = HttpGet(port(), "/offres/atelier-des-territoires-local");
  ASSERT_EQ(page.status, 200);
  for (const char* part : {"Critères d'éligibilité", "Réflexion / conception", "Dépenses de fonctionnement",
                           "Description", "Contact", "Sources", "004_b5224686867642cb.txt"}) {
    EXPECT_NE(page.body.find(part), std::string::npos) << part;
  }
}

TEST_F(OfferHttp, OfferListPageFiltersByTerritoryAndPaginates) {
  HttpResponse page = HttpGet(port(), "/offres?territoire=commune:73065");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Offres disponibles pour Chambéry"), std::string::npos);
  HttpResponse all = HttpGet(port(), "/offres?page=2");
  EXPECT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("aria-current=\"page\" title=\"Page 2\""), std::string::npos);
  EXPECT_EQ(HttpGet(port(), "/offres?page=zero").status, 400);
  const HttpResponse unknown = HttpGet(port(), "/offres?territoire=commune:99999");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("Le paramètre « territoire » désigne un territoire inconnu"), std::string::npos);
  EXPECT_EQ(HttpGet(port(), "/offres/n-existe-pas").status, 404);
}

TEST_F(OfferHttp, HomePageStartsTheJourney) {
  HttpResponse home = HttpGet(port(), "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Quel est votre territoire ?"), std::string::npos);
  EXPECT_NE(home.body.find("Quel est votre projet ?"), std::string::npos);
}

}  // namespace
}  // namespace boussole::testing
