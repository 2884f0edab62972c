// Raw bytes from the wire: Beast's request parser with the server's limits, then what the
// server does with a well-framed message (web/http/server.cpp): headers copied, the target
// split and decoded, the route found and called, cookies read, the response finalised.
#include <boost/beast/http.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "web/http/cookies.h"
#include "web/http/handling.h"
#include "web/http/router.h"
#include "web/http/url.h"

namespace http = boost::beast::http;
using namespace boussole::web;

namespace {

Router MakeRouter() {
  Router router([](const Request&, int status, std::string_view detail) {
    return Response{status, {}, std::string(detail)};
  });
  auto echo = [](const Request& r) {
    std::string body = r.path;
    for (const auto& [name, value] : r.path_params) body += name + "=" + value + ";";
    return Response{200, {{"Content-Type", "text/plain"}}, body};
  };
  // The shapes of the application's routes: literals, parameters, a tail.
  for (const char* pattern : {"/", "/offres", "/offres/recherche", "/offres/{slug}", "/offres/{slug}/eligibilite",
                              "/territoires/{id}", "/api/v1/offers/search", "/api/v1/offers/{slug}",
                              "/api/v1/territories/{code}/portrait", "/programmes/{id}/seminaires/{seminar}",
                              "/static/app/{path...}"}) {
    router.Add("GET", pattern, pattern, echo);
  }
  router.Add("POST", "/offres/{slug}", "offer_post", echo);
  router.AddUpload("POST", "/demandes/{id}/pieces", "upload", echo, 4 * 1024 * 1024);
  return router;
}

std::string Str(boost::beast::string_view text) { return std::string(text.data(), text.size()); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Router router = MakeRouter();
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  parser.header_limit(16 * 1024);
  parser.body_limit(1024 * 1024);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (used < size && !parser.is_done()) {
    const std::size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    if (ec || n == 0) break;
    used += n;
  }
  if (!parser.is_done() || ec) return 0;
  auto message = parser.release();

  Request request;
  request.method = Str(message.method_string());
  request.target = Str(message.target());
  for (const auto& field : message) {
    std::string name = Str(field.name_string());
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    request.headers[name] += Str(field.value());
  }
  request.body = std::move(message.body());
  auto target = ParseTarget(request.target);
  if (!target) return 0;
  request.path = target.value().path;
  request.query = target.value().query;

  (void)router.BodyLimit(request.method, request.path, 1024 * 1024);
  (void)RouteNameSafely(router, request);
  Response response = DispatchSafely(router, request);
  (void)CookieValue(request, "boussole_session");
  (void)FinalizeResponse(std::move(response), request.method, "0123456789abcdef");
  return 0;
}
