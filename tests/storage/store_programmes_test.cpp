// The programme tables, on every backend (issue 7): programmes with their phases, the
// history imported twice without duplicates, bounded places (cohort, stakeholders, seminar
// seats), themes ranked by support.
#include "domain/programmes/programme_rules.h"
#include "store_fixture.h"

namespace boussole::testing {
namespace {

using namespace programmes;

class ProgrammeStoreTest : public StoreTest {
 protected:
  std::int64_t Organisation(const std::string& name) {
    return store_->CreateOrganisation({organisations::Kind::kOperateur, name, std::nullopt}, "2026-11-25T10:00:00Z").id;
  }
  Programme NewProgramme(const std::string& type) {
    Programme p;
    p.slug = type + "-2026-1";
    p.type = type;
    p.title = "Programme";
    p.year = 2026;
    p.starts_on = "2026-01-15";
    p.partners = {{"Corima", "Cerema", "certain"}};
    return store_->CreateProgramme(p, InitialPhases(*FindProgrammeType(type)), "2026-11-25T10:00:00Z");
  }
};

TEST_P(ProgrammeStoreTest, CreatesAProgrammeWithItsPhasesTheFirstActive) {
  const Programme p = NewProgramme("fabrique");
  const auto found = store_->FindProgramme(p.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->partners[0].normalised, "Cerema");
  EXPECT_EQ(found->starts_on, "2026-01-15");
  auto phases = store_->PhasesOf(p.id);
  ASSERT_EQ(phases.size(), 5u);
  EXPECT_TRUE(phases[0].active);
  ASSERT_TRUE(store_->ActivatePhase(p.id, 3).ok());
  phases = store_->PhasesOf(p.id);
  EXPECT_FALSE(phases[0].active);
  EXPECT_TRUE(phases[2].active);
  EXPECT_FALSE(store_->ActivatePhase(p.id, 9).ok());
  EXPECT_TRUE(store_->SetPhaseDates(p.id, 1, "2026-01-01", "2026-02-01").ok());
  EXPECT_EQ(store_->PhasesOf(p.id)[0].ends_on, "2026-02-01");
}

TEST_P(ProgrammeStoreTest, ImportsTheHistoryTwiceWithoutDuplicates) {
  History history;
  Programme p;
  p.slug = "fabrique-2020-sites";
  p.type = "fabrique";
  p.title = "Sites industriels de demain";
  p.year = 2020;
  p.historic = true;
  p.sources = {{"000", "Sites industriels de demain"}};
  history.programmes = {p};
  history.cohorts = {{{0, "epci:200065928", "", "selected", "seed", "Lannion-Trégor Communauté (22)", ""}}};
  history.figures = {{"Fabriques 2020", 2020, "trois", {"003", "trois"}}};
  EXPECT_EQ(store_->ImportHistory(history, "2026-11-25T10:00:00Z").created, 1u);
  EXPECT_EQ(store_->ImportHistory(history, "2026-11-25T11:00:00Z").updated, 1u);
  const auto all = store_->ListProgrammes();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].historic);
  const auto cohort = store_->CohortOf(all[0].id);
  ASSERT_EQ(cohort.size(), 1u);
  EXPECT_EQ(cohort[0].name, "Lannion-Trégor Communauté (22)") << "no territories loaded: the verbatim text";
  EXPECT_EQ(store_->HistoryFigures().size(), 1u);
}

TEST_P(ProgrammeStoreTest, BoundsTheCohortTheStakeholdersAndTheSeats) {
  const Programme p = NewProgramme("projet_partage");
  for (const char* t : {"commune:52250", "commune:52121"}) {
    ASSERT_TRUE(store_->ProposeTerritory({p.id, t, "", "proposed", "anct", "", ""}, "2026-11-25T10:00:00Z").ok());
  }
  EXPECT_EQ(store_->ProposeTerritory({p.id, "commune:52250", "", "proposed", "anct", "", ""}, "now").error().code,
            "conflict");
  EXPECT_TRUE(store_->SelectTerritory(p.id, "commune:52250", 1).ok());
  EXPECT_EQ(store_->SelectTerritory(p.id, "commune:52121", 1).error().code, "full");
  EXPECT_EQ(store_->SelectTerritory(p.id, "commune:99999", 1).error().code, "not_found");

  std::vector<std::string> roles;
  for (int i = 0; i < 3; ++i) {
    roles.push_back(store_->RegisterParticipant(p.id, Organisation("C" + std::to_string(i)), "stakeholder", 2, "now").value());
  }
  EXPECT_EQ(roles, (std::vector<std::string>{"stakeholder", "stakeholder", "waitlist"}));
  const auto participants = store_->ParticipantsOf(p.id);
  ASSERT_EQ(participants.size(), 3u);
  EXPECT_EQ(participants[2].role, "waitlist");
  EXPECT_EQ(store_->ArbitrateWaitlist(p.id, participants[2].organisation_id, "stakeholder", 2).error().code, "full");
  EXPECT_TRUE(store_->ArbitrateWaitlist(p.id, participants[2].organisation_id, "observer", 2).ok());

  Seminar s;
  s.programme_id = p.id;
  s.kind = "local";
  s.number = 1;
  s.title = "Séminaire local 1";
  s.capacity = 1;
  const auto added = store_->AddSeminars({s}, "now");
  auto u1 = store_->CreateUser({"a@example.fr", "A", "h"}, "now").value();
  auto u2 = store_->CreateUser({"b@example.fr", "B", "h"}, "now").value();
  EXPECT_TRUE(store_->RegisterForSeminar(added[0].id, u1.id, "now").ok());
  EXPECT_EQ(store_->RegisterForSeminar(added[0].id, u1.id, "now").error().code, "conflict");
  EXPECT_EQ(store_->RegisterForSeminar(added[0].id, u2.id, "now").error().code, "full");
  EXPECT_EQ(store_->FindSeminar(added[0].id)->registered, 1);
  EXPECT_TRUE(store_->SetAttendance(added[0].id, u1.id, true).ok());
  EXPECT_TRUE(store_->RegistrationsOf(added[0].id)[0].attended);
}

TEST_P(ProgrammeStoreTest, RanksThemesBySupportAndSelectsOne) {
  const Programme p = NewProgramme("projet_partage");
  const auto a = Organisation("A"), b = Organisation("B");
  const Theme food = store_->ProposeTheme({0, p.id, "Alimentation", "Fiche", a, "", 0, false, ""}, "now");
  const Theme mobility = store_->ProposeTheme({0, p.id, "Mobilités", "", b, "", 0, false, ""}, "now");
  ASSERT_TRUE(store_->SupportTheme(mobility.id, a, "now").ok());
  ASSERT_TRUE(store_->SupportTheme(mobility.id, b, "now").ok());
  EXPECT_EQ(store_->SupportTheme(mobility.id, b, "now").error().code, "conflict");
  ASSERT_TRUE(store_->SupportTheme(food.id, a, "now").ok());
  const auto ranked = store_->ThemesOf(p.id);
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].title, "Mobilités");
  EXPECT_EQ(ranked[0].supports, 2);
  EXPECT_EQ(ranked[0].organisation_name, "B");
  ASSERT_TRUE(store_->SelectTheme(p.id, mobility.id).ok());
  EXPECT_EQ(store_->FindProgramme(p.id)->title, "Mobilités");
  EXPECT_TRUE(store_->FindTheme(mobility.id)->selected);
}

TEST_P(ProgrammeStoreTest, KeepsADeliverablesActionsAndTheRequestsOpenedFromIt) {
  const Programme p = NewProgramme("fabrique");
  files::FileRecord file;
  file.sha256 = std::string(64, 'b');
  file.size = 10;
  file.content_type = "application/pdf";
  file.original_name = "programme.pdf";
  Deliverable d;
  d.programme_id = p.id;
  d.territory_id = "commune:52250";
  d.title = "Programme d'actions détaillé";
  d.file_id = store_->AddFile(file, "2026-11-25T10:00:00Z").id;
  d.actions = "Créer une maison de santé\nRéhabiliter la halle";
  const Deliverable added = store_->AddDeliverable(d, "2026-11-25T10:00:00Z");
  EXPECT_EQ(store_->FindDeliverable(added.id)->actions, d.actions);
  EXPECT_EQ(store_->DeliverablesOf(p.id).at(0).actions, d.actions);

  const auto owner = store_->CreateOrganisation(
      {organisations::Kind::kCollectivite, "Joinville", territories::TerritoryId{territories::Kind::kCommune, "52250"}},
      "2026-11-25T10:00:00Z");
  requests::Request r;
  r.workflow = "anct";
  r.organisation_id = owner.id;
  r.territory = "commune:52250";
  r.departement = "departement:52";
  r.title = "Mise en œuvre";
  r.state = "brouillon";
  const requests::Request created = store_->CreateRequest(r, "2026-11-25T11:00:00Z");
  EXPECT_FALSE(store_->DeliverableRequestOf(created.id).has_value());
  ASSERT_TRUE(store_->LinkRequestToDeliverable(created.id, added.id, "2026-11-25T11:00:00Z").ok());
  const Status again = store_->LinkRequestToDeliverable(created.id, added.id, "2026-11-25T11:00:01Z");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_EQ(store_->LinkRequestToDeliverable(created.id + 100, added.id, "2026-11-25T11:00:00Z").error().code, "not_found");
  EXPECT_EQ(store_->LinkRequestToDeliverable(created.id, added.id + 100, "2026-11-25T11:00:00Z").error().code, "not_found");

  const auto origin = Reopen()->DeliverableRequestOf(created.id);
  ASSERT_TRUE(origin.has_value());
  EXPECT_EQ(origin->programme_id, p.id);
  EXPECT_EQ(origin->programme_title, "Programme");
  EXPECT_EQ(origin->deliverable_id, added.id);
  EXPECT_EQ(origin->deliverable_title, "Programme d'actions détaillé");
  EXPECT_EQ(origin->version, 1);
  EXPECT_EQ(origin->territory_id, "commune:52250");
  EXPECT_EQ(origin->request_title, "Mise en œuvre");
  EXPECT_EQ(origin->request_state, "brouillon");
  EXPECT_EQ(origin->request_organisation_id, owner.id);
  const auto listed = store_->DeliverableRequestsOf(p.id);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].request_id, created.id);
  EXPECT_TRUE(store_->DeliverableRequestsOf(p.id + 100).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ProgrammeStoreTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
