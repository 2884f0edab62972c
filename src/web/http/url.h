#pragma once
// Percent-decoding of request targets (RFC 3986) into the decoded path and query pairs that
// handlers see. Malformed input is an expected failure (answered with a 400), never an
// exception.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace boussole::web {

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

//! True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points
//! above U+10FFFF).
bool IsValidUtf8(std::string_view text);

//! Decodes `%XX` escapes; with `plus_is_space`, '+' becomes ' ' (query strings, forms).
//! Fails (code "invalid_input") on a truncated or non-hexadecimal escape, on a NUL byte
//! (escaped or not) and when the decoded bytes are not valid UTF-8.
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);

//! Parses `application/x-www-form-urlencoded` text ("a=1&b=x+y"), as found in query
//! strings and form bodies: pairs in order of appearance, empty pieces skipped, a name
//! without '=' gets the value "". Fails like PercentDecode.
Result<QueryPairs> ParseQuery(std::string_view text);

//! A request target split and decoded.
struct Target {
  std::string path;  //!< decoded; always starts with '/'
  QueryPairs query;
};

//! Splits an origin-form target ("/offres?q=eau#x": the fragment, if any, is dropped) and
//! decodes its path and query. Fails when the target does not start with '/' or when a
//! part is malformed.
Result<Target> ParseTarget(std::string_view target);

//! Percent-encodes every byte except RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~),
//! for building links and redirects.
std::string PercentEncode(std::string_view text);

}  // namespace boussole::web
