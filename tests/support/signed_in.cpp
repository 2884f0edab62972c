#include "support/signed_in.h"

#include <gtest/gtest.h>

#include <regex>

#include "support/database.h"

namespace boussole::testing {
namespace {

std::string FormEncoded(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '@' ? std::string("%40") : c == ' ' ? std::string("+") : std::string(1, c);
  return out;
}

}  // namespace

FormBrowser SignedInBrowser(int port, SmtpSink& sink, const std::string& database_url, const std::string& email,
                            bool platform_admin) {
  FormBrowser browser(port);
  browser.Get("/compte/inscription");
  const std::size_t before = sink.mails().size();
  const std::string password = FormEncoded(kTestPassword);
  EXPECT_EQ(browser.Post("/compte/inscription", "email=" + FormEncoded(email) + "&display_name=Agent+" +
                                                    email.substr(0, email.find('@')) + "&password=" + password +
                                                    "&password_confirmation=" + password)
                .status,
            303);
  sink.WaitFor(before + 1);
  ExecSql(database_url, "UPDATE users SET confirmed_at = '2026-11-25T00:00:00Z', platform_admin = " +
                            std::string(platform_admin ? "1" : "0") + " WHERE email = '" + email + "'");
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
