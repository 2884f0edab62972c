#pragma once
// Notifications (issue 5, item 6): what happened on something a person follows (a project
// of their organisation, later a request or a programme), mailed at the pace they chose.
// Digests rather than floods (DOMAIN.md, "Collective programmes", shared mechanics).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::notifications {

enum class Frequency { kImmediate, kDaily, kWeekly, kNone };

//! "immediate", "daily", "weekly", "none": the stored and submitted names.
std::string_view FrequencyName(Frequency frequency);
std::optional<Frequency> ParseFrequency(std::string_view name);
//! For people: "dès que possible", "une fois par jour"…
std::string_view FrequencyLabel(Frequency frequency);
constexpr Frequency kFrequencies[] = {Frequency::kImmediate, Frequency::kDaily, Frequency::kWeekly, Frequency::kNone};

//! One thing to tell one person.
struct NewNotification {
  std::int64_t user_id = 0;  //!< the recipient
  std::string topic;         //!< what it is about: "project", "request", "programme"
  std::string subject;       //!< one French line: « Projet « Halles » : offre ajoutée »
  std::string link;          //!< a path on the site: "/projets/42"
};

struct Notification {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string topic;
  std::string subject;
  std::string link;
  std::string created_at;
  bool delivered = false;  //!< taken by a mail (sent, or lost in a crash: at most once)
};

//! A mail to one person, claimed by one server: it alone sends it.
struct Delivery {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string email;
  std::string period;
  std::vector<Notification> items;  //!< oldest first, never empty
};

}  // namespace boussole::notifications
