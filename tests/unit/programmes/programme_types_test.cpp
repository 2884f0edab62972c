// The programme types of domain/programmes: every rule carries its seed quote, and the
// rules are the ones the seeds give (issue 7, item 1); the seminars a type generates.
#include <gtest/gtest.h>

#include <map>

#include "domain/programmes/programme_rules.h"
#include "domain/programmes/programme_types.h"
#include "support/seeds.h"

namespace boussole::programmes {
namespace {

TEST(ProgrammeTypes, EveryQuoteAppearsInItsSeed) {
  ASSERT_FALSE(testing::CollapsedSeeds().empty());
  for (const ProgrammeType& type : ProgrammeTypes()) {
    EXPECT_GE(type.sources.size(), 3u) << type.key;
    for (const SeedQuote& source : type.sources) {
      auto seed = testing::CollapsedSeeds().find(std::string(source.seed));
      ASSERT_NE(seed, testing::CollapsedSeeds().end()) << source.seed;
      EXPECT_NE(seed->second.find(testing::CollapseWhitespace(std::string(source.quote))), std::string::npos)
          << type.key << ": not in " << source.seed << ": " << source.quote;
    }
  }
}

TEST(ProgrammeTypes, CarryTheRulesOfTheSeeds) {
  const ProgrammeType* fabrique = FindProgrammeType("fabrique");
  ASSERT_NE(fabrique, nullptr);
  EXPECT_EQ(fabrique->min_territories, 4);
  EXPECT_EQ(fabrique->max_territories, 8);
  EXPECT_EQ(fabrique->max_months, 12);
  EXPECT_EQ(fabrique->local_seminars, 4);
  EXPECT_EQ(fabrique->local_minutes, 240);
  EXPECT_EQ(fabrique->intersite_seminars, 4);
  EXPECT_EQ(fabrique->intersite_minutes, 300);
  EXPECT_EQ(fabrique->working_group_min, 15);
  EXPECT_EQ(fabrique->working_group_max, 20);
  EXPECT_EQ(fabrique->follow_up_months, 6);
  const ProgrammeType* shared = FindProgrammeType("projet_partage");
  ASSERT_NE(shared, nullptr);
  EXPECT_EQ(shared->min_territories, 3);
  EXPECT_EQ(shared->max_territories, 5);
  EXPECT_TRUE(shared->waitlist);
  EXPECT_TRUE(shared->observers);
  std::vector<std::string> keys;
  for (const auto& phase : shared->phases) keys.emplace_back(phase.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"propositions", "inscriptions", "prestataire", "diagnostic", "croisement",
                                            "creativite", "plan_action", "suites"}));
  const ProgrammeType* local = FindProgrammeType("atelier_local");
  ASSERT_NE(local, nullptr);
  EXPECT_EQ(local->min_months, 8);
  EXPECT_EQ(local->max_months, 12);
  EXPECT_EQ(local->local_seminars, 3);
  const ProgrammeType* flash = FindProgrammeType("atelier_flash");
  ASSERT_NE(flash, nullptr);
  EXPECT_EQ(flash->max_months, 3);
  EXPECT_EQ(flash->local_seminars, 1);
  EXPECT_EQ(FindProgrammeType("inconnu"), nullptr);
}

TEST(ProgrammeRules, AFabriqueOfFiveTerritoriesHasTwentyLocalAndFourIntersiteSeminars) {
  const ProgrammeType& type = *FindProgrammeType("fabrique");
  Programme p;
  p.id = 7;
  p.starts_on = "2026-01-15";
  auto seminars = GenerateSeminars(type, p, {"epci:1", "epci:2", "epci:3", "epci:4", "epci:5"});
  ASSERT_TRUE(seminars.ok()) << seminars.error().message;
  std::map<std::string, int> count, minutes;
  for (const Seminar& s : seminars.value()) {
    ++count[s.kind];
    minutes[s.kind] = s.minutes;
    EXPECT_EQ(s.programme_id, 7);
    EXPECT_EQ(s.starts_at.size(), 20u) << s.title;
  }
  EXPECT_EQ(count["local"], 20);
  EXPECT_EQ(count["intersite"], 4);
  EXPECT_EQ(count["suivi"], 1);
  EXPECT_EQ(minutes["local"], 240);
  EXPECT_EQ(minutes["intersite"], 300);
  EXPECT_EQ(seminars.value().back().starts_at.substr(0, 7), "2027-07") << "6 months after the 12 months";
}

TEST(ProgrammeRules, RefusesToGenerateOutsideTheBoundsOrWithoutAStart) {
  const ProgrammeType& type = *FindProgrammeType("fabrique");
  Programme p;
  EXPECT_FALSE(GenerateSeminars(type, p, {"a", "b", "c", "d"}).ok());
  p.starts_on = "2026-01-15";
  auto three = GenerateSeminars(type, p, {"a", "b", "c"});
  ASSERT_FALSE(three.ok());
  EXPECT_NE(three.error().message.find("4 à 8 territoires"), std::string::npos) << three.error().message;
}

TEST(ProgrammeRules, PhasesSwitchWhatPeopleMayDo) {
  const ProgrammeType& type = *FindProgrammeType("projet_partage");
  auto phases = InitialPhases(type);
  EXPECT_TRUE(CheckThemeSupportAllowed(type, phases).ok());
  EXPECT_FALSE(CheckDeliverablesAllowed(type, phases).ok());
  for (auto& phase : phases) phase.active = phase.key == "plan_action";
  EXPECT_FALSE(CheckThemeSupportAllowed(type, phases).ok());
  EXPECT_TRUE(CheckDeliverablesAllowed(type, phases).ok());
  for (auto& phase : phases) phase.active = phase.key == "creativite";
  const auto refused = CheckDeliverablesAllowed(type, phases);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("Le cycle de la créativité"), std::string::npos) << refused.error().message;
}

TEST(ProgrammeRules, WarnsOutsideFifteenToTwentyActors) {
  const ProgrammeType& type = *FindProgrammeType("fabrique");
  EXPECT_TRUE(WorkingGroupWarning(type, 12).has_value());
  EXPECT_FALSE(WorkingGroupWarning(type, 15).has_value());
  EXPECT_FALSE(WorkingGroupWarning(type, 20).has_value());
  EXPECT_TRUE(WorkingGroupWarning(type, 21).has_value());
  EXPECT_FALSE(WorkingGroupWarning(*FindProgrammeType("atelier_flash"), 2).has_value());
}

TEST(ProgrammeRules, AddsMonths) {
  EXPECT_EQ(AddMonths("2026-01-31", 1), "2026-02-28");
  EXPECT_EQ(AddMonths("2026-11-15", 3), "2027-02-15");
  EXPECT_EQ(AddMonths("2026-13-01", 1), "");
  EXPECT_FALSE(IsDate("2026-02-30"));
}

}  // namespace
}  // namespace boussole::programmes
