// Seminars and deliverables through the JSON API (issue 7, item 9), on the backend of
// BOUSSOLE_TEST_BACKEND, with personal API tokens: the ANCT generates a Fabrique's seminars
// and edits one, people register (the last seat once) and the ANCT records who came; a
// territory uploads a deliverable and a new version, the ANCT validates and publishes it,
// a visitor downloads it once published only, and the territory opens an ingénierie sur
// mesure request from it. Refusals by role (403), bad input (400 naming the field, nothing
// stored), a renamed executable, 404s.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "files/content_type.h"
#include "storage/store.h"
#include "programme_organisations.h"
#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"

namespace boussole::testing {
namespace {

using nlohmann::json;

const std::vector<std::string> kSeminarCommunes = {"52250", "52121", "52448", "52001"};

class SeminarApi : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()}});
    const ProgrammeOrganisations created = CreateProgrammeOrganisations(db_->url(), kSeminarCommunes);
    anct_ = created.anct;
    collectivites_ = created.collectivites;
  }

  // A confirmed account, member of `organisations`, signed in, with an API token.
  FormBrowser Member(const std::string& local, const std::vector<std::int64_t>& organisations) {
    FormBrowser browser = MemberOf(server_->port(), db_->url(), local, organisations);
    EXPECT_FALSE(CreateApiToken(browser).empty());
    return browser;
  }

  std::string UserId(const std::string& local) {
    const std::string rows = QueryRows(db_->url(), "SELECT id FROM users WHERE email = '" + local + "@example.fr'");
    return rows.substr(0, rows.find('\n'));
  }

  std::string Count(const std::string& table) { return QueryRows(db_->url(), "SELECT COUNT(*) FROM " + table); }

  // The page read (for the CSRF field), then a POST of the form.
  HttpResponse Act(FormBrowser& browser, const std::string& programme, const std::string& suffix,
                   const std::string& fields) {
    browser.Get(programme);
    return browser.Post(programme + suffix, fields);
  }

  // A Fabrique (pages) with the four communes selected; its API path.
  std::string Fabrique(FormBrowser& anct) {
    anct.Get("/organisations/" + std::to_string(anct_) + "/programmes/nouveau");
    HttpResponse r = anct.Post("/organisations/" + std::to_string(anct_) + "/programmes",
                               "type=fabrique&title=Sobri%C3%A9t%C3%A9+fonci%C3%A8re&year=2026&starts_on=2026-01-15");
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    page_ = r.headers["location"];
    for (const auto& code : kSeminarCommunes) {
      EXPECT_EQ(Act(anct, page_, "/territoires", "territory=" + code).status, 303);
      EXPECT_EQ(Act(anct, page_, "/territoires/selection", "territory=commune%3A" + code + "&action=selectionner").status, 303);
    }
    return "/api/v1" + page_;
  }

  // The file as the body, with the browser's token.
  HttpResponse Upload(FormBrowser& who, const std::string& target, const std::string& bytes) {
    return HttpRequest(server_->port(), "POST", target, bytes,
                       {{"Authorization", "Bearer " + who.api_token()}, {"Content-Type", "application/octet-stream"}});
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
  std::int64_t anct_ = 0;
  std::vector<std::int64_t> collectivites_;
  std::string page_;  //!< the programme's page
};

json Body(const HttpResponse& r) { return json::parse(r.body); }

TEST_F(SeminarApi, TheAnctGeneratesAndEditsSeminarsPeopleRegisterAndTheirAttendanceIsRecorded) {
  FormBrowser anct = Member("pvi", {anct_});
  FormBrowser elu = Member("elu", {collectivites_[0]});
  FormBrowser agent = Member("agent", {collectivites_[1]});
  const std::string programme = Fabrique(anct);
  const std::string seminars = programme + "/seminars";

  EXPECT_EQ(elu.SendJson("POST", seminars + "/generation", "{}").status, 403);
  HttpResponse generated = anct.SendJson("POST", seminars + "/generation", "{}");
  ASSERT_EQ(generated.status, 201) << generated.body.substr(0, 500);
  std::map<std::string, int> count;
  const json all = Body(generated);
  for (const auto& s : all["seminars"]) {
    const std::string kind = s["kind"];
    ++count[kind];
    if (kind != "suivi") {
      EXPECT_EQ(s["minutes"], kind == "local" ? 240 : 300) << s.dump();
    }
  }
  EXPECT_EQ(count["local"], 16);
  EXPECT_EQ(count["intersite"], 4);
  EXPECT_EQ(count["suivi"], 1) << "the follow-up meeting";
  EXPECT_EQ(anct.SendJson("POST", seminars + "/generation", "{}").status, 409) << "generated once";
  EXPECT_EQ(Body(generated)["ics_url"], page_ + "/calendrier.ics");

  const json first = Body(generated)["seminars"][0];
  const std::string one = seminars + "/" + std::to_string(first["id"].get<std::int64_t>());
  HttpResponse edited = anct.SendJson("PATCH", one, R"({"date": "2026-03-05", "time": "09:30", "place": "Mairie de Joinville", "capacity": 2})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(Body(edited)["starts_at"], "2026-03-05T08:30:00Z");
  EXPECT_EQ(Body(edited)["place"], "Mairie de Joinville");
  EXPECT_EQ(Body(edited)["minutes"], first["minutes"]) << "a field left out keeps its value";
  EXPECT_EQ(HttpGet(server_->port(), Body(edited)["ics_url"].get<std::string>()).status, 200);

  // Bad input: 400 naming the field, nothing stored.
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"date": "2026-13-45", "time": "09:30", "place": "Ailleurs"})", "date"},
           {R"({"online_link": "ftp://visio", "place": "Ailleurs"})", "online_link"},
           {R"({"minutes": "soixante", "place": "Ailleurs"})", "minutes"},
           {R"({"capacity": -1, "place": "Ailleurs"})", "capacity"},
           {R"({"couleur": "bleu", "place": "Ailleurs"})", "couleur"}}) {
    HttpResponse bad = anct.SendJson("PATCH", one, body);
    EXPECT_EQ(bad.status, 400) << body;
    EXPECT_NE(bad.body.find("« " + field + " »"), std::string::npos) << bad.body;
  }
  EXPECT_EQ(Body(HttpGet(server_->port(), one))["place"], "Mairie de Joinville");
  EXPECT_EQ(Body(HttpGet(server_->port(), one))["starts_at"], "2026-03-05T08:30:00Z");
  EXPECT_EQ(elu.SendJson("PATCH", one, R"({"place": "Chez moi"})").status, 403);
  EXPECT_EQ(anct.SendJson("PATCH", seminars + "/999999", R"({"place": "X"})").status, 404);

  // Registrations: two seats, then full; once per person.
  HttpResponse registered = elu.SendJson("POST", one + "/registrations");
  ASSERT_EQ(registered.status, 201) << registered.body;
  EXPECT_EQ(Body(registered)["registered"], 1);
  EXPECT_EQ(Body(registered)["registered_self"], true);
  EXPECT_FALSE(Body(registered).contains("registrations")) << "who registered is for the ANCT";
  EXPECT_EQ(elu.SendJson("POST", one + "/registrations").status, 409);
  EXPECT_EQ(agent.SendJson("POST", one + "/registrations").status, 201);
  HttpResponse full = anct.SendJson("POST", one + "/registrations");
  EXPECT_EQ(full.status, 409);
  EXPECT_NE(full.body.find("Ce séminaire est complet"), std::string::npos) << full.body;
  EXPECT_EQ(HttpRequest(server_->port(), "POST", one + "/registrations").status, 401);
  HttpResponse shrink = anct.SendJson("PATCH", one, R"({"capacity": 1})");
  EXPECT_EQ(shrink.status, 409);
  EXPECT_NE(shrink.body.find("2 personnes sont déjà inscrites"), std::string::npos) << shrink.body;

  // Attendance, by the ANCT only.
  const std::string elu_id = UserId("elu");
  HttpResponse came = anct.SendJson("POST", one + "/attendance", R"({"user_id": )" + elu_id + R"(, "attended": true})");
  ASSERT_EQ(came.status, 200) << came.body;
  bool seen = false;
  const json attendance = Body(came);
  for (const auto& r : attendance["registrations"]) {
    if (std::to_string(r["user_id"].get<std::int64_t>()) == elu_id) seen = r["attended"].get<bool>();
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(elu.SendJson("POST", one + "/attendance", R"({"user_id": )" + elu_id + R"(, "attended": true})").status, 403);
  EXPECT_EQ(anct.SendJson("POST", one + "/attendance", R"({"user_id": )" + UserId("pvi") + R"(, "attended": true})").status,
            404) << "not registered";
  HttpResponse no_field = anct.SendJson("POST", one + "/attendance", R"({"user_id": )" + elu_id + "}");
  EXPECT_EQ(no_field.status, 400);
  EXPECT_NE(no_field.body.find("« attended »"), std::string::npos);

  // Reads: public, the registrations for the ANCT only.
  const json visitor = Body(HttpGet(server_->port(), seminars));
  EXPECT_EQ(visitor["seminars"].size(), 21u);
  EXPECT_FALSE(visitor["seminars"][0].contains("registrations"));
  EXPECT_EQ(Body(anct.SendJson("GET", one))["registrations"].size(), 2u);
  EXPECT_EQ(HttpGet(server_->port(), seminars + "/999999").status, 404);
  EXPECT_EQ(HttpGet(server_->port(), "/api/v1/programmes/999999/seminars").status, 404);
  const std::string historic = QueryRows(db_->url(), "SELECT id FROM programmes WHERE historic = 1 ORDER BY id LIMIT 1");
  EXPECT_EQ(HttpGet(server_->port(), "/api/v1/programmes/" + historic.substr(0, historic.find('\n')) + "/seminars/" +
                                         std::to_string(first["id"].get<std::int64_t>()))
                .status,
            404)
      << "a seminar under another programme";
}

TEST_F(SeminarApi, ATerritoryUploadsVersionsTheAnctPublishesAndARequestOpensFromIt) {
  FormBrowser anct = Member("pvi", {anct_});
  FormBrowser elu = Member("elu", {collectivites_[0]});
  FormBrowser other = Member("ailleurs", {collectivites_[1]});
  const std::string programme = Fabrique(anct);
  const std::string deliverables = programme + "/deliverables";
  const std::string upload = deliverables + "?territoire=commune%3A52250&titre=Programme%20d%27actions%20d%C3%A9taill%C3%A9"
                                            "&actions=Cr%C3%A9er%20une%20maison%20de%20sant%C3%A9%0AR%C3%A9habiliter%20la%20halle";

  HttpResponse early = Upload(elu, upload + "&nom=programme.pdf", kDeliverablePdf);
  EXPECT_EQ(early.status, 409) << "not during this phase";
  EXPECT_NE(early.body.find("Les livrables se déposent pendant la phase"), std::string::npos) << early.body;
  ASSERT_EQ(Act(anct, page_, "/phases", "position=4&action=activer").status, 303);

  HttpResponse v1 = Upload(elu, upload + "&nom=programme.pdf", kDeliverablePdf);
  ASSERT_EQ(v1.status, 201) << v1.body;
  EXPECT_EQ(Body(v1)["version"], 1);
  EXPECT_EQ(Body(v1)["status"], "submitted");
  EXPECT_EQ(Body(v1)["file_name"], "programme.pdf");
  EXPECT_EQ(v1.headers["location"], Body(v1)["url"]);
  HttpResponse v2 = Upload(elu, upload + "&nom=programme-v2.pdf", kDeliverablePdf + "%v2\n");
  ASSERT_EQ(v2.status, 201) << v2.body;
  EXPECT_EQ(Body(v2)["version"], 2);

  // Refusals: nothing stored.
  const std::string files_before = Count("files");
  HttpResponse renamed = Upload(elu, upload + "&nom=programme.pdf", "#!/bin/sh\nrm -rf /\n");
  EXPECT_EQ(renamed.status, 400) << "a renamed executable";
  HttpResponse elf = Upload(elu, upload + "&nom=programme.pdf", std::string("\x7f" "ELF\x02\x01\x01\x00", 8) + std::string(56, '\0'));
  EXPECT_EQ(elf.status, 400);
  HttpResponse title = Upload(elu, deliverables + "?territoire=commune%3A52250&titre=Autre&nom=x.pdf", kDeliverablePdf);
  EXPECT_EQ(title.status, 400);
  EXPECT_NE(title.body.find("« titre »"), std::string::npos) << title.body;
  HttpResponse territory = Upload(anct, deliverables + "?territoire=commune%3A52448x&titre=Vision%20prospective&nom=x.pdf", kDeliverablePdf);
  EXPECT_EQ(territory.status, 400);
  EXPECT_NE(territory.body.find("« territoire »"), std::string::npos) << territory.body;
  EXPECT_EQ(Upload(elu, upload, kDeliverablePdf).status, 400) << "no file name";
  EXPECT_EQ(Upload(elu, upload + "&nom=x.pdf", "").status, 400) << "no bytes";
  EXPECT_EQ(Upload(other, upload + "&nom=x.pdf", kDeliverablePdf).status, 403) << "another territory's collectivité";
  EXPECT_EQ(HttpRequest(server_->port(), "POST", upload + "&nom=x.pdf", kDeliverablePdf).status, 401);
  EXPECT_EQ(Upload(elu, "/api/v1/programmes/999999/deliverables?territoire=commune%3A52250&titre=X&nom=x.pdf", kDeliverablePdf).status,
            404);
  EXPECT_EQ(Upload(elu, upload + "&nom=gros.pdf", kDeliverablePdf + std::string(files::kMaxFileBytes, 'x')).status, 413);
  EXPECT_EQ(Count("deliverables"), "2\n");
  EXPECT_EQ(Count("files"), files_before);

  // Unpublished: for the territory and the ANCT only; 404 for anyone else.
  const std::string one = Body(v2)["url"];
  EXPECT_EQ(HttpGet(server_->port(), one).status, 404);
  EXPECT_EQ(HttpGet(server_->port(), one + "/file").status, 404);
  EXPECT_EQ(other.SendJson("GET", one + "/file").status, 404);
  EXPECT_EQ(Body(HttpGet(server_->port(), deliverables))["deliverables"].size(), 0u);
  EXPECT_EQ(Body(other.SendJson("GET", deliverables))["deliverables"].size(), 0u);
  EXPECT_EQ(Body(elu.SendJson("GET", deliverables))["deliverables"].size(), 2u);
  EXPECT_EQ(Body(anct.SendJson("GET", deliverables))["deliverables"].size(), 2u);
  EXPECT_EQ(elu.SendJson("GET", one + "/file").body, kDeliverablePdf + "%v2\n");

  // Validation, then publication, by the ANCT.
  EXPECT_EQ(elu.SendJson("POST", one + "/status", R"({"status": "validated"})").status, 403);
  EXPECT_EQ(anct.SendJson("POST", one + "/status", R"({"status": "published"})").status, 409) << "validated first";
  HttpResponse unknown = anct.SendJson("POST", one + "/status", R"({"status": "ok"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("« status »"), std::string::npos);
  EXPECT_EQ(anct.SendJson("POST", one + "/status", "{}").status, 400);
  EXPECT_EQ(anct.SendJson("POST", deliverables + "/999999/status", R"({"status": "validated"})").status, 404);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM deliverables WHERE status = 'submitted'"), "2\n");
  ASSERT_EQ(anct.SendJson("POST", one + "/status", R"({"status": "validated"})").status, 200);
  HttpResponse published = anct.SendJson("POST", one + "/status", R"({"status": "published"})");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(Body(published)["status"], "published");

  // Published: everyone downloads it; version 1 still does not exist for them.
  HttpResponse download = HttpGet(server_->port(), one + "/file");
  EXPECT_EQ(download.status, 200);
  EXPECT_EQ(download.body, kDeliverablePdf + "%v2\n");
  EXPECT_EQ(Body(HttpGet(server_->port(), one))["version"], 2);
  EXPECT_EQ(HttpGet(server_->port(), Body(v1)["url"].get<std::string>() + "/file").status, 404);
  EXPECT_EQ(Body(HttpGet(server_->port(), deliverables))["deliverables"].size(), 1u);

  // An ingénierie sur mesure request from it, by its territory's collectivité only.
  const std::string from = one + "/requests";
  EXPECT_EQ(other.SendJson("POST", from, "{}").status, 403);
  EXPECT_EQ(anct.SendJson("POST", from, "{}").status, 403);
  EXPECT_EQ(other.SendJson("POST", Body(v1)["url"].get<std::string>() + "/requests", "{}").status, 404)
      << "an unpublished version of another territory does not exist for them";
  EXPECT_EQ(elu.SendJson("POST", Body(v1)["url"].get<std::string>() + "/requests", "{}").status, 409) << "not validated";
  HttpResponse bad = elu.SendJson("POST", from, R"({"workflow": "inconnu"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("« workflow »"), std::string::npos) << bad.body;
  EXPECT_EQ(elu.SendJson("POST", from, R"({"title": ""})").status, 400);
  EXPECT_EQ(Count("requests"), "0\n");
  HttpResponse opened = elu.SendJson("POST", from, "{}");
  ASSERT_EQ(opened.status, 201) << opened.body;
  const json request = Body(opened);
  EXPECT_EQ(request["title"].get<std::string>().rfind("Mise en œuvre : Programme d'actions détaillé", 0), 0u) << request.dump();
  EXPECT_NE(request.dump().find("- Créer une maison de santé\\n- Réhabiliter la halle"), std::string::npos) << request.dump();
  EXPECT_EQ(opened.headers["location"], "/api/v1/requests/" + std::to_string(request["id"].get<std::int64_t>()));
  EXPECT_EQ(Count("deliverable_requests"), "1\n");
  EXPECT_EQ(Body(elu.SendJson("GET", one))["request_ids"][0], request["id"]);
  EXPECT_EQ(Body(HttpGet(server_->port(), one))["request_ids"].size(), 0u) << "the link is for the territory and the ANCT";
}

}  // namespace
}  // namespace boussole::testing
