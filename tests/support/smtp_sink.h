#pragma once
// Test support: an SMTP server on 127.0.0.1 (ephemeral port) that keeps every mail it
// accepts, so tests send through the real SMTP client and read what a relay would get.
//
//   SmtpSink sink;
//   mailer = MakeMailer(sink.url(), "Boussole <ne-pas-repondre@boussole.test>");
//   ... auto mails = sink.WaitFor(1);  mails[0].subject, mails[0].text
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace boussole::testing {

struct ReceivedMail {
  std::string envelope_from;              //!< MAIL FROM, without angle brackets
  std::vector<std::string> envelope_to;   //!< RCPT TO, in order
  std::string data;                       //!< the message after dot-unstuffing, CRLF line ends
  std::string subject;                    //!< Subject header, RFC 2047 decoded
  std::string text;                       //!< body, quoted-printable decoded, "\n" line ends
  //! A header as received, unfolded, not decoded; empty when absent.
  std::string Header(const std::string& name) const;
};

class SmtpSink {
 public:
  //! Messages longer than `max_message_size` are answered 552 and not kept.
  explicit SmtpSink(std::size_t max_message_size = 1 << 20);
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const;
  std::string url() const;  //!< "smtp://127.0.0.1:PORT"
  //! While set, every RCPT TO is answered 550.
  void RejectRecipients(bool reject);
  //! Every mail kept so far, once there are at least `count` (or when `timeout` runs out).
  std::vector<ReceivedMail> WaitFor(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  std::vector<ReceivedMail> mails() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace boussole::testing
