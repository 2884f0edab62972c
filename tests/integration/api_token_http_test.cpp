// Personal API tokens over real HTTP: created on « Jetons d'API » and shown once, they
// identify their owner on the API; revoked, expired or malformed ones get 401 with the
// RFC 6750 challenge, even on public routes; API writes never trust a session cookie; a
// person cannot revoke another's token.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"

namespace boussole::testing {
namespace {

using nlohmann::json;

class ApiTokenHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()}});
  }

  FormBrowser Person(const std::string& email) { return SignedInBrowser(server_->port(), db_->url(), email); }

  std::string Scalar(const std::string& sql) {
    const std::string rows = QueryRows(db_->url(), sql);
    return rows.substr(0, rows.find('\n'));
  }

  // A program: no cookie, only the token.
  HttpResponse Program(const std::string& token, const std::string& method, const std::string& target) {
    return HttpRequest(server_->port(), method, target, {}, {{"Authorization", "Bearer " + token}});
  }

  static void ExpectInvalidToken(const HttpResponse& r) {
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(r.headers.count("www-authenticate") ? r.headers.at("www-authenticate") : "",
              R"(Bearer realm="boussole", error="invalid_token")");
    EXPECT_NE(r.headers.at("content-type").find("application/problem+json"), std::string::npos);
    EXPECT_NE(r.body.find("jeton d'API est inconnu, révoqué ou expiré"), std::string::npos) << r.body;
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
};

TEST_F(ApiTokenHttp, ATokenIsShownOnceStoredAsAHashAndIdentifiesItsOwner) {
  FormBrowser agent = Person("agent@joinville.fr");
  const std::string token = CreateApiToken(agent, "Tableur de suivi");
  ASSERT_EQ(token.rfind("bsl_", 0), 0u);

  const HttpResponse me = Program(token, "GET", "/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  const json body = json::parse(me.body);
  EXPECT_EQ(body["email"], "agent@joinville.fr");
  EXPECT_EQ(body["authenticated_by"], "token");
  EXPECT_EQ(body["organisations"], json::array());

  // Never shown again, never stored as such; its use is recorded.
  const HttpResponse page = agent.Get("/compte/jetons");
  EXPECT_EQ(page.body.find(token), std::string::npos);
  EXPECT_NE(page.body.find("Tableur de suivi"), std::string::npos);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM api_tokens WHERE token_hash = '" + token + "' OR name = '" + token + "'"), "0");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM api_tokens WHERE last_used_at IS NOT NULL"), "1");
  // The same person by session on a GET.
  EXPECT_EQ(json::parse(agent.Get("/api/v1/me").body)["authenticated_by"], "session");
}

TEST_F(ApiTokenHttp, RevokedExpiredOrMalformedTokensGet401EvenOnPublicRoutes) {
  FormBrowser agent = Person("agent@joinville.fr");
  const std::string revoked = CreateApiToken(agent, "Ancien outil");
  const std::string expired = CreateApiToken(agent, "Outil expiré");
  const std::string id = Scalar("SELECT id FROM api_tokens WHERE name = 'Ancien outil'");
  agent.Get("/compte/jetons");
  const HttpResponse revocation = agent.Post("/compte/jetons/" + id + "/revocation", "");
  EXPECT_EQ(revocation.status, 303);
  EXPECT_NE(agent.Get("/compte/jetons?revoque=1").body.find("révoqué le"), std::string::npos);
  ExecSql(db_->url(), "UPDATE api_tokens SET expires_at = '2026-01-01T00:00:00Z' WHERE name = 'Outil expiré'");

  for (const std::string& token : {revoked, expired, std::string("bsl_inconnu"), revoked + "x"}) {
    ExpectInvalidToken(Program(token, "GET", "/api/v1/me"));
    ExpectInvalidToken(Program(token, "GET", "/api/v1/territories?q=joinville"));
  }
  for (const std::string& header : {std::string("Basic YWdlbnQ6c2VjcmV0"), std::string("Bearer"), "Bearer  " + revoked}) {
    ExpectInvalidToken(HttpRequest(server_->port(), "GET", "/api/v1/me", {}, {{"Authorization", header}}));
  }
  // Without a token, a public route answers and a private one asks for identity.
  EXPECT_EQ(HttpGet(server_->port(), "/api/v1/territories?q=joinville").status, 200);
  const HttpResponse anonymous = HttpGet(server_->port(), "/api/v1/me");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.headers.at("www-authenticate"), R"(Bearer realm="boussole")");
  // Pages ignore the header: a browser page is never a program's.
  EXPECT_EQ(HttpRequest(server_->port(), "GET", "/offres", {}, {{"Authorization", "Bearer bsl_inconnu"}}).status, 200);
}

TEST_F(ApiTokenHttp, ApiWritesNeedTheTokenAndNeverTrustTheSessionCookie) {
  FormBrowser agent = Person("agent@joinville.fr");
  const std::string token = CreateApiToken(agent);
  // The browser's session cookie alone does not authorise an API write (no CSRF token on the
  // API: a cookie any site can make the browser send must not be enough).
  agent.set_api_token("");
  const HttpResponse by_cookie = agent.SendJson("DELETE", "/api/v1/me/token");
  EXPECT_EQ(by_cookie.status, 401) << by_cookie.body;
  EXPECT_NE(by_cookie.body.find("demande un jeton d'API"), std::string::npos) << by_cookie.body;
  EXPECT_EQ(Program(token, "GET", "/api/v1/me").status, 200);

  // With the token (and the cookie still sent), the write is the token owner's: it ends the token.
  agent.set_api_token(token);
  const HttpResponse by_token = agent.SendJson("DELETE", "/api/v1/me/token");
  EXPECT_EQ(by_token.status, 204) << by_token.body;
  ExpectInvalidToken(Program(token, "GET", "/api/v1/me"));
  EXPECT_NE(Scalar("SELECT revoked_at FROM api_tokens"), "");
}

TEST_F(ApiTokenHttp, NobodyRevokesAnotherPersonsTokenAndBadNamesAreRefused) {
  FormBrowser owner = Person("agent@joinville.fr");
  FormBrowser other = Person("agent@chaumont.fr");
  const std::string token = CreateApiToken(owner);
  const std::string id = Scalar("SELECT id FROM api_tokens");
  other.Get("/compte/jetons");
  EXPECT_EQ(other.Post("/compte/jetons/" + id + "/revocation", "").status, 404);
  EXPECT_EQ(other.Post("/compte/jetons/abc/revocation", "").status, 404);
  EXPECT_EQ(Program(token, "GET", "/api/v1/me").status, 200);

  const HttpResponse empty = other.Post("/compte/jetons", "name=+++");
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("Donnez un nom au jeton"), std::string::npos);
  const HttpResponse long_name = other.Post("/compte/jetons", "name=" + std::string(81, 'a'));
  EXPECT_EQ(long_name.status, 400);
  EXPECT_NE(long_name.body.find("trop long"), std::string::npos);
  for (int i = 0; i < 10; ++i) ASSERT_EQ(other.Post("/compte/jetons", "name=Outil+" + std::to_string(i)).status, 201);
  const HttpResponse eleventh = other.Post("/compte/jetons", "name=Un+de+trop");
  EXPECT_EQ(eleventh.status, 409);
  EXPECT_NE(eleventh.body.find("révoquez-en un"), std::string::npos);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM api_tokens WHERE name = 'Un de trop'"), "0");
  // Forms of the token page are CSRF-checked like every form.
  EXPECT_EQ(other.Post("/compte/jetons", "name=Sans+jeton", /*with_csrf=*/false).status, 403);
}

}  // namespace
}  // namespace boussole::testing
