#include "domain/programmes/reminders.h"

#include "core/clock.h"
#include "domain/programmes/calendar.h"

namespace boussole::programmes {

namespace {
constexpr std::time_t kLead = 2 * 24 * 3600;  // two days before
}  // namespace

ReminderReport ReminderService::SendDue(std::string_view now) {
  ReminderReport report;
  const auto start = ParseUtc(now);
  if (!start) return report;
  for (const Seminar& s : repository_.SeminarsToRemind(now, FormatUtc(*start + kLead))) {
    if (!repository_.ClaimReminder(s.id, now)) continue;  // another server took it
    ++report.seminars;
    const auto programme = repository_.FindProgramme(s.programme_id);
    const std::string title = programme ? programme->title : "";
    const std::string url = public_url_ + "/programmes/" + std::to_string(s.programme_id) + "/seminaires/" +
                            std::to_string(s.id);
    mail::MailMessage message;
    message.subject = (s.kind == "suivi" ? "Rappel : réunion de suivi — " : "Rappel : " + s.title + " — ") + title;
    message.text = "Bonjour,\n\n" +
                   std::string(s.kind == "suivi" ? "La réunion de suivi du programme « " + title + " » a lieu le "
                                                 : "Le séminaire « " + s.title + " » du programme « " + title +
                                                       " » a lieu le ") +
                   ParisWallClock(s.starts_at) + " (heure de Paris)" + (s.place.empty() ? "" : ", " + s.place) + ".\n" +
                   (s.online_link.empty() ? "" : "En ligne : " + s.online_link + "\n") +
                   (s.agenda.empty() ? "" : "\nOrdre du jour :\n" + s.agenda + "\n") + "\nLe détail et l'agenda (.ics) : " +
                   url + "\n\nBoussole\n";
    for (const std::string& to : repository_.ReminderRecipients(s)) {
      message.to = to;
      if (mailer_.Send(message)) {
        ++report.sent;
      } else {
        ++report.failed;
      }
    }
  }
  return report;
}

}  // namespace boussole::programmes
