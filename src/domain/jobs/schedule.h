#pragma once
// The arithmetic of recurring jobs, shared by the storage backends.
#include <optional>
#include <string>
#include <string_view>

namespace boussole::jobs {

//! The first occurrence after `now` on the grid due_at + k × interval (k ≥ 1): missed
//! occurrences are skipped, not replayed. nullopt when a timestamp is malformed.
std::optional<std::string> NextRunAfter(std::string_view due_at, int interval_seconds, std::string_view now);

}  // namespace boussole::jobs
