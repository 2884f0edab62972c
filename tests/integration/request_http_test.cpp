// Requests ("saisines", issue 6) over real HTTP, on the backend of the run: the ANCT
// workflow from brouillon to clôturée through the commune, its préfecture and the ANCT; the
// Atelier des territoires through the DDT(M) and the DGALN; the Cerema's freemium; every
// (workflow, state, transition, party) allowed or refused as the tables say; another
// département's préfecture refused; files checked from their content, shared by servers;
// concurrent transitions on one version: one wins, the other gets a conflict.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <chrono>
#include <thread>

#include "domain/requests/workflow.h"
#include "storage/store.h"
#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"

namespace boussole::testing {
namespace {

using nlohmann::json;
using organisations::Kind;
using territories::TerritoryId;

const std::string kPlanGuidePdf = "%PDF-1.4\n1 0 obj << /Title (Plan guide) >> endobj\ntrailer << >>\n%%EOF\n";
const std::string kElf = std::string("\x7f" "ELF\x02\x01\x01\0", 8) + std::string(56, '\0');

class RequestHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    files_ = (dir_.path() / "fichiers").string();
    server_.emplace(db_->url(), Env());
    store_ = std::move(storage::OpenStore(db_->url())).value();
    const std::string at = "2026-11-25T09:00:00Z";
    joinville_ = Org(Kind::kCollectivite, "Commune de Joinville", TerritoryId{territories::Kind::kCommune, "52250"});
    motte_ = Org(Kind::kCollectivite, "Commune de La Motte-Servolex", TerritoryId{territories::Kind::kCommune, "73179"});
    pref52_ = Org(Kind::kDelegationTerritoriale, "Préfecture de la Haute-Marne", TerritoryId{territories::Kind::kDepartement, "52"});
    pref73_ = Org(Kind::kDelegationTerritoriale, "Préfecture de la Savoie", TerritoryId{territories::Kind::kDepartement, "73"});
    anct_ = Org(Kind::kAnct, "ANCT", std::nullopt);
    cerema_ = Org(Kind::kOperateur, "Cerema", std::nullopt);
    dgaln_ = Org(Kind::kOperateur, "DGALN", std::nullopt);
  }

  std::map<std::string, std::string> Env() const {
    return {{"BOUSSOLE_SMTP_URL", sink_.url()}, {"BOUSSOLE_FILES_DIR", files_}, {"BOUSSOLE_CEREMA_FREEMIUM_DAYS", "3"}};
  }

  std::int64_t Org(Kind kind, const std::string& name, std::optional<TerritoryId> territory) {
    return store_->CreateOrganisation({kind, name, territory}, "2026-11-25T09:00:00Z").id;
  }

  FormBrowser Member(const std::string& local, std::int64_t organisation) {
    FormBrowser browser = SignedInBrowser(server_->port(), db_->url(), local + "@example.fr");
    const auto user = store_->FindUserByEmail(local + "@example.fr");
    EXPECT_TRUE(store_->AddMember(organisation, user->id, organisations::MemberRole::kMember, "2026-11-25T09:00:00Z").ok());
    return browser;
  }

  std::string Scalar(const std::string& sql) {
    const std::string rows = QueryRows(db_->url(), sql);
    return rows.substr(0, rows.find('\n'));
  }

  std::string Create(FormBrowser& browser, std::int64_t organisation, const std::string& workflow) {
    browser.Get("/organisations/" + std::to_string(organisation) + "/demandes/nouvelle");
    HttpResponse r = browser.Post("/organisations/" + std::to_string(organisation) + "/demandes",
                                  "workflow=" + workflow + "&title=Revitaliser+le+centre-bourg&theme=" +
                                      "&besoin=Un+plan+guide&deja_tente=Une+etude+en+2019");
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    const std::string location = r.headers["location"];
    return location.substr(location.rfind('/') + 1);
  }

  std::string Version(const std::string& id) { return Scalar("SELECT version FROM requests WHERE id = " + id); }
  std::string State(const std::string& id) { return Scalar("SELECT state FROM requests WHERE id = " + id); }

  // Takes a transition with the current version (read from the page, as a browser would).
  HttpResponse Step(FormBrowser& browser, const std::string& id, const std::string& transition,
                    std::vector<std::pair<std::string, std::string>> fields = {}, std::vector<FilePart> files = {}) {
    HttpResponse page = browser.Get("/demandes/" + id);
    std::smatch m;
    std::string version = Version(id);
    if (std::regex_search(page.body, m, std::regex(R"(name="version" value="(\d+)\")"))) version = m[1];
    fields.emplace_back("version", version);
    fields.emplace_back("transition", transition);
    return browser.PostMultipart("/demandes/" + id + "/transitions", fields, files);
  }

  json Api(FormBrowser& browser, const std::string& id) { return json::parse(browser.Get("/api/v1/requests/" + id).body); }

  SmtpSink sink_;
  TempDir dir_;
  std::string files_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
  std::unique_ptr<storage::Store> store_;
  std::int64_t joinville_ = 0, motte_ = 0, pref52_ = 0, pref73_ = 0, anct_ = 0, cerema_ = 0, dgaln_ = 0;
};

TEST_F(RequestHttp, AnAnctRequestOfASmallCommuneGoesFromDraftToClosedAndCostsItNothing) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser prefecture = Member("prefecture", pref52_);
  FormBrowser anct = Member("anct", anct_);
  const std::string id = Create(commune, joinville_, "anct");
  EXPECT_EQ(State(id), "brouillon");
  EXPECT_EQ(Step(commune, id, "deposer", {{"besoin", "Un plan guide"}, {"deja_tente", "Une étude"}}).status, 303);
  // The préfecture, which acts next, is told; the maire, who acted, and the ANCT, not yet.
  auto notified = [&](const std::string& email) {
    return Scalar("SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.topic = 'request'"
                  " AND u.email = '" + email + "'");
  };
  EXPECT_EQ(notified("prefecture@example.fr"), "1");
  EXPECT_EQ(notified("maire@example.fr"), "0");
  EXPECT_EQ(notified("anct@example.fr"), "0");
  EXPECT_EQ(Step(prefecture, id, "prendre_en_charge", {{"referent", "M. Référent"}}).status, 303);
  EXPECT_EQ(Step(prefecture, id, "examiner", {{"comite", "Aucune ressource locale disponible"}}).status, 303);
  // The justification is mandatory.
  HttpResponse missing = Step(prefecture, id, "transmettre");
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("Justification de la transmission"), std::string::npos);
  EXPECT_EQ(Step(prefecture, id, "transmettre", {{"justifications", "fragilite"}, {"justifications", "innovant_complexe"}}).status, 303);
  EXPECT_EQ(Step(anct, id, "instruire", {{"charge_de_mission", "Mme Chargée"}, {"echange", "Échange avec le maire"}}).status, 303);
  EXPECT_EQ(Step(anct, id, "definir_reponse", {{"mode", "marche_ingenierie"}, {"cout_euros", "30000"}}).status, 303);
  EXPECT_EQ(Step(anct, id, "engager").status, 303);
  EXPECT_EQ(Step(anct, id, "demarrer").status, 303);
  EXPECT_EQ(Step(anct, id, "livrer", {}, {{"livrable", "plan-guide.pdf", "application/pdf", kPlanGuidePdf}}).status, 303);
  EXPECT_EQ(Step(anct, id, "cloturer", {{"bilan", "Plan guide remis"}}).status, 303);
  EXPECT_EQ(State(id), "cloturee");
  EXPECT_NE(notified("anct@example.fr"), "0");
  EXPECT_NE(notified("maire@example.fr"), "0");
  const json detail = Api(commune, id);
  EXPECT_EQ(detail["state"], "cloturee");
  EXPECT_EQ(detail["cost"]["total_euros"], 30000);
  EXPECT_EQ(detail["cost"]["collectivite_euros"], 0);
  EXPECT_EQ(detail["cost"]["anct_euros"], 30000);
  // The trail: creation + 10 transitions, each with its actor.
  ASSERT_EQ(detail["trail"].size(), 11u);
  EXPECT_EQ(detail["trail"][1]["transition"], "deposer");
  EXPECT_FALSE(detail["trail"][1]["actor"].get<std::string>().empty());
  EXPECT_EQ(detail["trail"][9]["transition"], "livrer");
  ASSERT_TRUE(detail["trail"][9].contains("file"));
  const std::string page = commune.Get("/demandes/" + id).body;
  EXPECT_NE(page.find("<td id=\"cout-collectivite\">0 €</td>"), std::string::npos);
  // The deliverable downloads for the commune, with its stored type.
  HttpResponse file = commune.Get(detail["trail"][9]["file"]["url"].get<std::string>());
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kPlanGuidePdf);
  EXPECT_EQ(file.headers["content-type"], "application/pdf");
  EXPECT_EQ(file.headers["x-content-type-options"], "nosniff");
  EXPECT_NE(file.headers["content-disposition"].find("plan-guide.pdf"), std::string::npos);
  // The trail is append-only, in the database itself.
  EXPECT_THROW(ExecSql(db_->url(), "UPDATE request_events SET text = 'réécrit' WHERE request_id = " + id), std::exception);
}

TEST_F(RequestHttp, AnInvalidTransitionIsAConflictNamingTheStateAndTheNextSteps) {
  FormBrowser commune = Member("maire", joinville_);
  const std::string id = Create(commune, joinville_, "anct");
  HttpResponse r = Step(commune, id, "cloturer");
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("Brouillon"), std::string::npos) << r.body.substr(0, 3000);
  EXPECT_NE(r.body.find("Déposer la demande"), std::string::npos);
  EXPECT_EQ(State(id), "brouillon");
}

TEST_F(RequestHttp, AnotherDepartementsPrefectureIsRefused) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser savoie = Member("savoie", pref73_);
  FormBrowser marne = Member("marne", pref52_);
  const std::string id = Create(commune, joinville_, "anct");
  EXPECT_EQ(Step(commune, id, "deposer", {{"besoin", "Un plan guide"}, {"deja_tente", "Rien"}}).status, 303);
  EXPECT_EQ(savoie.Get("/demandes/" + id).status, 403);
  EXPECT_EQ(savoie.Get("/api/v1/requests/" + id).status, 403);
  savoie.Get("/demandes");
  EXPECT_EQ(savoie.PostMultipart("/demandes/" + id + "/transitions",
                                 {{"version", Version(id)}, {"transition", "prendre_en_charge"}, {"referent", "X"}}).status,
            403);
  EXPECT_EQ(json::parse(savoie.Get("/api/v1/requests").body)["requests"].size(), 0u);
  EXPECT_EQ(marne.Get("/demandes/" + id).status, 200);
  EXPECT_EQ(json::parse(marne.Get("/api/v1/requests").body)["requests"].size(), 1u);
  EXPECT_EQ(State(id), "deposee");
}

// An unknown or malformed request is not found (404, French page or problem details) for
// anyone signed in, whatever the route under it; an existing one stays refused (403) to
// another département's préfecture.
TEST_F(RequestHttp, AnUnknownOrMalformedRequestIsNotFound) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser savoie = Member("savoie", pref73_);
  const std::string id = Create(commune, joinville_, "anct");
  const std::string unknown = std::to_string(std::stoll(id) + 1000);
  for (FormBrowser* browser : {&commune, &savoie}) {
    for (const std::string& missing : {unknown, std::string("abc"), std::string("99999999999999999999")}) {
      HttpResponse page = browser->Get("/demandes/" + missing);
      EXPECT_EQ(page.status, 404) << missing;
      EXPECT_NE(page.body.find("existe pas"), std::string::npos) << page.body.substr(0, 500);
      EXPECT_NE(page.headers["content-type"].find("text/html"), std::string::npos);
      HttpResponse api = browser->Get("/api/v1/requests/" + missing);
      EXPECT_EQ(api.status, 404) << missing;
      EXPECT_EQ(api.headers["content-type"], "application/problem+json");
      EXPECT_EQ(json::parse(api.body)["status"], 404);
      EXPECT_EQ(browser->Get("/demandes/" + missing + "/fichiers/1").status, 404);
      browser->Get("/demandes");
      EXPECT_EQ(browser->Post("/demandes/" + missing + "/commentaires", "text=Bonjour").status, 404);
      browser->Get("/demandes");
      EXPECT_EQ(browser->PostMultipart("/demandes/" + missing + "/transitions", {{"version", "1"}, {"transition", "deposer"}}).status,
                404);
    }
  }
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM request_events WHERE kind = 'comment'"), "0");
  // The request that exists: 403 for the other préfecture, as before.
  EXPECT_EQ(savoie.Get("/demandes/" + id).status, 403);
  EXPECT_EQ(savoie.Get("/api/v1/requests/" + id).status, 403);
  // A visitor is asked to sign in, whether the request exists or not.
  FormBrowser visitor(server_->port());
  EXPECT_EQ(visitor.Get("/demandes/" + unknown).status, 303);
  EXPECT_EQ(visitor.Get("/api/v1/requests/" + unknown).status, 401);
}

// Comments and files are told to the parties (not to their author), as steps are: the
// collectivité, those who acted, those who act next; each person at their pace: "immediate"
// mailed by the scheduler, "none" listed on the account page and never mailed.
TEST_F(RequestHttp, CommentsAndFilesAreToldToThePartiesAtTheirPace) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser colleague = Member("adjoint", joinville_);
  FormBrowser prefecture = Member("prefecture", pref52_);
  FormBrowser anct = Member("anct", anct_);
  prefecture.Get("/compte");
  ASSERT_EQ(prefecture.Post("/compte/notifications", "frequency=immediate").status, 303);
  colleague.Get("/compte");
  ASSERT_EQ(colleague.Post("/compte/notifications", "frequency=none").status, 303);
  auto told = [&](const std::string& local, const std::string& like) {
    return Scalar("SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.topic = 'request'"
                  " AND u.email = '" + local + "@example.fr' AND n.subject LIKE '" + like + "'");
  };
  // A draft concerns its collectivité only.
  const std::string draft = Create(commune, joinville_, "anct");
  commune.Get("/demandes/" + draft);
  ASSERT_EQ(commune.Post("/demandes/" + draft + "/commentaires", "text=Premier+jet").status, 303);
  EXPECT_EQ(told("adjoint", "%commentaire de Agent%"), "1");
  EXPECT_EQ(told("maire", "%commentaire%"), "0") << "not its author";
  EXPECT_EQ(told("prefecture", "%commentaire%"), "0");
  // Once deposited, the préfecture hears of comments and files; the ANCT, not yet concerned, does not.
  const std::string id = Create(commune, joinville_, "anct");
  ASSERT_EQ(Step(commune, id, "deposer", {{"besoin", "Un plan guide"}, {"deja_tente", "Rien"}}).status, 303);
  commune.Get("/demandes/" + id);
  ASSERT_EQ(commune.Post("/demandes/" + id + "/commentaires", "text=Le+conseil+a+vot%C3%A9").status, 303);
  EXPECT_EQ(told("prefecture", "Demande « Revitaliser le centre-bourg » : commentaire de Agent%"), "1");
  EXPECT_EQ(told("adjoint", "%commentaire%"), "2");
  EXPECT_EQ(told("anct", "%"), "0");
  prefecture.Get("/demandes/" + id);
  ASSERT_EQ(prefecture.PostMultipart("/demandes/" + id + "/fichiers", {{"text", "Diagnostic"}},
                                     {{"fichier", "diagnostic.pdf", "application/pdf", kPlanGuidePdf}}).status, 303);
  EXPECT_EQ(told("maire", "%fichier « diagnostic.pdf » joint par Agent%"), "1");
  EXPECT_EQ(told("adjoint", "%fichier « diagnostic.pdf »%"), "1");
  EXPECT_EQ(told("prefecture", "%fichier%"), "0") << "not its author";
  EXPECT_EQ(told("anct", "%"), "0");
  // A refused upload tells nobody.
  prefecture.Get("/demandes/" + id);
  ASSERT_EQ(prefecture.PostMultipart("/demandes/" + id + "/fichiers", {}, {{"fichier", "x.pdf", "application/pdf", kElf}}).status, 400);
  EXPECT_EQ(told("maire", "%fichier « x.pdf »%"), "0");

  // The paces: a server whose scheduler sends every second mails the préfecture's comment at
  // once; the adjoint chose "none": never mailed, listed on the account page.
  auto env = Env();
  env["BOUSSOLE_SCHEDULER_TICK_MS"] = "200";
  env["BOUSSOLE_JOB_SEND_NOTIFICATIONS_SECONDS"] = "1";
  env["BOUSSOLE_PUBLIC_URL"] = "http://boussole.test";
  ServerProcess scheduler(db_->url(), env);
  // The first server scheduled the job a minute ahead: due now, then every second.
  ExecSql(db_->url(), "UPDATE jobs SET next_run_at = '2000-01-01T00:00:00Z' WHERE name = 'send_notifications'");
  auto mailed = [&](const std::string& local, const std::string& part) {
    for (int i = 0; i < 300; ++i) {
      for (const auto& mail : sink_.mails()) {
        if (mail.envelope_to == std::vector<std::string>{local + "@example.fr"} && mail.text.find(part) != std::string::npos) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  };
  EXPECT_TRUE(mailed("prefecture", "commentaire de Agent"));
  EXPECT_TRUE(mailed("prefecture", "/demandes/" + id + "\n"));  // either server's scheduler may send it
  EXPECT_TRUE(mailed("maire", "fichier « diagnostic.pdf » joint par Agent"));  // the daily digest
  for (const auto& mail : sink_.mails()) {
    EXPECT_FALSE(mail.envelope_to == std::vector<std::string>{"adjoint@example.fr"} && mail.text.find("Demande") != std::string::npos)
        << mail.text;
  }
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email ="
                   " 'adjoint@example.fr' AND n.delivery_id IS NULL"), "4") << "the draft's comment, the deposit, a comment, a file";
  EXPECT_NE(colleague.Get("/compte").body.find("commentaire de Agent"), std::string::npos);
}

// The ANCT sets the annual engineering envelope in the application (validated, French
// errors, CSRF); stored, it wins over the default, and the dashboard's budget rows use it.
TEST_F(RequestHttp, TheAnctSetsTheAnnualEnvelopeAndTheDashboardUsesIt) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser marne = Member("marne", pref52_);
  FormBrowser anct = Member("anct", anct_);
  auto stored = [&] { return Scalar("SELECT COUNT(*) FROM engineering_budgets"); };
  // Only the ANCT.
  EXPECT_EQ(commune.Get("/demandes/budgets").status, 403);
  HttpResponse refused = marne.Get("/demandes/budgets");
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("ANCT : votre compte ne le permet pas"), std::string::npos) << refused.body.substr(0, 2000);
  marne.Get("/demandes");
  EXPECT_EQ(marne.Post("/demandes/budgets", "year=2026&amount=1").status, 403);
  EXPECT_EQ(stored(), "0");
  EXPECT_EQ(marne.Get("/demandes/tableau-de-bord").body.find("lien-budgets"), std::string::npos);
  EXPECT_NE(anct.Get("/demandes/tableau-de-bord").body.find("href=\"/demandes/budgets\""), std::string::npos);
  // The defaults, before anything is set.
  HttpResponse page = anct.Get("/demandes/budgets");
  ASSERT_EQ(page.status, 200);
  const auto row = [](const std::string& body, const std::string& year) {
    const auto at = body.find("<tr id=\"budget-" + year + "\">");
    return at == std::string::npos ? std::string() : body.substr(at, body.find("</tr>", at) - at);
  };
  EXPECT_NE(row(page.body, "2021").find("20\u00a0000\u00a0000\u00a0€"), std::string::npos) << row(page.body, "2021");
  EXPECT_NE(row(page.body, "2021").find("Valeur par défaut"), std::string::npos);
  // Bad input: French messages by the fields, the values kept, nothing stored.
  EXPECT_EQ(anct.Post("/demandes/budgets", "year=2026&amount=1", false).status, 403) << "no CSRF token";
  HttpResponse bad_year = anct.Post("/demandes/budgets", "year=1999&amount=1000");
  EXPECT_EQ(bad_year.status, 400);
  EXPECT_NE(bad_year.body.find("id=\"budget-year-erreur\">Indiquez une année entre 2000 et 2100"), std::string::npos)
      << bad_year.body.substr(0, 4000);
  EXPECT_NE(bad_year.body.find("name=\"amount\" value=\"1000\""), std::string::npos);
  HttpResponse bad_amount = anct.Post("/demandes/budgets", "year=2026&amount=vingt+millions");
  EXPECT_EQ(bad_amount.status, 400);
  EXPECT_NE(bad_amount.body.find("id=\"budget-amount-erreur\">Indiquez le montant"), std::string::npos);
  EXPECT_EQ(anct.Post("/demandes/budgets", "year=2026&amount=-5").status, 400);
  EXPECT_EQ(stored(), "0");
  // Set: a new year, and a year that had a default.
  HttpResponse saved = anct.Post("/demandes/budgets", "year=2026&amount=18+500+000");
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
  EXPECT_EQ(saved.headers["location"], "/demandes/budgets?enregistre=2026");
  ASSERT_EQ(anct.Post("/demandes/budgets", "year=2021&amount=22000000").status, 303);
  ASSERT_EQ(anct.Post("/demandes/budgets", "year=2026&amount=18600000").status, 303);  // replaced
  EXPECT_EQ(stored(), "2");
  EXPECT_EQ(Scalar("SELECT amount_euros FROM engineering_budgets WHERE year = 2026"), "18600000");
  page = anct.Get("/demandes/budgets?enregistre=2026");
  EXPECT_NE(page.body.find("id=\"enregistre\""), std::string::npos);
  EXPECT_NE(row(page.body, "2026").find("18\u00a0600\u00a0000\u00a0€"), std::string::npos) << row(page.body, "2026");
  EXPECT_NE(row(page.body, "2026").find("par Agent anct"), std::string::npos);
  EXPECT_NE(row(page.body, "2020").find("Valeur par défaut"), std::string::npos);
  // The dashboard: envelope and what remains from the stored values.
  const std::string csv = anct.Get("/demandes/tableau-de-bord.csv").body;
  EXPECT_NE(csv.find("budget_enveloppe;2021;Enveloppe 2021;22000000"), std::string::npos) << csv;
  EXPECT_NE(csv.find("budget_enveloppe;2026;Enveloppe 2026;18600000"), std::string::npos);
  EXPECT_NE(csv.find("budget_enveloppe;2020;Enveloppe 2020;10000000"), std::string::npos);
  EXPECT_NE(csv.find("budget_restant;2021;Restant 2021;22000000"), std::string::npos);
  EXPECT_NE(marne.Get("/demandes/tableau-de-bord.csv").body.find("budget_enveloppe;2026;Enveloppe 2026;18600000"),
            std::string::npos);
}

TEST_F(RequestHttp, TheAtelierGoesThroughTheDdtmAndTheDgaln) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser ddt = Member("ddt", pref52_);
  FormBrowser dgaln = Member("dgaln", dgaln_);
  const std::string id = Create(commune, joinville_, "atelier");
  EXPECT_EQ(Step(commune, id, "formuler", {{"besoin", "Un projet de territoire"}, {"deja_tente", "Rien"}}).status, 303);
  // The DGALN is not a party until the DDT(M) relays the request to it.
  EXPECT_EQ(dgaln.Get("/demandes/" + id).status, 403);
  EXPECT_EQ(Step(ddt, id, "relayer", {{"organisation", std::to_string(dgaln_)}, {"acteurs_locaux", "DDT, DREAL"}}).status, 303);
  EXPECT_EQ(Step(ddt, id, "valider", {{"format", "flash"}}).status, 403);  // the DGALN validates, not the DDT(M)
  EXPECT_EQ(Step(dgaln, id, "valider", {{"format", "flash"}}).status, 303);
  EXPECT_EQ(Step(ddt, id, "piloter", {{"equipe", "Urbaniste, paysagiste"}}).status, 303);
  EXPECT_EQ(Step(ddt, id, "tenir_sessions", {{"sessions", "Trois ateliers"}}).status, 303);
  EXPECT_EQ(Step(ddt, id, "livrer", {{"type_livrable", "plan_guide"}}, {{"livrable", "feuille.pdf", "application/pdf", kPlanGuidePdf}}).status, 303);
  EXPECT_EQ(Step(ddt, id, "cloturer").status, 303);
  EXPECT_EQ(State(id), "cloturee");
  const json detail = Api(commune, id);
  EXPECT_EQ(detail["trail"][2]["transition"], "relayer");
  EXPECT_EQ(detail["trail"][3]["transition"], "valider");
  EXPECT_EQ(Scalar("SELECT assignee_id FROM requests WHERE id = " + id), std::to_string(dgaln_));
}

TEST_F(RequestHttp, ACommuneOfTwelveThousandAnsweredByTheCeremaGetsTheFreemiumSplit) {
  FormBrowser commune = Member("maire", motte_);
  FormBrowser cerema = Member("cerema", cerema_);
  const std::string id = Create(commune, motte_, "cerema");
  EXPECT_EQ(Step(commune, id, "deposer", {{"besoin", "Mobilités"}, {"deja_tente", "Rien"}, {"organisation", std::to_string(cerema_)}}).status, 303);
  // 10 days for 20 000 €: 3 days (6 000 €) financed by the Cerema, then 50 % of 14 000 €.
  EXPECT_EQ(Step(cerema, id, "proposer", {{"jours", "10"}, {"cout_euros", "20000"}}).status, 303);
  const json detail = Api(commune, id);
  EXPECT_EQ(detail["population"], 12067);
  EXPECT_EQ(detail["cost"]["total_euros"], 20000);
  EXPECT_EQ(detail["cost"]["collectivite_euros"], 7000);
  EXPECT_EQ(detail["cost"]["cerema_euros"], 13000);
  EXPECT_EQ(Step(commune, id, "accepter").status, 303);
  EXPECT_EQ(State(id), "engagee");
}

TEST_F(RequestHttp, ARenamedExecutableIsRefusedAndNothingIsStored) {
  FormBrowser commune = Member("maire", joinville_);
  const std::string id = Create(commune, joinville_, "anct");
  commune.Get("/demandes/" + id);
  HttpResponse r = commune.PostMultipart("/demandes/" + id + "/fichiers", {}, {{"fichier", "plan.pdf", "application/pdf", kElf}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("exécutable"), std::string::npos) << r.body.substr(0, 2000);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM files"), "0");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM request_events WHERE kind = 'file'"), "0");
  // A real PDF is kept, with its checksum.
  commune.Get("/demandes/" + id);
  r = commune.PostMultipart("/demandes/" + id + "/fichiers", {}, {{"fichier", "plan.pdf", "application/octet-stream", kPlanGuidePdf}});
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
  EXPECT_EQ(Scalar("SELECT content_type FROM files"), "application/pdf");
  EXPECT_EQ(Scalar("SELECT length(sha256) FROM files"), "64");
}

TEST_F(RequestHttp, OnlyUploadRoutesAcceptLargeBodies) {
  FormBrowser commune = Member("maire", joinville_);
  const std::string id = Create(commune, joinville_, "anct");
  commune.Get("/demandes/" + id);
  const std::string big = kPlanGuidePdf + std::string(3 * 1024 * 1024, ' ');
  EXPECT_EQ(commune.PostMultipart("/demandes/" + id + "/fichiers", {}, {{"fichier", "gros.pdf", "application/pdf", big}}).status, 303);
  commune.Get("/demandes/" + id);
  EXPECT_EQ(commune.PostMultipart("/demandes/" + id + "/commentaires", {{"text", big}}).status, 413);
}

TEST_F(RequestHttp, AFileUploadedThroughOneServerDownloadsThroughAnother) {
  ServerProcess other(db_->url(), Env());
  FormBrowser commune = Member("maire", joinville_);
  const std::string id = Create(commune, joinville_, "anct");
  commune.Get("/demandes/" + id);
  ASSERT_EQ(commune.PostMultipart("/demandes/" + id + "/fichiers", {}, {{"fichier", "diagnostic.pdf", "application/pdf", kPlanGuidePdf}}).status, 303);
  const std::string file = Scalar("SELECT MAX(id) FROM files");
  FormBrowser there(other.port());
  there.cookie("boussole_session") = commune.cookie("boussole_session");
  HttpResponse r = there.Get("/demandes/" + id + "/fichiers/" + file);
  EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
  EXPECT_EQ(r.body, kPlanGuidePdf);
  EXPECT_EQ(r.headers["content-type"], "application/pdf");
  EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
  // Not to someone else.
  FormBrowser savoie = Member("savoie", pref73_);
  EXPECT_EQ(savoie.Get("/demandes/" + id + "/fichiers/" + file).status, 403);
}

TEST_F(RequestHttp, TwoTransitionsOnTheSameVersionGiveOneSuccessAndOneConflict) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser prefecture = Member("prefecture", pref52_);
  FormBrowser other_agent = Member("sg", pref52_);
  const std::string id = Create(commune, joinville_, "anct");
  ASSERT_EQ(Step(commune, id, "deposer", {{"besoin", "B"}, {"deja_tente", "T"}}).status, 303);
  // Sequential: both forms were read at the same version.
  const std::string version = Version(id);
  prefecture.Get("/demandes/" + id);
  other_agent.Get("/demandes/" + id);
  HttpResponse first = prefecture.PostMultipart("/demandes/" + id + "/transitions",
                                                {{"version", version}, {"transition", "prendre_en_charge"}, {"referent", "A"}});
  HttpResponse second = other_agent.PostMultipart("/demandes/" + id + "/transitions",
                                                  {{"version", version}, {"transition", "refuser"}, {"motif", "Hors champ"}});
  EXPECT_EQ(first.status, 303);
  EXPECT_EQ(second.status, 409);
  EXPECT_NE(second.body.find("a fait avancer la demande pendant que vous la consultiez"), std::string::npos);
  EXPECT_EQ(State(id), "prise_en_charge");
  // Concurrent: two real requests at once on the same version.
  const std::string v2 = Version(id);
  prefecture.Get("/demandes/" + id);
  other_agent.Get("/demandes/" + id);
  HttpResponse a, b;
  std::thread ta([&] { a = prefecture.PostMultipart("/demandes/" + id + "/transitions", {{"version", v2}, {"transition", "examiner"}}); });
  std::thread tb([&] { b = other_agent.PostMultipart("/demandes/" + id + "/transitions", {{"version", v2}, {"transition", "refuser"}, {"motif", "M"}}); });
  ta.join();
  tb.join();
  EXPECT_EQ((a.status == 303) + (b.status == 303), 1) << a.status << " " << b.status;
  EXPECT_EQ((a.status == 409) + (b.status == 409), 1) << a.status << " " << b.status;
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM request_events WHERE kind = 'transition' AND request_id = " + id), "3");
}

TEST_F(RequestHttp, SuggestionsAtTheLocalResourcesStepNeverIncludeAStructureNotCoveringTheCommune) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser marne = Member("marne", pref52_);
  FormBrowser savoie = Member("savoie", pref73_);
  marne.Get("/ressources");
  EXPECT_EQ(marne.Post("/ressources", "name=ATD+de+la+Haute-Marne&kind=agence_technique&territories=52&contact=atd52%40example.fr").status, 303);
  savoie.Get("/ressources");
  EXPECT_EQ(savoie.Post("/ressources", "name=ATD+de+la+Savoie&kind=agence_technique&territories=73").status, 303);
  // A préfecture adds structures for its own département only; only the ANCT adds national ones.
  HttpResponse outside = savoie.Post("/ressources", "name=Intrus&kind=caue&territories=52250");
  EXPECT_EQ(outside.status, 400);
  EXPECT_NE(outside.body.find("pas dans votre département"), std::string::npos);
  EXPECT_EQ(savoie.Post("/ressources", "name=Intrus&kind=caue&national=oui").status, 400);
  EXPECT_EQ(commune.Post("/ressources", "name=Intrus&kind=caue&territories=52250").status, 403);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM engineering_resources"), "2");
  // Search by territory: the Savoie's structure covers La Motte-Servolex, not Joinville.
  const std::string joinville = commune.Get("/ressources?territoire=52250").body;
  EXPECT_NE(joinville.find("ATD de la Haute-Marne"), std::string::npos);
  EXPECT_EQ(joinville.find("ATD de la Savoie"), std::string::npos);
  EXPECT_NE(joinville.find("Cerema"), std::string::npos);  // national partners named by the seeds
  EXPECT_NE(commune.Get("/ressources?territoire=73179").body.find("ATD de la Savoie"), std::string::npos);
  // At the examination of local resources.
  const std::string id = Create(commune, joinville_, "anct");
  ASSERT_EQ(Step(commune, id, "deposer", {{"besoin", "B"}, {"deja_tente", "T"}}).status, 303);
  ASSERT_EQ(Step(marne, id, "prendre_en_charge", {{"referent", "R"}}).status, 303);
  EXPECT_EQ(marne.Get("/demandes/" + id).body.find("id=\"suggestions\""), std::string::npos) << "not before the step";
  ASSERT_EQ(Step(marne, id, "examiner").status, 303);
  const std::string page = marne.Get("/demandes/" + id).body;
  const auto list = page.find("id=\"suggestions\"");
  ASSERT_NE(list, std::string::npos);
  const std::string suggestions = page.substr(list, page.find("</ol>", list) - list);
  EXPECT_NE(suggestions.find("ATD de la Haute-Marne"), std::string::npos);
  EXPECT_EQ(suggestions.find("ATD de la Savoie"), std::string::npos);
  EXPECT_LT(suggestions.find("ATD de la Haute-Marne"), suggestions.find("Cerema")) << "local structures first";
}

TEST_F(RequestHttp, DashboardFiguresEqualADirectCount) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser motte = Member("motte", motte_);
  FormBrowser marne = Member("marne", pref52_);
  FormBrowser anct = Member("anct", anct_);
  const std::string a = Create(commune, joinville_, "anct");
  Create(commune, joinville_, "atelier");
  Create(motte, motte_, "cerema");
  ASSERT_EQ(Step(commune, a, "deposer", {{"besoin", "B"}, {"deja_tente", "T"}}).status, 303);
  ASSERT_EQ(Step(marne, a, "prendre_en_charge", {{"referent", "R"}}).status, 303);
  ASSERT_EQ(Step(marne, a, "examiner").status, 303);
  ASSERT_EQ(Step(marne, a, "transmettre", {{"justifications", "fragilite"}}).status, 303);
  ASSERT_EQ(Step(anct, a, "instruire", {{"charge_de_mission", "C"}, {"echange", "E"}}).status, 303);
  ASSERT_EQ(Step(anct, a, "definir_reponse", {{"mode", "equipe_anct"}, {"cout_euros", "12000"}}).status, 303);
  ASSERT_EQ(Step(anct, a, "engager").status, 303);
  EXPECT_EQ(commune.Get("/demandes/tableau-de-bord").status, 403);
  // The ANCT: national figures, equal to a count of the rows.
  HttpResponse csv = anct.Get("/demandes/tableau-de-bord.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
  std::map<std::string, std::string> by_state;
  std::istringstream lines(csv.body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("etat;", 0) != 0) continue;
    const std::string key = line.substr(5, line.find(';', 5) - 5);
    by_state[key] = line.substr(line.rfind(';') + 1, line.find('\r') - line.rfind(';') - 1);
  }
  std::map<std::string, std::string> counted;
  std::istringstream rows(QueryRows(db_->url(), "SELECT workflow || '/' || state, COUNT(*) FROM requests GROUP BY 1"));
  while (std::getline(rows, line)) counted[line.substr(0, line.find('|'))] = line.substr(line.find('|') + 1);
  EXPECT_EQ(by_state, counted);
  EXPECT_EQ(by_state.size(), 3u);
  const int year = std::stoi(Scalar("SELECT substr(at, 1, 4) FROM request_events WHERE transition = 'engager'"));
  EXPECT_NE(csv.body.find("budget_engage;" + std::to_string(year) + ";Engagé " + std::to_string(year) + ";12000"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("budget_enveloppe;2021;Enveloppe 2021;20000000"), std::string::npos);
  EXPECT_NE(csv.body.find("reponse;anct;Réponse par l'ANCT;1"), std::string::npos);
  // The préfecture of the Haute-Marne: its département only.
  const std::string local = marne.Get("/demandes/tableau-de-bord.csv").body;
  EXPECT_NE(local.find("departement;departement:52;Haute-Marne;" +
                       Scalar("SELECT COUNT(*) FROM requests WHERE departement_id = 'departement:52'")), std::string::npos) << local;
  EXPECT_EQ(local.find("departement:73"), std::string::npos);
  EXPECT_EQ(marne.Get("/demandes/tableau-de-bord").status, 200);
  HttpResponse xlsx = anct.Get("/demandes/tableau-de-bord.xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(xlsx.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

// Every (workflow, state, transition, party), from the tables: the request is put in each
// state directly, then each party tries each transition of the workflow with every field it
// could need. Allowed: 303 (then the state is put back); a transition that does not leave the
// state: 409; one that does but belongs to another party: 403.
TEST_F(RequestHttp, EveryWorkflowStateTransitionAndPartyIsAllowedOrRefusedAsTheTablesSay) {
  struct Actor {
    std::string name;
    std::optional<requests::Party> party;  // nullopt: no party (another département's préfecture)
    FormBrowser browser;
  };
  std::vector<Actor> actors;
  actors.push_back({"collectivité", requests::Party::kCollectivite, Member("maire", joinville_)});
  actors.push_back({"préfecture", requests::Party::kPrefecture, Member("prefecture", pref52_)});
  actors.push_back({"ANCT", requests::Party::kAnct, Member("anct", anct_)});
  actors.push_back({"attributaire", requests::Party::kAssignee, Member("cerema", cerema_)});
  actors.push_back({"autre préfecture", std::nullopt, Member("savoie", pref73_)});
  const std::vector<std::pair<std::string, std::string>> all_fields = {
      {"besoin", "B"}, {"deja_tente", "T"}, {"motif", "M"}, {"referent", "R"}, {"comite", "C"}, {"ressource", "ATD"},
      {"justifications", "fragilite"}, {"charge_de_mission", "CM"}, {"echange", "E"}, {"mode", "operateur_partenaire"},
      {"organisation", std::to_string(cerema_)}, {"cout_euros", "1000"}, {"part_collectivite_euros", "0"},
      {"jours", "5"}, {"bilan", "Bilan"}, {"acteurs_locaux", "DDT"}, {"format", "local"}, {"equipe", "Équipe"},
      {"sessions", "S"}, {"type_livrable", "synthese"}};
  std::size_t checked = 0;
  for (const auto& workflow : requests::Workflows()) {
    const std::string id = Create(actors[0].browser, joinville_, std::string(workflow.key));
    std::int64_t version = std::stoll(Version(id));  // moves only when a transition succeeds
    for (const auto& state : workflow.states) {
      const std::string reset = "UPDATE requests SET state = '" + std::string(state.key) + "', assignee_id = " +
                                std::to_string(cerema_) + " WHERE id = " + id;
      ExecSql(db_->url(), reset);
      for (const auto& transition : workflow.transitions) {
        for (auto& actor : actors) {
          const bool leaves = std::find(transition.from.begin(), transition.from.end(), state.key) != transition.from.end();
          const bool allowed = actor.party && requests::Allows(transition, *actor.party);
          const int expected = !actor.party ? 403 : !leaves ? 409 : allowed ? 303 : 403;
          actor.browser.Get("/demandes");
          auto fields = all_fields;
          fields.emplace_back("version", std::to_string(version));
          fields.emplace_back("transition", std::string(transition.key));
          HttpResponse r = actor.browser.PostMultipart("/demandes/" + id + "/transitions", fields,
                                                       {{"livrable", "l.pdf", "application/pdf", kPlanGuidePdf}});
          EXPECT_EQ(r.status, expected) << workflow.key << " / " << state.key << " / " << transition.key << " / "
                                        << actor.name << ": " << r.body.substr(0, 400);
          if (r.status == 303) {
            EXPECT_EQ(State(id), transition.to);
            ++version;
            ExecSql(db_->url(), reset);
          }
          ++checked;
        }
      }
    }
  }
  std::size_t expected_count = 0;
  for (const auto& w : requests::Workflows()) expected_count += w.states.size() * w.transitions.size() * actors.size();
  EXPECT_EQ(checked, expected_count);
}

}  // namespace
}  // namespace boussole::testing
