#pragma once
// A mailer that keeps what it is asked to send, for the storage-level tests of the services
// that mail (alerts, notifications); it can be told to refuse, like an SMTP server that is
// down. The HTTP tests use a real SMTP sink instead (smtp_sink.h).
#include <mutex>
#include <vector>

#include "mail/mailer.h"

namespace boussole::testing {

class RecordingMailer : public mail::Mailer {
 public:
  Status Send(const mail::MailMessage& message) override {
    std::lock_guard lock(mutex_);
    if (fail_) return Error{"mail_failed", "serveur absent", ""};
    sent_.push_back(message);
    return Ok();
  }
  std::vector<mail::MailMessage> Sent() {
    std::lock_guard lock(mutex_);
    return sent_;
  }
  void Fail(bool fail) {
    std::lock_guard lock(mutex_);
    fail_ = fail;
  }

 private:
  std::mutex mutex_;
  std::vector<mail::MailMessage> sent_;
  bool fail_ = false;
};

}  // namespace boussole::testing
