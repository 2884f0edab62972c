// An instance run without SMTP (`make run`) can be used and administered: its mails land as
// .eml files in the outbox, where the confirmation link is found; the operator names the
// platform admins from the console (`boussole admin grant|revoke`), each change in the
// audit log; wrong addresses are refused in French and change nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <thread>

#include "support/database.h"
#include "support/form_browser.h"
#include "support/mail_decoding.h"
#include "support/process.h"
#include "support/signed_in.h"

namespace boussole::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class PlatformAdmin : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_MAIL_OUTBOX", outbox().string()}});
  }

  fs::path outbox() const { return dir_.path() / "outbox"; }

  // The mails of the outbox, waited for (the sign-up answers before its mail is written).
  std::vector<std::string> OutboxMails(std::size_t at_least) {
    std::vector<std::string> mails;
    for (int i = 0; i < 100; ++i) {
      mails.clear();
      if (fs::exists(outbox())) {
        for (const auto& entry : fs::directory_iterator(outbox())) {
          if (entry.path().extension() == ".eml") mails.push_back(ReadText(entry.path()));
        }
      }
      if (mails.size() >= at_least) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return mails;
  }

  void SignUp(FormBrowser& browser, const std::string& email) {
    browser.Get("/compte/inscription");
    const std::string encoded = std::regex_replace(email, std::regex("@"), "%40");
    EXPECT_EQ(browser
                  .Post("/compte/inscription", "email=" + encoded + "&display_name=Camille+Durand&password=un+mot+de+"
                                               "passe+solide&password_confirmation=un+mot+de+passe+solide")
                  .status,
              303);
  }

  int SignIn(FormBrowser& browser, const std::string& email) {
    browser.Get("/compte/connexion");
    const std::string encoded = std::regex_replace(email, std::regex("@"), "%40");
    return browser.Post("/compte/connexion", "email=" + encoded + "&password=un+mot+de+passe+solide").status;
  }

  std::string Scalar(const std::string& sql) {
    const std::string rows = QueryRows(db_->url(), sql);
    return rows.substr(0, rows.find('\n'));
  }

  CommandResult Admin(const std::string& action, const std::string& email) {
    return RunBoussole({"--database", db_->url(), "admin", action, "--email", email});
  }

  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
};

TEST_F(PlatformAdmin, WithoutSmtpTheConfirmationMailIsInTheOutboxAndItsLinkWorks) {
  FormBrowser browser(server_->port());
  SignUp(browser, "camille.durand@mairie-joinville.fr");
  const auto mails = OutboxMails(1);
  ASSERT_EQ(mails.size(), 1u);
  const std::string& mail = mails[0];
  EXPECT_NE(mail.find("To: camille.durand@mairie-joinville.fr"), std::string::npos) << mail;
  const std::string text = DecodeQuotedPrintable(mail.substr(mail.find("\r\n\r\n") + 4));
  std::smatch link;
  ASSERT_TRUE(std::regex_search(text, link, std::regex(R"(/compte/confirmation\?jeton=([A-Za-z0-9_-]+))"))) << text;
  EXPECT_EQ(Scalar("SELECT count(*) FROM users WHERE confirmed_at IS NOT NULL"), "0");
  // The link opens the page whose button confirms (a link preview must not confirm).
  EXPECT_EQ(browser.Get(link.str()).status, 200);
  EXPECT_EQ(browser.Post("/compte/confirmation", "jeton=" + link[1].str()).headers["location"], "/compte/confirmee");
  EXPECT_EQ(Scalar("SELECT count(*) FROM users WHERE confirmed_at IS NOT NULL"), "1");
  // The log names the file, never the recipient nor the link.
  const std::string logs = server_->Logs();
  EXPECT_NE(logs.find("written to the outbox"), std::string::npos) << logs;
  EXPECT_EQ(logs.find("camille.durand"), std::string::npos) << logs;
  EXPECT_EQ(logs.find(link.str()), std::string::npos) << logs;
}

TEST_F(PlatformAdmin, TheOperatorGrantsThenRevokesTheRightFromTheConsole) {
  FormBrowser browser(server_->port());
  SignUp(browser, "Camille.Durand@anct.gouv.fr");
  ASSERT_EQ(OutboxMails(1).size(), 1u);
  // Not confirmed: cannot sign in yet.
  FormBrowser before(server_->port());
  EXPECT_NE(SignIn(before, "camille.durand@anct.gouv.fr"), 303);

  const CommandResult granted = Admin("grant", "  CAMILLE.DURAND@anct.gouv.fr ");
  ASSERT_EQ(granted.exit_code, 0) << granted.err;
  EXPECT_NE(granted.out.find("Le compte « camille.durand@anct.gouv.fr » (Camille Durand) est maintenant "
                             "administrateur de la plateforme"),
            std::string::npos)
      << granted.out;
  // Granting confirms the address: the operator vouches for it.
  FormBrowser admin(server_->port());
  ASSERT_EQ(SignIn(admin, "camille.durand@anct.gouv.fr"), 303);
  const HttpResponse journal = admin.Get("/admin/journal-securite");
  ASSERT_EQ(journal.status, 200) << journal.body.substr(0, 500);
  EXPECT_NE(journal.body.find("administration de la plateforme accordés (console)"), std::string::npos)
      << journal.body.substr(0, 3000);

  const CommandResult again = Admin("grant", "camille.durand@anct.gouv.fr");
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("Rien à faire"), std::string::npos) << again.out;
  EXPECT_EQ(Scalar("SELECT count(*) FROM security_events WHERE kind = 'admin_plateforme_accorde'"), "1");

  const CommandResult revoked = Admin("revoke", "camille.durand@anct.gouv.fr");
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_NE(revoked.out.find("n'est plus administrateur de la plateforme"), std::string::npos) << revoked.out;
  EXPECT_EQ(admin.Get("/admin/journal-securite").status, 403);
  EXPECT_EQ(Scalar("SELECT count(*) FROM security_events WHERE kind = 'admin_plateforme_retire'"), "1");
}

TEST_F(PlatformAdmin, AWrongAddressIsRefusedInFrenchAndChangesNothing) {
  const std::string before = QueryRows(db_->url(), "SELECT id, platform_admin, confirmed_at FROM users ORDER BY id");
  const CommandResult unknown = Admin("grant", "personne@anct.gouv.fr");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("Aucun compte n'a l'adresse « personne@anct.gouv.fr » : la personne crée d'abord son "
                             "compte sur le site"),
            std::string::npos)
      << unknown.err;
  const CommandResult invalid = Admin("revoke", "pas une adresse");
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_NE(invalid.err.find("« pas une adresse » n'est pas une adresse électronique valide."), std::string::npos)
      << invalid.err;
  const CommandResult missing = RunBoussole({"--database", db_->url(), "admin", "grant"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT id, platform_admin, confirmed_at FROM users ORDER BY id"), before);
  EXPECT_EQ(Scalar("SELECT count(*) FROM security_events WHERE kind LIKE 'admin_plateforme%'"), "0");
}

}  // namespace
}  // namespace boussole::testing
