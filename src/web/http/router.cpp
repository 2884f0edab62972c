#include "web/http/router.h"

#include <set>
#include <stdexcept>

namespace boussole::web {
namespace {

// Ranks of segment kinds: lower is more specific.
enum SegmentKind { kLiteral = 0, kParam = 1, kRest = 2 };

SegmentKind KindOf(std::string_view segment) {
  if (segment.size() < 2 || segment.front() != '{' || segment.back() != '}') return kLiteral;
  return segment.ends_with("...}") ? kRest : kParam;
}

//! "name" from "{name}" or "{name...}".
std::string ParamName(std::string_view segment) {
  segment.remove_prefix(1);
  segment.remove_suffix(1);
  if (segment.ends_with("...")) segment.remove_suffix(3);
  return std::string(segment);
}

//! Splits at '/' after the leading one, keeping empty segments ("/" → {""}).
std::vector<std::string_view> SplitPath(std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  std::vector<std::string_view> segments;
  while (true) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

//! Validates `pattern` and returns its segments; throws std::logic_error when malformed.
std::vector<std::string> CompilePattern(const std::string& pattern) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::logic_error("route pattern must start with '/': " + pattern);
  }
  std::vector<std::string> segments;
  std::set<std::string> names;
  for (const std::string_view segment : SplitPath(pattern)) {
    if (!segments.empty() && KindOf(segments.back()) == kRest) {
      throw std::logic_error("{name...} must be the last segment: " + pattern);
    }
    const SegmentKind kind = KindOf(segment);
    if (kind == kLiteral) {
      if (segment.find_first_of("{}") != std::string_view::npos) {
        throw std::logic_error("route segment must be literal or {name}: " + pattern);
      }
    } else {
      const std::string name = ParamName(segment);
      bool valid = !name.empty();
      for (const char c : name) valid = valid && IsNameChar(c);
      if (!valid || !names.insert(name).second) {
        throw std::logic_error("bad or repeated parameter name in route: " + pattern);
      }
    }
    segments.emplace_back(segment);
  }
  return segments;
}

//! The pattern with parameter names erased: equal shapes are ambiguous routes.
std::string Shape(const std::vector<std::string>& segments) {
  std::string shape;
  for (const auto& segment : segments) {
    const SegmentKind kind = KindOf(segment);
    shape += '/';
    shape += kind == kLiteral ? segment : (kind == kParam ? "{}" : "{...}");
  }
  return shape;
}

//! Matches `path` against `pattern`; on success fills `params` and `ranks` (one rank per
//! pattern segment, for specificity).
bool Match(const std::vector<std::string>& pattern, const std::vector<std::string_view>& path,
           std::map<std::string, std::string>* params, std::vector<int>* ranks) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (i >= path.size()) return false;
    const SegmentKind kind = KindOf(pattern[i]);
    if (kind == kRest) {
      // Segments are views into one string: the rest runs from this one to the end.
      const char* begin = path[i].data();
      const char* end = path.back().data() + path.back().size();
      const std::string_view rest(begin, static_cast<std::size_t>(end - begin));
      if (rest.empty()) return false;
      (*params)[ParamName(pattern[i])] = std::string(rest);
      ranks->push_back(kRest);
      return true;
    }
    if (kind == kLiteral) {
      if (pattern[i] != path[i]) return false;
    } else {
      if (path[i].empty()) return false;
      (*params)[ParamName(pattern[i])] = std::string(path[i]);
    }
    ranks->push_back(kind);
  }
  return pattern.size() == path.size();
}

}  // namespace

Router::Router(ErrorRenderer render_error) : render_error_(std::move(render_error)) {}

void Router::Add(std::string method, std::string pattern, std::string name, Handler handler) {
  if (method.empty()) throw std::logic_error("route without a method: " + pattern);
  if (!handler) throw std::logic_error("route without a handler: " + pattern);
  std::vector<std::string> segments = CompilePattern(pattern);
  const std::string shape = Shape(segments);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method == method && Shape(patterns_[i]) == shape) {
      throw std::logic_error("duplicate route: " + method + " " + pattern + " (already " +
                             routes_[i].pattern + ")");
    }
  }
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(name),
                          std::move(handler)});
  patterns_.push_back(std::move(segments));
}

void Router::AddUpload(std::string method, std::string pattern, std::string name, Handler handler,
                       std::size_t body_limit) {
  Add(std::move(method), std::move(pattern), std::move(name), std::move(handler));
  routes_.back().body_limit = body_limit;
}

std::size_t Router::BodyLimit(const std::string& method, const std::string& path, std::size_t default_limit) const {
  std::map<std::string, std::string> params;
  const Route* route = Find(method, path, &params, nullptr);
  return route != nullptr && route->body_limit != 0 ? route->body_limit : default_limit;
}

std::size_t Router::LargestBodyLimit() const {
  std::size_t largest = 0;
  for (const Route& route : routes_) largest = std::max(largest, route.body_limit);
  return largest;
}

const Route* Router::FindForMethod(const std::string& method,
                                   const std::vector<std::string_view>& segments,
                                   std::map<std::string, std::string>* params) const {
  const Route* best = nullptr;
  std::vector<int> best_ranks;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method != method) continue;
    std::map<std::string, std::string> candidate_params;
    std::vector<int> ranks;
    if (!Match(patterns_[i], segments, &candidate_params, &ranks)) continue;
    if (best == nullptr || ranks < best_ranks) {
      best = &routes_[i];
      best_ranks = std::move(ranks);
      *params = std::move(candidate_params);
    }
  }
  return best;
}

const Route* Router::Find(const std::string& method, const std::string& path,
                          std::map<std::string, std::string>* params, std::string* allow) const {
  const std::vector<std::string_view> segments = SplitPath(path);
  const Route* route = FindForMethod(method, segments, params);
  if (route == nullptr && method == "HEAD") route = FindForMethod("GET", segments, params);
  if (route != nullptr || allow == nullptr) return route;

  std::set<std::string> methods;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    std::map<std::string, std::string> ignored_params;
    std::vector<int> ignored_ranks;
    if (!Match(patterns_[i], segments, &ignored_params, &ignored_ranks)) continue;
    methods.insert(routes_[i].method);
    if (routes_[i].method == "GET") methods.insert("HEAD");
  }
  allow->clear();
  for (const auto& allowed : methods) {
    if (!allow->empty()) *allow += ", ";
    *allow += allowed;
  }
  return nullptr;
}

Response Router::Dispatch(Request& request) const {
  std::map<std::string, std::string> params;
  std::string allow;
  Response response;
  if (const Route* route = Find(request.method, request.path, &params, &allow)) {
    request.path_params = std::move(params);
    response = interceptor_ ? interceptor_(*route, request, route->handler) : route->handler(request);
  } else {
    const int status = allow.empty() ? 404 : 405;
    response = render_error_ ? render_error_(request, status, {})
                             : Response::Text(status, std::string(StatusTitle(status)));
    if (status == 405) response.SetHeader("Allow", allow);
  }
  if (request.method == "HEAD") {
    // Keep the length a GET would have sent, unless a HEAD handler declared one itself.
    if (!response.body.empty() || response.Header("Content-Length").empty()) {
      response.SetHeader("Content-Length", std::to_string(response.body.size()));
    }
    response.body.clear();
  }
  return response;
}

std::string Router::RouteName(const Request& request) const {
  std::map<std::string, std::string> params;
  const Route* route = Find(request.method, request.path, &params, nullptr);
  return route == nullptr ? std::string() : route->name;
}

}  // namespace boussole::web
