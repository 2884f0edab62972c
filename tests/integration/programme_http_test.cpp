// Collective programmes over real HTTP (issue 7), on the backend of BOUSSOLE_TEST_BACKEND:
// the history of the Fabriques prospectives; a 2026 Fabrique whose 9th territory is refused,
// whose 20 local and 4 intersite seminars are generated with their lengths and exported as
// iCalendar that libical reads; a projet partagé whose themes go through support, ranking
// and selection, with 5 stakeholders, 12 observers and a 6th candidate on the waitlist;
// phases that switch what people may do; the last seat of a seminar taken by one of two
// simultaneous requests only.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <latch>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/clock.h"
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
const std::vector<std::string> kCommunes = {"52250", "52121", "52448", "52001", "52002", "52003", "52004", "52005",
                                            "52006", "52007", "52008", "52009", "52011", "52012", "52013", "52014",
                                            "52015", "52016", "52017", "52019"};

class ProgrammeHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()},
                                                                    {"BOUSSOLE_JOB_SEND_PROGRAMME_REMINDERS_SECONDS", "1"},
                                                                    {"BOUSSOLE_JOB_SEND_NOTIFICATIONS_SECONDS", "1"}});
    const ProgrammeOrganisations created =
        CreateProgrammeOrganisations(db_->url(), {kCommunes.begin(), kCommunes.begin() + 18});
    anct_ = created.anct;
    collectivites_ = created.collectivites;
  }

  // A confirmed account, member of `organisations`, signed in in a fresh browser.
  FormBrowser Member(const std::string& local, const std::vector<std::int64_t>& organisations) {
    return MemberOf(server_->port(), db_->url(), local, organisations);
  }

  std::string CreateProgramme(FormBrowser& anct, const std::string& fields) {
    anct.Get("/organisations/" + std::to_string(anct_) + "/programmes/nouveau");
    HttpResponse r = anct.Post("/organisations/" + std::to_string(anct_) + "/programmes", fields);
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    return r.headers["location"];
  }

  // The programme's page read (for the CSRF field), then a POST; returns the response.
  HttpResponse Act(FormBrowser& browser, const std::string& programme, const std::string& suffix,
                   const std::string& fields) {
    browser.Get(programme);
    return browser.Post(programme + suffix, fields);
  }

  json Api(FormBrowser& browser, const std::string& programme) {
    HttpResponse r = browser.Get("/api/v1" + programme);
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
    return json::parse(r.body);
  }

  // A Fabrique starting on 2026-01-15 with `count` selected territories.
  std::string Fabrique(FormBrowser& anct, std::size_t count) {
    const std::string programme = CreateProgramme(
        anct, "type=fabrique&title=Sobri%C3%A9t%C3%A9+fonci%C3%A8re&year=2026&starts_on=2026-01-15"
              "&partners=Intercommunalit%C3%A9s+de+France%0ABanque+des+territoires");
    for (std::size_t i = 0; i < count; ++i) {
      EXPECT_EQ(Act(anct, programme, "/territoires", "territory=" + kCommunes[i]).status, 303);
      EXPECT_EQ(Act(anct, programme, "/territoires/selection", "territory=commune%3A" + kCommunes[i] +
                                                                   "&action=selectionner").status,
                303);
    }
    return programme;
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
  std::int64_t anct_ = 0;
  std::vector<std::int64_t> collectivites_;
};

// Every VEVENT of an iCalendar text as libical reads it (parse errors fail the test): the
// length of each in minutes.
std::vector<int> EventLengths(const std::string& text) {
  std::vector<int> lengths;
  icalcomponent* calendar = icalparser_parse_string(text.c_str());
  EXPECT_NE(calendar, nullptr);
  if (!calendar) return lengths;
  EXPECT_EQ(icalcomponent_count_errors(calendar), 0);
  for (icalcomponent* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    EXPECT_EQ(icalcomponent_count_errors(e), 0) << icalcomponent_as_ical_string(e);
    const icaltimetype start = icalcomponent_get_dtstart(e);
    const icaltimetype end = icalcomponent_get_dtend(e);
    lengths.push_back(static_cast<int>((icaltime_as_timet(end) - icaltime_as_timet(start)) / 60));
  }
  icalcomponent_free(calendar);
  return lengths;
}

TEST_F(ProgrammeHttp, TheFabriquesSince2018AppearWithTheirThemesPartnersAndFigures) {
  FormBrowser visitor(server_->port());
  HttpResponse list = visitor.Get("/programmes");
  ASSERT_EQ(list.status, 200);
  for (const char* text : {"Quels usages du numérique au service de la biodiversité ?", "Sites industriels de demain",
                           "Coopérations entre métropoles et territoires environnants", "Tempo territorial",
                           "Cerema (écrit « Corima » dans la source)", "Adome", "trois, impliquant 20 territoires",
                           "3 Fabriques, 16 territoires nommés", "92 territoires"}) {
    EXPECT_NE(list.body.find(text), std::string::npos) << text;
  }
  const json all = json::parse(visitor.Get("/api/v1/programmes").body);
  int historic = 0;
  for (const auto& p : all["programmes"]) historic += p["historic"].get<bool>() ? 1 : 0;
  EXPECT_EQ(historic, 19);
  // A 2020 Fabrique lists its territories, linked to the COG.
  std::string nature;
  for (const auto& p : all["programmes"]) {
    if (p["title"] == "La nature comme atout pour l'attractivité et la résilience des territoires ruraux") nature = p["url"];
  }
  ASSERT_FALSE(nature.empty());
  HttpResponse page = visitor.Get(nature);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"/territoires/commune:97361\">Awala-Yalimapo</a>"), std::string::npos);
  EXPECT_NE(page.body.find("/territoires/commune:33189"), std::string::npos);
  EXPECT_EQ(Api(visitor, nature)["territory_count"], 4);
  // History is read-only.
  FormBrowser anct = Member("pvi", {anct_});
  EXPECT_EQ(Act(anct, nature, "/territoires", "territory=52250").status, 409) << "history is not changed";
}

TEST_F(ProgrammeHttp, AFabriqueRefusesANinthTerritoryAndGeneratesItsSeminars) {
  FormBrowser anct = Member("pvi", {anct_});
  const std::string programme = Fabrique(anct, 8);
  ASSERT_EQ(programme.rfind("/programmes/", 0), 0u);
  // The 9th territory: proposed, then refused at selection with a clear message.
  EXPECT_EQ(Act(anct, programme, "/territoires", "territory=" + kCommunes[8]).status, 303);
  HttpResponse ninth =
      Act(anct, programme, "/territoires/selection", "territory=commune%3A" + kCommunes[8] + "&action=selectionner");
  EXPECT_EQ(ninth.status, 409);
  EXPECT_NE(ninth.body.find("réunit 4 à 8 territoires, et 8 sont déjà sélectionnés"), std::string::npos)
      << ninth.body.substr(0, 3000);
  EXPECT_EQ(Api(anct, programme)["territory_count"], 8);
  // Back to 5 territories.
  for (std::size_t i = 5; i < 8; ++i) {
    EXPECT_EQ(Act(anct, programme, "/territoires/selection", "territory=commune%3A" + kCommunes[i] + "&action=retirer").status,
              303);
  }
  EXPECT_EQ(Act(anct, programme, "/seminaires/generation", "").status, 303);
  EXPECT_EQ(Act(anct, programme, "/seminaires/generation", "").status, 409) << "generated once";
  const json detail = Api(anct, programme);
  std::map<std::string, int> count;
  for (const auto& s : detail["seminars"]) {
    ++count[s["kind"]];
    if (s["kind"] == "local") {
      EXPECT_EQ(s["minutes"], 240);
    }
    if (s["kind"] == "intersite") {
      EXPECT_EQ(s["minutes"], 300);
    }
  }
  EXPECT_EQ(count["local"], 20);
  EXPECT_EQ(count["intersite"], 4);
  EXPECT_EQ(count["suivi"], 1) << "the follow-up meeting 6 months after";
  // The whole calendar, valid for libical, with the right lengths.
  HttpResponse ics = anct.Get(programme + "/calendrier.ics");
  ASSERT_EQ(ics.status, 200);
  EXPECT_EQ(ics.headers["content-type"].rfind("text/calendar", 0), 0u);
  std::map<int, int> lengths;
  for (int minutes : EventLengths(ics.body)) ++lengths[minutes];
  EXPECT_EQ(lengths[240], 20);
  EXPECT_EQ(lengths[300], 4);
  // One seminar, edited (date, place, online link, agenda), then exported alone.
  const std::string seminar = programme + "/seminaires/" + std::to_string(detail["seminars"][0]["id"].get<int>());
  anct.Get(seminar);
  EXPECT_EQ(anct.Post(seminar, "date=2026-03-05&time=09%3A30&minutes=300&place=Salle+des+f%C3%AAtes%2C+Joinville"
                               "&online_link=https%3A%2F%2Fvisio.example.fr%2Fa&agenda=Accueil%3B+ateliers&capacity=40")
                .status,
            303);
  HttpResponse one = anct.Get(seminar + "/calendrier.ics");
  EXPECT_EQ(EventLengths(one.body), std::vector<int>{300});
  EXPECT_NE(one.body.find("DTSTART:20260305T083000Z"), std::string::npos) << one.body;
  EXPECT_NE(one.body.find("LOCATION:Salle des fêtes\\, Joinville"), std::string::npos) << one.body;
  anct.Get(seminar);
  EXPECT_EQ(anct.Post(seminar, "date=2026-03-05&time=9h&minutes=300&capacity=0").status, 400);
  // A working group outside 15–20 is flagged.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Act(anct, programme, "/personnes", "territory=commune%3A52250&group=groupe_local&name=Acteur+" +
                                                     std::to_string(i) + "&kind=association").status,
              303);
  }
  EXPECT_EQ(Act(anct, programme, "/personnes", "territory=commune%3A52250&group=elu&name=Maire").status, 303);
  EXPECT_NE(anct.Get(programme).body.find("Le groupe de travail local compte 3 acteurs"), std::string::npos);
  EXPECT_EQ(Act(anct, programme, "/personnes", "territory=commune%3A52250&group=groupe_enquete&name=X").status, 400)
      << "the survey group is a projet partagé's";
  // A collectivité cannot create programmes; one outside the cohort cannot name its people.
  FormBrowser elu = Member("elu", {collectivites_[10]});
  elu.Get("/organisations/" + std::to_string(collectivites_[10]) + "/programmes/nouveau");
  EXPECT_EQ(elu.Get("/organisations/" + std::to_string(collectivites_[10]) + "/programmes/nouveau").status, 400);
  EXPECT_EQ(Act(elu, programme, "/personnes", "territory=commune%3A52250&group=elu&name=Intrus").status, 403);
  // It says its interest for its own territory, not for another.
  EXPECT_EQ(Act(elu, programme, "/territoires", "territory=" + kCommunes[10] + "&organisation=" +
                                                    std::to_string(collectivites_[10])).status,
            303);
  EXPECT_EQ(Act(elu, programme, "/territoires", "territory=" + kCommunes[11] + "&organisation=" +
                                                    std::to_string(collectivites_[10])).status,
            403);
}

TEST_F(ProgrammeHttp, AProjetPartageTakesThemesThroughSupportRankingAndSelectionThenRegistrations) {
  FormBrowser anct = Member("pvi", {anct_});
  const std::string programme = CreateProgramme(anct, "type=projet_partage&title=Territoires+en+commun+2026&year=2026");
  FormBrowser elue = Member("elue", collectivites_);
  auto org = [&](std::size_t i) { return "organisation=" + std::to_string(collectivites_[i]); };
  EXPECT_EQ(Act(elue, programme, "/themes", org(0) + "&title=Alimentation+durable&inspiration=Fiche+ANCT").status, 303);
  EXPECT_EQ(Act(elue, programme, "/themes", org(1) + "&title=Mobilit%C3%A9s+rurales").status, 303);
  EXPECT_EQ(Act(elue, programme, "/themes", "organisation=999999&title=X").status, 400);
  json detail = Api(elue, programme);
  ASSERT_EQ(detail["themes"].size(), 2u);
  std::map<std::string, int> theme_id;
  for (const auto& t : detail["themes"]) theme_id[t["title"]] = t["id"];
  const std::string mobility = "/themes/" + std::to_string(theme_id["Mobilités rurales"]);
  const std::string food = "/themes/" + std::to_string(theme_id["Alimentation durable"]);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(Act(elue, programme, mobility + "/soutien", org(i)).status, 303);
  EXPECT_EQ(Act(elue, programme, food + "/soutien", org(3)).status, 303);
  HttpResponse twice = Act(elue, programme, mobility + "/soutien", org(0));
  EXPECT_EQ(twice.status, 409);
  EXPECT_NE(twice.body.find("soutient déjà ce thème"), std::string::npos);
  detail = Api(elue, programme);
  EXPECT_EQ(detail["themes"][0]["title"], "Mobilités rurales");
  EXPECT_EQ(detail["themes"][0]["supports"], 3);
  EXPECT_EQ(detail["themes"][1]["supports"], 1);
  // The ANCT turns the most supported theme into the programme; supports then close.
  EXPECT_EQ(Act(elue, programme, mobility + "/selection", "").status, 403);
  EXPECT_EQ(Act(anct, programme, mobility + "/selection", "").status, 303);
  EXPECT_EQ(Api(anct, programme)["title"], "Mobilités rurales");
  EXPECT_EQ(Act(anct, programme, "/phases", "position=2&action=activer").status, 303);
  EXPECT_EQ(Api(anct, programme)["active_phase"], "Inscription des collectivités");
  HttpResponse closed = Act(elue, programme, food + "/soutien", org(4));
  EXPECT_EQ(closed.status, 409);
  EXPECT_NE(closed.body.find("ne se soutiennent que pendant la phase"), std::string::npos) << closed.body.substr(0, 2000);
  // 5 stakeholders, 12 observers, the 6th candidate stakeholder waits.
  for (std::size_t i = 0; i < 5; ++i) {
    HttpResponse r = Act(elue, programme, "/inscriptions", org(i) + "&role=stakeholder");
    EXPECT_EQ(r.status, 303);
    EXPECT_NE(r.headers["location"].find("message=partie-prenante"), std::string::npos);
  }
  for (std::size_t i = 5; i < 17; ++i) {
    EXPECT_EQ(Act(elue, programme, "/inscriptions", org(i) + "&role=observer").status, 303);
  }
  HttpResponse sixth = Act(elue, programme, "/inscriptions", org(17) + "&role=stakeholder");
  ASSERT_EQ(sixth.status, 303);
  HttpResponse told = elue.Get(sixth.headers["location"]);
  EXPECT_NE(told.body.find("Les 5 places de partie prenante sont prises"), std::string::npos) << told.body.substr(0, 3000);
  EXPECT_NE(told.body.find("arbitrera"), std::string::npos);
  detail = Api(elue, programme);
  EXPECT_EQ(detail["stakeholder_count"], 5);
  EXPECT_EQ(detail["observer_count"], 12);
  EXPECT_EQ(detail["waitlist_count"], 1);
  EXPECT_EQ(Act(elue, programme, "/inscriptions", org(0) + "&role=observer").status, 409) << "registered once";
  // The ANCT arbitrates: no 6th stakeholder while 5 are; an observer then.
  const std::string waiting = "organisation=" + std::to_string(collectivites_[17]);
  HttpResponse full = Act(anct, programme, "/inscriptions/arbitrage", waiting + "&role=stakeholder");
  EXPECT_EQ(full.status, 409);
  EXPECT_NE(full.body.find("places de partie prenante sont prises"), std::string::npos);
  EXPECT_EQ(Act(anct, programme, "/inscriptions/arbitrage", waiting + "&role=observer").status, 303);
  EXPECT_EQ(Api(anct, programme)["observer_count"], 13);
  // Someone acting for an organisation they do not belong to.
  FormBrowser other = Member("autre", {collectivites_[0]});
  EXPECT_EQ(Act(other, programme, "/inscriptions", org(1) + "&role=observer").status, 403);
  // The named steps of seed 001, per stakeholder territory, once the action plan's phase is open.
  const std::string adoption = "territory=commune%3A" + kCommunes[0] + "&step=adoption&done_on=2026-06-12";
  EXPECT_EQ(Act(elue, programme, "/etapes", adoption + "&reference=DEL-2026-042").status, 409) << "too early";
  EXPECT_EQ(Act(anct, programme, "/phases", "position=7&action=activer").status, 303);
  EXPECT_EQ(Act(elue, programme, "/etapes", adoption).status, 400) << "the deliberation's reference is required";
  EXPECT_EQ(Act(elue, programme, "/etapes", adoption + "&reference=DEL-2026-042").status, 303);
  EXPECT_EQ(Act(elue, programme, "/etapes", "territory=commune%3A" + kCommunes[0] +
                                               "&step=retour_habitants&done_on=2026-09-20&note=R%C3%A9union+publique")
                .status,
            303);
  EXPECT_EQ(Act(elue, programme, "/etapes", "territory=commune%3A" + kCommunes[5] +
                                               "&step=adoption&done_on=2026-06-12&reference=X").status,
            400)
      << "an observer's territory";
  detail = Api(elue, programme);
  ASSERT_EQ(detail["step_records"].size(), 2u);
  EXPECT_EQ(detail["step_records"][0]["reference"], "DEL-2026-042");
  EXPECT_EQ(detail["step_records"][1]["note"], "Réunion publique");
}

// A multipart form with one file, posted with the browser's cookies and CSRF field.
HttpResponse PostFile(int port, FormBrowser& browser, const std::string& target,
                      const std::vector<std::pair<std::string, std::string>>& fields, const std::string& file_name,
                      const std::string& bytes) {
  const std::string boundary = "----boussole-test-boundary";
  std::string body;
  auto part = [&](const std::string& name, const std::string& value) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  };
  part("csrf", browser.csrf());
  for (const auto& [name, value] : fields) part(name, value);
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
          "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
  std::string cookies;
  for (const char* name : {"boussole_session", "boussole_csrf"}) {
    if (!browser.cookie(name).empty()) cookies += (cookies.empty() ? "" : "; ") + std::string(name) + "=" + browser.cookie(name);
  }
  return HttpRequest(port, "POST", target, body,
                     {{"Content-Type", "multipart/form-data; boundary=" + boundary}, {"Cookie", cookies}});
}


TEST_F(ProgrammeHttp, ATerritoryUploadsVersionsTheAnctValidatesAndPublishes) {
  FormBrowser anct = Member("pvi", {anct_});
  const std::string programme = Fabrique(anct, 4);
  FormBrowser elu = Member("elu", {collectivites_[0]});
  const std::vector<std::pair<std::string, std::string>> fields = {{"territory", "commune:" + kCommunes[0]},
                                                                   {"title", "Vision prospective"}};
  elu.Get(programme);
  HttpResponse early = PostFile(server_->port(), elu, programme + "/livrables", fields, "vision.pdf", kDeliverablePdf);
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.body.find("Les livrables se déposent pendant la phase"), std::string::npos) << early.body.substr(0, 2000);
  EXPECT_EQ(Act(anct, programme, "/phases", "position=4&action=activer").status, 303);
  elu.Get(programme);
  HttpResponse first = PostFile(server_->port(), elu, programme + "/livrables", fields, "vision.pdf", kDeliverablePdf);
  ASSERT_EQ(first.status, 303) << first.body.substr(0, 2000);
  EXPECT_NE(first.headers["location"].find("version=1"), std::string::npos);
  elu.Get(programme);
  HttpResponse second = PostFile(server_->port(), elu, programme + "/livrables", fields, "vision-v2.pdf", kDeliverablePdf + "%v2\n");
  ASSERT_EQ(second.status, 303);
  EXPECT_NE(second.headers["location"].find("version=2"), std::string::npos);
  elu.Get(programme);
  EXPECT_EQ(PostFile(server_->port(), elu, programme + "/livrables", fields, "outil.sh", "#!/bin/sh\nrm -rf /\n").status, 400);
  FormBrowser other = Member("ailleurs", {collectivites_[1]});
  other.Get(programme);
  EXPECT_EQ(PostFile(server_->port(), other, programme + "/livrables", fields, "vision.pdf", kDeliverablePdf).status, 403)
      << "another territory's collectivité";
  // Not published: it does not exist for a visitor.
  const std::string ids = QueryRows(db_->url(), "SELECT id FROM deliverables ORDER BY version");
  const std::string v1 = ids.substr(0, ids.find('\n'));
  const std::string v2 = ids.substr(ids.find('\n') + 1, ids.rfind('\n') - ids.find('\n') - 1);
  FormBrowser visitor(server_->port());
  EXPECT_EQ(visitor.Get(programme + "/livrables/" + v2).status, 404);
  EXPECT_EQ(elu.Get(programme + "/livrables/" + v2).status, 200) << "its territory sees it";
  // Another collectivité of the cohort neither opens an unpublished version nor sees it
  // listed on the programme's page.
  EXPECT_EQ(other.Get(programme + "/livrables/" + v2).status, 404);
  const std::string link = "/programmes/" + programme.substr(programme.rfind('/') + 1) + "/livrables/" + v2 + "\"";
  EXPECT_NE(elu.Get(programme).body.find(link), std::string::npos) << link;
  const HttpResponse other_page = other.Get(programme);
  ASSERT_NE(other_page.body.find("id=\"livrables\""), std::string::npos);
  EXPECT_EQ(other_page.body.find(link), std::string::npos) << "another territory's unpublished version";
  EXPECT_EQ(Act(anct, programme, "/livrables/" + v2 + "/statut", "action=publier").status, 409) << "validated first";
  EXPECT_EQ(Act(elu, programme, "/livrables/" + v2 + "/statut", "action=valider").status, 403);
  EXPECT_EQ(Act(anct, programme, "/livrables/" + v2 + "/statut", "action=valider").status, 303);
  EXPECT_EQ(Act(anct, programme, "/livrables/" + v2 + "/statut", "action=publier").status, 303);
  HttpResponse page = visitor.Get(programme);
  const auto published = page.body.substr(page.body.find("id=\"livrables-publies\""));
  EXPECT_NE(published.find("Vision prospective — " ), std::string::npos) << published.substr(0, 500);
  EXPECT_NE(published.find("(version 2)"), std::string::npos);
  HttpResponse download = visitor.Get(programme + "/livrables/" + v2);
  EXPECT_EQ(download.status, 200);
  EXPECT_EQ(download.body, kDeliverablePdf + "%v2\n");
  EXPECT_EQ(visitor.Get(programme + "/livrables/" + v1).status, 404) << "version 1 was not published";
  const json api = Api(visitor, programme);
  ASSERT_EQ(api["published_deliverables"].size(), 1u);
  EXPECT_EQ(api["published_deliverables"][0]["version"], 2);
  EXPECT_FALSE(api.contains("all_deliverables"));
}

TEST_F(ProgrammeHttp, FromItsDeliverableATerritoryOpensAnIngenierieRequestPrefilledWithItsActions) {
  FormBrowser anct = Member("pvi", {anct_});
  const std::string programme = Fabrique(anct, 4);
  ASSERT_EQ(Act(anct, programme, "/phases", "position=4&action=activer").status, 303);
  FormBrowser elu = Member("elu", {collectivites_[0]});
  elu.Get(programme);
  HttpResponse uploaded = PostFile(server_->port(), elu, programme + "/livrables",
                                   {{"territory", "commune:" + kCommunes[0]},
                                    {"title", "Programme d'actions détaillé"},
                                    {"actions", "Créer une maison de santé\r\nRéhabiliter la halle"}},
                                   "programme.pdf", kDeliverablePdf);
  ASSERT_EQ(uploaded.status, 303) << uploaded.body.substr(0, 2000);
  const std::string id = QueryRows(db_->url(), "SELECT MAX(id) FROM deliverables");
  const std::string from = programme + "/livrables/" + id.substr(0, id.find('\n')) + "/demande";

  HttpResponse early = elu.Get(from);
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.body.find("pas encore validé par l&apos;ANCT"), std::string::npos) << early.body.substr(0, 2000);
  ASSERT_EQ(Act(anct, programme, from.substr(programme.size(), from.rfind('/') - programme.size()) + "/statut",
                "action=valider").status,
            303);
  FormBrowser other = Member("ailleurs", {collectivites_[1]});
  // Validated but not published: for another territory's collectivité it does not exist.
  EXPECT_EQ(other.Get(from).status, 404) << "another territory's collectivité";
  EXPECT_NE(elu.Get(programme).body.find("Mobiliser l'ingénierie sur mesure (version 1)"), std::string::npos);

  HttpResponse form = elu.Get(from);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Demande issue du livrable « Programme d&apos;actions détaillé »"), std::string::npos)
      << form.body.substr(0, 3000);
  EXPECT_NE(form.body.find("- Créer une maison de santé\n- Réhabiliter la halle"), std::string::npos);
  // Bad input: a precise message, nothing stored.
  HttpResponse bad = elu.Post(from, "workflow=anct&title=&besoin=x");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Donnez un titre à la demande."), std::string::npos);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM requests"), "0\n");
  elu.Get(from);
  HttpResponse created = elu.Post(from, "workflow=anct&title=Mise+en+%C5%93uvre+du+programme+d%27actions"
                                        "&besoin=-+Cr%C3%A9er+une+maison+de+sant%C3%A9&deja_tente=&theme=&project=");
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  const std::string request = created.headers["location"];
  EXPECT_EQ(request.rfind("/demandes/", 0), 0u) << request;
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM deliverable_requests"), "1\n");

  // The request shows where it comes from…
  HttpResponse page = elu.Get(request);
  ASSERT_EQ(page.status, 200);
  const auto origin = page.body.find("id=\"origine-programme\"");
  ASSERT_NE(origin, std::string::npos) << page.body.substr(0, 3000);
  EXPECT_NE(page.body.find("Sobriété foncière", origin), std::string::npos);
  EXPECT_NE(page.body.find("(version 1)", origin), std::string::npos);
  EXPECT_NE(page.body.find("Créer une maison de santé"), std::string::npos);
  // …and the programme the request opened from it, to its territory and the ANCT only.
  for (FormBrowser* who : {&elu, &anct}) {
    const std::string body = who->Get(programme).body;
    EXPECT_NE(body.find("Demande d'ingénierie : <a href=\"" + request + "\">Mise en œuvre du programme d&apos;actions</a>"),
              std::string::npos)
        << body.substr(body.find("id=\"livrables\""), 3000);
  }
  FormBrowser visitor(server_->port());
  EXPECT_EQ(visitor.Get(programme).body.find(request + "\""), std::string::npos);
}

TEST_F(ProgrammeHttp, ThePublicPageMapsTheTerritoriesByDepartementWithALegendAndATable) {
  FormBrowser anct = Member("pvi", {anct_});
  const std::string programme = Fabrique(anct, 4);
  FormBrowser visitor(server_->port());
  const std::string body = visitor.Get(programme).body;
  const auto map = body.find("id=\"carte-territoires\"");
  ASSERT_NE(map, std::string::npos) << body.substr(0, 3000);
  const std::string svg = body.substr(map, body.find("</svg>", map) - map);
  // The Haute-Marne holds the four communes: a link with its count; elsewhere none.
  EXPECT_NE(svg.find("<a href=\"/territoires/departement:52\" aria-label=\"Haute-Marne : 4 territoires\""), std::string::npos)
      << svg.substr(0, 500);
  EXPECT_NE(svg.find("aria-label=\"Aube : 0 territoires\""), std::string::npos);
  EXPECT_NE(svg.find(">4 territoires</text>"), std::string::npos) << "the legend";
  EXPECT_NE(svg.find(">0 territoires</text>"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  const auto table = body.find("id=\"carte-territoires-donnees\"");
  ASSERT_NE(table, std::string::npos);
  const std::string rows = body.substr(table, body.find("</table>", table) - table);
  EXPECT_NE(rows.find("<a href=\"/territoires/departement:52\">Haute-Marne</a></th><td>52</td><td>4</td>"), std::string::npos)
      << rows;
  EXPECT_NE(rows.find("href=\"/territoires/commune:52250\""), std::string::npos);
  EXPECT_EQ(rows.find("Aube"), std::string::npos) << "only the départements with territories";
  // A programme without territories has no map.
  const std::string empty = CreateProgramme(anct, "type=fabrique&title=Sans+territoire&year=2026");
  EXPECT_EQ(visitor.Get(empty).body.find("id=\"carte-territoires\""), std::string::npos);
}

TEST_F(ProgrammeHttp, TheSchedulerRemindsThoseRegisteredBeforeASeminarOnce) {
  FormBrowser anct = Member("pvi", {anct_});
  const std::string programme = Fabrique(anct, 4);
  ASSERT_EQ(Act(anct, programme, "/seminaires/generation", "").status, 303);
  const json detail = Api(anct, programme);
  const std::string seminar = programme + "/seminaires/" + std::to_string(detail["seminars"][0]["id"].get<int>());
  FormBrowser agent = Member("agente", {});
  agent.Get(seminar);
  ASSERT_EQ(agent.Post(seminar + "/inscription", "").status, 303);
  // Tomorrow, Paris time: within the two days of the reminder.
  const std::string tomorrow = FormatUtc(std::time(nullptr) + 24 * 3600).substr(0, 10);
  anct.Get(seminar);
  ASSERT_EQ(anct.Post(seminar, "date=" + tomorrow + "&time=09%3A30&minutes=240&capacity=0&place=Mairie+de+Joinville").status,
            303);
  auto reminded = [&] {
    std::vector<ReceivedMail> found;
    for (const auto& mail : sink_.mails()) {
      if (mail.subject.rfind("Rappel : ", 0) == 0) found.push_back(mail);
    }
    return found;
  };
  // The job runs every second: wait for the next mail, up to 30 of them.
  for (int attempt = 0; attempt < 30 && reminded().empty(); ++attempt) sink_.WaitFor(sink_.mails().size() + 1);
  const std::vector<ReceivedMail> reminders = reminded();
  ASSERT_EQ(reminders.size(), 1u) << "one reminder, to the one person registered";
  EXPECT_NE(reminders[0].subject.find("Séminaire intersites 1"), std::string::npos) << reminders[0].subject;
  EXPECT_NE(reminders[0].text.find("Mairie de Joinville"), std::string::npos) << reminders[0].text;
  EXPECT_NE(reminders[0].text.find(seminar), std::string::npos);
  const std::string claimed = QueryRows(db_->url(), "SELECT COUNT(*) FROM seminar_reminders");
  EXPECT_EQ(claimed, "1\n");
}

TEST_F(ProgrammeHttp, TheLearningCommunityHidesAMessageAfterThreeReportsUntilAModeratorRestoresIt) {
  FormBrowser anct = Member("pvi", {anct_});
  const std::string programme = CreateProgramme(anct, "type=projet_partage&title=Territoires+en+commun+2026&year=2026");
  EXPECT_EQ(Act(anct, programme, "/phases", "position=2&action=activer").status, 303);
  FormBrowser elue = Member("elue", {collectivites_[0]});
  std::vector<FormBrowser> others;
  for (std::size_t i = 1; i <= 3; ++i) others.push_back(Member("pair" + std::to_string(i), {collectivites_[i]}));
  for (std::size_t i = 0; i <= 3; ++i) {
    FormBrowser& who = i == 0 ? elue : others[i - 1];
    EXPECT_EQ(Act(who, programme, "/inscriptions", "organisation=" + std::to_string(collectivites_[i]) + "&role=observer").status,
              303);
  }
  FormBrowser outsider = Member("dehors", {collectivites_[10]});
  HttpResponse refused = outsider.Get(programme + "/communaute");
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("La communauté apprenante réunit les participants du programme"), std::string::npos);

  const std::string community = programme + "/communaute";
  elue.Get(community);
  ASSERT_EQ(elue.Post(community, "body=Notre+groupe+d%27enqu%C3%AAte+a+rencontr%C3%A9+120+habitants").status, 303);
  const std::string post = QueryRows(db_->url(), "SELECT MAX(id) FROM programme_posts");
  const std::string post_id = post.substr(0, post.find('\n'));
  others[0].Get(community);
  ASSERT_EQ(others[0].Post(community, "parent=" + post_id + "&body=Comment+les+avez-vous+invit%C3%A9s+%3F").status, 303);
  EXPECT_NE(others[0].Get(community).body.find("Comment les avez-vous invités ?"), std::string::npos);
  for (std::size_t i = 0; i < 3; ++i) {
    others[i].Get(community);
    EXPECT_EQ(others[i].Post(community + "/" + post_id + "/signalement", "").status, 303);
    const bool hidden = others[i].Get(community).body.find("a rencontré 120 habitants") == std::string::npos;
    EXPECT_EQ(hidden, i == 2) << "hidden at the third report, not before (report " << i + 1 << ")";
  }
  others[0].Get(community);
  EXPECT_EQ(others[0].Post(community + "/" + post_id + "/signalement", "").status, 409) << "one report per person";
  EXPECT_NE(elue.Get(community).body.find("Message masqué après 3 signalements"), std::string::npos);
  // Only a moderator restores it.
  elue.Get(community);
  EXPECT_EQ(elue.Post(community + "/" + post_id + "/retablir", "").status, 403);
  anct.Get(community);
  EXPECT_NE(anct.Get(community).body.find("Rétablir le message de"), std::string::npos);
  EXPECT_EQ(anct.Post(community + "/" + post_id + "/retablir", "").status, 303);
  EXPECT_NE(elue.Get(community).body.find("a rencontré 120 habitants"), std::string::npos);
}

TEST_F(ProgrammeHttp, ANewPostOrCommentNotifiesTheCommunityAtEachPersonsPaceNeverItsAuthor) {
  FormBrowser anct = Member("pvi", {anct_});
  const std::string programme = CreateProgramme(anct, "type=projet_partage&title=Territoires+en+commun+2026&year=2026");
  ASSERT_EQ(Act(anct, programme, "/phases", "position=2&action=activer").status, 303);
  std::vector<FormBrowser> people;
  const std::vector<std::string> names = {"elue", "pressee", "discrete"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    people.push_back(Member(names[i], {collectivites_[i]}));
    ASSERT_EQ(Act(people[i], programme, "/inscriptions",
                  "organisation=" + std::to_string(collectivites_[i]) + (i == 1 ? "&role=stakeholder" : "&role=observer"))
                  .status,
              303);
  }
  FormBrowser outsider = Member("dehors", {collectivites_[10]});
  people[1].Get("/compte");
  ASSERT_EQ(people[1].Post("/compte/notifications", "frequency=immediate").status, 303);
  people[2].Get("/compte");
  ASSERT_EQ(people[2].Post("/compte/notifications", "frequency=none").status, 303);
  auto notified = [&](const std::string& subject) {
    return QueryRows(db_->url(), "SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.topic ="
                                 " 'programme' AND n.subject = '" + subject + "' ORDER BY u.email");
  };

  const std::string community = programme + "/communaute";
  people[0].Get(community);
  ASSERT_EQ(people[0].Post(community, "body=Notre+groupe+d%27enqu%C3%AAte+a+rencontr%C3%A9+120+habitants").status, 303);
  const std::string post_subject = "Communauté « Territoires en commun 2026 » : nouveau message de Agent elue";
  EXPECT_EQ(notified(post_subject), "discrete@example.fr\npressee@example.fr\npvi@example.fr\n")
      << "the pilot and the registered organisations' members; not the author, not an outsider";
  // At each person's pace: "immediate" is mailed at the next run, "none" only listed.
  const std::string mail_subject = "Boussole : " + post_subject;
  auto mailed = [&](const std::string& address) {
    std::size_t n = 0;
    for (const auto& mail : sink_.mails()) n += mail.subject == mail_subject && mail.envelope_to == std::vector<std::string>{address};
    return n;
  };
  for (int attempt = 0; attempt < 30 && mailed("pressee@example.fr") == 0; ++attempt) sink_.WaitFor(sink_.mails().size() + 1);
  ASSERT_EQ(mailed("pressee@example.fr"), 1u);
  for (const auto& mail : sink_.mails()) {
    if (mail.subject == mail_subject) {
      EXPECT_NE(mail.text.find(community + "#message-"), std::string::npos) << mail.text;
    }
  }
  EXPECT_EQ(mailed("discrete@example.fr"), 0u);
  EXPECT_NE(people[2].Get("/compte").body.find(post_subject), std::string::npos) << "listed on the account page";

  const std::string post = QueryRows(db_->url(), "SELECT MAX(id) FROM programme_posts");
  people[1].Get(community);
  ASSERT_EQ(people[1].Post(community, "parent=" + post.substr(0, post.find('\n')) + "&body=Comment+les+avez-vous+invit%C3%A9s+%3F")
                .status,
            303);
  EXPECT_EQ(notified("Communauté « Territoires en commun 2026 » : nouveau commentaire de Agent pressee"),
            "discrete@example.fr\nelue@example.fr\npvi@example.fr\n");
  EXPECT_EQ(outsider.Get(community).status, 403);
}

TEST_F(ProgrammeHttp, TwoSimultaneousRequestsForTheLastSeatNeverBothSucceed) {
  FormBrowser anct = Member("pvi", {anct_});
  const std::string programme = Fabrique(anct, 4);
  ASSERT_EQ(Act(anct, programme, "/seminaires/generation", "").status, 303);
  const json detail = Api(anct, programme);
  FormBrowser first = Member("premiere", {});
  FormBrowser second = Member("seconde", {});
  constexpr int kRounds = 8;
  for (int round = 0; round < kRounds; ++round) {
    const auto& s = detail["seminars"][round];
    const std::string seminar = programme + "/seminaires/" + std::to_string(s["id"].get<int>());
    anct.Get(seminar);
    ASSERT_EQ(anct.Post(seminar, "date=2026-03-05&time=09%3A00&minutes=240&capacity=1").status, 303);
    first.Get(seminar);
    second.Get(seminar);
    std::latch start(2);
    HttpResponse a, b;
    std::thread ta([&] {
      start.arrive_and_wait();
      a = first.Post(seminar + "/inscription", "");
    });
    std::thread tb([&] {
      start.arrive_and_wait();
      b = second.Post(seminar + "/inscription", "");
    });
    ta.join();
    tb.join();
    EXPECT_EQ((a.status == 303) + (b.status == 303), 1) << "round " << round << ": " << a.status << " " << b.status;
    const HttpResponse& refused = a.status == 303 ? b : a;
    EXPECT_EQ(refused.status, 409);
    EXPECT_NE(refused.body.find("Ce séminaire est complet"), std::string::npos) << refused.body.substr(0, 1000);
    const std::string rows = QueryRows(db_->url(), "SELECT COUNT(*) FROM seminar_registrations WHERE seminar_id = " +
                                                       std::to_string(s["id"].get<int>()));
    EXPECT_EQ(rows.substr(0, rows.find('\n')), "1") << "round " << round;
  }
  // Attendance of the one who got the seat.
  const std::string seminar = programme + "/seminaires/" + std::to_string(detail["seminars"][0]["id"].get<int>());
  const std::string user = QueryRows(db_->url(), "SELECT user_id FROM seminar_registrations WHERE seminar_id = " +
                                                     std::to_string(detail["seminars"][0]["id"].get<int>()));
  anct.Get(seminar);
  EXPECT_EQ(anct.Post(seminar + "/presence", "user=" + user.substr(0, user.find('\n')) + "&attended=oui").status, 303);
  EXPECT_NE(anct.Get(seminar).body.find("présent"), std::string::npos);
}

}  // namespace
}  // namespace boussole::testing
