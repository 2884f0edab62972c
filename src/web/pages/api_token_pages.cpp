// « Jetons d'API » on « Mon compte »: a person creates a token for a program (shown once),
// sees when each was last used, and revokes it. GET /api/v1/me tells a program whose
// token it holds.
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "domain/accounts/api_token_service.h"
#include "web/form.h"
#include "web/pages/form_view.h"
#include "web/pages/page.h"
#include "web/params.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;

constexpr const char* kTitle = "Jetons d'API";

const accounts::User& Me() { return CurrentViewer().account->user; }

accounts::ApiTokenService Tokens(const WebContext& context) { return accounts::ApiTokenService(context.store, context.store); }

std::string StateOf(const accounts::ApiToken& token, const std::string& now) {
  if (!token.revoked_at.empty()) return "révoqué le " + token.revoked_at.substr(0, 10);
  if (!token.ActiveAt(now)) return "expiré le " + token.expires_at.substr(0, 10);
  return "actif jusqu'au " + token.expires_at.substr(0, 10);
}

// The page; `created` is the token to show once, `errors` those of the creation form.
Response RenderTokens(const WebContext& context, int status, const std::string& created, const std::string& name,
                      const std::vector<Error>& errors, const std::string& message) {
  const std::string now = NowUtc();
  json tokens = json::array();
  for (const auto& token : Tokens(context).List(Me().id)) {
    tokens.push_back({{"id", token.id},
                      {"name", token.name},
                      {"created_on", token.created_at.substr(0, 10)},
                      {"last_used", token.last_used_at.empty() ? "jamais" : token.last_used_at.substr(0, 10)},
                      {"state", StateOf(token, now)},
                      {"active", token.ActiveAt(now)}});
  }
  json view{{"csrf", CurrentCsrfToken()},
            {"tokens", tokens},
            {"has_tokens", !tokens.empty()},
            {"created", created},
            {"max_active", accounts::kMaxActiveApiTokens},
            {"message", message},
            {"name", FormField("name", "Nom du jeton", "text", "off", name,
                               "Pour le reconnaître : l'outil ou la personne qui s'en servira.")}};
  if (!errors.empty()) AddFormErrors(view, errors, "Le jeton n'a pas été créé");
  return RenderPage(context, status, "api_tokens", view, {kTitle, {{"Mon compte", "/compte"}}, ""});
}

Response TokensPage(const WebContext& context, const Request& request) {
  std::string message;
  if (request.Query("revoque")) message = "Le jeton est révoqué : il ne permet plus rien.";
  return RenderTokens(context, 200, "", "", {}, message);
}

Response CreateToken(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string name = form.value().Get("name");
  auto created = Tokens(context).Create(Me().id, name);
  if (!created) return RenderTokens(context, created.error().code == "too_many" ? 409 : 400, "", name, {created.error()}, "");
  // Shown on this answer only (the page is not cached: it carries a CSRF token).
  return RenderTokens(context, 201, created.value().token, "", {}, "");
}

Response RevokeToken(const WebContext& context, const Request& request) {
  const auto id = ParseRowId(request.Param("token"));
  const auto revoked = id ? Tokens(context).Revoke(Me().id, *id)
                          : Status(Error{"not_found", "Ce jeton n'existe pas ou est déjà révoqué.", ""});
  if (!revoked) return RenderError(context, request, 404, revoked.error().message);
  return Response::Redirect(303, "/compte/jetons?revoque=1");
}

// GET /api/v1/me: the person behind the session or token, and their organisations.
Response Me(const WebContext& context, const Request&) {
  const Viewer& viewer = CurrentViewer();
  const accounts::User& user = viewer.account->user;
  json organisations = json::array();
  for (const auto& m : context.store.ListMemberships(user.id)) {
    organisations.push_back({{"id", m.organisation.id},
                             {"name", m.organisation.name},
                             {"kind", std::string(organisations::KindKey(m.organisation.kind))},
                             {"role", m.role == organisations::MemberRole::kAdmin ? "admin" : "member"}});
  }
  json body{{"id", user.id},
            {"display_name", user.display_name},
            {"email", user.email},
            {"platform_admin", user.platform_admin},
            {"organisations", organisations},
            {"authenticated_by", viewer.by_api_token ? "token" : "session"}};
  return Response::Json(200, body.dump());
}

// DELETE /api/v1/me/token: a program ends the token it calls with (rotation, end of use).
Response RevokeCurrentToken(const WebContext& context, const Request& request) {
  const Viewer& viewer = CurrentViewer();
  if (!viewer.by_api_token) {
    return RenderError(context, request, 400, "Cette opération révoque le jeton d'API qui l'authentifie : envoyez-en un.");
  }
  const auto revoked = Tokens(context).Revoke(viewer.account->user.id, viewer.api_token_id);
  if (!revoked) return RenderError(context, request, 404, revoked.error().message);
  return Response::Text(204, "");
}

}  // namespace

void RegisterApiTokenPages(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/compte/jetons", "api_tokens_page", TokensPage);
  AddPage(router, context, "POST", "/compte/jetons", "api_token_create", CreateToken);
  AddPage(router, context, "POST", "/compte/jetons/{token}/revocation", "api_token_revoke", RevokeToken);
  AddPage(router, context, "GET", "/api/v1/me", "api_me", Me);
  AddPage(router, context, "DELETE", "/api/v1/me/token", "api_token_revoke_current", RevokeCurrentToken);
}

}  // namespace boussole::web
