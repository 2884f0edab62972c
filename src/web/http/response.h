#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boussole::web {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  //! Replaces every header of that name (case-insensitive), or adds it.
  void SetHeader(std::string name, std::string value);
  //! Adds a header even when one of that name exists (Set-Cookie).
  void AddHeader(std::string name, std::string value);
  //! Value of a header set on this response ("" when absent); case-insensitive.
  std::string Header(std::string_view name) const;

  //! Content-Type "text/html; charset=utf-8".
  static Response Html(int status, std::string body);
  //! Content-Type "application/json"; `body` is already serialised.
  static Response Json(int status, std::string body);
  //! RFC 9457 problem details (application/problem+json) with members type, title, status,
  //! and detail / instance when not empty. `type` is "about:blank" (the status says it
  //! all) or a URI documenting the problem, e.g. a relative one under /problemes/.
  static Response Problem(int status, std::string_view title, std::string_view detail,
                          std::string_view instance = {},
                          std::string_view type = "about:blank");
  //! `status` 301, 302, 303, 307 or 308, with a Location header and an empty body.
  static Response Redirect(int status, std::string location);
  //! Content-Type "text/plain; charset=utf-8".
  static Response Text(int status, std::string body);
};

//! The French reason phrase used in error pages ("Page introuvable"…); "Erreur" for a
//! status without its own phrase.
std::string_view StatusTitle(int status);

}  // namespace boussole::web
