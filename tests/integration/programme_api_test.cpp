// Programmes and cohorts through the JSON API (issue 7, item 9), on the backend of
// BOUSSOLE_TEST_BACKEND: the ANCT creates a Fabrique and fills its cohort up to the type's
// maximum (the 9th territory refused with its message), a projet partagé takes stakeholders
// until full and puts the next candidate on the waitlist with its message, the ANCT
// arbitrates and opens phases; each refusal is a problem detail (403 by role, 400 naming the
// field with nothing stored, 404, 409); two simultaneous registrations for the last
// stakeholder place never both get it.
#include <gtest/gtest.h>

#include <latch>
#include <set>
#include <nlohmann/json.hpp>
#include <thread>

#include "storage/store.h"
#include "programme_organisations.h"
#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"

namespace boussole::testing {
namespace {

using nlohmann::json;

// Communes of Haute-Marne, all in the COG.
const std::vector<std::string> kCohortCommunes = {"52250", "52121", "52448", "52001", "52002", "52003", "52004", "52005",
                                            "52006", "52007", "52008", "52009", "52011", "52012"};

class ProgrammeApi : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()}});
    const ProgrammeOrganisations created = CreateProgrammeOrganisations(db_->url(), kCohortCommunes);
    anct_ = created.anct;
    collectivites_ = created.collectivites;
  }

  // A confirmed account, member of `organisations`, with an API token.
  FormBrowser Member(const std::string& local, const std::vector<std::int64_t>& organisations) {
    FormBrowser browser = MemberOf(server_->port(), db_->url(), local, organisations);
    EXPECT_FALSE(CreateApiToken(browser).empty());
    return browser;
  }

  std::string Count(const std::string& table) {
    const std::string rows = QueryRows(db_->url(), "SELECT COUNT(*) FROM " + table);
    return rows.substr(0, rows.find('\n'));
  }

  // POST /api/v1/organisations/{anct}/programmes; the programme's API path.
  std::string Create(FormBrowser& anct, const std::string& type, const std::string& title) {
    HttpResponse r = anct.SendJson("POST", "/api/v1/organisations/" + std::to_string(anct_) + "/programmes",
                                   json{{"type", type}, {"title", title}, {"year", 2026}, {"starts_on", "2026-01-15"}}.dump());
    EXPECT_EQ(r.status, 201) << r.body.substr(0, 500);
    EXPECT_EQ(r.headers["location"], "/api/v1/programmes/" + std::to_string(json::parse(r.body)["id"].get<int>()));
    return r.headers["location"];
  }

  json Cohort(FormBrowser& browser, const std::string& programme) {
    HttpResponse r = browser.Get(programme + "/cohort");
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
    return json::parse(r.body);
  }

  std::string Org(std::size_t i) const { return std::to_string(collectivites_[i]); }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
  std::int64_t anct_ = 0;
  std::vector<std::int64_t> collectivites_;
};

// The problem's detail, checked to be one.
std::string Detail(const HttpResponse& r) {
  EXPECT_EQ(r.headers.count("content-type") ? r.headers.at("content-type") : "", "application/problem+json") << r.body;
  const json problem = json::parse(r.body, nullptr, false);
  return problem.is_object() ? problem.value("detail", "") : "";
}

TEST_F(ProgrammeApi, TheAnctCreatesAFabriqueAndFillsItsCohortUpToEightTerritories) {
  FormBrowser anct = Member("pvi", {anct_});
  FormBrowser elu = Member("elu", {collectivites_[10]});
  const std::string create = "/api/v1/organisations/" + std::to_string(anct_) + "/programmes";
  // Bad input: the field named, nothing stored.
  const std::string before = Count("programmes");
  HttpResponse bad = anct.SendJson("POST", create, R"({"type": "fabrique", "title": "X", "year": 2026, "starts_on": "2026-02-30"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(Detail(bad).find("La date de début doit être une date valide (AAAA-MM-JJ). (champ « starts_on »)"), std::string::npos)
      << bad.body;
  EXPECT_NE(Detail(anct.SendJson("POST", create, R"({"type": "inconnu", "title": "X", "year": 2026})")).find("« type »"),
            std::string::npos);
  EXPECT_NE(Detail(anct.SendJson("POST", create, R"({"type": "fabrique", "title": "X"})")).find("« year »"), std::string::npos);
  EXPECT_EQ(HttpRequest(server_->port(), "POST", create, "type=fabrique",
                        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Authorization", "Bearer " + anct.api_token()}})
                .status,
            415);
  EXPECT_EQ(Count("programmes"), before) << "nothing stored on bad input";
  // Only the ANCT's members create, for the ANCT.
  EXPECT_EQ(elu.SendJson("POST", create, R"({"type": "fabrique", "title": "X", "year": 2026})").status, 403);
  HttpResponse not_pilot = elu.SendJson("POST", "/api/v1/organisations/" + Org(10) + "/programmes",
                                        R"({"type": "fabrique", "title": "X", "year": 2026})");
  EXPECT_EQ(not_pilot.status, 400);
  EXPECT_NE(Detail(not_pilot).find("Seule l'ANCT"), std::string::npos);
  EXPECT_EQ(Count("programmes"), before);

  const std::string programme = Create(anct, "fabrique", "Sobriété foncière");
  const json created = json::parse(anct.Get(programme).body);
  EXPECT_EQ(created["ends_on"], "2027-01-15") << "12 months";
  EXPECT_EQ(created["active_phase"], created["phases"][0]["label"]);

  // Nine territories proposed by the ANCT, eight selected; the ninth refused with its message.
  for (std::size_t i = 0; i < 9; ++i) {
    HttpResponse r = anct.SendJson("POST", programme + "/territories", json{{"territory", kCohortCommunes[i]}}.dump());
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(json::parse(r.body)["proposed_territories"].size(), 1u);
    if (i < 8) {
      EXPECT_EQ(anct.SendJson("POST", programme + "/territories/commune:" + kCohortCommunes[i] + "/selection").status, 200);
    }
  }
  HttpResponse ninth = anct.SendJson("POST", programme + "/territories/commune:" + kCohortCommunes[8] + "/selection");
  EXPECT_EQ(ninth.status, 409);
  EXPECT_NE(Detail(ninth).find("réunit 4 à 8 territoires, et 8 sont déjà sélectionnés"), std::string::npos) << ninth.body;
  json cohort = Cohort(elu, programme);
  EXPECT_EQ(cohort["territory_count"], 8);
  EXPECT_EQ(cohort["places_left"], 0);
  EXPECT_EQ(cohort["max_territories"], 8);
  EXPECT_EQ(anct.SendJson("POST", programme + "/territories", json{{"territory", kCohortCommunes[0]}}.dump()).status, 409)
      << "already in the cohort";
  // Removed, then the ninth fits.
  EXPECT_EQ(elu.SendJson("DELETE", programme + "/territories/commune:" + kCohortCommunes[7]).status, 403);
  HttpResponse removed = anct.SendJson("DELETE", programme + "/territories/commune:" + kCohortCommunes[7]);
  ASSERT_EQ(removed.status, 200);
  EXPECT_EQ(json::parse(removed.body)["places_left"], 1);
  EXPECT_EQ(anct.SendJson("DELETE", programme + "/territories/commune:" + kCohortCommunes[7]).status, 404);
  EXPECT_EQ(anct.SendJson("POST", programme + "/territories/commune:" + kCohortCommunes[8] + "/selection").status, 200);
  EXPECT_EQ(elu.SendJson("POST", programme + "/territories/commune:" + kCohortCommunes[9] + "/selection").status, 403);

  // A collectivité says its interest for its own territory only; bad territories are named.
  const std::string org10 = Org(10);
  HttpResponse own = elu.SendJson("POST", programme + "/territories", R"({"territory": ")" + kCohortCommunes[10] +
                                                                          R"(", "organisation_id": )" + org10 + "}");
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(json::parse(own.body)["proposed_territories"].back()["origin"], "candidature");
  EXPECT_EQ(elu.SendJson("POST", programme + "/territories", R"({"territory": ")" + kCohortCommunes[11] +
                                                                  R"(", "organisation_id": )" + org10 + "}")
                .status,
            403);
  const std::string territories_before = Count("programme_territories");
  HttpResponse unknown = elu.SendJson("POST", programme + "/territories", R"({"territory": "99999", "organisation_id": )" + org10 + "}");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(Detail(unknown).find("Territoire introuvable : « 99999 »"), std::string::npos);
  EXPECT_NE(Detail(unknown).find("(champ « territory »)"), std::string::npos);
  EXPECT_EQ(elu.SendJson("POST", programme + "/territories", R"({"territory": "52", "organisation_id": )" + org10 + "}").status,
            400)
      << "a département";
  EXPECT_EQ(elu.SendJson("POST", programme + "/territories", R"({"territory": 52250})").status, 400);
  EXPECT_EQ(Count("programme_territories"), territories_before);

  // People of a selected territory: the ANCT or the territory's collectivité.
  HttpResponse person = anct.SendJson("POST", programme + "/people",
                                      R"({"territory": "commune:52250", "group": "groupe_local", "name": "Acteur 1", "kind": "association"})");
  ASSERT_EQ(person.status, 201) << person.body;
  EXPECT_EQ(json::parse(person.body)["people"].size(), 1u);
  std::string warning;
  const json with_person = json::parse(person.body);
  for (const auto& w : with_person["working_group_warnings"]) {
    if (w["territory_id"] == "commune:52250") warning = w["message"].get<std::string>();
  }
  EXPECT_NE(warning.find("Le groupe de travail local compte 1"), std::string::npos) << warning;
  EXPECT_EQ(elu.SendJson("POST", programme + "/people", R"({"territory": "commune:52250", "group": "elu", "name": "Intrus"})").status,
            403);
  HttpResponse survey = anct.SendJson("POST", programme + "/people", R"({"territory": "commune:52250", "group": "groupe_enquete", "name": "X"})");
  EXPECT_EQ(survey.status, 400);
  EXPECT_NE(Detail(survey).find("propre aux projets partagés. (champ « group »)"), std::string::npos) << survey.body;
  EXPECT_EQ(anct.SendJson("POST", programme + "/people", R"({"territory": "commune:52250", "group": "elu", "name": "X", "age": 3})").status,
            400);
  EXPECT_EQ(Cohort(elu, programme)["people"].size(), 1u) << "nothing stored on bad input";

  // Phases: dated and opened by the ANCT only.
  const std::string phase = programme + "/phases/4";
  HttpResponse backwards = anct.SendJson("PATCH", phase, R"({"starts_on": "2026-09-01", "ends_on": "2026-06-01", "active": true})");
  EXPECT_EQ(backwards.status, 400);
  EXPECT_NE(Detail(backwards).find("La fin de la phase précède son début. (champ « ends_on »)"), std::string::npos);
  EXPECT_EQ(json::parse(anct.Get(programme).body)["active_phase"], created["phases"][0]["label"]) << "nothing stored";
  EXPECT_EQ(anct.SendJson("PATCH", phase, "{}").status, 400);
  EXPECT_EQ(elu.SendJson("PATCH", phase, R"({"active": true})").status, 403);
  EXPECT_EQ(anct.SendJson("PATCH", programme + "/phases/99", R"({"active": true})").status, 404);
  HttpResponse opened = anct.SendJson("PATCH", phase, R"({"starts_on": "2026-06-01", "ends_on": "2026-09-01", "active": true})");
  ASSERT_EQ(opened.status, 200) << opened.body;
  const json after = json::parse(opened.body);
  EXPECT_EQ(after["active_phase"], after["phases"][3]["label"]);
  EXPECT_EQ(after["phases"][3]["starts_on"], "2026-06-01");
  EXPECT_TRUE(after["phases"][3]["active"].get<bool>());
  EXPECT_FALSE(after["phases"][0]["active"].get<bool>());
  // A Fabrique takes no registrations.
  HttpResponse registration = elu.SendJson("POST", programme + "/registrations", R"({"organisation_id": )" + org10 + R"(, "role": "observer"})");
  EXPECT_EQ(registration.status, 400);
  EXPECT_NE(Detail(registration).find("ne prend pas d'inscriptions"), std::string::npos);
}

TEST_F(ProgrammeApi, AProjetPartageTakesFiveStakeholdersThenWaitlistsTheSixthAndTheAnctArbitrates) {
  FormBrowser anct = Member("pvi", {anct_});
  FormBrowser elue = Member("elue", collectivites_);
  FormBrowser other = Member("autre", {collectivites_[0]});
  const std::string programme = Create(anct, "projet_partage", "Territoires en commun 2026");
  ASSERT_EQ(anct.SendJson("PATCH", programme + "/phases/2", R"({"active": true})").status, 200);
  auto registration = [&](std::size_t i, const std::string& role) {
    return R"({"organisation_id": )" + Org(i) + R"(, "role": ")" + role + R"("})";
  };
  for (std::size_t i = 0; i < 5; ++i) {
    HttpResponse r = elue.SendJson("POST", programme + "/registrations", registration(i, "stakeholder"));
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(json::parse(r.body)["role"], "stakeholder");
    EXPECT_EQ(json::parse(r.body)["message"], "Votre collectivité est inscrite comme partie prenante.");
  }
  for (std::size_t i = 5; i < 12; ++i) {
    EXPECT_EQ(elue.SendJson("POST", programme + "/registrations", registration(i, "observer")).status, 201);
  }
  HttpResponse sixth = elue.SendJson("POST", programme + "/registrations", registration(12, "stakeholder"));
  ASSERT_EQ(sixth.status, 201);
  const json waiting = json::parse(sixth.body);
  EXPECT_EQ(waiting["role"], "waitlist");
  EXPECT_TRUE(waiting["waiting"].get<bool>());
  EXPECT_NE(waiting["message"].get<std::string>().find("Les 5 places de partie prenante sont prises"), std::string::npos)
      << waiting["message"];
  EXPECT_NE(waiting["message"].get<std::string>().find("l'ANCT arbitrera"), std::string::npos);
  json cohort = Cohort(other, programme);
  EXPECT_EQ(cohort["stakeholder_count"], 5);
  EXPECT_EQ(cohort["observer_count"], 7);
  EXPECT_EQ(cohort["waitlist_count"], 1);
  EXPECT_EQ(cohort["places_left"], 0);
  EXPECT_EQ(cohort["participants"][5]["organisation_id"], collectivites_[12]) << "the waitlist after the stakeholders";
  EXPECT_EQ(cohort["participants"][5]["role"], "waitlist");

  // Refusals: registered once, for one's own organisation, a known role; nothing stored.
  const std::string before = Count("programme_participants");
  HttpResponse twice = elue.SendJson("POST", programme + "/registrations", registration(0, "observer"));
  EXPECT_EQ(twice.status, 409);
  EXPECT_NE(Detail(twice).find("est déjà inscrite à ce projet partagé"), std::string::npos);
  EXPECT_EQ(other.SendJson("POST", programme + "/registrations", registration(13, "observer")).status, 403);
  HttpResponse role = elue.SendJson("POST", programme + "/registrations", registration(13, "spectatrice"));
  EXPECT_EQ(role.status, 400);
  EXPECT_NE(Detail(role).find("(champ « role »)"), std::string::npos) << role.body;
  HttpResponse unknown = elue.SendJson("POST", programme + "/registrations", R"({"organisation_id": 999999, "role": "observer"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(Detail(unknown).find("(champ « organisation_id »)"), std::string::npos) << unknown.body;
  EXPECT_EQ(elue.SendJson("POST", programme + "/registrations", R"({"role": "observer"})").status, 400);
  EXPECT_EQ(Count("programme_participants"), before);
  EXPECT_EQ(elue.SendJson("POST", "/api/v1/programmes/999999/registrations", registration(13, "observer")).status, 404);

  // The ANCT arbitrates: no 6th stakeholder while 5 are; an observer then.
  const std::string arbitration = programme + "/registrations/" + Org(12) + "/arbitration";
  EXPECT_EQ(elue.SendJson("POST", arbitration, R"({"role": "stakeholder"})").status, 403);
  HttpResponse full = anct.SendJson("POST", arbitration, R"({"role": "stakeholder"})");
  EXPECT_EQ(full.status, 409);
  EXPECT_NE(Detail(full).find("Les 5 places de partie prenante sont prises : libérez-en une"), std::string::npos);
  EXPECT_EQ(anct.SendJson("POST", arbitration, R"({"role": "membre"})").status, 400);
  EXPECT_EQ(anct.SendJson("POST", programme + "/registrations/" + Org(0) + "/arbitration", R"({"role": "observer"})").status, 404)
      << "not waiting";
  HttpResponse decided = anct.SendJson("POST", arbitration, R"({"role": "observer"})");
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(json::parse(decided.body)["role"], "observer");
  cohort = Cohort(anct, programme);
  EXPECT_EQ(cohort["observer_count"], 8);
  EXPECT_EQ(cohort["waitlist_count"], 0);

  // The named steps of seed 001, from the action plan's phase on.
  const std::string adoption = R"({"territory": "commune:52250", "step": "adoption", "done_on": "2026-06-12")";
  HttpResponse early = elue.SendJson("POST", programme + "/steps", adoption + R"(, "reference": "DEL-2026-042"})");
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(Detail(early).find("à partir de la phase « Production et validation du plan d'action »"), std::string::npos);
  ASSERT_EQ(anct.SendJson("PATCH", programme + "/phases/7", R"({"active": true})").status, 200);
  HttpResponse no_reference = elue.SendJson("POST", programme + "/steps", adoption + "}");
  EXPECT_EQ(no_reference.status, 400);
  EXPECT_NE(Detail(no_reference).find("(champ « reference »)"), std::string::npos);
  EXPECT_EQ(elue.SendJson("POST", programme + "/steps",
                          R"({"territory": "commune:52003", "step": "adoption", "done_on": "2026-06-12", "reference": "X"})")
                .status,
            400)
      << "an observer's territory";
  EXPECT_EQ(Count("programme_step_records"), "0");
  EXPECT_EQ(other.SendJson("POST", programme + "/steps",
                           R"({"territory": "commune:52121", "step": "adoption", "done_on": "2026-06-12", "reference": "X"})")
                .status,
            403)
      << "another territory's collectivité";
  HttpResponse recorded = elue.SendJson("POST", programme + "/steps", adoption + R"(, "reference": "DEL-2026-042"})");
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(json::parse(recorded.body)["step_records"][0]["reference"], "DEL-2026-042");
}

TEST_F(ProgrammeApi, APastOrUnknownProgrammeIsNotChanged) {
  FormBrowser admin = SignedInBrowser(server_->port(), db_->url(), "admin@example.fr", true);
  ASSERT_FALSE(CreateApiToken(admin).empty());
  const std::string historic = QueryRows(db_->url(), "SELECT MIN(id) FROM programmes WHERE historic = 1");
  const std::string past = "/api/v1/programmes/" + historic.substr(0, historic.find('\n'));
  HttpResponse refused = admin.SendJson("POST", past + "/territories", R"({"territory": "52250"})");
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(Detail(refused).find("Ce programme est passé"), std::string::npos);
  EXPECT_EQ(admin.SendJson("PATCH", past + "/phases/1", R"({"active": true})").status, 409);
  EXPECT_EQ(admin.Get(past + "/cohort").status, 200);
  EXPECT_EQ(admin.Get("/api/v1/programmes/999999/cohort").status, 404);
  EXPECT_EQ(admin.SendJson("PATCH", "/api/v1/programmes/999999/phases/1", R"({"active": true})").status, 404);
  EXPECT_EQ(admin.SendJson("POST", "/api/v1/organisations/999999/programmes", R"({"type": "fabrique", "title": "X", "year": 2026})").status,
            404);
}

TEST_F(ProgrammeApi, TwoSimultaneousRegistrationsForTheLastStakeholderPlaceNeverBothGetIt) {
  FormBrowser anct = Member("pvi", {anct_});
  FormBrowser first = Member("premiere", {collectivites_[4]});
  FormBrowser second = Member("seconde", {collectivites_[5]});
  FormBrowser elue = Member("elue", {collectivites_[0], collectivites_[1], collectivites_[2], collectivites_[3]});
  constexpr int kRounds = 4;
  for (int round = 0; round < kRounds; ++round) {
    const std::string programme = Create(anct, "projet_partage", "Projet " + std::to_string(round));
    ASSERT_EQ(anct.SendJson("PATCH", programme + "/phases/2", R"({"active": true})").status, 200);
    for (std::size_t i = 0; i < 4; ++i) {
      ASSERT_EQ(elue.SendJson("POST", programme + "/registrations", R"({"organisation_id": )" + Org(i) + R"(, "role": "stakeholder"})").status,
                201);
    }
    std::latch start(2);
    HttpResponse a, b;
    std::thread ta([&] {
      start.arrive_and_wait();
      a = first.SendJson("POST", programme + "/registrations", R"({"organisation_id": )" + Org(4) + R"(, "role": "stakeholder"})");
    });
    std::thread tb([&] {
      start.arrive_and_wait();
      b = second.SendJson("POST", programme + "/registrations", R"({"organisation_id": )" + Org(5) + R"(, "role": "stakeholder"})");
    });
    ta.join();
    tb.join();
    ASSERT_EQ(a.status, 201) << a.body;
    ASSERT_EQ(b.status, 201) << b.body;
    std::multiset<std::string> roles{json::parse(a.body)["role"].get<std::string>(), json::parse(b.body)["role"].get<std::string>()};
    EXPECT_EQ(roles, (std::multiset<std::string>{"stakeholder", "waitlist"})) << "round " << round;
    const json cohort = Cohort(anct, programme);
    EXPECT_EQ(cohort["stakeholder_count"], 5) << "round " << round;
    EXPECT_EQ(cohort["waitlist_count"], 1) << "round " << round;
  }
}

}  // namespace
}  // namespace boussole::testing
