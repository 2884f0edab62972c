#include "core/clock.h"

#include <chrono>
#include <cstdio>

namespace boussole {

std::string FormatUtc(std::time_t time) {
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string UtcFromNow(std::chrono::seconds offset) {
  return FormatUtc(std::time(nullptr) + static_cast<std::time_t>(offset.count()));
}

std::string NowUtc() { return FormatUtc(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())); }

std::string TodayUtc() { return NowUtc().substr(0, 10); }

std::optional<std::time_t> ParseUtc(std::string_view text) {
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  std::tm utc{};
  const std::string copy(text);
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &utc.tm_year, &utc.tm_mon, &utc.tm_mday, &utc.tm_hour,
                  &utc.tm_min, &utc.tm_sec) != 6) {
    return std::nullopt;
  }
  utc.tm_year -= 1900;
  utc.tm_mon -= 1;
  return timegm(&utc);
}

std::string DigestPeriod(std::string_view now, bool weekly) {
  const auto time = ParseUtc(now);
  if (!time) return {};
  std::tm utc{};
  gmtime_r(&*time, &utc);
  char text[16];
  // %G-W%V: the ISO 8601 week and its year, so that a week straddling 1 January has one key.
  if (std::strftime(text, sizeof text, weekly ? "%G-W%V" : "%Y-%m-%d", &utc) == 0) return {};
  return text;
}

}  // namespace boussole
