#pragma once
// A person signed in for an HTTP test: signs up through the form (the confirmation mail is
// awaited in the sink), is confirmed directly in the database — the confirmation flow has its
// own tests — and signs in, in a fresh browser.
#include <string>

#include "support/form_browser.h"
#include "support/smtp_sink.h"

namespace boussole::testing {

inline constexpr const char* kTestPassword = "un mot de passe solide";

//! `email` plain ("agent@example.fr"); `platform_admin` sets the flag before signing in.
FormBrowser SignedInBrowser(int port, SmtpSink& sink, const std::string& database_url, const std::string& email,
                            bool platform_admin = false);

//! Creates a personal API token on « Jetons d'API » (the page shows it once) for the person
//! signed in in `browser`, sets it as the browser's API token and returns it ("" on failure,
//! with a test failure).
std::string CreateApiToken(FormBrowser& browser, const std::string& name = "Outil de test");

}  // namespace boussole::testing
