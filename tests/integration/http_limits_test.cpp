// The web foundation's limits and errors, over real HTTP.
#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>

#include "support/shared_server.h"

namespace boussole::testing {
namespace {

class HttpLimits : public SharedServerTest<HttpLimits> {
};

TEST_F(HttpLimits, HealthzAnswers) {
  HttpResponse r = HttpGet(port(), "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(r.headers["x-request-id"].empty());
}

TEST_F(HttpLimits, OversizedBodyGets413InFrench) {
  HttpResponse r = HttpRequest(port(), "POST", "/offres", std::string(2 * 1024 * 1024, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("Contenu trop volumineux"), std::string::npos);
}

TEST_F(HttpLimits, OversizedHeadersAreRefused) {
  HttpResponse r = HttpRequest(port(), "GET", "/", "", {{"X-Filler", std::string(64 * 1024, 'a')}});
  EXPECT_EQ(r.status, 431);
}

TEST_F(HttpLimits, WrongMethodGets405WithAllow) {
  HttpResponse r = HttpRequest(port(), "DELETE", "/offres");
  EXPECT_EQ(r.status, 405);
  EXPECT_NE(r.headers["allow"].find("GET"), std::string::npos);
  EXPECT_NE(r.body.find("Méthode non autorisée"), std::string::npos);
  HttpResponse api = HttpRequest(port(), "POST", "/api/v1/offers");
  EXPECT_EQ(api.status, 405);
  EXPECT_EQ(api.headers["content-type"], "application/problem+json");
}

TEST_F(HttpLimits, MalformedQueryGets400) {
  EXPECT_EQ(HttpGet(port(), "/territoires?q=%zz").status, 400);
  EXPECT_EQ(HttpGet(port(), "/api/v1/territories?q=%C3").status, 400);
}

TEST_F(HttpLimits, MalformedRequestLineGets400) {
  HttpResponse r = ParseHttpResponse(RawExchange(port(), "BONJOUR\r\n\r\n"));
  EXPECT_EQ(r.status, 400);
}

TEST_F(HttpLimits, UnknownPathGetsFrench404) {
  HttpResponse r = HttpGet(port(), "/nulle-part");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("Page introuvable"), std::string::npos);
  HttpResponse api = HttpGet(port(), "/api/v1/nulle-part");
  EXPECT_EQ(api.headers["content-type"], "application/problem+json");
}

TEST_F(HttpLimits, StaticFilesAreServedAndTraversalRefused) {
  HttpResponse css = HttpGet(port(), "/static/dsfr/dsfr.min.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.headers["content-type"].rfind("text/css", 0), 0u);
  EXPECT_EQ(HttpGet(port(), "/static/app/../../CMakeLists.txt").status, 404);
  EXPECT_EQ(HttpGet(port(), "/static/app/%2e%2e/%2e%2e/CMakeLists.txt").status, 404);
  EXPECT_EQ(HttpGet(port(), "/static/dsfr/../package.json").status, 404);
}

TEST_F(HttpLimits, AccessLogNeverRecordsSecrets) {
  HttpRequest(port(), "GET", "/offres?token=SECRET-TOKEN-123&q=ville", "",
              {{"Cookie", "session=COOKIE-VALUE-456"}, {"Authorization", "Bearer AUTH-789"}});
  const std::string logs = server().Logs();
  EXPECT_NE(logs.find("/offres"), std::string::npos);
  EXPECT_EQ(logs.find("SECRET-TOKEN-123"), std::string::npos);
  EXPECT_EQ(logs.find("COOKIE-VALUE-456"), std::string::npos);
  EXPECT_EQ(logs.find("AUTH-789"), std::string::npos);
}

TEST(GracefulShutdown, SigtermStopsCleanly) {
  TempDir dir;
  TestDatabase db = TestDatabase::Reference(dir);
  ServerProcess server(db.url());
  EXPECT_EQ(HttpGet(server.port(), "/healthz").status, 200);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace boussole::testing
