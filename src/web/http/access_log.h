#pragma once
// The access log: one line per request, in key=value form, that never records secrets.
// Query parameters and path parameters whose names look sensitive are replaced by
// "[redacted]"; cookies, Authorization headers and bodies are never part of an entry.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "web/http/url.h"

namespace boussole::web {

//! What the server knows about a finished request. Deliberately has no headers or body.
struct AccessEntry {
  std::string request_id;
  std::string method;
  std::string path;  //!< decoded path
  QueryPairs query;  //!< decoded query
  std::map<std::string, std::string> path_params;  //!< as set by the router
  int status = 0;
  std::size_t bytes = 0;  //!< body bytes sent
  double duration_ms = 0;
  std::string route;  //!< route name, "" when none matched
  std::string remote;
};

//! True when a parameter called `name` may carry a secret: its name contains, ignoring
//! case, token, password, passwd, secret, key, code_verification, session, csrf or auth.
bool IsSensitiveName(std::string_view name);

//! The query as "a=1&b=x%20y&token=[redacted]": sensitive values redacted, '%', '&', '=',
//! '+', '#', '"', '\', spaces and control characters percent-encoded so that the result
//! is one unambiguous word. "" for an empty query.
std::string RedactQuery(const QueryPairs& query);

//! `path` with the segments that hold the value of a sensitive path parameter replaced
//! by "[redacted]" ("/compte/reinitialisation/{token}").
std::string RedactPath(std::string_view path,
                       const std::map<std::string, std::string>& path_params);

//! The log line for `entry`, without logging it: "request_id=… method=GET path=/offres
//! query=… status=200 bytes=1234 duration_ms=1.20 route=offers remote=127.0.0.1". Empty
//! values are written "-"; values with spaces, quotes or control characters are quoted
//! and escaped, so that a request cannot forge log lines.
std::string FormatAccessLine(const AccessEntry& entry);

//! Logs FormatAccessLine(entry) at info level on the default spdlog logger. Thread-safe.
void LogAccess(const AccessEntry& entry);

}  // namespace boussole::web
