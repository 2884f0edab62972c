#include "support/signed_in.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <regex>
#include <stdexcept>

#include "support/database.h"

namespace boussole::testing {
namespace {

std::string FormEncoded(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '@' ? std::string("%40") : c == ' ' ? std::string("+") : std::string(1, c);
  return out;
}

// kTestPassword hashed with libsodium's minimum Argon2id costs, once per process. The server
// reads the costs from the stored hash when it checks a password, so signing in with it is
// the real sign-in, in microseconds instead of a quarter of a second.
const std::string& CheapTestPasswordHash() {
  static const std::string hash = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, kTestPassword, std::char_traits<char>::length(kTestPassword),
                              crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13) != 0) {
      throw std::runtime_error("cannot hash the test password");
    }
    return std::string(out);
  }();
  return hash;
}

}  // namespace

// The account is written into the database rather than signed up through the form: the
// sign-up hashes at the production costs (0.3 s) and mails a confirmation, which the account
// tests cover, and most HTTP tests need several people. The sign-in goes through the form.
FormBrowser SignedInBrowser(int port, const std::string& database_url, const std::string& email,
                            bool platform_admin) {
  FormBrowser browser(port);
  const std::string password = FormEncoded(kTestPassword);
  ExecSql(database_url, "INSERT INTO users (email, display_name, password_hash, confirmed_at, platform_admin, created_at)"
                        " VALUES ('" + email + "', 'Agent " + email.substr(0, email.find('@')) + "', '" +
                            CheapTestPasswordHash() + "', '2026-11-25T00:00:00Z', " + (platform_admin ? "1" : "0") +
                            ", '2026-11-25T00:00:00Z')");
  browser.Get("/compte/connexion");
  EXPECT_EQ(browser.Post("/compte/connexion", "email=" + FormEncoded(email) + "&password=" + password).status, 303);
  return browser;
}

std::string CreateApiToken(FormBrowser& browser, const std::string& name) {
  browser.Get("/compte/jetons");
  const HttpResponse created = browser.Post("/compte/jetons", "name=" + FormEncoded(name));
  EXPECT_EQ(created.status, 201) << created.body.substr(0, 500);
  static const std::regex kToken(R"(<code id="nouveau-jeton">(bsl_[A-Za-z0-9_-]+)</code>)");
  std::smatch m;
  if (!std::regex_search(created.body, m, kToken)) {
    ADD_FAILURE() << "no token on the page";
    return {};
  }
  browser.set_api_token(m[1]);
  return m[1];
}

}  // namespace boussole::testing
