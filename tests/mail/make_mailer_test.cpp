#include "mail/make_mailer.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

#include "mail/log_mailer.h"
#include "mail/outbox_mailer.h"
#include "support/mail_decoding.h"
#include "support/process.h"
#include "mail/smtp_mailer.h"

namespace boussole::mail {
namespace {

TEST(MailFactory, NoSmtpUrlMeansTheLog) {
  for (const char* from : {"", "ne-pas-repondre@anct.gouv.fr", "ANCT <ne-pas-repondre@anct.gouv.fr>"}) {
    auto mailer = MakeMailer("", from);
    ASSERT_TRUE(mailer.ok()) << mailer.error().message;
    EXPECT_NE(dynamic_cast<LogMailer*>(mailer.value().get()), nullptr);
  }
}

TEST(MailFactory, NoSmtpUrlWithAnOutboxMeansTheOutbox) {
  auto mailer = MakeMailer("", "", "/tmp/boussole-outbox-not-created");
  ASSERT_TRUE(mailer.ok()) << mailer.error().message;
  EXPECT_NE(dynamic_cast<OutboxMailer*>(mailer.value().get()), nullptr);
  // The folder appears with the first mail, not before.
  EXPECT_FALSE(std::filesystem::exists("/tmp/boussole-outbox-not-created"));
}

TEST(MailFactory, SmtpUrlsGiveAnSmtpMailer) {
  for (const char* url : {"smtp://127.0.0.1:2525", "smtps://smtp.example.org", "SMTP://relais.anct.gouv.fr:587",
                          "smtp://utilisateur:secret@smtp.example.org:587", "smtp://[::1]:2525"}) {
    auto mailer = MakeMailer(url, "ne-pas-repondre@anct.gouv.fr");
    ASSERT_TRUE(mailer.ok()) << url << ": " << mailer.error().message;
    EXPECT_NE(dynamic_cast<SmtpMailer*>(mailer.value().get()), nullptr);
  }
}

TEST(MailFactory, ServerNamesNeverShowCredentials) {
  EXPECT_EQ(CheckSmtpUrl("smtp://utilisateur:secret@smtp.example.org:587").value(), "smtp.example.org:587");
  EXPECT_EQ(CheckSmtpUrl("smtp://smtp.example.org").value(), "smtp.example.org:25");
  EXPECT_EQ(CheckSmtpUrl("smtps://smtp.example.org").value(), "smtp.example.org:465");
}

TEST(MailFactory, RefusesBadSettingsWithFrenchMessages) {
  struct Case {
    const char* url;
    const char* from;
    const char* field;
    const char* says;
  };
  const Case cases[] = {
      {"http://127.0.0.1:2525", "a@anct.gouv.fr", "BOUSSOLE_SMTP_URL", "smtp:// ou smtps://"},
      {"127.0.0.1:2525", "a@anct.gouv.fr", "BOUSSOLE_SMTP_URL", "smtp:// ou smtps://"},
      {"smtp://", "a@anct.gouv.fr", "BOUSSOLE_SMTP_URL", "BOUSSOLE_SMTP_URL : L'adresse du serveur SMTP"},
      {"smtp://127.0.0.1:2525\r\nRCPT TO:<x@y.fr>", "a@anct.gouv.fr", "BOUSSOLE_SMTP_URL", "retour à la ligne"},
      {"smtp://127.0.0.1:2525?x=1", "a@anct.gouv.fr", "BOUSSOLE_SMTP_URL", "paramètres"},
      {"smtp://127.0.0.1:2525", "", "BOUSSOLE_MAIL_FROM", "obligatoire"},
      {"smtp://127.0.0.1:2525", "pas une adresse", "BOUSSOLE_MAIL_FROM", "L'adresse d'expédition"},
      {"", "Boussole <pas-de-domaine>", "BOUSSOLE_MAIL_FROM", "exactement un « @ »"},
  };
  for (const auto& c : cases) {
    auto mailer = MakeMailer(c.url, c.from);
    ASSERT_FALSE(mailer.ok()) << c.url << " / " << c.from;
    EXPECT_EQ(mailer.error().code, "invalid_input");
    EXPECT_EQ(mailer.error().field, c.field);
    EXPECT_NE(mailer.error().message.find(c.says), std::string::npos) << mailer.error().message;
  }
}

class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("captured", sink));
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  std::string text() const { return out_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream out_;
};

TEST(MailLog, SaysInTheLogThatTheMailWasNotSentWithoutItsRecipientOrText) {
  CapturedLog log;
  auto mailer = MakeMailer("", "");
  ASSERT_TRUE(mailer.ok());
  const std::string link = "http://127.0.0.1:8080/compte/confirmer?jeton=abc123";
  const auto status =
      mailer.value()->Send({"jeanne.martin@mairie.example", "Confirmez votre adresse électronique",
                            "Bonjour,\nsuivez ce lien :\n" + link + "\n", ""});
  ASSERT_TRUE(status.ok()) << status.error().message;
  const std::string text = log.text();
  EXPECT_NE(text.find("[info]"), std::string::npos) << text;
  EXPECT_NE(text.find("mail not sent"), std::string::npos) << text;
  // Personal data and single-use links never reach the log (issue 9, item 6).
  EXPECT_EQ(text.find("jeanne.martin"), std::string::npos) << text;
  EXPECT_EQ(text.find("Confirmez votre adresse électronique"), std::string::npos) << text;
  EXPECT_EQ(text.find("abc123"), std::string::npos) << text;
}

TEST(MailLog, RefusesWhatSmtpWouldRefuse) {
  CapturedLog log;
  auto mailer = MakeMailer("", "");
  ASSERT_TRUE(mailer.ok());
  const auto status = mailer.value()->Send({"jeanne\r\n@mairie.example", "Objet", "Texte", ""});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "to");
  EXPECT_EQ(log.text(), "");
}

std::vector<std::filesystem::path> FilesIn(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::exists(folder)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) files.push_back(entry.path());
  return files;
}

TEST(MailOutbox, WritesEachMailWholeForItsOwnerAndNamesOnlyTheFileInTheLog) {
  CapturedLog log;
  testing::TempDir dir;
  const auto outbox = dir.path() / "var" / "outbox";
  auto mailer = MakeMailer("", "", outbox);
  ASSERT_TRUE(mailer.ok());
  const std::string link = "http://127.0.0.1:8080/compte/confirmer?jeton=abc123";
  for (int i = 0; i < 2; ++i) {
    const auto status = mailer.value()->Send(
        {"jeanne.martin@mairie.example", "Confirmez votre adresse électronique", "Bonjour,\nsuivez ce lien :\n" + link + "\n", ""});
    ASSERT_TRUE(status.ok()) << status.error().message;
  }
  const auto files = FilesIn(outbox);
  ASSERT_EQ(files.size(), 2u);  // two mails, two files: no name reused, no temporary left
  struct stat folder {};
  ASSERT_EQ(::stat(outbox.c_str(), &folder), 0);
  EXPECT_EQ(folder.st_mode & 0777, 0700u);
  for (const auto& file : files) {
    EXPECT_EQ(file.extension(), ".eml") << file;
    struct stat info {};
    ASSERT_EQ(::stat(file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u) << file;
    std::ifstream in(file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("To: jeanne.martin@mairie.example"), std::string::npos) << text;
    EXPECT_NE(testing::DecodeQuotedPrintable(text.substr(text.find("\r\n\r\n") + 4)).find(link), std::string::npos)
        << text;
  }
  const std::string logged = log.text();
  EXPECT_NE(logged.find(files[0].filename().string()), std::string::npos) << logged;
  EXPECT_EQ(logged.find("jeanne.martin"), std::string::npos) << logged;
  EXPECT_EQ(logged.find("abc123"), std::string::npos) << logged;
}

TEST(MailOutbox, RefusesWhatSmtpWouldRefuseAndWritesNothing) {
  testing::TempDir dir;
  auto mailer = MakeMailer("", "", dir.path() / "outbox");
  ASSERT_TRUE(mailer.ok());
  const auto status = mailer.value()->Send({"jeanne\r\n@mairie.example", "Objet", "Texte", ""});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "to");
  EXPECT_TRUE(FilesIn(dir.path() / "outbox").empty());
}

TEST(MailOutbox, AFolderThatCannotBeMadeIsAnErrorWhoseDetailsGoToTheLog) {
  CapturedLog log;
  testing::TempDir dir;
  std::ofstream(dir.path() / "a-file") << "not a folder";
  auto mailer = MakeMailer("", "", dir.path() / "a-file" / "outbox");
  ASSERT_TRUE(mailer.ok());
  const auto status = mailer.value()->Send({"jeanne.martin@mairie.example", "Objet", "Texte", ""});
  ASSERT_FALSE(status.ok());
  // The person sees a French message without the server's paths; the log has the details.
  EXPECT_EQ(status.error().message, "Le courriel n'a pas pu être enregistré dans la boîte d'envoi du serveur.");
  EXPECT_NE(log.text().find((dir.path() / "a-file" / "outbox").string()), std::string::npos) << log.text();
}

}  // namespace
}  // namespace boussole::mail
