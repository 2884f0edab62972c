#include "web/access.h"

#include <algorithm>

#include "domain/accounts/policy.h"
#include "web/form.h"
#include "web/http/cookies.h"
#include "web/http/url.h"
#include "web/pages/page.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

// Until resources have owners (organisations, projects), a signed-in person is a member.
accounts::Role RoleOf(const Viewer& viewer) {
  if (!viewer.signed_in()) return accounts::Role::kVisitor;
  if (viewer.account->user.platform_admin) return accounts::Role::kPlatformAdmin;
  return accounts::Role::kMember;
}

Response Refuse(const WebContext& context, const Request& request, accounts::Role role) {
  const bool api = request.path.rfind("/api/", 0) == 0;
  if (role == accounts::Role::kVisitor) {
    if (api || request.method != "GET") {
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
    // Public actions need no identity: no session lookup for them (static files, cached pages).
    const accounts::Role role = access == accounts::Access::kEveryone ? accounts::Role::kVisitor : RoleOf(CurrentViewer());
    if (!access || !accounts::Allows(*access, role)) return Refuse(context, request, role);
    if (request.method == "POST") {
      // A body that is not a well-formed form cannot carry a token: say what is wrong with it.
      if (auto form = Form::Read(request); !form) return RenderError(context, request, 400, form.error().message);
      if (!CsrfMatches(request)) {
        return RenderError(context, request, 403,
                           "Ce formulaire a expiré ou ne vient pas de Boussole : rechargez la page et "
                           "recommencez. Si le problème persiste, vérifiez que votre navigateur accepte les cookies.");
      }
    }
    Response response = next(request);
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
