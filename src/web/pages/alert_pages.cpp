// Alert pages (issue 5, item 6): create an alert from an offer or projetothèque search,
// confirm it and unsubscribe by the links of the mails, without an account; signed in,
// "Mes alertes" lists one's alerts and ends them. Plain HTML forms; every GET reached from
// a mail only shows a button, so that mail scanners opening links use nothing.
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

Response AlertRedirect(std::string location) { return Response::Redirect(303, std::move(location)); }

Response AlertNotice(const WebContext& context, int status, const std::string& kind, const std::string& text,
                const std::string& title) {
  json view;
  view[kind] = text.empty() ? json(true) : json(text);
  return RenderPage(context, status, "alert", view, {title, {{"Offres", "/offres"}}, "offres"});
}

// "cible" of the new-alert link: the projetothèque's page links with "projetotheque".
std::string TargetOf(const Request& request) {
  return request.Query("cible").value_or("") == "projetotheque" ? "projects" : "offers";
}

bool ForProjects(const std::string& target) { return target == "projects"; }

json AlertFormView(const std::string& email, const std::string& frequency, const std::string& query,
                   const std::string& target) {
  return {{"form", true},
          {"csrf", CurrentCsrfToken()},
          {"query", query},
          {"target", target},
          {"projects", ForProjects(target)},
          {"search_url", alerts::SearchPath(target, query)},
          {"weekly", frequency == "weekly"},
          {"email", FormField("email", "Adresse électronique", "email", "email", email,
                              "Format attendu : nom@domaine.fr")}};
}

Response NewAlertPage(const WebContext& context, const Request& request) {
  const std::string query = request.Query("recherche").value_or("");
  const std::string email = CurrentViewer().signed_in() ? CurrentViewer().account->user.email : "";
  return RenderPage(context, 200, "alert", AlertFormView(email, "daily", query, TargetOf(request)),
                    {"Créer une alerte", {{"Offres", "/offres"}}, "offres"});
}

Response CreateAlert(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  alerts::AlertForm input{form.value().Get("email"), form.value().Get("query"), form.value().Get("frequency"),
                          std::nullopt, form.value().Get("target")};
  if (input.target.empty()) input.target = "offers";
  if (CurrentViewer().signed_in()) input.user_id = CurrentViewer().account->user.id;
  std::vector<Error> errors;
  // The same rules as the search page: an alert replays exactly what the page accepted.
  if (input.query.size() > alerts::kMaxQueryBytes) {
    errors.push_back({"invalid_input", "Cette recherche est trop longue pour une alerte.", ""});
  } else if (input.target != "offers" && input.target != "projects") {
    errors.push_back({"invalid_input", "Une alerte suit une recherche d'offres ou de la projetothèque.", ""});
  } else if (auto matched = MatchAlertSearch(context, input.target, input.query); !matched) {
    errors.push_back({"invalid_input", "Cette recherche n'est pas valable : " + matched.error().message, ""});
  }
  if (errors.empty()) {
    auto created = context.alerts->Create(input, NowUtc());
    if (created) return AlertRedirect("/alertes/messagerie");
    errors.push_back(created.error());
  }
  json view = AlertFormView(input.email, input.frequency, input.query,
                            ForProjects(input.target) ? "projects" : "offers");
  AddFormErrors(view, errors, "L'alerte n'a pas été créée");
  const std::string& code = errors.front().code;
  return RenderPage(context, code == "mail_failed" ? 503 : code == "too_many" ? 429 : 400, "alert", view,
                    {"Créer une alerte", {{"Offres", "/offres"}}, "offres"});
}

// GET of a mail link: a button that posts the token.
Response LinkPage(const WebContext& context, const Request& request, const char* kind, const char* title) {
  const std::string token = request.Query("jeton").value_or("");
  if (token.empty() || token.size() > kMaxTokenLength) {
    return AlertNotice(context, 400, "invalid_link", "Le lien est incomplet : copiez-le en entier depuis le message.",
                  "Lien non valable");
  }
  return RenderPage(context, 200, "alert", {{kind, true}, {"csrf", CurrentCsrfToken()}, {"token", token}},
                    {title, {{"Offres", "/offres"}}, "offres"});
}

Response AlertConfirmPage(const WebContext& context, const Request& request) {
  return LinkPage(context, request, "confirm", "Confirmer votre alerte");
}

Response UnsubscribePage(const WebContext& context, const Request& request) {
  return LinkPage(context, request, "unsubscribe", "Supprimer votre alerte");
}

Response AlertConfirm(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  auto done = context.alerts->Confirm(form.value().Get("jeton"), NowUtc());
  if (!done) return AlertNotice(context, 400, "invalid_link", done.error().message, "Lien non valable");
  return AlertRedirect("/alertes/confirmee");
}

Response Unsubscribe(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  auto done = context.alerts->Unsubscribe(form.value().Get("jeton"), NowUtc());
  if (!done) return AlertNotice(context, 400, "invalid_link", done.error().message, "Lien non valable");
  return AlertRedirect("/alertes/supprimee");
}

// ---- my alerts ---------------------------------------------------------------------------

std::string_view FrequencyText(const std::string& frequency) {
  return frequency == "weekly" ? "Chaque semaine" : "Chaque jour";
}

std::string_view StateText(const alerts::Alert& alert) {
  if (!alert.unsubscribed_at.empty()) return "Supprimée";
  if (alert.confirmed_at.empty()) return "En attente de confirmation";
  return "Active";
}

Response MyAlertsPage(const WebContext& context, const Request&) {
  const accounts::User& user = CurrentViewer().account->user;
  json items = json::array();
  for (const auto& alert : context.store.AlertsOf(user.id, user.email)) {
    items.push_back({{"id", alert.id},
                     {"search_url", alerts::SearchPath(alert.target, alert.query)},
                     {"what", ForProjects(alert.target) ? "Projetothèque" : "Offres"},
                     {"query", alert.query.empty() ? "toutes" : alert.query},
                     {"frequency", FrequencyText(alert.frequency)},
                     {"state", StateText(alert)},
                     {"created_on", alert.created_at.substr(0, 10)},
                     {"active", alert.unsubscribed_at.empty()}});
  }
  json view{{"my_alerts", true}, {"csrf", CurrentCsrfToken()}, {"items", items}, {"has_items", !items.empty()}};
  return RenderPage(context, 200, "my_alerts", view, {"Mes alertes", {{"Mon compte", "/compte"}}, ""});
}

Response DeleteMyAlert(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string id = form.value().Get("alert");
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) {
    return RenderError(context, request, 400, "Le champ « alert » doit être le numéro d'une de vos alertes.");
  }
  const accounts::User& user = CurrentViewer().account->user;
  auto done = context.alerts->UnsubscribeOwn(std::stoll(id), user.id, user.email, NowUtc());
  if (!done) return RenderError(context, request, 404, done.error().message);
  return AlertRedirect("/compte/alertes");
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
    return AlertNotice(c, 200, "check_mail", {}, "Consultez votre messagerie");
  });
  add("GET", "/alertes/confirmation", "alert_confirm_page", AlertConfirmPage);
  add("POST", "/alertes/confirmation", "alert_confirm", AlertConfirm);
  add("GET", "/alertes/confirmee", "alert_confirmed_page",
      [](const WebContext& c, const Request&) { return AlertNotice(c, 200, "confirmed", {}, "Alerte activée"); });
  add("GET", "/alertes/desinscription", "alert_unsubscribe_page", UnsubscribePage);
  add("POST", "/alertes/desinscription", "alert_unsubscribe", Unsubscribe);
  add("GET", "/compte/alertes", "my_alerts_page", MyAlertsPage);
  add("POST", "/compte/alertes/suppression", "my_alert_delete", DeleteMyAlert);
  add("GET", "/alertes/supprimee", "alert_unsubscribed_page",
      [](const WebContext& c, const Request&) { return AlertNotice(c, 200, "unsubscribed", {}, "Alerte supprimée"); });
}

}  // namespace boussole::web
