// SmtpMailer over real loopback TCP against the test sink.
#include "mail/smtp_mailer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "mail/make_mailer.h"
#include "support/smtp_sink.h"

namespace boussole::mail {
namespace {

using boussole::testing::SmtpSink;

constexpr const char* kFromHeader = "Boussole <ne-pas-repondre@boussole.test>";

std::unique_ptr<Mailer> MailerFor(const SmtpSink& sink) {
  auto mailer = MakeMailer(sink.url(), kFromHeader);
  EXPECT_TRUE(mailer.ok()) << mailer.error().message;
  return std::move(mailer).value();
}

SmtpSettings Settings(const std::string& url, std::chrono::milliseconds connect, std::chrono::milliseconds total) {
  SmtpSettings settings;
  settings.url = url;
  settings.from = {"Boussole", "ne-pas-repondre@boussole.test"};
  settings.connect_timeout = connect;
  settings.total_timeout = total;
  return settings;
}

// A loopback socket bound then listening (or not): a port where nobody answers.
class Socket {
 public:
  explicit Socket(bool listening) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    if (listening) {
      EXPECT_EQ(::listen(fd_, 8), 0);
    }
    EXPECT_EQ(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length), 0);
    port_ = ntohs(address.sin_port);
  }
  ~Socket() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

TEST(MailSmtp, ContentRoundTripsExactly) {
  SmtpSink sink;
  const auto mailer = MailerFor(sink);
  const std::string text =
      "Bonjour Jeanne,\n\n"
      "Pour confirmer votre adresse électronique, ouvrez ce lien dans les 24 heures :\n"
      "https://boussole.example/compte/confirmer?jeton=" + std::string(120, 'k') + "==\n\n"
      ".\n"
      ".htaccess n'est pas une aide\n"
      "Taux = 80 % ; espaces en fin de ligne   \n"
      "\tTabulation, guillemets « » et œ, ligne très longue : " + std::string(200, 'z') + "\n"
      "L'équipe Boussole\n";
  const MailMessage message{"jeanne.martin@mairie.example", "Confirmez votre adresse électronique", text,
                            "referente@anct.gouv.fr"};
  const auto status = mailer->Send(message);
  ASSERT_TRUE(status.ok()) << status.error().message;

  const auto mails = sink.WaitFor(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].envelope_from, "ne-pas-repondre@boussole.test");
  EXPECT_EQ(mails[0].envelope_to, std::vector<std::string>{"jeanne.martin@mairie.example"});
  EXPECT_EQ(mails[0].subject, message.subject);
  EXPECT_EQ(mails[0].text, text);
  EXPECT_EQ(mails[0].Header("From"), "Boussole <ne-pas-repondre@boussole.test>");
  EXPECT_EQ(mails[0].Header("To"), "jeanne.martin@mairie.example");
  EXPECT_EQ(mails[0].Header("Reply-To"), "referente@anct.gouv.fr");
  EXPECT_FALSE(mails[0].Header("Message-ID").empty());
}

TEST(MailSmtp, AFinalLineEndIsAdded) {
  SmtpSink sink;
  ASSERT_TRUE(MailerFor(sink)->Send({"a@mairie.example", "Sans fin de ligne", "Bonjour", ""}).ok());
  const auto mails = sink.WaitFor(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].text, "Bonjour\n");
}

TEST(MailSmtp, SeveralMailsInARow) {
  SmtpSink sink;
  const auto mailer = MailerFor(sink);
  for (int i = 0; i < 5; ++i) {
    const auto status = mailer->Send({"elu" + std::to_string(i) + "@mairie.example",
                                      "Alerte n° " + std::to_string(i), "Nouvelle aide " + std::to_string(i) + "\n", ""});
    ASSERT_TRUE(status.ok()) << status.error().message;
  }
  const auto mails = sink.WaitFor(5);
  ASSERT_EQ(mails.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(mails[i].envelope_to.at(0), "elu" + std::to_string(i) + "@mairie.example");
    EXPECT_EQ(mails[i].subject, "Alerte n° " + std::to_string(i));
    EXPECT_EQ(mails[i].text, "Nouvelle aide " + std::to_string(i) + "\n");
  }
}

TEST(MailSmtp, TwoThreadsSendAtOnce) {
  SmtpSink sink;
  const auto mailer = MailerFor(sink);
  constexpr int kEach = 10;
  const auto send = [&](const std::string& who) {
    for (int i = 0; i < kEach; ++i) {
      const auto status = mailer->Send({who + "@mairie.example", who + " " + std::to_string(i), "Récapitulatif\n", ""});
      EXPECT_TRUE(status.ok()) << status.error().message;
    }
  };
  std::thread first(send, "premier");
  std::thread second(send, "second");
  first.join();
  second.join();
  auto mails = sink.WaitFor(2 * kEach);
  ASSERT_EQ(mails.size(), 2u * kEach);
  std::vector<std::string> subjects;
  for (const auto& mail : mails) {
    subjects.push_back(mail.subject);
    EXPECT_EQ(mail.text, "Récapitulatif\n");
    EXPECT_EQ(mail.envelope_to.at(0), mail.subject.substr(0, mail.subject.find(' ')) + "@mairie.example");
  }
  std::sort(subjects.begin(), subjects.end());
  EXPECT_EQ(std::unique(subjects.begin(), subjects.end()), subjects.end());
}

TEST(MailSmtp, ConnectionRefusedIsAFrenchErrorWithinTheTimeout) {
  int port = 0;
  {
    const Socket closed(false);
    port = closed.port();
  }
  SmtpMailer mailer(Settings("smtp://127.0.0.1:" + std::to_string(port), std::chrono::seconds(2),
                             std::chrono::seconds(5)));
  // That it gives up at all (rather than how fast) is what this shows: the test's CTest
  // timeout (tests/mail/CMakeLists.txt) fails it if the client hangs. No timed assertion.
  const auto status = mailer.Send({"a@mairie.example", "Objet", "Texte\n", ""});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "mail_not_sent");
  const std::string& message = status.error().message;
  EXPECT_NE(message.find("Le courriel pour a@mairie.example n'a pas pu être envoyé par le serveur SMTP 127.0.0.1:" +
                         std::to_string(port) + " : "),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("onnect"), std::string::npos) << message;  // curl's reason
}

TEST(MailSmtp, SilentServerHitsTheTotalTimeout) {
  const Socket silent(true);  // the kernel accepts, nobody greets
  SmtpMailer mailer(Settings("smtp://127.0.0.1:" + std::to_string(silent.port()), std::chrono::seconds(1),
                             std::chrono::milliseconds(1500)));
  // A server that never greets: the total timeout ends the attempt (the CTest timeout fails
  // the test if it does not). No timed assertion.
  const auto status = mailer.Send({"a@mairie.example", "Objet", "Texte\n", ""});
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("127.0.0.1:" + std::to_string(silent.port())), std::string::npos);
}

TEST(MailSmtp, RejectedRecipientIsAnError) {
  SmtpSink sink;
  sink.RejectRecipients(true);
  const auto status = MailerFor(sink)->Send({"inconnu@mairie.example", "Objet", "Texte\n", ""});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "mail_not_sent");
  EXPECT_NE(status.error().message.find("550"), std::string::npos) << status.error().message;
  EXPECT_NE(status.error().message.find("inconnu@mairie.example"), std::string::npos);
  EXPECT_TRUE(sink.mails().empty());
}

TEST(MailSmtp, OversizedMessageIsAnError) {
  SmtpSink sink(2000);
  const auto status = MailerFor(sink)->Send({"a@mairie.example", "Objet", std::string(5000, 'x') + "\n", ""});
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("552"), std::string::npos) << status.error().message;
  EXPECT_TRUE(sink.mails().empty());
}

TEST(MailSmtp, InvalidMessageNeverReachesTheServer) {
  SmtpSink sink;
  const auto status = MailerFor(sink)->Send({"a@mairie.example\r\nBcc: b@x.fr", "Objet", "Texte\n", ""});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "invalid_input");
  EXPECT_EQ(status.error().field, "to");
  EXPECT_TRUE(sink.WaitFor(1, std::chrono::milliseconds(200)).empty());
}

}  // namespace
}  // namespace boussole::mail
