#pragma once
#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace boussole {

//! Current UTC time as ISO 8601 with seconds ("2026-11-25T12:00:00Z"): the one format of
//! timestamps in every store, so that dumps compare equal across backends and strings
//! sort in time order.
std::string NowUtc();

//! `time` in that format.
std::string FormatUtc(std::time_t time);

//! The current time moved by `offset` (negative: in the past), in that format.
std::string UtcFromNow(std::chrono::seconds offset);

//! Parses that exact format; nullopt otherwise.
std::optional<std::time_t> ParseUtc(std::string_view text);

//! Today's date in UTC, "YYYY-MM-DD".
std::string TodayUtc();

//! The digest period containing `now` (that format): its UTC day "2026-11-25" when
//! `weekly` is false, its ISO 8601 week "2026-W48" otherwise. "" when `now` is malformed.
std::string DigestPeriod(std::string_view now, bool weekly);

}  // namespace boussole
