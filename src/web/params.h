#pragma once
// Typed reading of query parameters, with French messages for people.
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

}  // namespace boussole::web
