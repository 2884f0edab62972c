#include "domain/notifications/notification_service.h"

#include "core/clock.h"

namespace boussole::notifications {
namespace {

std::string Plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string_view Pace(Frequency frequency) {
  switch (frequency) {
    case Frequency::kImmediate: return "à chaque nouveauté";
    case Frequency::kDaily: return "une fois par jour au plus";
    case Frequency::kWeekly: return "une fois par semaine au plus";
    case Frequency::kNone: break;
  }
  return "";
}

std::string Subject(const Delivery& delivery) {
  if (delivery.items.size() == 1) return "Boussole : " + delivery.items.front().subject;
  return "Boussole : " + Plural(delivery.items.size(), "nouveauté", "nouveautés") + " sur ce que vous suivez";
}

}  // namespace

std::string DeliveryPeriod(Frequency frequency, std::string_view now) {
  if (!ParseUtc(now)) return {};
  switch (frequency) {
    // Each run with something waiting sends it; the second keeps two servers running the
    // job at the same moment from both mailing.
    case Frequency::kImmediate: return "immediate-" + std::string(now);
    case Frequency::kDaily: return DigestPeriod(now, false);
    case Frequency::kWeekly: return DigestPeriod(now, true);
    case Frequency::kNone: break;
  }
  return {};
}

NotificationService::NotificationService(NotificationRepository& repository, mail::Mailer& mailer,
                                         std::string public_url)
    : repository_(repository), mailer_(mailer), public_url_(std::move(public_url)) {
  while (!public_url_.empty() && public_url_.back() == '/') public_url_.pop_back();
}

SendReport NotificationService::SendDue(std::string_view now) {
  SendReport report;
  for (Frequency frequency : {Frequency::kImmediate, Frequency::kDaily, Frequency::kWeekly}) {
    const std::string period = DeliveryPeriod(frequency, now);
    if (period.empty()) continue;
    for (std::int64_t user_id : repository_.UsersToNotify(frequency, period)) {
      auto delivery = repository_.ClaimNotifications(user_id, period, now);
      if (!delivery) continue;  // another server has it, or it was taken meanwhile
      mail::MailMessage message;
      message.to = delivery->email;
      message.subject = Subject(*delivery);
      message.text = "Bonjour,\n\nVoici ce qui s'est passé sur ce que vous suivez dans Boussole :\n\n";
      for (const auto& item : delivery->items) {
        message.text += "- " + item.subject + " (" + item.created_at.substr(0, 10) + ")\n  " + public_url_ +
                        item.link + "\n";
      }
      message.text += "\nVous recevez ces messages " + std::string(Pace(frequency)) +
                      ". Pour changer ce rythme ou ne plus les recevoir : " + public_url_ + "/compte#notifications\n";
      // At most once: a crash before Finish leaves them taken; a refused mail gives them back.
      if (auto sent = mailer_.Send(message); !sent) {
        repository_.FinishNotifications(*delivery, false, sent.error().message, now);
        ++report.failed;
        continue;
      }
      repository_.FinishNotifications(*delivery, true, "", now);
      ++report.sent;
    }
  }
  return report;
}

}  // namespace boussole::notifications
