#pragma once
// A person signed in for an HTTP test: a confirmed account written into the database — the
// sign-up and confirmation flows have their own tests — signed in through the form, in a
// fresh browser.
#include <string>

#include "support/form_browser.h"

namespace boussole::testing {

inline constexpr const char* kTestPassword = "un mot de passe solide";

//! `email` plain ("agent@example.fr"); `platform_admin` sets the flag before signing in.
FormBrowser SignedInBrowser(int port, const std::string& database_url, const std::string& email,
                            bool platform_admin = false);

//! Creates a personal API token on « Jetons d'API » (the page shows it once) for the person
//! signed in in `browser`, sets it as the browser's API token and returns it ("" on failure,
//! with a test failure).
std::string CreateApiToken(FormBrowser& browser, const std::string& name = "Outil de test");

}  // namespace boussole::testing
