#include "web/http/handling.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

namespace boussole::web {
namespace {

Response RenderProblem(const Request& request, int status, std::string_view detail) {
  return Response::Problem(status, StatusTitle(status), detail, request.path);
}

Request MakeRequest(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.request_id = "0123456789abcdef";
  return request;
}

TEST(NewRequestIdTest, SixteenHexCharactersAndDistinct) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewRequestId();
    ASSERT_EQ(id.size(), 16U);
    ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 1000U);
}

TEST(DispatchSafelyTest, ExceptionsBecome500WithoutTheirText) {
  Router router(RenderProblem);
  router.Add("GET", "/boom", "boom",
             [](const Request&) -> Response { throw std::runtime_error("secret detail"); });
  router.Add("GET", "/int", "int", [](const Request&) -> Response { throw 42; });
  for (const char* path : {"/boom", "/int"}) {
    Request request = MakeRequest("GET", path);
    const Response response = DispatchSafely(router, request);
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
    EXPECT_EQ(response.body.find("secret"), std::string::npos);
  }
}

TEST(DispatchSafelyTest, UnavailableDependencyBecomes503WithRetryAfter) {
  struct DatabaseAway : std::runtime_error {
    using std::runtime_error::runtime_error;
  };
  Router router(RenderProblem);
  router.SetUnavailablePredicate([](const std::exception& e) { return dynamic_cast<const DatabaseAway*>(&e) != nullptr; });
  router.Add("GET", "/away", "away", [](const Request&) -> Response { throw DatabaseAway("connection refused"); });
  router.Add("GET", "/bug", "bug", [](const Request&) -> Response { throw std::logic_error("bug"); });
  Request away;
  away.method = "GET";
  away.path = "/away";
  Response response = DispatchSafely(router, away);
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.Header("Retry-After"), "5");
  EXPECT_EQ(response.body.find("connection refused"), std::string::npos);
  Request bug;
  bug.method = "GET";
  bug.path = "/bug";
  EXPECT_EQ(DispatchSafely(router, bug).status, 500);
}

TEST(RenderErrorSafelyTest, FallsBackToPlainTextWhenTheRendererFails) {
  Router throwing([](const Request&, int, std::string_view) -> Response {
    throw std::runtime_error("template missing");
  });
  const Response response = RenderErrorSafely(throwing, MakeRequest("GET", "/"), 503, "");
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.body, "Service indisponible");

  Router none(ErrorRenderer{});
  EXPECT_EQ(RenderErrorSafely(none, MakeRequest("GET", "/"), 404, "").body, "Page introuvable");
}

TEST(FinalizeResponseTest, SetsLengthAndRequestIdAndDropsManagedHeaders) {
  Response response = Response::Text(200, "bonjour");
  response.SetHeader("Content-Length", "999");
  response.SetHeader("Connection", "keep-alive");
  response.SetHeader("Transfer-Encoding", "chunked");
  response.SetHeader("X-Request-Id", "forged");
  response.AddHeader("Set-Cookie", "a=1");
  response.AddHeader("Set-Cookie", "b=2");
  const Response ready = FinalizeResponse(response, "GET", "0123456789abcdef");
  EXPECT_EQ(ready.body, "bonjour");
  EXPECT_EQ(ready.Header("Content-Length"), "7");
  EXPECT_EQ(ready.Header("X-Request-Id"), "0123456789abcdef");
  EXPECT_EQ(ready.Header("Connection"), "");
  EXPECT_EQ(ready.Header("Transfer-Encoding"), "");
  int cookies = 0;
  for (const auto& header : ready.headers) cookies += header.first == "Set-Cookie";
  EXPECT_EQ(cookies, 2);
}

TEST(FinalizeResponseTest, HeadKeepsTheDeclaredLengthWithoutBody) {
  Response routed;  // what the router gives for HEAD: empty body, GET length declared
  routed.SetHeader("Content-Length", "1234");
  Response ready = FinalizeResponse(routed, "HEAD", "id");
  EXPECT_TRUE(ready.body.empty());
  EXPECT_EQ(ready.Header("Content-Length"), "1234");

  // A server-made error page for HEAD: the length of the page, no body.
  ready = FinalizeResponse(Response::Text(413, "trop gros"), "HEAD", "id");
  EXPECT_TRUE(ready.body.empty());
  EXPECT_EQ(ready.Header("Content-Length"), "9");
}

TEST(FinalizeResponseTest, BodilessStatusesHaveNoLengthNorBody) {
  for (const int status : {101, 204, 304}) {
    Response response = Response::Text(status, "ignored");
    const Response ready = FinalizeResponse(response, "GET", "id");
    EXPECT_TRUE(ready.body.empty()) << status;
    EXPECT_EQ(ready.Header("Content-Length"), "") << status;
  }
}

TEST(FinalizeResponseTest, InvalidStatusBecomes500) {
  Response response;
  response.status = 42;
  EXPECT_EQ(FinalizeResponse(response, "GET", "id").status, 500);
  response.status = 1000;
  EXPECT_EQ(FinalizeResponse(response, "GET", "id").status, 500);
}

TEST(FinalizeResponseTest, DropsHeadersThatWouldSplitTheResponse) {
  Response response = Response::Redirect(303, "/a\r\nSet-Cookie: evil=1");
  response.SetHeader("Bad Name", "x");
  response.SetHeader("X-Ok", "fine");
  const Response ready = FinalizeResponse(response, "GET", "id");
  EXPECT_EQ(ready.Header("Location"), "");
  EXPECT_EQ(ready.Header("Bad Name"), "");
  EXPECT_EQ(ready.Header("X-Ok"), "fine");
}

TEST(MakeAccessEntryTest, CopiesWhatTheLogNeedsOnly) {
  Request request = MakeRequest("POST", "/connexion");
  request.query = {{"suite", "/projets"}};
  request.headers["cookie"] = "session=secret";
  request.headers["authorization"] = "Bearer secret";
  request.body = "password=secret";
  request.remote_address = "127.0.0.1";
  const AccessEntry entry = MakeAccessEntry(request, "login");
  EXPECT_EQ(entry.route, "login");
  EXPECT_EQ(entry.remote, "127.0.0.1");
  EXPECT_EQ(FormatAccessLine(entry).find("secret"), std::string::npos);
}

}  // namespace
}  // namespace boussole::web
