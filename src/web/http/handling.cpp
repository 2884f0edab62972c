#include "web/http/handling.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <exception>
#include <random>

#include "web/http/messages.h"

namespace boussole::web {
namespace {

std::string LowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

//! Headers the server sets itself; a handler's values for them are ignored.
bool IsServerManagedHeader(std::string_view name) {
  const std::string lower = LowerAscii(name);
  return lower == "content-length" || lower == "connection" || lower == "transfer-encoding" ||
         lower == "keep-alive" || lower == "x-request-id";
}

bool IsWellFormedHeader(const std::string& name, const std::string& value) {
  return !name.empty() && name.find_first_of("\r\n: \t") == std::string::npos &&
         value.find_first_of("\r\n") == std::string::npos;
}

std::size_t ParseLength(const std::string& text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : 0;
}

}  // namespace

std::string NewRequestId() {
  thread_local std::mt19937_64 engine = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  return fmt::format("{:016x}", engine());
}

Response RenderErrorSafely(const Router& router, const Request& request, int status,
                           std::string_view detail) {
  try {
    if (router.render_error()) return router.render_error()(request, status, detail);
  } catch (const std::exception& e) {
    spdlog::error("request_id={} error renderer failed: {}", request.request_id, e.what());
  } catch (...) {
    spdlog::error("request_id={} error renderer failed", request.request_id);
  }
  return Response::Text(status, std::string(StatusTitle(status)));
}

Response DispatchSafely(const Router& router, Request& request) {
  try {
    return router.Dispatch(request);
  } catch (const std::exception& e) {
    if (router.IsUnavailable(e)) {
      spdlog::warn("request_id={} method={} service unavailable: {}", request.request_id, request.method, e.what());
      Response response = RenderErrorSafely(router, request, 503, messages::kServiceUnavailable);
      response.SetHeader("Retry-After", "5");
      return response;
    }
    spdlog::error("request_id={} method={} unhandled exception in handler: {}",
                  request.request_id, request.method, e.what());
  } catch (...) {
    spdlog::error("request_id={} method={} unhandled non-standard exception in handler",
                  request.request_id, request.method);
  }
  return RenderErrorSafely(router, request, 500, messages::kInternalError);
}

std::string RouteNameSafely(const Router& router, const Request& request) {
  try {
    return router.RouteName(request);
  } catch (...) {
    return {};
  }
}

AccessEntry MakeAccessEntry(const Request& request, std::string route) {
  AccessEntry entry;
  entry.request_id = request.request_id;
  entry.method = request.method;
  entry.path = request.path;
  entry.query = request.query;
  entry.path_params = request.path_params;
  entry.route = std::move(route);
  entry.remote = request.remote_address;
  return entry;
}

Response FinalizeResponse(Response response, std::string_view method,
                          const std::string& request_id) {
  if (response.status < 100 || response.status > 599) {
    spdlog::error("request_id={} handler returned status {}", request_id, response.status);
    response = Response::Text(500, std::string(StatusTitle(500)));
  }
  const bool head = method == "HEAD";
  const bool bodiless_status =
      response.status < 200 || response.status == 204 || response.status == 304;
  std::size_t length = response.body.size();
  if (head && response.body.empty()) length = ParseLength(response.Header("Content-Length"));

  Response ready;
  ready.status = response.status;
  for (auto& [name, value] : response.headers) {
    if (IsServerManagedHeader(name)) continue;
    if (!IsWellFormedHeader(name, value)) {
      spdlog::error("request_id={} dropped a malformed response header", request_id);
      continue;
    }
    ready.headers.emplace_back(std::move(name), std::move(value));
  }
  ready.headers.emplace_back("X-Request-Id", request_id);
  if (!bodiless_status) ready.headers.emplace_back("Content-Length", std::to_string(length));
  if (!head && !bodiless_status) ready.body = std::move(response.body);
  return ready;
}

}  // namespace boussole::web
