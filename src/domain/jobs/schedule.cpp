#include "domain/jobs/schedule.h"

#include "core/clock.h"

namespace boussole::jobs {

std::optional<std::string> NextRunAfter(std::string_view due_at, int interval_seconds, std::string_view now) {
  const auto due = ParseUtc(due_at);
  const auto current = ParseUtc(now);
  if (!due || !current || interval_seconds <= 0) return std::nullopt;
  std::time_t next = *due + interval_seconds;
  if (next <= *current) next += ((*current - next) / interval_seconds + 1) * interval_seconds;
  return FormatUtc(next);
}

}  // namespace boussole::jobs
