// The national figures page over real HTTP (issue 8, items 5 and 6): every computed figure
// equals a direct count; each chart's table and CSV agree with the search; the ANCT's
// published figures are quoted word for word from the seeds and labelled as such.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/seeds.h"
#include "support/shared_server.h"

namespace boussole::testing {
namespace {

using nlohmann::json;

class FiguresHttp : public SharedServerTest<FiguresHttp> {
 protected:
  static std::string Sql(const std::string& sql) {
    std::string rows = QueryRows(database_url(), sql);
    if (!rows.empty() && rows.back() == '\n') rows.pop_back();
    return rows;
  }
};

TEST_F(FiguresHttp, ComputedFiguresEqualDirectCounts) {
  HttpResponse page = HttpGet(port(), "/chiffres");
  ASSERT_EQ(page.status, 200);
  auto shows = [&](const std::string& value, const std::string& label) {
    return page.body.find("<p class=\"fr-callout__title\">" + value + "</p><p class=\"fr-callout__text\">" + label) !=
           std::string::npos;
  };
  EXPECT_TRUE(shows(Sql("SELECT COUNT(*) FROM offers WHERE status = 'published'"), "Offres publiées dans le catalogue"));
  const json open = json::parse(HttpGet(port(), "/api/v1/offers/search?status=open&per_page=1").body);
  EXPECT_TRUE(shows(std::to_string(open["total"].get<int>()), "Offres ouvertes aujourd&apos;hui"));
  EXPECT_TRUE(shows(Sql("SELECT COUNT(DISTINCT perimeter_id) FROM offers WHERE status = 'published'"
                        " AND perimeter_id IS NOT NULL AND perimeter_id <> 'pays:FR'"),
                    "Territoires visés par une offre locale"));
  EXPECT_TRUE(shows(Sql("SELECT COUNT(*) FROM projects WHERE published_at IS NOT NULL AND is_public = 1"),
                    "Fiches publiées dans la projetothèque"));
  EXPECT_TRUE(shows(Sql("SELECT COUNT(*) FROM organisations"), "Organisations inscrites"));
  // The chart components load only here, over tables with the same figures.
  EXPECT_NE(page.body.find("/static/dsfr-chart/DSFRChart/DSFRChart.js"), std::string::npos);
  EXPECT_EQ(HttpGet(port(), "/static/dsfr-chart/DSFRChart/DSFRChart.js").status, 200);
  EXPECT_EQ(HttpGet(port(), "/offres").body.find("DSFRChart.js"), std::string::npos);
}

TEST_F(FiguresHttp, EachChartDownloadsItsTableAsCsv) {
  const json open = json::parse(HttpGet(port(), "/api/v1/offers/search?status=open&per_page=1").body);
  HttpResponse csv = HttpGet(port(), "/chiffres/offres-par-type.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFlibellé;offres\r\n", 0), 0u);
  std::size_t rows = 0;
  for (const auto& [type, count] : open["facets"]["type"].items()) {
    if (count.get<int>() == 0) continue;
    ++rows;
    EXPECT_NE(csv.body.find(";" + std::to_string(count.get<int>()) + "\r\n"), std::string::npos) << type;
  }
  EXPECT_EQ(static_cast<std::size_t>(std::count(csv.body.begin(), csv.body.end(), '\n')), rows + 1);
  EXPECT_EQ(HttpGet(port(), "/chiffres/inconnu.csv").status, 404);
  EXPECT_EQ(HttpGet(port(), "/chiffres/offres-par-type").status, 404);
}

TEST_F(FiguresHttp, PublishedFiguresAreQuotedFromTheSeedsAndLabelled) {
  std::ifstream in(std::filesystem::path(BOUSSOLE_SOURCE_DIR) / "data/figures/published.json");
  const json published = json::parse(in);
  ASSERT_FALSE(published["figures"].empty());
  const std::string page = HttpGet(port(), "/chiffres").body;
  EXPECT_NE(page.find("<h2 class=\"fr-mt-6w\">Chiffres publiés par l'ANCT</h2>"), std::string::npos);
  for (const auto& figure : published["figures"]) {
    const std::string quote = CollapseWhitespace(figure["quote"]);
    const std::string seed = figure["seed"];
    bool found = false;
    for (const auto& [file, text] : CollapsedSeeds()) {
      if (file.rfind(seed + "_", 0) == 0) found = text.find(quote) != std::string::npos;
    }
    EXPECT_TRUE(found) << figure["key"] << ": « " << quote << " » is not in seed " << seed;
    EXPECT_NE(quote.find(figure["value"].get<std::string>()), std::string::npos)
        << figure["key"] << ": the value must be in its quote";
  }
}

}  // namespace
}  // namespace boussole::testing
