// Personal data over real HTTP (issue 9, item 6, RGPD): « Mes données » downloads everything
// about the person; deleting the account ends the sessions, erases the personal fields and
// the alerts and notifications, and keeps the contributions that must stay under « Compte
// supprimé », unchanged; the server's log never holds an address or a password; the privacy
// page is linked from every page.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <regex>
#include <string>

#include "support/mail_decoding.h"
#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"

namespace boussole::testing {
namespace {

using nlohmann::json;

class PrivacyHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()},
                                                                   {"BOUSSOLE_MAIL_FROM", "Boussole <ne-pas-repondre@boussole.test>"}});
  }
  int port() const { return server_->port(); }
  std::string Scalar(const std::string& sql) {
    const std::string rows = QueryRows(db_->url(), sql);
    return rows.substr(0, rows.find('\n'));
  }

  // Camille, member of Joinville, author of a request, a comment, a community post; with an
  // alert and a notification. Dominique, of the same organisation, wrote a comment too.
  void Populate() {
    ExecSql(db_->url(), "INSERT INTO organisations (kind, name, territory_id, created_at) VALUES ('collectivite',"
                        " 'Commune de Joinville', 'commune:52250', '2026-11-25T00:00:00Z')");
    org_ = Scalar("SELECT MAX(id) FROM organisations");
    for (const auto& [email, role] : {std::pair<std::string, std::string>{"camille@example.fr", "admin"},
                                      {"dominique@example.fr", "member"}}) {
      ExecSql(db_->url(), "INSERT INTO memberships (organisation_id, user_id, role, created_at) SELECT " + org_ + ", id, '" +
                              role + "', '2026-11-25T00:00:00Z' FROM users WHERE email = '" + email + "'");
    }
    camille_ = Scalar("SELECT id FROM users WHERE email = 'camille@example.fr'");
    dominique_ = Scalar("SELECT id FROM users WHERE email = 'dominique@example.fr'");
    ExecSql(db_->url(), "INSERT INTO requests (workflow, organisation_id, territory_id, departement_id, title, state,"
                        " created_by, created_at, updated_at, state_since) VALUES ('anct', " + org_ + ", 'commune:52250',"
                        " 'departement:52', 'Revitaliser le bourg', 'brouillon', " + camille_ + ", '2026-11-25T00:00:00Z',"
                        " '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z')");
    request_ = Scalar("SELECT MAX(id) FROM requests");
    ExecSql(db_->url(), "INSERT INTO request_events (request_id, user_id, at, kind, text) VALUES (" + request_ + ", " +
                            camille_ + ", '2026-11-26T00:00:00Z', 'comment', 'Le bourg perd ses commerces')");
    ExecSql(db_->url(), "INSERT INTO request_events (request_id, user_id, at, kind, text) VALUES (" + request_ + ", " +
                            dominique_ + ", '2026-11-27T00:00:00Z', 'comment', 'Réponse de Dominique')");
    ExecSql(db_->url(), "INSERT INTO alerts (email, user_id, query, frequency, unsubscribe_token_hash, created_at,"
                        " last_digest_at) VALUES ('camille@example.fr', " + camille_ + ", 'q=eau', 'daily', 'h1',"
                        " '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z')");
    ExecSql(db_->url(), "INSERT INTO alerts (email, user_id, query, frequency, unsubscribe_token_hash, created_at,"
                        " last_digest_at) VALUES ('dominique@example.fr', " + dominique_ + ", 'q=mobilite', 'daily', 'h2',"
                        " '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z')");
    ExecSql(db_->url(), "INSERT INTO notifications (user_id, topic, subject, link, created_at) VALUES (" + camille_ +
                            ", 'project', 'Une offre ajoutée', '/projets/1', '2026-11-25T00:00:00Z')");
    ExecSql(db_->url(), "INSERT INTO programmes (slug, type, title, year, organisation_id, created_at) VALUES"
                        " ('fabrique-test', 'fabrique', 'Fabrique', 2026, " + org_ + ", '2026-11-25T00:00:00Z')");
    const std::string programme = Scalar("SELECT MAX(id) FROM programmes");
    ExecSql(db_->url(), "INSERT INTO programme_posts (programme_id, user_id, body, created_at) VALUES (" + programme + ", " +
                            camille_ + ", 'Bonjour la communauté', '2026-11-25T00:00:00Z')");
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
  std::string org_, camille_, dominique_, request_;
};

TEST_F(PrivacyHttp, MyDataDownloadHoldsEverythingAboutMeAndNothingAboutOthers) {
  FormBrowser camille = SignedInBrowser(port(), db_->url(), "camille@example.fr");
  FormBrowser dominique = SignedInBrowser(port(), db_->url(), "dominique@example.fr");
  Populate();
  const HttpResponse page = camille.Get("/compte/mes-donnees");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("/compte/mes-donnees/export.json"), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/compte/suppression\""), std::string::npos);
  EXPECT_NE(camille.Get("/compte").body.find("/compte/mes-donnees"), std::string::npos);

  const HttpResponse r = camille.Get("/compte/mes-donnees/export.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  EXPECT_NE(r.headers.at("content-disposition").find("attachment"), std::string::npos);
  EXPECT_NE(r.headers.at("cache-control").find("no-store"), std::string::npos);
  const json data = json::parse(r.body)["donnees"];
  ASSERT_EQ(data["compte"].size(), 1u);
  EXPECT_EQ(data["compte"][0]["email"], "camille@example.fr");
  EXPECT_EQ(data["compte"][0]["display_name"], "Agent camille");
  EXPECT_FALSE(data["compte"][0].contains("password_hash"));
  EXPECT_EQ(r.body.find("argon2"), std::string::npos) << "never the password's hash";
  ASSERT_EQ(data["adhesions"].size(), 1u);
  EXPECT_EQ(data["adhesions"][0]["organisation"], "Commune de Joinville");
  EXPECT_EQ(data["adhesions"][0]["role"], "admin");
  ASSERT_EQ(data["saisines_creees"].size(), 1u);
  EXPECT_EQ(data["saisines_creees"][0]["title"], "Revitaliser le bourg");
  ASSERT_EQ(data["contributions_saisines"].size(), 1u);
  EXPECT_EQ(data["contributions_saisines"][0]["text"], "Le bourg perd ses commerces");
  ASSERT_EQ(data["alertes"].size(), 1u);
  EXPECT_EQ(data["alertes"][0]["query"], "q=eau");
  ASSERT_EQ(data["notifications"].size(), 1u);
  ASSERT_EQ(data["messages_communaute"].size(), 1u);
  EXPECT_EQ(data["messages_communaute"][0]["body"], "Bonjour la communauté");
  ASSERT_EQ(data["journal_securite"].size(), 1u) << "the sign-in";
  for (const char* section : {"invitations_recues", "projets_crees", "historique_projets", "suggestions_offres",
                              "fichiers_deposes", "structures_annuaire", "inscriptions_seminaires", "livrables_deposes",
                              "signalements"}) {
    EXPECT_TRUE(data.contains(section)) << section;
  }
  EXPECT_EQ(r.body.find("dominique"), std::string::npos) << "nothing about others";
  EXPECT_EQ(r.body.find("Réponse de Dominique"), std::string::npos);
  // The download is in the audit log.
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM security_events WHERE kind = 'donnees_exportees' AND user_id = " + camille_), "1");
  // Only signed-in people download (their own data).
  EXPECT_EQ(HttpGet(port(), "/compte/mes-donnees/export.json").status, 303);
  (void)dominique;
}

TEST_F(PrivacyHttp, DeletingMyAccountKeepsContributionsUnderDeletedAccount) {
  FormBrowser camille = SignedInBrowser(port(), db_->url(), "camille@example.fr");
  FormBrowser dominique = SignedInBrowser(port(), db_->url(), "dominique@example.fr");
  Populate();
  const std::string session = camille.cookie("boussole_session");
  const std::string events_before = QueryRows(db_->url(), "SELECT id, request_id, user_id, at, kind, text FROM request_events ORDER BY id");

  camille.Get("/compte/mes-donnees");
  const HttpResponse wrong = camille.Post("/compte/suppression", "password=pas+le+bon");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("Le mot de passe n&apos;est pas le bon"), std::string::npos) << wrong.body.substr(0, 3000);
  EXPECT_EQ(Scalar("SELECT email FROM users WHERE id = " + camille_), "camille@example.fr");

  const HttpResponse done = camille.Post("/compte/suppression", "password=un+mot+de+passe+solide");
  ASSERT_EQ(done.status, 303) << done.body.substr(0, 2000);
  EXPECT_EQ(done.headers.at("location"), "/compte/supprime");
  EXPECT_NE(done.headers.at("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(camille.Get("/compte/supprime").status, 200);

  // Sessions ended: the old cookie opens nothing.
  FormBrowser thief(port());
  thief.cookie("boussole_session") = session;
  EXPECT_EQ(thief.Get("/compte").status, 303);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM sessions WHERE user_id = " + camille_), "0");
  // The tombstone: personal fields erased.
  EXPECT_EQ(QueryRows(db_->url(), "SELECT email, display_name, password_hash, COALESCE(confirmed_at, ''), platform_admin"
                                  " FROM users WHERE id = " + camille_),
            "compte-supprime-" + camille_ + "@invalid|Compte supprimé|||0\n");
  EXPECT_NE(Scalar("SELECT COALESCE(deleted_at, '') FROM users WHERE id = " + camille_), "");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM users WHERE email = 'camille@example.fr'"), "0");
  // Alerts, notifications and memberships gone; Dominique's untouched.
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM alerts WHERE email = 'camille@example.fr' OR user_id = " + camille_), "0");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM alerts WHERE user_id = " + dominique_), "1");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM notifications WHERE user_id = " + camille_), "0");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM memberships WHERE user_id = " + camille_), "0");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM memberships WHERE user_id = " + dominique_), "1");
  // Contributions stay, never rewritten, under « Compte supprimé ».
  EXPECT_EQ(QueryRows(db_->url(), "SELECT id, request_id, user_id, at, kind, text FROM request_events ORDER BY id"),
            events_before);
  EXPECT_EQ(Scalar("SELECT created_by FROM requests WHERE id = " + request_), camille_);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM programme_posts WHERE user_id = " + camille_), "1");
  const HttpResponse trail = dominique.Get("/demandes/" + request_);
  ASSERT_EQ(trail.status, 200);
  EXPECT_NE(trail.body.find("Le bourg perd ses commerces"), std::string::npos);
  EXPECT_NE(trail.body.find("Compte supprimé"), std::string::npos);
  EXPECT_EQ(trail.body.find("Agent camille"), std::string::npos);
  // Nobody signs in to the deleted account any more.
  FormBrowser again(port());
  again.Get("/compte/connexion");
  EXPECT_EQ(again.Post("/compte/connexion", "email=camille%40example.fr&password=un+mot+de+passe+solide").status, 401);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM security_events WHERE kind = 'compte_supprime' AND user_id = " + camille_), "1");
}

TEST_F(PrivacyHttp, TheServerLogNeverHoldsAnAddressOrAPassword) {
  FormBrowser browser(port());
  browser.Get("/compte/inscription");
  ASSERT_EQ(browser.Post("/compte/inscription", "email=Journal.Prive%40example.fr&display_name=Claude+Journal"
                                                "&password=secret+tres+long+42&password_confirmation=secret+tres+long+42")
                .status,
            303);
  const std::string confirm = LinkToken(sink_.WaitFor(1).back().text, "/compte/confirmation");
  ASSERT_FALSE(confirm.empty());
  browser.Get("/compte/confirmation?jeton=" + confirm);
  ASSERT_EQ(browser.Post("/compte/confirmation", "jeton=" + confirm).status, 303);
  browser.Get("/compte/connexion");
  EXPECT_EQ(browser.Post("/compte/connexion", "email=journal.prive%40example.fr&password=pas+le+bon").status, 401);
  ASSERT_EQ(browser.Post("/compte/connexion", "email=journal.prive%40example.fr&password=secret+tres+long+42").status, 303);
  browser.Get("/compte");
  browser.Post("/compte/deconnexion", "");
  browser.Get("/compte/mot-de-passe-oublie");
  ASSERT_EQ(browser.Post("/compte/mot-de-passe-oublie", "email=journal.prive%40example.fr").status, 303);
  const std::string reset = LinkToken(sink_.WaitFor(2).back().text, "/compte/nouveau-mot-de-passe");
  ASSERT_FALSE(reset.empty());
  browser.Get("/compte/nouveau-mot-de-passe?jeton=" + reset);
  ASSERT_EQ(browser.Post("/compte/nouveau-mot-de-passe", "jeton=" + reset +
                                                          "&password=autre+secret+long+43&password_confirmation=autre+secret+long+43")
                .status,
            303);
  // Search and alert forms that carry an address.
  HttpGet(port(), "/alertes/nouvelle?recherche=q%3Deau&email=journal.prive%40example.fr");

  const std::string logs = server_->Logs();
  ASSERT_NE(logs.find("route=login"), std::string::npos) << "the log is read";
  for (const std::string& secret : {std::string("journal.prive"), std::string("Journal.Prive"), std::string("journal%2Eprive"),
                                   std::string("secret tres long"), std::string("secret+tres+long"),
                                   std::string("autre+secret"), std::string("autre secret"), std::string("Claude"),
                                   confirm, reset}) {
    EXPECT_EQ(logs.find(secret), std::string::npos) << secret << " in the log";
  }
}

TEST(PrivacyLog, WithoutSmtpTheMailIsNotWrittenToTheLog) {
  TempDir dir;
  TestDatabase db = TestDatabase::Reference(dir);
  ServerProcess server(db.url());
  FormBrowser browser(server.port());
  browser.Get("/compte/inscription");
  ASSERT_EQ(browser.Post("/compte/inscription", "email=sans.smtp%40example.fr&display_name=Sans+Smtp"
                                                "&password=secret+tres+long+42&password_confirmation=secret+tres+long+42")
                .status,
            303);
  const std::string logs = server.Logs();
  EXPECT_NE(logs.find("mail not sent"), std::string::npos);
  EXPECT_EQ(logs.find("sans.smtp"), std::string::npos);
  EXPECT_EQ(logs.find("jeton="), std::string::npos) << "nor the link";
}

TEST_F(PrivacyHttp, ThePrivacyPageIsLinkedFromEveryPageAndSaysWhatIsStored) {
  EXPECT_NE(HttpGet(port(), "/").body.find("href=\"/confidentialite\""), std::string::npos);
  EXPECT_NE(HttpGet(port(), "/offres").body.find("href=\"/confidentialite\""), std::string::npos);
  const HttpResponse page = HttpGet(port(), "/confidentialite");
  ASSERT_EQ(page.status, 200);
  for (const char* fact : {"boussole_session", "boussole_csrf", "Argon2id", "14 jours", "48 heures", "60 minutes",
                           "365 jours", "après un jour", "Compte supprimé", "/compte/mes-donnees", "CNIL"}) {
    EXPECT_NE(page.body.find(fact), std::string::npos) << fact;
  }
}

}  // namespace
}  // namespace boussole::testing
