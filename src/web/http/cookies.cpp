#include "web/http/cookies.h"

#include <algorithm>
#include <stdexcept>

#include "web/http/header_text.h"

namespace boussole::web {
namespace {

bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.';
}

}  // namespace

std::optional<std::string> CookieValue(const Request& request, std::string_view name) {
  // The server joins repeated Cookie headers with "; " (HTTP/2 style) or keeps the first:
  // either way one header to scan.
  const std::string all = request.Header("cookie");
  std::string_view header = all;
  while (!header.empty()) {
    const auto end = header.find(';');
    const std::string_view pair = TrimOws(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    if (TrimOws(pair.substr(0, equals)) != name) continue;
    std::string_view value = TrimOws(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return std::nullopt;
}

std::string SetCookieValue(std::string_view name, std::string_view value, const CookieOptions& options) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), IsTokenChar) ||
      !std::all_of(value.begin(), value.end(), IsTokenChar)) {
    throw std::invalid_argument("cookie name or value outside the token characters");
  }
  std::string header = std::string(name) + "=" + std::string(value) + "; Path=" + options.path;
  if (options.max_age_seconds) header += "; Max-Age=" + std::to_string(*options.max_age_seconds);
  if (options.http_only) header += "; HttpOnly";
  if (options.secure) header += "; Secure";
  if (!options.same_site.empty()) header += "; SameSite=" + options.same_site;
  return header;
}

}  // namespace boussole::web
