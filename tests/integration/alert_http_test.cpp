// Alerts over real HTTP, with two servers sharing the database and their schedulers
// running the send_alerts job every second, mails into a loopback SMTP sink (issue 5,
// item 6): create, confirm, one digest naming the new offer however often the job runs and
// on however many servers; the next day (the delivery aged in the database) a digest naming
// only a second offer; unsubscribe; and the refusals.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>

#include "support/mail_decoding.h"
#include "support/database.h"
#include "support/form_browser.h"
#include "support/process.h"
#include "support/smtp_sink.h"

namespace boussole::testing {
namespace {

namespace fs = std::filesystem;

std::size_t Count(const std::vector<ReceivedMail>& mails, const std::string& needle) {
  std::size_t n = 0;
  for (const auto& mail : mails) n += mail.text.find(needle) != std::string::npos;
  return n;
}

TEST(AlertHttp, OneDigestNamingTheNewOfferAcrossTwoServersThenUnsubscribe) {
  SmtpSink sink;
  TempDir dir;
  TestDatabase db = TestDatabase::Reference(dir);
  const std::map<std::string, std::string> env = {{"BOUSSOLE_SMTP_URL", sink.url()},
                                                  {"BOUSSOLE_PUBLIC_URL", "http://boussole.test"},
                                                  {"BOUSSOLE_SCHEDULER_TICK_MS", "200"},
                                                  {"BOUSSOLE_JOB_SEND_ALERTS_SECONDS", "1"}};
  ServerProcess a(db.url(), env);
  ServerProcess b(db.url(), env);

  // The search page links to the alert form with its query string.
  FormBrowser browser(a.port());
  const HttpResponse search = browser.Get("/offres/recherche?q=zorglubienne");
  ASSERT_EQ(search.status, 200);
  EXPECT_NE(search.body.find("/alertes/nouvelle?recherche=q%3Dzorglubienne"), std::string::npos);
  const HttpResponse form = browser.Get("/alertes/nouvelle?recherche=q%3Dzorglubienne");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"query\""), std::string::npos);
  EXPECT_NE(form.body.find("zorglubienne"), std::string::npos);

  // Refusals, in French, and nothing mailed.
  HttpResponse bad = browser.Post("/alertes", "email=pas-une-adresse&frequency=daily&query=q%3Dzorglubienne");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("adresse électronique valide"), std::string::npos);
  bad = browser.Post("/alertes", "email=a%40mairie.fr&frequency=daily&query=per_page%3Dbeaucoup");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("est pas valable"), std::string::npos) << bad.body.substr(0, 3000);
  bad = browser.Post("/alertes", "email=a%40mairie.fr&frequency=mensuelle&query=q%3Dzorglubienne");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Choisissez une fréquence"), std::string::npos);
  EXPECT_EQ(browser.Post("/alertes", "email=a%40mairie.fr&frequency=daily&query=q%3Dzorglubienne", false).status, 403)
      << "no CSRF token";

  const HttpResponse created = browser.Post("/alertes", "email=A%40Mairie.fr&frequency=daily&query=q%3Dzorglubienne");
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 3000);
  EXPECT_EQ(created.headers.at("location"), "/alertes/messagerie");
  auto mails = sink.WaitFor(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].envelope_to, std::vector<std::string>{"a@mairie.fr"});
  const std::string confirm = LinkToken(mails[0].text, "http://boussole.test/alertes/confirmation");
  ASSERT_FALSE(confirm.empty()) << mails[0].text;
  ASSERT_EQ(browser.Get("/alertes/confirmation?jeton=" + confirm).status, 200);
  EXPECT_EQ(browser.Post("/alertes/confirmation", "jeton=" + confirm).headers["location"], "/alertes/confirmee");
  browser.Get("/alertes/confirmation?jeton=" + confirm);
  const HttpResponse reused = browser.Post("/alertes/confirmation", "jeton=" + confirm);
  EXPECT_EQ(reused.status, 400);
  EXPECT_NE(reused.body.find("déjà été utilisé"), std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // timestamps have seconds

  // Publish an offer the search matches.
  const fs::path offers = dir.path() / "offers";
  fs::create_directories(offers);
  for (const auto& entry : fs::directory_iterator(fs::path(BOUSSOLE_SOURCE_DIR) / "data/offers")) {
    fs::copy_file(entry.path(), offers / entry.path().filename());
  }
  nlohmann::json doc;
  {
    std::ifstream in(offers / "france-services.json");
    doc = nlohmann::json::parse(in);
  }
  doc["name"] = doc["name"].get<std::string>() + " zorglubienne";
  std::ofstream(offers / "france-services.json") << doc.dump(2);
  CommandResult import = RunBoussole({"--database", db.url(), "import", "offers", "--from", offers.string()});
  ASSERT_EQ(import.exit_code, 0) << import.err;

  mails = sink.WaitFor(2, std::chrono::seconds(20));
  ASSERT_EQ(mails.size(), 2u) << "a digest\n" << a.Logs().substr(0, 6000) << b.Logs().substr(0, 6000);
  EXPECT_NE(mails[1].text.find("http://boussole.test/offres/france-services"), std::string::npos) << mails[1].text;
  EXPECT_NE(mails[1].text.find("zorglubienne"), std::string::npos);
  // Both servers keep running the job: still one digest for this day.
  std::this_thread::sleep_for(std::chrono::seconds(4));
  mails = sink.mails();
  EXPECT_EQ(mails.size(), 2u);
  EXPECT_EQ(Count(mails, "/offres/france-services"), 1u);

  // The next day (the day's delivery aged into the past, as a session is aged in the account
  // tests), a second matching offer: one more digest, naming only it. The offers' changes age
  // first: a change in the very second of the last digest is listed again by design (whole-second
  // timestamps), and the job may run between the aging and the next import.
  ExecSql(db.url(), "UPDATE offers SET updated_at = '2000-01-01T00:00:00Z',"
                    " published_at = CASE WHEN published_at IS NULL THEN NULL ELSE '2000-01-01T00:00:00Z' END");
  ExecSql(db.url(), "UPDATE alert_deliveries SET period = '2000-01-01'");
  {
    std::ifstream in(offers / "agenda-rural.json");
    doc = nlohmann::json::parse(in);
  }
  doc["name"] = doc["name"].get<std::string>() + " zorglubienne";
  std::ofstream(offers / "agenda-rural.json") << doc.dump(2);
  import = RunBoussole({"--database", db.url(), "import", "offers", "--from", offers.string()});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  mails = sink.WaitFor(3, std::chrono::seconds(20));
  ASSERT_EQ(mails.size(), 3u) << "the next digest\n" << a.Logs().substr(0, 6000) << b.Logs().substr(0, 6000);
  EXPECT_NE(mails[2].text.find("http://boussole.test/offres/agenda-rural"), std::string::npos) << mails[2].text;
  EXPECT_EQ(mails[2].text.find("/offres/france-services"), std::string::npos) << "only what is new: " << mails[2].text;
  EXPECT_EQ(mails[2].subject, "Boussole : 1 offre nouvelle ou modifiée");
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(sink.mails().size(), 3u) << "still one digest for this day, on two servers";

  // The digest's unsubscribe link works without an account, once.
  const std::string unsubscribe = LinkToken(mails[1].text, "http://boussole.test/alertes/desinscription");
  ASSERT_FALSE(unsubscribe.empty()) << mails[1].text;
  FormBrowser anonymous(b.port());
  ASSERT_EQ(anonymous.Get("/alertes/desinscription?jeton=" + unsubscribe).status, 200);
  EXPECT_EQ(anonymous.Post("/alertes/desinscription", "jeton=" + unsubscribe).headers["location"],
            "/alertes/supprimee");
  anonymous.Get("/alertes/desinscription?jeton=" + unsubscribe);
  const HttpResponse again = anonymous.Post("/alertes/desinscription", "jeton=" + unsubscribe);
  EXPECT_EQ(again.status, 400);
  EXPECT_NE(again.body.find("déjà supprimée"), std::string::npos);
  EXPECT_EQ(anonymous.Get("/alertes/desinscription").status, 400) << "a link without its token";
}

}  // namespace
}  // namespace boussole::testing
