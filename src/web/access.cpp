#include "web/access.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/accounts/policy.h"
#include "domain/requests/engine.h"
#include "web/form.h"
#include "web/http/cookies.h"
#include "web/http/url.h"
#include "web/params.h"
#include "web/pages/page.h"
#include "web/rate_limit.h"
#include "web/security_audit.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

// The organisation a route is about, as its path names it: a `{organisation}` parameter, or
// `{id}` under /organisations/. Generic on purpose: any future route under an organisation
// (its projects, its requests) gets owner-relative roles by naming the parameter so.
std::optional<std::string> OwnerParameter(const Route& route, const Request& request) {
  if (auto it = request.path_params.find("organisation"); it != request.path_params.end()) return it->second;
  if (route.pattern.rfind("/organisations/", 0) == 0) {
    if (auto it = request.path_params.find("id"); it != request.path_params.end()) return it->second;
  }
  return std::nullopt;
}

// The viewer's role towards the route's resource, and whether that resource exists.
struct Standing {
  accounts::Role role = accounts::Role::kVisitor;
  //! The path names a `{request}` that does not exist (unknown or malformed id): nobody is
  //! a party to it, and the answer is 404 for whoever is signed in (a 403 would say "it
  //! exists, but not for you").
  bool missing = false;
};

// Without an owner, a signed-in person is a member; with one (an organisation, the
// organisation of a `{project}`, the pilot of a `{programme}`), membership of that
// organisation decides (a malformed or unknown organisation has no members: the viewer is
// then a member of another one).
accounts::Role OwnerRole(const WebContext& context, const Route& route, const Request& request, const Viewer& viewer) {
  std::optional<std::int64_t> id;
  if (auto programme = request.path_params.find("programme"); programme != request.path_params.end()) {
    // A programme belongs to its pilot organisation (the ANCT that runs it): roles towards the
    // programme are roles there. Historic programmes have no pilot: only platform admins own them.
    const auto programme_id = ParseRowId(programme->second);
    const auto found = programme_id ? context.store.FindProgramme(*programme_id) : std::nullopt;
    if (found && found->organisation_id) id = *found->organisation_id;
  } else if (auto project = request.path_params.find("project"); project != request.path_params.end()) {
    // A project belongs to its collectivité: roles towards the project are roles there.
    const auto project_id = ParseRowId(project->second);
    const auto found = project_id ? context.store.FindProject(*project_id) : std::nullopt;
    if (found) id = found->organisation_id;
  } else {
    const auto owner = OwnerParameter(route, request);
    if (!owner) return accounts::Role::kMember;
    id = ParseRowId(*owner);
  }
  const auto membership = id ? context.store.FindMembership(*id, viewer.account->user.id) : std::nullopt;
  if (!membership) return accounts::Role::kOtherMember;
  return *membership == organisations::MemberRole::kAdmin ? accounts::Role::kOrganisationAdmin
                                                          : accounts::Role::kMember;
}

// A request belongs to its collectivité (roles there); its other parties (the préfecture of
// its département, the ANCT, the organisation handed it) are stakeholders.
Standing RequestStanding(const WebContext& context, const std::string& param, const Viewer& viewer) {
  const bool admin = viewer.account->user.platform_admin;
  const auto request_id = ParseRowId(param);
  const auto found = request_id ? context.store.FindRequest(*request_id) : std::nullopt;
  if (!found) return {admin ? accounts::Role::kPlatformAdmin : accounts::Role::kOtherMember, true};
  if (admin) return {accounts::Role::kPlatformAdmin};
  const auto memberships = context.store.ListMemberships(viewer.account->user.id);
  for (const auto& m : memberships) {
    if (m.organisation.id == found->organisation_id) {
      return {m.role == organisations::MemberRole::kAdmin ? accounts::Role::kOrganisationAdmin : accounts::Role::kMember};
    }
  }
  return {requests::PartiesOf(*found, memberships).empty() ? accounts::Role::kOtherMember : accounts::Role::kStakeholder};
}

Standing StandingOf(const WebContext& context, const Route& route, const Request& request, const Viewer& viewer) {
  if (!viewer.signed_in()) return {accounts::Role::kVisitor};
  if (auto param = request.path_params.find("request"); param != request.path_params.end()) {
    return RequestStanding(context, param->second, viewer);
  }
  if (viewer.account->user.platform_admin) return {accounts::Role::kPlatformAdmin};
  return {OwnerRole(context, route, request, viewer)};
}

bool IsApi(const Request& request) { return request.path.rfind("/api/", 0) == 0; }
bool Writes(const Request& request) { return request.method != "GET" && request.method != "HEAD"; }

// RFC 6750: a 401 of the API names the scheme it expects, and why a token was refused.
Response Unauthorised(const WebContext& context, const Request& request, bool bad_token) {
  Response response = RenderError(
      context, request, 401,
      bad_token ? "Ce jeton d'API est inconnu, révoqué ou expiré. Créez-en un autre sur « Mon compte », "
                  "rubrique « Jetons d'API »."
      : Writes(request)
          ? "Cette opération de l'API demande un jeton d'API : envoyez l'en-tête « Authorization: Bearer "
            "<jeton> » (les jetons se créent sur « Mon compte », rubrique « Jetons d'API »)."
          : "Connectez-vous, ou envoyez un jeton d'API dans l'en-tête « Authorization: Bearer <jeton> ».");
  response.AddHeader("WWW-Authenticate", bad_token ? R"(Bearer realm="boussole", error="invalid_token")"
                                                   : R"(Bearer realm="boussole")");
  return response;
}

Response Refuse(const WebContext& context, const Request& request, accounts::Role role) {
  const bool api = IsApi(request);
  if (role == accounts::Role::kVisitor) {
    if (api) return Unauthorised(context, request, false);
    if (request.method != "GET") {
      return RenderError(context, request, 401, "Connectez-vous pour faire cela.");
    }
    return Response::Redirect(303, "/compte/connexion?retour=" + PercentEncode(request.target));
  }
  return RenderError(context, request, 403, "Votre compte ne permet pas de faire cela.");
}

}  // namespace

Interceptor MakeAccessInterceptor(const WebContext& context) {
  return [&context](const Route& route, const Request& request, const Handler& next) {
    ViewerScope scope(context, request);
    const auto access = accounts::AccessFor(route.name);
    // A token that is sent is checked even on public routes: a program must learn at once
    // that its token no longer works, not from a 403 later.
    if (IsApi(request) && CurrentViewer().bad_api_token) return Unauthorised(context, request, true);
    // Public actions need no identity: no session lookup for them (static files, cached pages).
    const Standing standing = access == accounts::Access::kEveryone
                                  ? Standing{}
                                  : StandingOf(context, route, request, CurrentViewer());
    const accounts::Role role = standing.role;
    // Signed in, about a request that does not exist: nothing to allow or refuse, so no
    // policy refusal; the answer is 404, once the form has passed its CSRF check below.
    if (!access || (!standing.missing && !accounts::Allows(*access, role))) return Refuse(context, request, role);
    if (auto limited = LimitRate(context, route, request)) return *limited;
    if (request.method == "POST" && !IsApi(request)) {
      // API writes are JSON from programs, authorised by a token alone (viewer.h), never
      // by a cookie: no form, no CSRF token. Forms are the browsers'.
      // A body that is not a well-formed form cannot carry a token: say what is wrong with it.
      auto form = Form::Read(request);
      if (!form) return RenderError(context, request, 400, form.error().message);
      if (!CsrfMatches(request, form.value().Get(kCsrfField))) {
        return RenderError(context, request, 403,
                           "Ce formulaire a expiré ou ne vient pas de Boussole : rechargez la page et "
                           "recommencez. Si le problème persiste, vérifiez que votre navigateur accepte les cookies.");
      }
    }
    if (standing.missing) return RenderError(context, request, 404, "Cette demande n'existe pas.");
    Response response = next(request);
    AuditSecurityEvent(context, route, request, response);
    if (const std::string token = scope.MintedVisitorToken(); !token.empty()) {
      CookieOptions options;
      options.secure = context.secure_cookies;
      response.AddHeader("Set-Cookie", SetCookieValue(kVisitorCsrfCookie, token, options));
    }
    return response;
  };
}

std::vector<std::string> RoutesWithoutRule(const Router& router) {
  std::vector<std::string> missing;
  for (const Route& route : router.routes()) {
    if (!accounts::AccessFor(route.name) &&
        std::find(missing.begin(), missing.end(), route.name) == missing.end()) {
      missing.push_back(route.name);
    }
  }
  return missing;
}

}  // namespace boussole::web
