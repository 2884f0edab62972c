// Web security over real HTTP (issue 9, item 5): the security headers of every kind of
// answer, cookie flags, session fixation, CSRF on every POST route, rate limits with their
// 429 answers (shared by the servers of an instance), upload limits, no user enumeration,
// and the audit log of security events.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <regex>
#include <string>

#include "domain/accounts/account_service.h"
#include "domain/alerts/alert_service.h"
#include "domain/organisations/organisation_service.h"
#include "mail/make_mailer.h"
#include "storage/store.h"
#include "mounted_routes.h"
#include "support/mail_decoding.h"
#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"
#include "web/access.h"
#include "web/all_routes.h"
#include "web/http/metrics.h"
#include "web/offer_search.h"
#include "web/search_request.h"

namespace boussole::testing {
namespace {

constexpr const char* kFormPassword = "un+mot+de+passe+solide";

// Whether the headers every answer must carry are there, whatever produced the answer.
void ExpectSecurityHeaders(const HttpResponse& r, const std::string& what, bool https = false) {
  const auto header = [&](const char* name) {
    auto it = r.headers.find(name);
    return it == r.headers.end() ? std::string() : it->second;
  };
  const std::string csp = header("content-security-policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << what << ": " << csp;
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << what;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << what;
  EXPECT_NE(csp.find("object-src 'none'"), std::string::npos) << what;
  // Scripts: this origin's files only (style-src allows inline styles: see security_headers.h).
  const std::string scripts = csp.substr(csp.find("script-src"), csp.find(';', csp.find("script-src")) - csp.find("script-src"));
  EXPECT_EQ(scripts, "script-src 'self'") << what;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << what;
  EXPECT_EQ(header("x-content-type-options"), "nosniff") << what;
  EXPECT_EQ(header("x-frame-options"), "DENY") << what;
  EXPECT_EQ(header("referrer-policy"), "strict-origin-when-cross-origin") << what;
  EXPECT_NE(header("permissions-policy").find("camera=()"), std::string::npos) << what;
  if (https) {
    EXPECT_EQ(header("strict-transport-security"), "max-age=31536000") << what;
  } else {
    EXPECT_EQ(r.headers.count("strict-transport-security"), 0u) << what << ": no HSTS over http";
  }
}

class SecurityHttp : public ::testing::Test {
 protected:
  void Start(std::map<std::string, std::string> env = {}) {
    db_.emplace(TestDatabase::Reference(dir_));
    env["BOUSSOLE_SMTP_URL"] = sink_.url();
    env["BOUSSOLE_MAIL_FROM"] = "Boussole <ne-pas-repondre@boussole.test>";
    env_ = env;
    server_.emplace(db_->url(), env);
  }
  int port() const { return server_->port(); }

  // Signs up (through the form) and confirms in the database; signed out.
  FormBrowser Registered(const std::string& email) {
    FormBrowser browser(port());
    browser.Get("/compte/inscription");
    const std::size_t before = sink_.mails().size();
    EXPECT_EQ(browser.Post("/compte/inscription", "email=" + email + "&display_name=Camille+Martin&password=" +
                                                    kFormPassword + "&password_confirmation=" + kFormPassword)
                  .status,
              303);
    sink_.WaitFor(before + 1);
    ExecSql(db_->url(), "UPDATE users SET confirmed_at = '2026-11-25T00:00:00Z'");
    return browser;
  }
  HttpResponse LogIn(FormBrowser& browser, const std::string& email, const std::string& password = kFormPassword) {
    browser.Get("/compte/connexion");
    return browser.Post("/compte/connexion", "email=" + email + "&password=" + password);
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
  std::map<std::string, std::string> env_;
};

TEST_F(SecurityHttp, EveryKindOfAnswerCarriesTheSecurityHeaders) {
  Start();
  ExpectSecurityHeaders(HttpGet(port(), "/"), "home page");
  ExpectSecurityHeaders(HttpGet(port(), "/compte/connexion"), "page with a form");
  ExpectSecurityHeaders(HttpGet(port(), "/compte"), "redirect to sign in");
  ExpectSecurityHeaders(HttpGet(port(), "/api/v1/offers"), "API");
  ExpectSecurityHeaders(HttpGet(port(), "/api/openapi.json"), "OpenAPI document");
  ExpectSecurityHeaders(HttpGet(port(), "/static/app/css/boussole.css"), "static file");
  ExpectSecurityHeaders(HttpGet(port(), "/static/dsfr/dsfr.module.min.js"), "DSFR script");
  ExpectSecurityHeaders(HttpGet(port(), "/nulle-part"), "404 page");
  ExpectSecurityHeaders(HttpGet(port(), "/api/v1/nulle-part"), "404 problem details");
  ExpectSecurityHeaders(HttpRequest(port(), "DELETE", "/offres"), "405");
  ExpectSecurityHeaders(HttpRequest(port(), "POST", "/compte/connexion", "email=a"), "403 CSRF refusal");
  ExpectSecurityHeaders(HttpRequest(port(), "POST", "/offres", std::string(2 * 1024 * 1024, 'x')), "413");
  ExpectSecurityHeaders(HttpGet(port(), "/healthz"), "probe");
  // Answers to messages that could not be read come from the server itself. The message is
  // well framed, so without "Connection: close" the server would rightly keep it open.
  const HttpResponse malformed =
      ParseHttpResponse(RawExchange(port(), "GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  EXPECT_EQ(malformed.status, 400);
  ExpectSecurityHeaders(malformed, "400 malformed target");
}

TEST_F(SecurityHttp, PagesHaveNoInlineScriptOrHandler) {
  Start();
  for (const char* path : {"/", "/offres", "/offres/recherche?q=eau", "/territoires/commune:52250", "/chiffres",
                           "/cartes/offres", "/compte/connexion", "/compte/inscription", "/confidentialite",
                           "/programmes", "/projetotheque"}) {
    const HttpResponse r = HttpGet(port(), path);
    ASSERT_EQ(r.status, 200) << path;
    const std::regex inline_script(R"(<script(?![^>]*\ssrc=)[^>]*>)", std::regex::icase);
    EXPECT_FALSE(std::regex_search(r.body, inline_script)) << path << ": an inline <script>";
    const std::regex handler(R"(<[^>]+\son[a-z]+\s*=)", std::regex::icase);
    EXPECT_FALSE(std::regex_search(r.body, handler)) << path << ": an on* attribute";
    EXPECT_EQ(r.body.find("javascript:"), std::string::npos) << path;
    // Boussole's own markup has no inline style either (the charts' run-time tooltips do).
    EXPECT_EQ(r.body.find(" style=\""), std::string::npos) << path;
    EXPECT_EQ(r.body.find("<style"), std::string::npos) << path;
  }
}

TEST_F(SecurityHttp, OverHttpsCookiesAreSecureAndHstsIsSent) {
  Start({{"BOUSSOLE_PUBLIC_URL", "https://boussole.test"}});
  const HttpResponse home = HttpGet(port(), "/");
  ExpectSecurityHeaders(home, "home page over https", true);
  ExpectSecurityHeaders(HttpGet(port(), "/api/v1/offers"), "API over https", true);
  FormBrowser browser = Registered("h%40example.fr");
  const HttpResponse form = browser.Get("/compte/connexion");
  const std::string visitor = form.headers.count("set-cookie") ? form.headers.at("set-cookie") : "";
  // The visitor's form cookie was set by the sign-up page already; either way it is secure.
  const HttpResponse in = browser.Post("/compte/connexion", std::string("email=h%40example.fr&password=") + kFormPassword);
  ASSERT_EQ(in.status, 303) << in.body.substr(0, 500);
  const std::string set = in.headers.at("set-cookie");
  EXPECT_EQ(set.rfind("boussole_session=", 0), 0u) << set;
  for (const char* flag : {"; HttpOnly", "; Secure", "; SameSite=Lax", "; Path=/"}) {
    EXPECT_NE(set.find(flag), std::string::npos) << flag << " in " << set;
  }
  EXPECT_EQ(set.find("Domain="), std::string::npos) << "a host-only cookie";
  FormBrowser fresh(port());
  const HttpResponse signup = fresh.Get("/compte/inscription");
  ASSERT_TRUE(signup.headers.count("set-cookie"));
  EXPECT_NE(signup.headers.at("set-cookie").find("; Secure"), std::string::npos);
  EXPECT_NE(signup.headers.at("set-cookie").find("; HttpOnly"), std::string::npos);
  (void)visitor;
}

TEST_F(SecurityHttp, OverHttpTheSessionCookieIsHttpOnlyAndSameSite) {
  Start();
  FormBrowser browser = Registered("p%40example.fr");
  const HttpResponse in = LogIn(browser, "p%40example.fr");
  ASSERT_EQ(in.status, 303);
  const std::string set = in.headers.at("set-cookie");
  EXPECT_NE(set.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(set.find("; SameSite=Lax"), std::string::npos);
  EXPECT_EQ(set.find("; Secure"), std::string::npos) << "over http the browser would drop it";
}

TEST_F(SecurityHttp, ACookieSetBeforeSignInIsNeverTheSessionAfterIt) {
  Start();
  // An attacker plants a session cookie of their choosing in the victim's browser.
  const std::string planted = "jeton-choisi-par-un-attaquant-0123456789";
  FormBrowser victim = Registered("victime%40example.fr");
  victim.cookie("boussole_session") = planted;
  const HttpResponse in = LogIn(victim, "victime%40example.fr");
  ASSERT_EQ(in.status, 303) << in.body.substr(0, 500);
  const std::string issued = victim.cookie("boussole_session");
  EXPECT_FALSE(issued.empty());
  EXPECT_NE(issued, planted) << "sign-in issues a new session";
  const HttpResponse mine = victim.Get("/compte");
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("victime@example.fr"), std::string::npos);
  // The planted value opens nothing: the attacker cannot ride the victim's session.
  FormBrowser attacker(port());
  attacker.cookie("boussole_session") = planted;
  EXPECT_EQ(attacker.Get("/compte").status, 303);

  // A session the attacker really holds, planted the same way, is ended by the next sign-in
  // in that browser, which gets a new one.
  FormBrowser other = Registered("attaquant%40example.fr");
  ASSERT_EQ(LogIn(other, "attaquant%40example.fr").status, 303);
  const std::string held = other.cookie("boussole_session");
  other.Get("/compte");
  ASSERT_EQ(LogIn(other, "attaquant%40example.fr").status, 303) << "signing in again from a signed-in browser";
  EXPECT_NE(other.cookie("boussole_session"), held);
  FormBrowser old(port());
  old.cookie("boussole_session") = held;
  EXPECT_EQ(old.Get("/compte").status, 303) << "the previous session of that browser has ended";
}

TEST_F(SecurityHttp, EveryPostRouteRefusesAMissingOrWrongCsrfToken) {
  Start();
  // A platform admin passes every rule of the policy table: what refuses is the CSRF check.
  FormBrowser admin = SignedInBrowser(port(), db_->url(), "admin@example.fr", true);
  FormBrowser visitor(port());
  visitor.Get("/compte/connexion");
  std::size_t checked = 0;
  for (const web::Route& route : MountedRoutes(db_->url())) {
    // API writes are authorised by a token alone, never by a cookie: no form, no CSRF token
    // (their refusals without a token are the API's tests).
    if (route.method != "POST" || route.pattern.rfind("/api/", 0) == 0) continue;
    std::string target = std::regex_replace(route.pattern, std::regex(R"(\{[a-z_]+\})"), "999999");
    for (FormBrowser* browser : {&admin, &visitor}) {
      browser->Get("/compte/connexion");  // the browser's own token
      const std::string right = browser->csrf();
      const HttpResponse none = browser->Post(target, "a=b", false);
      EXPECT_EQ(none.status, browser == &admin ? 403 : (none.status == 401 ? 401 : 403)) << route.name;
      if (none.status == 403) {
        EXPECT_NE(none.body.find("Ce formulaire a expiré ou ne vient pas de Boussole"), std::string::npos) << route.name;
      }
      browser->set_csrf("faux-jeton-faux-jeton-faux-jeton-faux-jeton");
      const HttpResponse wrong = browser->Post(target, "a=b");
      EXPECT_TRUE(wrong.status == 403 || (browser == &visitor && wrong.status == 401)) << route.name << " " << wrong.status;
      if (browser == &admin) {
        EXPECT_NE(wrong.body.find("Ce formulaire a expiré ou ne vient pas de Boussole"), std::string::npos) << route.name;
        // Multipart forms (uploads) are checked the same way.
        const HttpResponse multipart = browser->PostMultipart(target, {{"a", "b"}}, {}, false);
        EXPECT_EQ(multipart.status, 403) << route.name << " (multipart)";
      }
      browser->set_csrf(right);
    }
    ++checked;
  }
  EXPECT_GT(checked, 40u);
  // Nothing a refused form asked for happened: the admin is still signed in and still exists.
  EXPECT_EQ(admin.Get("/compte").status, 200);
}

TEST_F(SecurityHttp, RateLimitsAnswer429AndAreSharedByTheServersOfAnInstance) {
  Start({{"BOUSSOLE_RATE_LIMITS", "recherche=3/3600,inscription=2/3600,mot_de_passe=2/3600,connexion=3/3600"}});
  for (int i = 0; i < 3; ++i) EXPECT_EQ(HttpGet(port(), "/offres/recherche?q=eau").status, 200) << i;
  const HttpResponse page = HttpGet(port(), "/offres/recherche?q=eau");
  EXPECT_EQ(page.status, 429);
  EXPECT_EQ(page.headers.at("retry-after"), "3600");
  EXPECT_NE(page.body.find("Trop de recherches depuis votre adresse"), std::string::npos);
  EXPECT_NE(page.body.find("réessayez dans 60 minutes"), std::string::npos);
  EXPECT_NE(page.body.find("<html lang=\"fr\""), std::string::npos);
  const HttpResponse api = HttpGet(port(), "/api/v1/offers/search?q=eau");
  EXPECT_EQ(api.status, 429);
  EXPECT_EQ(api.headers.at("content-type"), "application/problem+json");
  EXPECT_EQ(api.headers.at("retry-after"), "3600");
  const auto problem = nlohmann::json::parse(api.body);
  EXPECT_EQ(problem["status"], 429);
  EXPECT_EQ(problem["title"], "Trop de requêtes");
  // Other pages are not limited.
  EXPECT_EQ(HttpGet(port(), "/offres").status, 200);
  // A second server of the same instance counts the same attempts.
  ServerProcess second(db_->url(), env_);
  EXPECT_EQ(HttpGet(second.port(), "/offres/recherche?q=eau").status, 429);

  FormBrowser browser(port());
  browser.Get("/compte/inscription");
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(browser.Post("/compte/inscription", "email=n" + std::to_string(i) + "%40example.fr&display_name=N&password=" +
                                                    kFormPassword + "&password_confirmation=" + kFormPassword)
                  .status,
              303);
  }
  const HttpResponse signup = browser.Post("/compte/inscription", std::string("email=n9%40example.fr&display_name=N&password=") +
                                                                      kFormPassword + "&password_confirmation=" + kFormPassword);
  EXPECT_EQ(signup.status, 429);
  EXPECT_NE(signup.body.find("Trop de demandes de création de compte"), std::string::npos);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM users WHERE email = 'n9@example.fr'"), "0\n");

  browser.Get("/compte/mot-de-passe-oublie");
  for (int i = 0; i < 2; ++i) EXPECT_EQ(browser.Post("/compte/mot-de-passe-oublie", "email=n0%40example.fr").status, 303);
  const HttpResponse reset = browser.Post("/compte/mot-de-passe-oublie", "email=n0%40example.fr");
  EXPECT_EQ(reset.status, 429);
  EXPECT_NE(reset.body.find("Trop de demandes de changement de mot de passe"), std::string::npos);

  browser.Get("/compte/connexion");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(browser.Post("/compte/connexion", "email=x" + std::to_string(i) + "%40example.fr&password=faux").status, 401);
  }
  const HttpResponse login = browser.Post("/compte/connexion", "email=x9%40example.fr&password=faux");
  EXPECT_EQ(login.status, 429);
  EXPECT_NE(login.body.find("Trop de tentatives de connexion depuis votre adresse"), std::string::npos);
  // Each refusal is in the audit log.
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM security_events WHERE kind = 'limite_atteinte'"), "6\n");
}

TEST_F(SecurityHttp, AMalformedRateLimitSettingStopsTheServer) {
  const CommandResult r = RunBoussole({"--database", "sqlite://" + (dir_.path() / "x.db").string(), "serve", "--port", "0"},
                                      {{"BOUSSOLE_RATE_LIMITS", "recherche=beaucoup"}});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("BOUSSOLE_RATE_LIMITS invalide"), std::string::npos) << r.err;
}

TEST_F(SecurityHttp, UploadRoutesAloneAcceptLargeBodiesAndOnlyUpTo20MegabytesOfFile) {
  Start();
  const auto raw_post = [&](const std::string& path, std::size_t length) {
    return ParseHttpResponse(RawExchange(port(), "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                                 "multipart/form-data; boundary=b\r\nContent-Length: " +
                                                     std::to_string(length) + "\r\n\r\n"));
  };
  // Announced sizes are refused before the body is read.
  EXPECT_EQ(raw_post("/compte/connexion", 2 * 1024 * 1024).status, 413);
  EXPECT_EQ(raw_post("/demandes/1/fichiers", 22 * 1024 * 1024).status, 413);
  EXPECT_EQ(raw_post("/programmes/1/livrables", 22 * 1024 * 1024).status, 413);
}

TEST_F(SecurityHttp, AFileOver20MegabytesIsRefusedAndNothingIsStored) {
  Start();
  FormBrowser member = SignedInBrowser(port(), db_->url(), "maire@example.fr");
  ExecSql(db_->url(), "INSERT INTO organisations (kind, name, territory_id, created_at) VALUES ('collectivite', 'Joinville',"
                      " 'commune:52250', '2026-11-25T00:00:00Z')");
  const std::string orgs = QueryRows(db_->url(), "SELECT MAX(id) FROM organisations");
  const std::string org = orgs.substr(0, orgs.find('\n'));
  ExecSql(db_->url(), "INSERT INTO memberships (organisation_id, user_id, role, created_at) SELECT " + org +
                          ", id, 'member', '2026-11-25T00:00:00Z' FROM users WHERE email = 'maire@example.fr'");
  ExecSql(db_->url(), "INSERT INTO requests (workflow, organisation_id, territory_id, departement_id, title, state,"
                      " created_at, updated_at, state_since) VALUES ('anct', " + org + ", 'commune:52250',"
                      " 'departement:52', 'Demande', 'brouillon', '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z',"
                      " '2026-11-25T00:00:00Z')");
  const std::string ids = QueryRows(db_->url(), "SELECT MAX(id) FROM requests");
  const std::string id = ids.substr(0, ids.find('\n'));
  member.Get("/demandes/" + id);
  const std::string too_big = "%PDF-1.4\n" + std::string(20 * 1024 * 1024 + 1 - 9, ' ');
  const HttpResponse refused =
      member.PostMultipart("/demandes/" + id + "/fichiers", {}, {{"fichier", "gros.pdf", "application/pdf", too_big}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("Le fichier dépasse 20 Mo"), std::string::npos) << refused.body.substr(0, 500);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM files"), "0\n");
}

TEST_F(SecurityHttp, SignInAndResetDoNotTellWhichAddressesHaveAnAccount) {
  Start();
  Registered("connu%40example.fr");
  // The page of a refused sign-in, with the address typed and the form token neutralised.
  const auto refused = [&](const std::string& email) {
    FormBrowser browser(port());
    HttpResponse r = LogIn(browser, email + "%40example.fr", "mauvais+mot+de+passe");
    std::string body = std::regex_replace(r.body, std::regex(email + "@example\\.fr"), "ADRESSE");
    body = std::regex_replace(body, std::regex(R"(value="[A-Za-z0-9_-]{20,}")"), "value=\"JETON\"");
    return std::make_pair(r.status, body);
  };
  const auto known = refused("connu");
  const auto unknown = refused("inconnu");
  EXPECT_EQ(known.first, 401);
  EXPECT_EQ(known.first, unknown.first);
  EXPECT_EQ(known.second, unknown.second) << "the same page for a known and an unknown address";

  const auto reset = [&](const std::string& email) {
    FormBrowser browser(port());
    browser.Get("/compte/mot-de-passe-oublie");
    return browser.Post("/compte/mot-de-passe-oublie", "email=" + email + "%40example.fr");
  };
  const HttpResponse known_reset = reset("connu");
  const HttpResponse unknown_reset = reset("inconnu");
  EXPECT_EQ(known_reset.status, 303);
  EXPECT_EQ(unknown_reset.status, 303);
  EXPECT_EQ(known_reset.headers.at("location"), unknown_reset.headers.at("location"));
  EXPECT_EQ(known_reset.body, unknown_reset.body);
}

TEST_F(SecurityHttp, TheAuditLogRecordsSecurityEventsWithoutSecrets) {
  Start();
  FormBrowser camille = Registered("camille%40example.fr");
  const std::string user = QueryRows(db_->url(), "SELECT id FROM users WHERE email = 'camille@example.fr'");
  const std::string id = user.substr(0, user.find('\n'));
  EXPECT_EQ(LogIn(camille, "camille%40example.fr", "mauvais+mot+de+passe").status, 401);
  EXPECT_EQ(LogIn(camille, "camille%40example.fr").status, 303);
  camille.Get("/compte");
  EXPECT_EQ(camille.Post("/compte/deconnexion", "").status, 303);
  camille.Get("/compte/mot-de-passe-oublie");
  const std::size_t before = sink_.mails().size();
  EXPECT_EQ(camille.Post("/compte/mot-de-passe-oublie", "email=camille%40example.fr").status, 303);
  const std::string token = LinkToken(sink_.WaitFor(before + 1).back().text, "/compte/nouveau-mot-de-passe");
  ASSERT_FALSE(token.empty());
  camille.Get("/compte/nouveau-mot-de-passe?jeton=" + token);
  EXPECT_EQ(camille.Post("/compte/nouveau-mot-de-passe",
                         "jeton=" + token + "&password=un+autre+mot+de+passe&password_confirmation=un+autre+mot+de+passe")
                .status,
            303);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT kind, COALESCE(user_id, 0) FROM security_events ORDER BY id"),
            "connexion_echouee|" + id + "\nconnexion_reussie|" + id + "\ndeconnexion|" + id +
                "\nreinitialisation_demandee|" + id + "\nmot_de_passe_change|" + id + "\n");
  EXPECT_EQ(QueryRows(db_->url(), "SELECT DISTINCT address FROM security_events"), "127.0.0.1\n");
  const std::string everything = QueryRows(db_->url(), "SELECT * FROM security_events");
  for (const std::string& secret : {std::string("camille@example.fr"), std::string("mot de passe"),
                                   std::string("mot+de+passe"), token}) {
    EXPECT_EQ(everything.find(secret), std::string::npos) << secret;
  }
  // An unknown address is recorded without it.
  FormBrowser stranger(port());
  EXPECT_EQ(LogIn(stranger, "personne%40example.fr", "faux").status, 401);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT kind, COALESCE(user_id, 0), detail FROM security_events ORDER BY id DESC LIMIT 1"),
            "connexion_echouee|0|\n");

  // Platform admins read it; nobody else does.
  FormBrowser admin = SignedInBrowser(port(), db_->url(), "admin@example.fr", true);
  const HttpResponse log = admin.Get("/admin/journal-securite");
  ASSERT_EQ(log.status, 200);
  for (const char* label : {"Connexion échouée", "Connexion réussie", "Déconnexion", "Nouveau mot de passe demandé",
                            "Mot de passe changé"}) {
    EXPECT_NE(log.body.find(label), std::string::npos) << label;
  }
  EXPECT_EQ(log.body.find("camille@example.fr"), std::string::npos);
  FormBrowser member = SignedInBrowser(port(), db_->url(), "membre@example.fr", false);
  EXPECT_EQ(member.Get("/admin/journal-securite").status, 403);

  // Membership and role changes, and platform-admin actions on offers.
  ExecSql(db_->url(), "INSERT INTO organisations (kind, name, territory_id, created_at) VALUES ('collectivite', 'Joinville',"
                      " 'commune:52250', '2026-11-25T00:00:00Z')");
  const std::string orgs = QueryRows(db_->url(), "SELECT MAX(id) FROM organisations");
  const std::string org = orgs.substr(0, orgs.find('\n'));
  ExecSql(db_->url(), "INSERT INTO memberships (organisation_id, user_id, role, created_at) SELECT " + org +
                          ", id, 'member', '2026-11-25T00:00:00Z' FROM users WHERE email = 'membre@example.fr'");
  const std::string member_id = QueryRows(db_->url(), "SELECT id FROM users WHERE email = 'membre@example.fr'");
  admin.Get("/organisations/" + org);
  EXPECT_EQ(admin.Post("/organisations/" + org + "/membres/" + member_id.substr(0, member_id.find('\n')) + "/role",
                       "role=admin")
                .status,
            303);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT kind, detail FROM security_events ORDER BY id DESC LIMIT 1"),
            "role_change|organisation=" + org + " membre=" + member_id.substr(0, member_id.find('\n')) + " role=admin\n");
}

}  // namespace
}  // namespace boussole::testing
