// Privacy and security pages (issue 9, items 5 and 6): /confidentialite (what Boussole
// stores, why, for how long, and how to exercise one's rights), « Mes données » (download
// everything about oneself, delete one's account) and the audit log for platform admins.
#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"
#include "domain/accounts/account_service.h"
#include "domain/accounts/personal_data.h"
#include "domain/accounts/security_events.h"
#include "domain/alerts/alert_service.h"
#include "web/form.h"
#include "web/http/cookies.h"
#include "web/pages/form_view.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;

constexpr std::size_t kSecurityEventsShown = 500;

Response PrivacyPage(const WebContext& context, const Request&) {
  const accounts::AccountPolicy policy;
  json view{{"session_days", policy.session_lifetime.count() / 24},
            {"confirmation_hours", policy.confirmation_lifetime.count()},
            {"reset_minutes", policy.reset_lifetime.count()},
            {"unconfirmed_alert_days", alerts::kUnconfirmedDays},
            {"security_days", accounts::kSecurityEventRetentionDays}};
  return RenderPage(context, 200, "privacy", view, {"Données personnelles et confidentialité", {}, ""});
}

Response RenderMyData(const WebContext& context, int status, const std::vector<Error>& errors) {
  json view{{"csrf", CurrentCsrfToken()},
            {"password", FormField("password", "Votre mot de passe", "password", "current-password", {},
                                   "Pour confirmer que c'est bien vous.")}};
  if (!errors.empty()) AddFormErrors(view, errors, "Le compte n'a pas été supprimé");
  return RenderPage(context, status, "my_data", view, {"Mes données", {{"Mon compte", "/compte"}}, ""});
}

Response MyDataPage(const WebContext& context, const Request&) { return RenderMyData(context, 200, {}); }

Response ExportMyData(const WebContext& context, const Request&) {
  const accounts::User& user = CurrentViewer().account->user;
  json sections = json::object();
  for (const auto& section : context.store.ExportPersonalData(user.id)) {
    json rows = json::array();
    for (const auto& row : section.rows) {
      json object = json::object();
      for (const auto& [column, value] : row) object[column] = value;
      rows.push_back(std::move(object));
    }
    sections[section.name] = std::move(rows);
  }
  const json document{{"format", "boussole-mes-donnees-1"}, {"exporte_le", NowUtc()}, {"donnees", sections}};
  Response response = Response::Json(200, document.dump(2));
  response.SetHeader("Content-Disposition", "attachment; filename=\"boussole-mes-donnees.json\"");
  response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

Response DeleteMyAccount(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const accounts::User& user = CurrentViewer().account->user;
  auto deleted = accounts::DeleteOwnAccount(context.store, user, form.value().Get("password"));
  if (!deleted) return RenderMyData(context, 400, {deleted.error()});
  Response response = Response::Redirect(303, "/compte/supprime");
  CookieOptions options;
  options.secure = context.secure_cookies;
  options.max_age_seconds = 0;
  response.AddHeader("Set-Cookie", SetCookieValue(kSessionCookie, "", options));
  return response;
}

Response AccountDeletedPage(const WebContext& context, const Request&) {
  return RenderPage(context, 200, "notice", {{"account_deleted", true}}, {"Compte supprimé", {}, ""});
}

Response SecurityLogPage(const WebContext& context, const Request&) {
  json events = json::array();
  for (const auto& e : context.store.ListSecurityEvents(kSecurityEventsShown)) {
    const std::string_view label = accounts::SecurityEventLabel(e.kind);
    events.push_back({{"at", e.at},
                      {"label", label.empty() ? e.kind : std::string(label)},
                      {"user", e.user_id ? "n° " + std::to_string(*e.user_id) + " (" + e.user_name + ")" : "—"},
                      {"address", e.address},
                      {"detail", e.detail}});
  }
  json view{{"events", events}, {"has_events", !events.empty()}, {"shown", kSecurityEventsShown},
            {"days", accounts::kSecurityEventRetentionDays}};
  Response response = RenderPage(context, 200, "security_log", view, {"Journal de sécurité", {{"Mon compte", "/compte"}}, ""});
  response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

}  // namespace

void RegisterPrivacyPages(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/confidentialite", "privacy_page", PrivacyPage);
  if (context.accounts == nullptr) return;
  AddPage(router, context, "GET", "/compte/mes-donnees", "my_data_page", MyDataPage);
  AddPage(router, context, "GET", "/compte/mes-donnees/export.json", "my_data_export", ExportMyData);
  AddPage(router, context, "POST", "/compte/suppression", "account_delete", DeleteMyAccount);
  AddPage(router, context, "GET", "/compte/supprime", "account_deleted_page", AccountDeletedPage);
  AddPage(router, context, "GET", "/admin/journal-securite", "security_log_page", SecurityLogPage);
}

}  // namespace boussole::web
