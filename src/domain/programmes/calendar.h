#pragma once
// Seminars as iCalendar (RFC 5545) and the Paris wall-clock times people read and type.
// Times are stored in UTC ("YYYY-MM-DDTHH:MM:SSZ"); Europe/Paris is UTC+1, UTC+2 from the
// last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/programmes/programme.h"

namespace boussole::programmes {

//! "2026-03-05T08:00:00Z" → "2026-03-05 09:00" (Paris); "" when not a UTC timestamp.
std::string ParisWallClock(const std::string& utc);
//! Paris "2026-03-05" + "09:00" → "2026-03-05T08:00:00Z"; nullopt when malformed.
std::optional<std::string> ParisToUtc(const std::string& date, const std::string& time);

struct CalendarEvent {
  Seminar seminar;
  std::string programme_title;
  std::string territory_name;  //!< local seminars
  std::string url;             //!< absolute link to the programme's page
};

//! A VCALENDAR with one VEVENT per dated event: CRLF line ends, lines folded at 75 octets
//! (never inside a UTF-8 sequence), TEXT values escaped, a stable UID per seminar, DTSTAMP
//! `now` (UTC timestamp), DTSTART/DTEND in UTC. `host` names the UIDs' domain.
std::string RenderCalendar(std::string_view name, const std::vector<CalendarEvent>& events, std::string_view now,
                           std::string_view host);

//! TEXT escaping of RFC 5545 §3.3.11 (backslash, semicolon, comma, newline).
std::string EscapeText(std::string_view text);
//! Folds one content line (without its CRLF) at 75 octets.
std::string FoldLine(std::string_view line);

}  // namespace boussole::programmes
