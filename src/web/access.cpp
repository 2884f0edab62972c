#include "web/access.h"

#include "web/form.h"
#include "web/http/cookies.h"
#include "web/pages/page.h"
#include "web/viewer.h"

namespace boussole::web {

Interceptor MakeAccessInterceptor(const WebContext& context) {
  return [&context](const Route& /*route*/, const Request& request, const Handler& next) {
    ViewerScope scope(context, request);
    if (request.method == "POST") {
      // A body that is not a well-formed form cannot carry a token: say what is wrong with it.
      if (auto form = Form::Read(request); !form) return RenderError(context, request, 400, form.error().message);
    }
    if (request.method == "POST" && !CsrfMatches(request)) {
      return RenderError(context, request, 403,
                         "Ce formulaire a expiré ou ne vient pas de Boussole : rechargez la page et "
                         "recommencez. Si le problème persiste, vérifiez que votre navigateur accepte les cookies.");
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

}  // namespace boussole::web
