#include "web/rate_limit.h"

#include <string>
#include <string_view>

#include "domain/accounts/rate_limits.h"
#include "web/pages/page.h"
#include "web/security_audit.h"

namespace boussole::web {
namespace {

using accounts::LimitedAction;

struct LimitedRoute {
  std::string_view route;
  std::string_view method;
  LimitedAction action;
};

// Writes that send mail or check passwords, and the searches (the heaviest reads).
constexpr LimitedRoute kLimitedRoutes[] = {
    {"login", "POST", LimitedAction::kSignIn},
    {"signup", "POST", LimitedAction::kSignUp},
    {"resend_confirmation", "POST", LimitedAction::kSignUp},
    {"forgot_password", "POST", LimitedAction::kPasswordReset},
    {"new_password", "POST", LimitedAction::kPasswordReset},
    {"offer_search_page", "GET", LimitedAction::kSearch},
    {"api_offer_search", "GET", LimitedAction::kSearch},
    {"api_offer_search_csv", "GET", LimitedAction::kSearch},
    {"api_offer_search_xlsx", "GET", LimitedAction::kSearch},
    {"projetotheque", "GET", LimitedAction::kSearch},
    {"api_project_search", "GET", LimitedAction::kSearch},
    {"territory_search", "GET", LimitedAction::kSearch},
};

std::string WhatWasRefused(LimitedAction action) {
  switch (action) {
    case LimitedAction::kSignIn: return "Trop de tentatives de connexion depuis votre adresse";
    case LimitedAction::kSignUp: return "Trop de demandes de création de compte depuis votre adresse";
    case LimitedAction::kPasswordReset: return "Trop de demandes de changement de mot de passe depuis votre adresse";
    case LimitedAction::kSearch: return "Trop de recherches depuis votre adresse";
  }
  return "Trop de demandes depuis votre adresse";
}

std::string Wait(std::chrono::seconds wait) {
  const long long minutes = (wait.count() + 59) / 60;
  if (minutes <= 1) return "une minute";
  return std::to_string(minutes) + " minutes";
}

}  // namespace

std::optional<Response> LimitRate(const WebContext& context, const Route& route, const Request& request) {
  if (context.rate_limiter == nullptr) return std::nullopt;
  for (const LimitedRoute& limited : kLimitedRoutes) {
    if (limited.route != route.name || limited.method != request.method) continue;
    const auto wait = context.rate_limiter->Attempt(limited.action, request.remote_address);
    if (!wait) return std::nullopt;
    RecordSecurityEvent(context, request, "limite_atteinte", std::nullopt,
                        "action=" + std::string(accounts::LimitedActionName(limited.action)));
    Response response = RenderError(context, request, 429,
                                    WhatWasRefused(limited.action) + " en peu de temps. Par sécurité, Boussole "
                                    "refuse les suivantes pour l'instant : réessayez dans " + Wait(*wait) + ".");
    response.SetHeader("Retry-After", std::to_string(wait->count()));
    return response;
  }
  return std::nullopt;
}

}  // namespace boussole::web
