// The request dashboards (issue 6, item 6): a préfecture sees its département, the ANCT
// (and platform admins) the whole country. Each figure is a table; bars are drawn by the
// server (<progress>), so the page needs no JavaScript. CSV and XLSX export of the same figures (web/tabular.h).
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain/catalogue/vocabulary.h"
#include "domain/requests/dashboard.h"
#include "domain/requests/workflow.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/tabular.h"
#include "web/viewer.h"
#include "web/views/request_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;

struct Row {
  std::string section;
  std::string key;
  std::string label;
  double value = 0;
};

std::vector<Row> Rows(const WebContext& context, const RequestScope& scope, requests::Dashboard* out_dashboard) {
  const requests::Dashboard d = DashboardOf(context, scope);
  auto state_label = [](const std::string& key) {
    const auto slash = key.find('/');
    const auto* w = requests::FindWorkflow(key.substr(0, slash));
    return w ? std::string(w->label) + " — " + requests::StateLabel(*w, key.substr(slash + 1)) : key;
  };
  std::vector<Row> rows;
  for (const auto& [key, n] : d.by_state) rows.push_back({"etat", key, state_label(key), static_cast<double>(n)});
  for (const auto& [key, n] : d.by_theme) {
    rows.push_back({"thematique", key, key.empty() ? "Sans thématique" : std::string(catalogue::LabelOf(catalogue::Themes(), key)),
                    static_cast<double>(n)});
  }
  for (const auto& [key, n] : d.by_departement) {
    std::string label = key;
    if (auto id = territories::TerritoryId::Parse(key)) {
      if (auto t = context.store.FindTerritory(id.value())) label = t->name;
    }
    rows.push_back({"departement", key, label, static_cast<double>(n)});
  }
  for (const auto& [key, hours] : d.median_hours) rows.push_back({"duree_mediane_heures", key, state_label(key), hours});
  rows.push_back({"reponse", "locale", "Orientées vers une ressource locale", static_cast<double>(d.answered_locally)});
  rows.push_back({"reponse", "anct", "Réponse par l'ANCT", static_cast<double>(d.answered_by_anct)});
  rows.push_back({"reponse", "externe", "Réponse par un opérateur ou un prestataire", static_cast<double>(d.answered_externally)});
  const auto envelopes = EnvelopesOf(context);
  std::set<int> years;
  for (const auto& [year, envelope] : envelopes) years.insert(year);
  for (const auto& [year, amount] : d.committed) years.insert(year);
  for (int year : years) {
    const auto envelope = envelopes.count(year) ? envelopes.at(year).amount_euros : 0;
    const auto committed = d.committed.count(year) ? d.committed.at(year) : 0;
    rows.push_back({"budget_enveloppe", std::to_string(year), "Enveloppe " + std::to_string(year), static_cast<double>(envelope)});
    rows.push_back({"budget_engage", std::to_string(year), "Engagé " + std::to_string(year), static_cast<double>(committed)});
    rows.push_back({"budget_restant", std::to_string(year), "Restant " + std::to_string(year), static_cast<double>(envelope - committed)});
  }
  if (out_dashboard) *out_dashboard = d;
  return rows;
}

std::string Number(double value) {
  const auto whole = static_cast<std::int64_t>(value);
  if (static_cast<double>(whole) == value) return std::to_string(whole);
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

Response DashboardPage(const WebContext& context, const Request& request) {
  const auto scope = ViewerRequestScope(context);
  if (!scope) return RenderError(context, request, 403, "Les tableaux de bord sont ceux des préfectures et de l'ANCT.");
  const std::vector<Row> rows = Rows(context, *scope, nullptr);
  const std::vector<std::pair<std::string, std::string>> sections = {
      {"etat", "Demandes par état"}, {"thematique", "Demandes par thématique"}, {"departement", "Demandes par département"},
      {"duree_mediane_heures", "Durée médiane passée dans chaque état (heures)"}, {"reponse", "Qui a répondu"},
      {"budget_enveloppe", "Budget d'ingénierie de l'ANCT : enveloppe (euros)"},
      {"budget_engage", "Budget d'ingénierie de l'ANCT : engagé (euros)"},
      {"budget_restant", "Budget d'ingénierie de l'ANCT : restant (euros)"}};
  json tables = json::array();
  for (const auto& [key, title] : sections) {
    double max = 0;
    for (const auto& r : rows) {
      if (r.section == key) max = std::max(max, r.value);
    }
    json items = json::array();
    json x = json::array(), y = json::array();
    for (const auto& r : rows) {
      if (r.section != key) continue;
      items.push_back({{"key", r.key}, {"label", r.label}, {"value", Number(r.value)},
                       {"bar", max > 0 ? static_cast<int>(r.value * 100 / max) : 0}});
      x.push_back(r.label);
      y.push_back(r.value);
    }
    // The DSFR bar chart where JavaScript runs, over the same figures as the table.
    tables.push_back({{"key", key}, {"title", title}, {"rows", items}, {"empty", items.empty()},
                      {"chart_x", json::array({x}).dump()}, {"chart_y", json::array({y}).dump()},
                      {"chart_name", json::array({title}).dump()}});
  }
  std::string scope_label = "France entière";
  if (!scope->national) {
    scope_label.clear();
    for (const auto& d : scope->departements) scope_label += (scope_label.empty() ? "" : ", ") + d;
  }
  return RenderPage(context, 200, "request_dashboard", {{"tables", tables}, {"scope", scope_label}, {"charts", true}, {"anct", scope->national}},
                    {"Tableau de bord des demandes", {{"Demandes d'ingénierie", "/demandes"}}, ""});
}

Table DashboardTable(const std::vector<Row>& rows) {
  Table table;
  table.sheet = "Tableau de bord";
  table.headers = {"section", "cle", "libelle", "valeur"};
  table.widths = {24, 30, 60, 14};
  for (const auto& r : rows) table.rows.push_back({r.section, r.key, r.label, Number(r.value)});
  return table;
}

Response DashboardCsv(const WebContext& context, const Request& request) {
  const auto scope = ViewerRequestScope(context);
  if (!scope) return RenderError(context, request, 403, "Les tableaux de bord sont ceux des préfectures et de l'ANCT.");
  Response response = Response::Text(200, TableCsv(DashboardTable(Rows(context, *scope, nullptr))));
  response.SetHeader("Content-Type", "text/csv; charset=utf-8");
  response.SetHeader("Content-Disposition", "attachment; filename=\"tableau-de-bord-demandes.csv\"");
  return response;
}

Response DashboardXlsx(const WebContext& context, const Request& request) {
  const auto scope = ViewerRequestScope(context);
  if (!scope) return RenderError(context, request, 403, "Les tableaux de bord sont ceux des préfectures et de l'ANCT.");
  Response response;
  response.body = TableXlsx(DashboardTable(Rows(context, *scope, nullptr)));
  response.SetHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.SetHeader("Content-Disposition", "attachment; filename=\"tableau-de-bord-demandes.xlsx\"");
  return response;
}

// GET /api/v1/requests/dashboard: the same figures as JSON.
Response DashboardApi(const WebContext& context, const Request& request) {
  const auto scope = ViewerRequestScope(context);
  if (!scope) return RenderError(context, request, 403, "Les tableaux de bord sont ceux des préfectures et de l'ANCT.");
  json rows = json::array();
  for (const auto& r : Rows(context, *scope, nullptr)) {
    rows.push_back({{"section", r.section}, {"key", r.key}, {"label", r.label}, {"value", r.value}});
  }
  json departements = json::array();
  for (const auto& d : scope->departements) departements.push_back(d);
  return Response::Json(200, json{{"national", scope->national}, {"departements", departements}, {"rows", rows}}.dump());
}

}  // namespace

void RegisterRequestDashboard(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/demandes/tableau-de-bord", "request_dashboard", DashboardPage);
  AddPage(router, context, "GET", "/demandes/tableau-de-bord.csv", "request_dashboard_csv", DashboardCsv);
  AddPage(router, context, "GET", "/demandes/tableau-de-bord.xlsx", "request_dashboard_xlsx", DashboardXlsx);
  AddPage(router, context, "GET", "/api/v1/requests/dashboard", "api_request_dashboard", DashboardApi);
}

}  // namespace boussole::web
