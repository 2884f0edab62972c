#pragma once
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

//! Parses that exact format; nullopt otherwise.
std::optional<std::time_t> ParseUtc(std::string_view text);

//! Today's date in UTC, "YYYY-MM-DD".
std::string TodayUtc();

}  // namespace boussole
