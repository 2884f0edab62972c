// data/programmes/fabriques.json against the seeds (issue 7, item 2): every quote word for
// word in its seed, every Fabrique of 2018–2024 there, the 2020 territories named.
#include <gtest/gtest.h>

#include <map>

#include "domain/programmes/history.h"
#include "support/seeds.h"

namespace boussole::programmes {
namespace {

const History& TheHistory() {
  static const History history = ReadHistory(std::filesystem::path(BOUSSOLE_SOURCE_DIR) / "data/programmes/fabriques.json");
  return history;
}

TEST(History, FileIsValid) {
  for (const auto& e : TheHistory().errors) ADD_FAILURE() << e;
  EXPECT_EQ(TheHistory().programmes.size(), 19u);
}

TEST(History, EveryQuoteAppearsInItsSeed) {
  std::size_t quotes = 0;
  auto check = [&](const Source& source, const std::string& what) {
    auto seed = testing::CollapsedSeeds().find(source.seed);
    ASSERT_NE(seed, testing::CollapsedSeeds().end()) << what << ": unknown seed " << source.seed;
    ++quotes;
    EXPECT_NE(seed->second.find(testing::CollapseWhitespace(source.quote)), std::string::npos)
        << what << ": not in " << source.seed << ": " << source.quote;
  };
  for (const Programme& p : TheHistory().programmes) {
    for (const Source& s : p.sources) check(s, p.slug);
    // The theme and every partner, verbatim, are in the first quote.
    ASSERT_FALSE(p.sources.empty());
    EXPECT_NE(p.sources[0].quote.find(p.title), std::string::npos) << p.slug;
    for (const Partner& partner : p.partners) {
      EXPECT_NE(p.sources[0].quote.find(partner.verbatim), std::string::npos) << p.slug << " " << partner.verbatim;
    }
  }
  for (const HistoryFigure& f : TheHistory().figures) check(f.source, f.label);
  EXPECT_GE(quotes, 19u + 3u * 3u);
}

TEST(History, ListsEveryYearAndTheThree2020Cohorts) {
  std::map<int, int> per_year;
  std::size_t territories = 0;
  for (std::size_t i = 0; i < TheHistory().programmes.size(); ++i) {
    ++per_year[TheHistory().programmes[i].year];
    territories += TheHistory().cohorts[i].size();
  }
  EXPECT_EQ(per_year, (std::map<int, int>{{2018, 3}, {2019, 3}, {2020, 3}, {2021, 3}, {2022, 3}, {2023, 3}, {2024, 1}}));
  EXPECT_EQ(territories, 16u) << "seed 003 names 16 territories (it publishes 20)";
}

TEST(History, NormalisesOnlyWhereCertainAndKeepsTheVerbatimText) {
  int corima = 0;
  for (const Programme& p : TheHistory().programmes) {
    for (const Partner& partner : p.partners) {
      if (partner.verbatim == "Corima") {
        ++corima;
        EXPECT_EQ(partner.normalised, "Cerema");
        EXPECT_FALSE(partner.note.empty());
      }
      if (partner.verbatim == "Adome") {
        EXPECT_EQ(partner.normalised, "") << "not certain: kept verbatim only";
      }
    }
  }
  EXPECT_EQ(corima, 4);
}

// Found by tests/fuzz/fuzz_programme_history: a year written as a float was cast to int,
// which is undefined behaviour when it is out of range (1e300).
TEST(History, AYearThatIsNotAWholeNumberIsRefusedNotCast) {
  for (const char* year : {"1e300", "2020.5", "-1", "\"2020\"", "99999999999"}) {
    const std::string text = std::string(R"({"figures":[{"label":"Fabriques","year":)") + year +
                             R"(,"published":"19","seed":"000","quote":"q"}],"programmes":[]})";
    const History history = ParseHistory(text);
    ASSERT_FALSE(history.errors.empty()) << year;
  }
  const History fine = ParseHistory(
      R"({"figures":[{"label":"F","year":2020,"published":"19","seed":"000","quote":"q"}],"programmes":[]})");
  EXPECT_TRUE(fine.errors.empty());
  ASSERT_EQ(fine.figures.size(), 1u);
  EXPECT_EQ(fine.figures[0].year, 2020);
}

}  // namespace
}  // namespace boussole::programmes
