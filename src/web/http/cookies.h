#pragma once
// Cookies (RFC 6265): reading the Cookie header and writing Set-Cookie values.
#include <optional>
#include <string>
#include <string_view>

#include "web/http/request.h"

namespace boussole::web {

//! The value of cookie `name` in the request's Cookie header(s), or nullopt.
std::optional<std::string> CookieValue(const Request& request, std::string_view name);

struct CookieOptions {
  bool secure = false;        //!< only over https (BOUSSOLE_PUBLIC_URL)
  bool http_only = true;      //!< out of reach of scripts
  std::string same_site = "Lax";
  std::optional<long> max_age_seconds;  //!< nullopt: a browser-session cookie; 0: delete
  std::string path = "/";
};

//! The value of a Set-Cookie header. `name` and `value` must be cookie-safe (letters,
//! digits, "-_."): tokens only; throws std::invalid_argument otherwise (a bug).
std::string SetCookieValue(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace boussole::web
