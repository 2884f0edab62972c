#pragma once
// Typed reading of query parameters, with French messages for people.
#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "web/http/request.h"

namespace boussole::web {

//! The integer parameter `name` in [min, max], or `fallback` when absent or empty.
Result<long> IntParam(const Request& request, const std::string& name, long fallback, long min,
                      long max);

//! The trimmed text parameter `name` ("" when absent); fails when longer than `max_length`.
Result<std::string> TextParam(const Request& request, const std::string& name,
                              std::size_t max_length = 200);

//! A row id written as digits ("42" in a path segment or a form field): no sign, at most 18
//! digits; else nullopt.
std::optional<std::int64_t> ParseRowId(const std::string& text);

}  // namespace boussole::web
