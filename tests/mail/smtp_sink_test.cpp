// The test sink itself, driven by a raw SMTP client: what the mailer tests rely on.
#include "support/smtp_sink.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <stdexcept>

#include "support/mail_decoding.h"

namespace boussole::testing {
namespace {

class RawSmtpClient {
 public:
  explicit RawSmtpClient(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("connect failed");
    }
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawSmtpClient() { ::close(fd_); }

  void Send(const std::string& bytes) {
    ASSERT_EQ(::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL), static_cast<ssize_t>(bytes.size()));
  }

  //! The three-digit code of the next complete reply (multi-line replies included).
  int Reply() {
    while (true) {
      std::size_t start = 0;
      while (true) {
        const auto end = buffer_.find("\r\n", start);
        if (end == std::string::npos) break;
        if (end - start >= 4 && buffer_[start + 3] == ' ') {
          const int code = std::stoi(buffer_.substr(start, 3));
          buffer_.erase(0, end + 2);
          return code;
        }
        start = end + 2;
      }
      char chunk[4096];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return -1;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  int Command(const std::string& line) {
    Send(line + "\r\n");
    return Reply();
  }

 private:
  int fd_;
  std::string buffer_;
};

TEST(MailSink, SpeaksEnoughSmtpAndUnstuffsDots) {
  SmtpSink sink;
  RawSmtpClient client(sink.port());
  EXPECT_EQ(client.Reply(), 220);
  EXPECT_EQ(client.Command("EHLO client.test"), 250);
  EXPECT_EQ(client.Command("NOOP"), 250);
  EXPECT_EQ(client.Command("RCPT TO:<a@b.fr>"), 503);
  EXPECT_EQ(client.Command("MAIL FROM:<robot@boussole.test> SIZE=120"), 250);
  EXPECT_EQ(client.Command("RCPT TO:<un@mairie.example>"), 250);
  EXPECT_EQ(client.Command("rcpt to:<deux@mairie.example>"), 250);
  EXPECT_EQ(client.Command("DATA"), 354);
  client.Send("Subject: =?utf-8?B?w6l0w6k=?= =?UTF-8?q?_et_hiver?=\r\n"
              "Content-Transfer-Encoding: Quoted-Printable\r\n\r\n"
              "..\r\n...deux\r\nr=C3=A9gion =\r\nsuite=3d\r\n.\r\n");
  EXPECT_EQ(client.Reply(), 250);
  EXPECT_EQ(client.Command("RSET"), 250);
  EXPECT_EQ(client.Command("DATA"), 503);
  EXPECT_EQ(client.Command("VRFY x"), 502);
  EXPECT_EQ(client.Command("QUIT"), 221);

  const auto mails = sink.WaitFor(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].envelope_from, "robot@boussole.test");
  EXPECT_EQ(mails[0].envelope_to, (std::vector<std::string>{"un@mairie.example", "deux@mairie.example"}));
  EXPECT_EQ(MessageBody(mails[0].data), ".\r\n..deux\r\nr=C3=A9gion =\r\nsuite=3d\r\n");
  EXPECT_EQ(mails[0].subject, "été et hiver");
  EXPECT_EQ(mails[0].text, ".\n..deux\nrégion suite=\n");
}

TEST(MailSink, RefusesOversizedMessagesAndRecipientsWhenAsked) {
  SmtpSink sink(100);
  RawSmtpClient client(sink.port());
  EXPECT_EQ(client.Reply(), 220);
  EXPECT_EQ(client.Command("HELO client.test"), 250);
  EXPECT_EQ(client.Command("MAIL FROM:<robot@boussole.test> SIZE=1000"), 552);
  EXPECT_EQ(client.Command("MAIL FROM:<robot@boussole.test> SIZE=99999999999999999999999"), 552);
  EXPECT_EQ(client.Command("MAIL FROM:<robot@boussole.test>"), 250);
  EXPECT_EQ(client.Command("RCPT TO:<un@mairie.example>"), 250);
  EXPECT_EQ(client.Command("DATA"), 354);
  client.Send("Subject: long\r\n\r\n" + std::string(200, 'x') + "\r\n.\r\n");
  EXPECT_EQ(client.Reply(), 552);

  sink.RejectRecipients(true);
  EXPECT_EQ(client.Command("MAIL FROM:<robot@boussole.test>"), 250);
  EXPECT_EQ(client.Command("RCPT TO:<un@mairie.example>"), 550);
  sink.RejectRecipients(false);
  EXPECT_EQ(client.Command("RCPT TO:<un@mairie.example>"), 250);
  EXPECT_EQ(client.Command("QUIT"), 221);
  EXPECT_TRUE(sink.mails().empty());
}

TEST(MailSink, WaitForGivesUpAfterTheTimeout) {
  SmtpSink sink;
  EXPECT_TRUE(sink.WaitFor(1, std::chrono::milliseconds(50)).empty());
  EXPECT_EQ(sink.url(), "smtp://127.0.0.1:" + std::to_string(sink.port()));
}

TEST(MailSink, StopsWithAClientStillConnected) {
  auto sink = std::make_unique<SmtpSink>();
  RawSmtpClient client(sink->port());
  EXPECT_EQ(client.Reply(), 220);
  sink.reset();
  EXPECT_EQ(client.Reply(), -1);
}

TEST(MailSink, DecodersFollowTheRfcs) {
  EXPECT_EQ(DecodeEncodedWords("=?UTF-8?Q?a?= b =?UTF-8?Q?c?="), "a b c");
  EXPECT_EQ(DecodeEncodedWords("=?UTF-8?Q?a?=  =?UTF-8?Q?c?="), "ac");
  EXPECT_EQ(DecodeEncodedWords("=?ISO-8859-1?X?a?= plain"), "=?ISO-8859-1?X?a?= plain");
  EXPECT_EQ(DecodeQuotedPrintable("a=\r\nb \r\nc=3D=C3=A9\r\nd"), "ab\nc=é\nd");
  EXPECT_EQ(FindHeader("Subject: un\r\n deux\r\nX: y\r\n\r\nSubject: corps", "subject"), "un deux");
}

}  // namespace
}  // namespace boussole::testing
