#include "domain/notifications/notification.h"

namespace boussole::notifications {

std::string_view FrequencyName(Frequency frequency) {
  switch (frequency) {
    case Frequency::kImmediate: return "immediate";
    case Frequency::kDaily: return "daily";
    case Frequency::kWeekly: return "weekly";
    case Frequency::kNone: return "none";
  }
  return "none";
}

std::optional<Frequency> ParseFrequency(std::string_view name) {
  for (Frequency frequency : kFrequencies) {
    if (FrequencyName(frequency) == name) return frequency;
  }
  return std::nullopt;
}

std::string_view FrequencyLabel(Frequency frequency) {
  switch (frequency) {
    case Frequency::kImmediate: return "Dès que possible, un message par nouveauté";
    case Frequency::kDaily: return "Une fois par jour au plus, un récapitulatif";
    case Frequency::kWeekly: return "Une fois par semaine au plus, un récapitulatif";
    case Frequency::kNone: return "Jamais : je consulte mon compte";
  }
  return "";
}

}  // namespace boussole::notifications
