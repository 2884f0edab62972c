// The workflow tables, the engine, the money rules and the directory's suggestions, without
// HTTP (the HTTP suite walks the same tables through a real server).
#include <gtest/gtest.h>

#include <set>

#include "domain/directory/resource.h"
#include "domain/requests/budget.h"
#include "domain/requests/engine.h"
#include "domain/requests/money.h"
#include "domain/requests/workflow.h"

namespace boussole::requests {
namespace {

TEST(WorkflowTables, AreConsistent) {
  ASSERT_EQ(Workflows().size(), 3u);
  for (const auto& w : Workflows()) {
    EXPECT_EQ(w.states.front().key, "brouillon") << w.key;
    for (const auto& t : w.transitions) {
      EXPECT_TRUE(FindState(w, t.to)) << w.key << " " << t.key << " → " << t.to;
      EXPECT_FALSE(t.parties.empty()) << w.key << " " << t.key;
      for (auto from : t.from) {
        ASSERT_TRUE(FindState(w, from)) << w.key << " " << t.key << " from " << from;
        EXPECT_FALSE(FindState(w, from)->final) << "a final state is left by " << t.key;
      }
      for (auto name : t.required) EXPECT_TRUE(FindField(name)) << name;
      for (auto name : t.optional) EXPECT_TRUE(FindField(name)) << name;
    }
    for (const auto& s : w.states) {
      EXPECT_EQ(s.final, TransitionsFrom(w, s.key).empty()) << w.key << " " << s.key;
    }
  }
  // The ANCT is asked only with a justification (seed 002).
  const Transition* transmit = FindTransition(*FindWorkflow("anct"), "examen_local", "transmettre");
  ASSERT_TRUE(transmit);
  EXPECT_EQ(transmit->required, std::vector<std::string_view>{"justifications"});
}

TEST(Engine, NamesTheStateAndNextStepsOnAnInvalidTransition) {
  Request r;
  r.workflow = "anct";
  r.state = "deposee";
  auto refused = CheckTransition(*FindWorkflow("anct"), r, "cloturer", {Party::kAnct});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "conflict");
  EXPECT_NE(refused.error().message.find("« Déposée »"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("« Prendre en charge »"), std::string::npos);
  auto forbidden = CheckTransition(*FindWorkflow("anct"), r, "prendre_en_charge", {Party::kCollectivite});
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().code, "forbidden");
  EXPECT_TRUE(CheckTransition(*FindWorkflow("anct"), r, "prendre_en_charge", {Party::kPrefecture}).ok());
}

TEST(Engine, ChecksTheFieldsOfATransition) {
  const Transition* transmit = FindTransition(*FindWorkflow("anct"), "examen_local", "transmettre");
  EXPECT_FALSE(CheckFields(*transmit, {}, false).ok());
  EXPECT_FALSE(CheckFields(*transmit, {{"justifications", "astrologie"}}, false).ok());
  auto kept = CheckFields(*transmit, {{"justifications", "fragilite,innovant_complexe"}, {"autre", "x"}}, false);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept.value(), (FieldValues{{"justifications", "fragilite,innovant_complexe"}}));
  const Transition* deliver = FindTransition(*FindWorkflow("anct"), "en_cours", "livrer");
  EXPECT_FALSE(CheckFields(*deliver, {}, false).ok());
  EXPECT_TRUE(CheckFields(*deliver, {}, true).ok());
  const Transition* answer = FindTransition(*FindWorkflow("anct"), "instruite_anct", "definir_reponse");
  EXPECT_FALSE(CheckFields(*answer, {{"mode", "equipe_anct"}, {"cout_euros", "-5"}}, false).ok());
}

TEST(Engine, PartiesComeFromMemberships) {
  Request r;
  r.organisation_id = 1;
  r.departement = "departement:52";
  r.assignee_id = 9;
  auto membership = [](std::int64_t id, organisations::Kind kind, std::optional<territories::TerritoryId> territory) {
    organisations::Membership m;
    m.organisation.id = id;
    m.organisation.kind = kind;
    m.organisation.territory = territory;
    return m;
  };
  using organisations::Kind;
  const territories::TerritoryId d52{territories::Kind::kDepartement, "52"};
  const territories::TerritoryId d73{territories::Kind::kDepartement, "73"};
  EXPECT_EQ(PartiesOf(r, {membership(1, Kind::kCollectivite, std::nullopt)}), std::set<Party>{Party::kCollectivite});
  EXPECT_EQ(PartiesOf(r, {membership(2, Kind::kDelegationTerritoriale, d52)}), std::set<Party>{Party::kPrefecture});
  EXPECT_TRUE(PartiesOf(r, {membership(3, Kind::kDelegationTerritoriale, d73)}).empty());
  EXPECT_EQ(PartiesOf(r, {membership(4, Kind::kAnct, std::nullopt)}), std::set<Party>{Party::kAnct});
  EXPECT_EQ(PartiesOf(r, {membership(9, Kind::kPrestataire, std::nullopt)}), std::set<Party>{Party::kAssignee});
  EXPECT_TRUE(PartiesOf(r, {membership(10, Kind::kOperateur, std::nullopt)}).empty());
}

TEST(Engine, TellsTheCollectiviteThoseWhoActedAndThoseWhoActNext) {
  const Workflow& anct = *FindWorkflow("anct");
  Request r;
  r.workflow = "anct";
  r.state = "brouillon";
  EXPECT_EQ(PartiesToTell(anct, r, {}), std::set<Party>{Party::kCollectivite}) << "a draft concerns its collectivité only";
  r.state = "deposee";
  EXPECT_EQ(PartiesToTell(anct, r, {Party::kCollectivite}), (std::set<Party>{Party::kCollectivite, Party::kPrefecture}));
  r.state = "transmise_anct";
  EXPECT_EQ(PartiesToTell(anct, r, {Party::kCollectivite, Party::kPrefecture}),
            (std::set<Party>{Party::kCollectivite, Party::kPrefecture, Party::kAnct}));
  // A step some other party may take is not told to it before it is handed the request.
  r.state = "engagee";
  EXPECT_EQ(PartiesToTell(anct, r, {Party::kAnct}), (std::set<Party>{Party::kCollectivite, Party::kAnct}));
  r.assignee_id = 9;
  EXPECT_EQ(PartiesToTell(anct, r, {Party::kAnct}), (std::set<Party>{Party::kCollectivite, Party::kAnct, Party::kAssignee}));
}

TEST(Money, AnctIsFreeUnder3500InhabitantsAndTheCeremaFreemiumSplits) {
  MoneyRules rules;
  rules.cerema_free_days = 3;
  Request anct;
  anct.workflow = "anct";
  anct.fields = {{"cout_euros", "30000"}, {"part_collectivite_euros", "5000"}};
  EXPECT_EQ(SplitCost(anct, 2915, rules)->collectivite, 0);
  EXPECT_EQ(SplitCost(anct, 2915, rules)->anct, 30000);
  EXPECT_EQ(SplitCost(anct, 3500, rules)->collectivite, 5000);  // by hand above the threshold
  EXPECT_EQ(SplitCost(anct, 3500, rules)->anct, 25000);
  Request cerema;
  cerema.workflow = "cerema";
  cerema.fields = {{"cout_euros", "20000"}, {"jours", "10"}};
  const auto split = SplitCost(cerema, 12067, rules);
  ASSERT_TRUE(split);
  EXPECT_EQ(split->collectivite, 7000);  // (20 000 − 3/10 × 20 000) × 50 %
  EXPECT_EQ(split->cerema, 13000);
  cerema.fields["jours"] = "2";  // within the free days: the Cerema pays it all
  EXPECT_EQ(SplitCost(cerema, 12067, rules)->collectivite, 0);
  Request atelier;
  atelier.workflow = "atelier";
  EXPECT_FALSE(SplitCost(atelier, 2915, rules));
}

TEST(Budget, ChecksTheYearAndTheAmountInFrench) {
  auto ok = CheckBudget("2026", "20 000 000");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().year, 2026);
  EXPECT_EQ(ok.value().amount_euros, 20000000);
  EXPECT_EQ(CheckBudget("2026", "25\u00a0000\u202f000").value().amount_euros, 25000000) << "no-break spaces";
  EXPECT_EQ(CheckBudget("2026", "0").value().amount_euros, 0);
  for (const char* year : {"", "1999", "2101", "26", "deux mille", "2026.5"}) {
    auto refused = CheckBudget(year, "1000");
    ASSERT_FALSE(refused.ok()) << year;
    EXPECT_EQ(refused.error().field, "year");
    EXPECT_NE(refused.error().message.find("Indiquez une année"), std::string::npos);
  }
  for (const char* amount : {"", "-5", "12,50", "vingt millions", "1000000000001"}) {
    auto refused = CheckBudget("2026", amount);
    ASSERT_FALSE(refused.ok()) << amount;
    EXPECT_EQ(refused.error().field, "amount") << amount;
  }
}

TEST(Budget, AStoredEnvelopeWinsOverTheDefault) {
  const auto merged = MergeEnvelopes({{2020, 10000000}, {2021, 20000000}}, {{2021, 22000000, 1, "", ""}, {2026, 5, 1, "", ""}});
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged.at(2020).amount_euros, 10000000);
  EXPECT_EQ(merged.at(2020).origin, EnvelopeOrigin::kDefault);
  EXPECT_EQ(merged.at(2021).amount_euros, 22000000);
  EXPECT_EQ(merged.at(2021).origin, EnvelopeOrigin::kStored);
  EXPECT_EQ(merged.at(2026).amount_euros, 5);
}

TEST(Directory, SuggestionsCoverTheCommuneOnlyAndPutLocalAndThemedFirst) {
  directory::Resource savoie{0, "ATD Savoie", "agence_technique", {}, "", {"departement:73"}, false, "", "", "departement:73", 0, "", "", ""};
  directory::Resource marne{0, "ATD Haute-Marne", "agence_technique", {}, "", {"departement:52"}, false, "", "", "departement:52", 0, "", "", ""};
  directory::Resource caue{0, "CAUE 52", "caue", {"urbanisme-logement-amenagement"}, "", {"departement:52"}, false, "", "", "", 0, "", "", ""};
  directory::Resource national{0, "Aaa national", "operateur", {}, "", {}, true, "", "", "", 0, "", "", ""};
  const std::set<std::string> joinville{"commune:52250", "departement:52", "region:44"};
  const auto out = directory::Suggestions({savoie, marne, caue, national}, joinville, "urbanisme-logement-amenagement");
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].name, "CAUE 52");
  EXPECT_EQ(out[1].name, "ATD Haute-Marne");
  EXPECT_EQ(out[2].name, "Aaa national");
  for (const auto& seeded : directory::SeededResources()) {
    EXPECT_TRUE(seeded.national);
    EXPECT_NE(seeded.source.find("Seed 00"), std::string::npos) << seeded.name;
    EXPECT_TRUE(seeded.contact.empty()) << "the seeds give no contact";
  }
}

}  // namespace
}  // namespace boussole::requests
