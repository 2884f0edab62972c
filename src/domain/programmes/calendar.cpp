#include "domain/programmes/calendar.h"

#include <ctime>

#include "core/clock.h"

namespace boussole::programmes {
namespace {

// The Unix time of the last Sunday of `month` of `year`, at 01:00 UTC.
std::time_t LastSundayAt1Utc(int year, int month) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month;  // the first day of the next month…
  tm.tm_mday = 1;
  tm.tm_hour = 1;
  std::time_t first_next = timegm(&tm);
  std::tm check{};
  gmtime_r(&first_next, &check);
  // …minus one day, then back to Sunday.
  std::time_t last = first_next - 86400;
  gmtime_r(&last, &check);
  return last - static_cast<std::time_t>(check.tm_wday) * 86400;
}

int ParisOffsetSeconds(std::time_t utc) {
  std::tm tm{};
  gmtime_r(&utc, &tm);
  const int year = tm.tm_year + 1900;
  const bool summer = utc >= LastSundayAt1Utc(year, 3) && utc < LastSundayAt1Utc(year, 10);
  return summer ? 7200 : 3600;
}

std::string IcsUtc(const std::string& utc) {
  // 2026-03-05T08:00:00Z → 20260305T080000Z
  std::string out;
  for (char c : utc) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

}  // namespace

std::string ParisWallClock(const std::string& utc) {
  const auto t = ParseUtc(utc);
  if (!t) return "";
  const std::time_t local = *t + ParisOffsetSeconds(*t);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M", &tm);
  return buffer;
}

std::optional<std::string> ParisToUtc(const std::string& date, const std::string& time) {
  if (time.size() != 5 || time[2] != ':') return std::nullopt;
  const std::string wall = date + "T" + time + ":00Z";
  const auto t = ParseUtc(wall);
  // A date or time out of range ("2026-13-45", "25:00") is refused, not carried over.
  if (!t || FormatUtc(*t) != wall) return std::nullopt;
  // The offset at the wall-clock time read as UTC is right except within an hour of a change.
  std::time_t utc = *t - ParisOffsetSeconds(*t);
  utc = *t - ParisOffsetSeconds(utc);
  return FormatUtc(utc);
}

std::string EscapeText(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
      continue;  // control characters are not allowed in TEXT
    } else {
      out += c;
    }
  }
  return out;
}

std::string FoldLine(std::string_view line) {
  std::string out;
  std::size_t width = 0;  // octets on the current physical line
  for (std::size_t i = 0; i < line.size();) {
    // The whole UTF-8 sequence starting at i stays on one line.
    const unsigned char lead = static_cast<unsigned char>(line[i]);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
    length = std::min(length, line.size() - i);
    if (width + length > 75) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line.substr(i, length));
    width += length;
    i += length;
  }
  return out;
}

std::string RenderCalendar(std::string_view name, const std::vector<CalendarEvent>& events, std::string_view now,
                           std::string_view host) {
  std::string out;
  auto line = [&out](std::string_view text) {
    out += FoldLine(text);
    out += "\r\n";
  };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//Boussole//Programmes collectifs//FR");
  line("CALSCALE:GREGORIAN");
  line("X-WR-CALNAME:" + EscapeText(name));
  const std::string stamp = IcsUtc(std::string(now));
  for (const CalendarEvent& e : events) {
    const Seminar& s = e.seminar;
    if (!ParseUtc(s.starts_at)) continue;  // not dated yet
    line("BEGIN:VEVENT");
    line("UID:seminaire-" + std::to_string(s.id) + "@" + std::string(host));
    line("DTSTAMP:" + stamp);
    line("DTSTART:" + IcsUtc(s.starts_at));
    if (s.minutes > 0) {
      if (auto start = ParseUtc(s.starts_at)) line("DTEND:" + IcsUtc(FormatUtc(*start + s.minutes * 60)));
    }
    std::string summary = s.title + " — " + e.programme_title;
    if (!e.territory_name.empty()) summary += " (" + e.territory_name + ")";
    line("SUMMARY:" + EscapeText(summary));
    if (!s.place.empty()) line("LOCATION:" + EscapeText(s.place));
    std::string description = s.agenda;
    if (!s.online_link.empty()) description += (description.empty() ? "" : "\n\n") + std::string("En ligne : ") + s.online_link;
    if (!description.empty()) line("DESCRIPTION:" + EscapeText(description));
    if (!e.url.empty()) line("URL:" + e.url);
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace boussole::programmes
