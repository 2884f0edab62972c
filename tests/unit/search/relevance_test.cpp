// The relevance suite of tests/search/relevance.json over the real catalogue and the real
// territories: every query must have its expected offers in the top 3.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "real_catalogue.h"

namespace boussole::search {
namespace {

TEST(RelevanceTest, EveryQueryHasItsOffersInTheTopThree) {
  const RealCatalogue catalogue = RealCatalogue::Load();
  const Ancestry& ancestry = *catalogue.ancestry;
  const OfferIndex* index = catalogue.index.get();

  std::ifstream file(BOUSSOLE_SOURCE_DIR "/tests/search/relevance.json");
  const nlohmann::json entries = nlohmann::json::parse(file);
  ASSERT_GE(entries.size(), 30u);
  std::ostringstream failures;
  std::size_t failed = 0;
  for (const auto& entry : entries) {
    SearchQuery query;
    query.text = entry.at("query").get<std::string>();
    query.today = "2026-11-25";
    if (entry.at("territory").is_string()) {
      query.territory = entry.at("territory").get<std::string>();
      ASSERT_TRUE(ancestry.Knows(query.territory)) << query.territory;
      query.covering = ancestry.Covering(query.territory);
    }
    query.per_page = 5;
    const SearchResult result = index->Search(query);
    bool ok = true;
    for (const auto& expected : entry.at("top3")) {
      bool found = false;
      for (std::size_t i = 0; i < result.hits.size() && i < 3; ++i) found = found || result.hits[i].slug == expected;
      ok = ok && found;
    }
    if (ok) continue;
    ++failed;
    failures << "\n« " << query.text << " » (" << query.territory << ") expects " << entry.at("top3").dump()
             << "; got:";
    for (const Hit& hit : result.hits) failures << " " << hit.slug << " [" << hit.matched_words << ", " << hit.score << "]";
    if (!result.suggestion.empty()) failures << " (suggestion: " << result.suggestion << ")";
  }
  EXPECT_EQ(failed, 0u) << failed << " of " << entries.size() << " queries fail:" << failures.str();
}

}  // namespace
}  // namespace boussole::search
