#pragma once
// The security headers of every response (issue 9, item 5), set in one place: the server
// adds them to every answer it writes, whatever produced it (pages, API, static files,
// error pages, answers to malformed requests).
#include <string_view>

#include "web/http/response.h"

namespace boussole::web {

//! The Content-Security-Policy of every response: only this origin's scripts (no inline
//! script, no eval, no handler attribute), images (and the data: images of the DSFR's CSS),
//! fonts and fetches; no plugin; forms post here only; no framing by anyone.
//! Styles: this origin's style sheets, and inline styles too. Boussole's own markup has none
//! (tests/integration/security_http_test.cpp checks it), but the DSFR chart components build
//! their tooltips with style attributes at run time (tests/e2e/security.test.mjs hovers the
//! charts): refusing them would break the charts. A style cannot run code; scripts stay strict.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

//! Sets Content-Security-Policy, X-Content-Type-Options, X-Frame-Options, Referrer-Policy,
//! Permissions-Policy and Cross-Origin-Opener-Policy, replacing any a handler set; and
//! Strict-Transport-Security when `https` (the instance's public URL is https: browsers
//! ignore it over plain http, and announcing it there would be a lie).
void AddSecurityHeaders(Response& response, bool https);

}  // namespace boussole::web
