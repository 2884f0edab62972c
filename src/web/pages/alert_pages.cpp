// Alert pages (issue 5, item 6): create an alert from an offer search, confirm it and
// unsubscribe by the links of the mails, without an account. Plain HTML forms; every GET
// reached from a mail only shows a button, so that mail scanners opening links use nothing.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/alerts/alert_service.h"
#include "web/alert_search.h"
#include "web/form.h"
#include "web/pages/form_view.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxTokenLength = 128;

Response SeeOther(std::string location) { return Response::Redirect(303, std::move(location)); }

Response Notice(const WebContext& context, int status, const std::string& kind, const std::string& text,
                const std::string& title) {
  json view;
  view[kind] = text.empty() ? json(true) : json(text);
  return RenderPage(context, status, "alert", view, {title, {{"Offres", "/offres"}}, "offres"});
}

json AlertFormView(const std::string& email, const std::string& frequency, const std::string& query) {
  return {{"form", true},
          {"csrf", CurrentCsrfToken()},
          {"query", query},
          {"search_url", "/offres/recherche?" + query},
          {"weekly", frequency == "weekly"},
          {"email", FormField("email", "Adresse électronique", "email", "email", email,
                              "Format attendu : nom@domaine.fr")}};
}

Response NewAlertPage(const WebContext& context, const Request& request) {
  const std::string query = request.Query("recherche").value_or("");
  const std::string email = CurrentViewer().signed_in() ? CurrentViewer().account->user.email : "";
  return RenderPage(context, 200, "alert", AlertFormView(email, "daily", query),
                    {"Créer une alerte", {{"Offres", "/offres"}}, "offres"});
}

Response CreateAlert(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  alerts::AlertForm input{form.value().Get("email"), form.value().Get("query"), form.value().Get("frequency"),
                          std::nullopt};
  if (CurrentViewer().signed_in()) input.user_id = CurrentViewer().account->user.id;
  std::vector<Error> errors;
  // The same rules as the search page: an alert replays exactly what the page accepted.
  if (input.query.size() > alerts::kMaxQueryBytes) {
    errors.push_back({"invalid_input", "Cette recherche est trop longue pour une alerte.", ""});
  } else if (auto matched = MatchSearch(context, *context.search, input.query); !matched) {
    errors.push_back({"invalid_input", "Cette recherche n'est pas valable : " + matched.error().message, ""});
  }
  if (errors.empty()) {
    auto created = context.alerts->Create(input, NowUtc());
    if (created) return SeeOther("/alertes/messagerie");
    errors.push_back(created.error());
  }
  json view = AlertFormView(input.email, input.frequency, input.query);
  AddFormErrors(view, errors, "L'alerte n'a pas été créée");
  return RenderPage(context, errors.front().code == "mail_failed" ? 503 : 400, "alert", view,
                    {"Créer une alerte", {{"Offres", "/offres"}}, "offres"});
}

// GET of a mail link: a button that posts the token.
Response LinkPage(const WebContext& context, const Request& request, const char* kind, const char* title) {
  const std::string token = request.Query("jeton").value_or("");
  if (token.empty() || token.size() > kMaxTokenLength) {
    return Notice(context, 400, "invalid_link", "Le lien est incomplet : copiez-le en entier depuis le message.",
                  "Lien non valable");
  }
  return RenderPage(context, 200, "alert", {{kind, true}, {"csrf", CurrentCsrfToken()}, {"token", token}},
                    {title, {{"Offres", "/offres"}}, "offres"});
}

Response ConfirmPage(const WebContext& context, const Request& request) {
  return LinkPage(context, request, "confirm", "Confirmer votre alerte");
}

Response UnsubscribePage(const WebContext& context, const Request& request) {
  return LinkPage(context, request, "unsubscribe", "Supprimer votre alerte");
}

Response Confirm(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  auto done = context.alerts->Confirm(form.value().Get("jeton"), NowUtc());
  if (!done) return Notice(context, 400, "invalid_link", done.error().message, "Lien non valable");
  return SeeOther("/alertes/confirmee");
}

Response Unsubscribe(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  auto done = context.alerts->Unsubscribe(form.value().Get("jeton"), NowUtc());
  if (!done) return Notice(context, 400, "invalid_link", done.error().message, "Lien non valable");
  return SeeOther("/alertes/supprimee");
}

}  // namespace

void RegisterAlertPages(Router& router, const WebContext& context) {
  if (context.alerts == nullptr || context.search == nullptr) return;
  auto add = [&](const char* method, const char* pattern, const char* name, PageHandler page) {
    AddPage(router, context, method, pattern, name, page);
  };
  add("GET", "/alertes/nouvelle", "alert_new_page", NewAlertPage);
  add("POST", "/alertes", "alert_create", CreateAlert);
  add("GET", "/alertes/messagerie", "alert_check_mail_page", [](const WebContext& c, const Request&) {
    return Notice(c, 200, "check_mail", {}, "Consultez votre messagerie");
  });
  add("GET", "/alertes/confirmation", "alert_confirm_page", ConfirmPage);
  add("POST", "/alertes/confirmation", "alert_confirm", Confirm);
  add("GET", "/alertes/confirmee", "alert_confirmed_page",
      [](const WebContext& c, const Request&) { return Notice(c, 200, "confirmed", {}, "Alerte activée"); });
  add("GET", "/alertes/desinscription", "alert_unsubscribe_page", UnsubscribePage);
  add("POST", "/alertes/desinscription", "alert_unsubscribe", Unsubscribe);
  add("GET", "/alertes/supprimee", "alert_unsubscribed_page",
      [](const WebContext& c, const Request&) { return Notice(c, 200, "unsubscribed", {}, "Alerte supprimée"); });
}

}  // namespace boussole::web
