#include "web/http/security_headers.h"

#include <string>

namespace boussole::web {

void AddSecurityHeaders(Response& response, bool https) {
  response.SetHeader("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("X-Frame-Options", "DENY");
  // Other sites learn that a visitor came from Boussole, never which page (a request's
  // address names it).
  response.SetHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  // Boussole uses none of these powerful features: no page of it, nor anything it embeds,
  // may ask for them.
  response.SetHeader("Permissions-Policy",
                     "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()");
  response.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  // One year; without includeSubDomains: other hosts of the domain are not Boussole's to bind.
  if (https) response.SetHeader("Strict-Transport-Security", "max-age=31536000");
}

}  // namespace boussole::web
