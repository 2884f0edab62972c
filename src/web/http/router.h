#pragma once
// A small explicit router: one table of (method, pattern, handler). Patterns are literal
// segments and `{name}` segments; literal routes win over parameterised ones whatever the
// order of registration (`/api/v1/offers/search` before `/api/v1/offers/{slug}`).
//
// Matching rules, on the decoded path split at '/':
// - a literal segment matches itself only (case-sensitive); a trailing slash is a segment
//   of its own, so "/offres/" does not match "/offres";
// - `{name}` matches one non-empty segment;
// - `{name...}`, only as the last segment, matches the non-empty rest of the path, slashes
//   included (static files: "/static/app/{path...}");
// - among the routes of the request's method that match, the most specific wins: compared
//   segment by segment from the left, literal beats `{name}` beats `{name...}`.
// The router is immutable once serving starts: Add is not thread-safe, Dispatch and
// RouteName may be called from many threads.
#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "web/http/request.h"
#include "web/http/response.h"

namespace boussole::web {

using Handler = std::function<Response(const Request&)>;

//! Builds the error response for a status (HTML page or problem details, depending on the
//! request). Used by the router for 404/405 and by the server for 400/413/431/500.
using ErrorRenderer = std::function<Response(const Request&, int status, std::string_view detail)>;
struct Route;
//! Runs around every matched route: identity, authorisation and CSRF checks live there, in
//! one place, rather than in each handler. It calls `next` (or answers without it).
using Interceptor = std::function<Response(const Route& route, const Request& request, const Handler& next)>;

struct Route {
  std::string method;
  std::string pattern;  //!< e.g. "/territoires/{id}"
  std::string name;     //!< stable name for logs and metrics, e.g. "territory_page"
  Handler handler;
  //! The largest request body this route accepts, in bytes; 0: the server's default
  //! (ServerOptions::body_limit). Only upload routes raise it.
  std::size_t body_limit = 0;
};

class Router {
 public:
  explicit Router(ErrorRenderer render_error);

  //! Adds a route. Throws std::logic_error on a duplicate (method, pattern) — patterns that
  //! differ only by parameter names are duplicates — or on a malformed pattern: bugs.
  void Add(std::string method, std::string pattern, std::string name, Handler handler);
  //! Adds a route whose requests may carry a body up to `body_limit` bytes (file uploads),
  //! above the server's default.
  void AddUpload(std::string method, std::string pattern, std::string name, Handler handler,
                 std::size_t body_limit);

  //! The body limit of the route that would serve (method, path): its own, or
  //! `default_limit` when it has none or no route matches.
  std::size_t BodyLimit(const std::string& method, const std::string& path, std::size_t default_limit) const;
  //! The largest body limit any route declares (0 when none does).
  std::size_t LargestBodyLimit() const;

  //! Finds the route, fills `request.path_params` and calls it. No route for the path:
  //! 404; route for another method: 405 with an Allow header. HEAD is served by GET
  //! routes without a body (but with the Content-Length of the GET body), unless a HEAD
  //! route exists. Exceptions thrown by handlers propagate (the server turns them into 500).
  Response Dispatch(Request& request) const;

  //! Name of the route that would serve this request, or "" (for logs and metrics).
  std::string RouteName(const Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }
  const ErrorRenderer& render_error() const { return render_error_; }

  //! Tells which exceptions escaping a handler mean "temporarily unavailable" (answered 503
  //! with Retry-After) rather than a bug (500). Set before serving.
  void SetUnavailablePredicate(std::function<bool(const std::exception&)> predicate) {
    is_unavailable_ = std::move(predicate);
  }
  bool IsUnavailable(const std::exception& e) const { return is_unavailable_ && is_unavailable_(e); }
  //! Sets the interceptor of every route. Set before serving.
  void SetInterceptor(Interceptor interceptor) { interceptor_ = std::move(interceptor); }

 private:
  const Route* Find(const std::string& method, const std::string& path,
                    std::map<std::string, std::string>* params, std::string* allow) const;

  //! Finds the best route of exactly `method` for `segments`, or nullptr.
  const Route* FindForMethod(const std::string& method,
                             const std::vector<std::string_view>& segments,
                             std::map<std::string, std::string>* params) const;

  ErrorRenderer render_error_;
  std::function<bool(const std::exception&)> is_unavailable_;
  Interceptor interceptor_;
  std::vector<Route> routes_;
  //! routes_[i].pattern split at '/', in step with routes_.
  std::vector<std::vector<std::string>> patterns_;
};

}  // namespace boussole::web
