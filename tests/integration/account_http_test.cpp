// Accounts over real HTTP with mails through a real SMTP client into a loopback sink (issue
// 5, item 1): sign-up, confirmation, login, logout, reset; and the refusals — forged CSRF,
// reused links, expired sessions, throttling, bad input, open redirects.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <string>

#include "support/mail_decoding.h"
#include "support/database.h"
#include "support/form_browser.h"
#include "support/smtp_sink.h"

namespace boussole::testing {
namespace {

constexpr const char* kPassword = "un mot de passe solide";

using Browser = FormBrowser;

class AccountHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()},
                                                                   {"BOUSSOLE_MAIL_FROM", "Boussole <ne-pas-repondre@boussole.test>"},
                                                                   {"BOUSSOLE_PUBLIC_URL", "http://boussole.test"}});
  }
  int port() const { return server_->port(); }

  // Signs up and confirms; returns the browser, signed out.
  Browser Registered(const std::string& email) {
    Browser browser(port());
    browser.Get("/compte/inscription");
    const std::size_t before = sink_.mails().size();
    EXPECT_EQ(browser.Post("/compte/inscription", "email=" + email + "&display_name=Camille+Martin&password=" +
                                                    std::string("un+mot+de+passe+solide") +
                                                    "&password_confirmation=un+mot+de+passe+solide")
                  .status,
              303);
    const auto mails = sink_.WaitFor(before + 1);
    const std::string token = LinkToken(mails.back().text, "/compte/confirmation");
    EXPECT_FALSE(token.empty()) << mails.back().text;
    browser.Get("/compte/confirmation?jeton=" + token);
    EXPECT_EQ(browser.Post("/compte/confirmation", "jeton=" + token).headers["location"], "/compte/confirmee");
    return browser;
  }

  HttpResponse LogIn(Browser& browser, const std::string& email, const std::string& password = "un+mot+de+passe+solide") {
    browser.Get("/compte/connexion");
    return browser.Post("/compte/connexion", "email=" + email + "&password=" + password);
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
};

TEST_F(AccountHttp, SignUpConfirmLogInAndLogOut) {
  Browser browser(port());
  HttpResponse form = browser.Get("/compte/inscription");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.headers["set-cookie"].find("boussole_csrf="), std::string::npos);
  EXPECT_NE(form.headers["cache-control"].find("no-store"), std::string::npos);
  HttpResponse done = browser.Post("/compte/inscription",
                                   "email=Camille.Martin%40Mairie-Joinville.fr&display_name=Camille+Martin"
                                   "&password=un+mot+de+passe+solide&password_confirmation=un+mot+de+passe+solide");
  ASSERT_EQ(done.status, 303) << done.body.substr(0, 2000);
  EXPECT_EQ(done.headers["location"], "/compte/messagerie");

  const auto mails = sink_.WaitFor(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].envelope_to, std::vector<std::string>{"camille.martin@mairie-joinville.fr"});
  EXPECT_EQ(mails[0].subject, "Confirmez votre adresse électronique sur Boussole");
  const std::string token = LinkToken(mails[0].text, "http://boussole.test/compte/confirmation");
  ASSERT_FALSE(token.empty()) << mails[0].text;

  // Not confirmed yet: no session, a way to get a new link.
  HttpResponse early = LogIn(browser, "camille.martin%40mairie-joinville.fr");
  EXPECT_EQ(early.status, 403);
  EXPECT_NE(early.body.find("pas encore confirmée"), std::string::npos);
  EXPECT_NE(early.body.find("/compte/confirmation/renvoyer"), std::string::npos);

  // Opening the link shows a button; only the POST uses the link.
  EXPECT_EQ(browser.Get("/compte/confirmation?jeton=" + token).status, 200);
  EXPECT_EQ(browser.Get("/compte/confirmation?jeton=" + token).status, 200);
  EXPECT_EQ(browser.Post("/compte/confirmation", "jeton=" + token).headers["location"], "/compte/confirmee");

  HttpResponse in = LogIn(browser, "camille.martin%40mairie-joinville.fr");
  ASSERT_EQ(in.status, 303) << in.body.substr(0, 2000);
  EXPECT_EQ(in.headers["location"], "/compte");
  const std::string set = in.headers["set-cookie"];
  EXPECT_NE(set.find("boussole_session="), std::string::npos);
  EXPECT_NE(set.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(set.find("Secure"), std::string::npos) << "http public URL";
  // The store keeps a hash of the session token, not the token.
  const std::string session_token = browser.cookie("boussole_session");
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM sessions WHERE id_hash = '" + session_token + "'"), "0\n");
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM sessions"), "1\n");

  HttpResponse account = browser.Get("/compte");
  ASSERT_EQ(account.status, 200);
  EXPECT_NE(account.body.find("camille.martin@mairie-joinville.fr"), std::string::npos);
  EXPECT_NE(account.body.find("Se déconnecter"), std::string::npos);
  EXPECT_NE(account.headers["cache-control"].find("no-store"), std::string::npos);
  // Even a cacheable public page is personal once signed in, and is not kept for others.
  EXPECT_NE(browser.Get("/offres").body.find("Camille Martin"), std::string::npos);
  EXPECT_EQ(HttpGet(port(), "/offres").body.find("Camille Martin"), std::string::npos);

  HttpResponse out = browser.Post("/compte/deconnexion", "");
  EXPECT_EQ(out.status, 303);
  EXPECT_NE(out.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM sessions"), "0\n");
  EXPECT_EQ(browser.Get("/compte").status, 303);
  // The old token is dead even if a browser kept it.
  Browser thief(port());
  thief.cookie("boussole_session") = session_token;
  EXPECT_EQ(thief.Get("/compte").status, 303);
}

TEST_F(AccountHttp, FormsWithoutTheRightCsrfTokenAreRefused) {
  Browser browser(port());
  browser.Get("/compte/inscription");
  const std::string fields =
      "email=a%40example.fr&display_name=A&password=un+mot+de+passe+solide&password_confirmation=un+mot+de+passe+solide";
  HttpResponse none = browser.Post("/compte/inscription", fields, false);
  EXPECT_EQ(none.status, 403);
  EXPECT_NE(none.body.find("Ce formulaire a expiré ou ne vient pas de Boussole"), std::string::npos);
  browser.set_csrf("forged-token-forged-token-forged-token-forg");
  EXPECT_EQ(browser.Post("/compte/inscription", fields).status, 403);
  // The right token without its cookie (another site cannot read or set it) is refused too.
  Browser other(port());
  other.set_csrf(browser.cookie("boussole_csrf"));
  EXPECT_EQ(other.Post("/compte/inscription", fields).status, 403);
  EXPECT_EQ(sink_.mails().size(), 0u);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM users"), "0\n");

  // Signed in, the session's token is the one: a visitor token is refused.
  Browser camille = Registered("c%40example.fr");
  ASSERT_EQ(LogIn(camille, "c%40example.fr").status, 303);
  camille.Get("/compte");
  const std::string session_csrf = camille.csrf();
  camille.set_csrf(camille.cookie("boussole_csrf"));
  EXPECT_EQ(camille.Post("/compte/deconnexion", "").status, 403);
  camille.set_csrf(session_csrf);
  EXPECT_EQ(camille.Post("/compte/deconnexion", "").status, 303);
}

TEST_F(AccountHttp, BadSignUpInputGetsEveryProblemAndCreatesNothing) {
  Browser browser(port());
  browser.Get("/compte/inscription");
  HttpResponse bad = browser.Post("/compte/inscription",
                                  "email=pas-une-adresse&display_name=&password=court&password_confirmation=autre");
  EXPECT_EQ(bad.status, 400);
  for (const char* message : {"adresse électronique n&apos;est pas valide", "Indiquez vos prénom et nom",
                              "au moins 12 caractères", "La confirmation ne correspond pas"}) {
    EXPECT_NE(bad.body.find(message), std::string::npos) << message;
  }
  EXPECT_NE(bad.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"pas-une-adresse\""), std::string::npos) << "the form keeps what was typed";
  EXPECT_EQ(bad.body.find("value=\"court\""), std::string::npos) << "but never a password";
  HttpResponse malformed = browser.Post("/compte/inscription", "email=%ZZ");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_NE(malformed.body.find("Le formulaire envoyé est mal formé"), std::string::npos);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM users"), "0\n");
  EXPECT_EQ(sink_.mails().size(), 0u);
}

TEST_F(AccountHttp, SigningUpTwiceWarnsTheOwnerInsteadOfTellingTheVisitor) {
  Registered("d%40example.fr");
  Browser stranger(port());
  stranger.Get("/compte/inscription");
  HttpResponse again = stranger.Post("/compte/inscription",
                                     "email=d%40example.fr&display_name=Intrus&password=un+autre+mot+de+passe"
                                     "&password_confirmation=un+autre+mot+de+passe");
  EXPECT_EQ(again.status, 303) << "same answer as a new address";
  const auto mails = sink_.WaitFor(2);
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[1].subject, "Une inscription a été tentée avec votre adresse sur Boussole");
  EXPECT_EQ(QueryRows(db_->url(), "SELECT display_name FROM users"), "Camille Martin\n");
}

TEST_F(AccountHttp, LoginsAreThrottledPerAccount) {
  Browser browser = Registered("e%40example.fr");
  for (int i = 0; i < 5; ++i) {
    HttpResponse wrong = LogIn(browser, "e%40example.fr", "mauvais+mot+de+passe");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_NE(wrong.body.find("Adresse électronique ou mot de passe incorrect."), std::string::npos);
  }
  HttpResponse blocked = LogIn(browser, "e%40example.fr");
  EXPECT_EQ(blocked.status, 429);
  EXPECT_EQ(blocked.headers["retry-after"], "900");
  EXPECT_NE(blocked.body.find("Trop de tentatives"), std::string::npos);
  // An unknown address answers like a wrong password.
  HttpResponse unknown = LogIn(browser, "personne%40example.fr");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_NE(unknown.body.find("Adresse électronique ou mot de passe incorrect."), std::string::npos);
}

TEST_F(AccountHttp, PasswordResetWorksOnceAndEndsOpenSessions) {
  Browser browser = Registered("f%40example.fr");
  Browser laptop(port());
  ASSERT_EQ(LogIn(laptop, "f%40example.fr").status, 303);
  ASSERT_EQ(laptop.Get("/compte").status, 200);

  browser.Get("/compte/mot-de-passe-oublie");
  EXPECT_EQ(browser.Post("/compte/mot-de-passe-oublie", "email=f%40example.fr").headers["location"], "/compte/messagerie");
  // An unknown address gets the same answer and no mail.
  EXPECT_EQ(browser.Post("/compte/mot-de-passe-oublie", "email=inconnu%40example.fr").headers["location"],
            "/compte/messagerie");
  const auto mails = sink_.WaitFor(2);
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[1].subject, "Choisissez un nouveau mot de passe pour Boussole");
  const std::string token = LinkToken(mails[1].text, "/compte/nouveau-mot-de-passe");
  ASSERT_FALSE(token.empty());

  ASSERT_EQ(browser.Get("/compte/nouveau-mot-de-passe?jeton=" + token).status, 200);
  HttpResponse mismatch = browser.Post("/compte/nouveau-mot-de-passe",
                                       "jeton=" + token + "&password=nouveau+mot+de+passe&password_confirmation=x");
  EXPECT_EQ(mismatch.status, 400);
  HttpResponse changed = browser.Post("/compte/nouveau-mot-de-passe", "jeton=" + token +
                                                                         "&password=nouveau+mot+de+passe"
                                                                         "&password_confirmation=nouveau+mot+de+passe");
  EXPECT_EQ(changed.headers["location"], "/compte/mot-de-passe-change");
  EXPECT_EQ(laptop.Get("/compte").status, 303) << "sessions end with a reset";
  EXPECT_EQ(LogIn(browser, "f%40example.fr").status, 401) << "the old password is gone";
  EXPECT_EQ(LogIn(browser, "f%40example.fr", "nouveau+mot+de+passe").status, 303);

  Browser replay(port());
  replay.Get("/compte/nouveau-mot-de-passe?jeton=" + token);
  HttpResponse reused = replay.Post("/compte/nouveau-mot-de-passe",
                                    "jeton=" + token + "&password=encore+un+mot+de+passe&password_confirmation=encore+un+mot+de+passe");
  EXPECT_EQ(reused.status, 400);
  EXPECT_NE(reused.body.find("il a déjà servi, il a expiré ou il est incomplet"), std::string::npos);
  EXPECT_EQ(LogIn(replay, "f%40example.fr", "nouveau+mot+de+passe").status, 303);
}

TEST_F(AccountHttp, ExpiredSessionsAreRefused) {
  Browser browser = Registered("g%40example.fr");
  ASSERT_EQ(LogIn(browser, "g%40example.fr").status, 303);
  ASSERT_EQ(browser.Get("/compte").status, 200);
  ExecSql(db_->url(), "UPDATE sessions SET expires_at = '2020-01-01T00:00:00Z'");
  HttpResponse expired = browser.Get("/compte");
  EXPECT_EQ(expired.status, 303);
  EXPECT_EQ(expired.headers["location"], "/compte/connexion?retour=%2Fcompte");
}

TEST_F(AccountHttp, LoginRedirectsOnlyWithinTheSite) {
  Browser browser = Registered("h%40example.fr");
  for (const std::string& target : {std::string("%2F%2Fevil.example%2F"), std::string("https%3A%2F%2Fevil.example"),
                                    std::string("%2F%5Cevil.example")}) {
    browser.Get("/compte/connexion");
    HttpResponse in = browser.Post("/compte/connexion", "email=h%40example.fr&password=un+mot+de+passe+solide&retour=" + target);
    EXPECT_EQ(in.headers["location"], "/compte") << target;
    browser.Post("/compte/deconnexion", "");
  }
  browser.Get("/compte/connexion");
  EXPECT_EQ(browser.Post("/compte/connexion", "email=h%40example.fr&password=un+mot+de+passe+solide&retour=%2Foffres")
                .headers["location"],
            "/offres");
}

TEST(AccountSecureCookies, HttpsPublicUrlMakesCookiesSecure) {
  TempDir dir;
  TestDatabase db = TestDatabase::Reference(dir);
  ServerProcess server(db.url(), {{"BOUSSOLE_PUBLIC_URL", "https://boussole.example"}});
  HttpResponse form = HttpGet(server.port(), "/compte/connexion");
  EXPECT_NE(form.headers["set-cookie"].find("; Secure"), std::string::npos) << form.headers["set-cookie"];
}

}  // namespace
}  // namespace boussole::testing
