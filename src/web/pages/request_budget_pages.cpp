// The ANCT's annual engineering budget (issue 6, item 4): the ANCT (a member of an ANCT
// organisation, or a platform admin: the dashboards' national scope) sets the envelope of a
// year; the page shows each year's envelope, where it comes from, what is committed and what
// remains. A year never set keeps its default (seed 003, BOUSSOLE_ENGINEERING_BUDGETS).
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/requests/budget.h"
#include "web/api/json_body.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/viewer.h"
#include "web/views/request_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;

constexpr const char* kOnlyAnct = "Le budget d'ingénierie est fixé par l'ANCT : votre compte ne le permet pas.";

bool ViewerIsAnct(const WebContext& context) {
  const auto scope = ViewerRequestScope(context);
  return scope && scope->national;
}

// "20 000 000 €", thousands apart by no-break spaces.
std::string Euros(std::int64_t amount) {
  std::string digits = std::to_string(amount < 0 ? -amount : amount);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u00a0";
    out += digits[i];
  }
  return (amount < 0 ? "-" : "") + out + "\u00a0€";
}

Response BudgetPageWith(const WebContext& context, int status, const json& values, const std::vector<Error>& errors,
                        const std::string& saved) {
  const auto envelopes = EnvelopesOf(context);
  const requests::Dashboard dashboard = DashboardOf(context, RequestScope{true, {}});
  std::map<int, requests::EngineeringBudget> stored;
  for (auto& b : context.store.ListEngineeringBudgets()) stored[b.year] = b;
  std::set<int> years;
  for (const auto& [year, envelope] : envelopes) years.insert(year);
  for (const auto& [year, amount] : dashboard.committed) years.insert(year);
  json rows = json::array();
  for (auto it = years.rbegin(); it != years.rend(); ++it) {
    const int year = *it;
    const auto envelope = envelopes.count(year) ? envelopes.at(year) : requests::Envelope{};
    const auto committed = dashboard.committed.count(year) ? dashboard.committed.at(year) : 0;
    std::string origin = "Aucune enveloppe fixée";
    if (envelopes.count(year)) origin = "Valeur par défaut";
    if (stored.count(year)) {
      const auto& b = stored.at(year);
      origin = "Fixée le " + b.updated_at.substr(0, 10) + (b.updated_by_name.empty() ? "" : " par " + b.updated_by_name);
    }
    rows.push_back({{"year", year}, {"envelope", Euros(envelope.amount_euros)}, {"committed", Euros(committed)},
                    {"remaining", Euros(envelope.amount_euros - committed)}, {"origin", origin},
                    {"over", committed > envelope.amount_euros}});
  }
  json view = values;
  view["rows"] = rows;
  view["csrf"] = CurrentCsrfToken();
  view["saved"] = saved;
  json list = json::array();
  for (const Error& e : errors) {
    list.push_back({{"message", e.message}, {"field_id", e.field.empty() ? "" : "budget-" + e.field}});
    if (!e.field.empty()) view["error_" + e.field] = e.message;
  }
  view["errors"] = list;
  view["has_errors"] = !errors.empty();
  view["errors_title"] = "L'enveloppe n'a pas été enregistrée";
  return RenderPage(context, status, "request_budgets", view,
                    {"Budget annuel d'ingénierie", {{"Demandes d'ingénierie", "/demandes"},
                                                    {"Tableau de bord", "/demandes/tableau-de-bord"}}, ""});
}

Response BudgetPage(const WebContext& context, const Request& request) {
  if (!ViewerIsAnct(context)) return RenderError(context, request, 403, kOnlyAnct);
  std::string saved = request.Query("enregistre").value_or("");
  if (saved.size() != 4 || saved.find_first_not_of("0123456789") != std::string::npos) saved.clear();
  return BudgetPageWith(context, 200, json::object(), {}, saved);
}

Response SaveBudget(const WebContext& context, const Request& request) {
  if (!ViewerIsAnct(context)) return RenderError(context, request, 403, kOnlyAnct);
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string year = form.value().Get("year");
  const std::string amount = form.value().Get("amount");
  auto budget = requests::CheckBudget(year, amount);
  if (!budget) return BudgetPageWith(context, 400, {{"year", year}, {"amount", amount}}, {budget.error()}, "");
  requests::EngineeringBudget b = budget.value();
  b.updated_by = CurrentViewer().account->user.id;
  context.store.SetEngineeringBudget(b, NowUtc());
  return Response::Redirect(303, "/demandes/budgets?enregistre=" + std::to_string(b.year));
}

// ---- API --------------------------------------------------------------------------------

json BudgetJson(int year, const std::map<int, requests::Envelope>& envelopes, const requests::Dashboard& dashboard,
                const std::map<int, requests::EngineeringBudget>& stored) {
  const auto envelope = envelopes.count(year) ? envelopes.at(year) : requests::Envelope{};
  const auto committed = dashboard.committed.count(year) ? dashboard.committed.at(year) : 0;
  json out{{"year", year},
           {"envelope_euros", envelope.amount_euros},
           {"origin", stored.count(year) ? "stored" : envelopes.count(year) ? "default" : "none"},
           {"committed_euros", committed},
           {"remaining_euros", envelope.amount_euros - committed}};
  if (stored.count(year)) {
    out["updated_at"] = stored.at(year).updated_at;
    out["updated_by"] = stored.at(year).updated_by_name;
  }
  return out;
}

std::map<int, requests::EngineeringBudget> StoredBudgets(const WebContext& context) {
  std::map<int, requests::EngineeringBudget> stored;
  for (auto& b : context.store.ListEngineeringBudgets()) stored[b.year] = b;
  return stored;
}

// GET /api/v1/requests/budgets
Response ApiBudgets(const WebContext& context, const Request& request) {
  if (!ViewerIsAnct(context)) return RenderError(context, request, 403, kOnlyAnct);
  const auto envelopes = EnvelopesOf(context);
  const requests::Dashboard dashboard = DashboardOf(context, RequestScope{true, {}});
  const auto stored = StoredBudgets(context);
  std::set<int> years;
  for (const auto& [year, envelope] : envelopes) years.insert(year);
  for (const auto& [year, amount] : dashboard.committed) years.insert(year);
  json list = json::array();
  for (int year : years) list.push_back(BudgetJson(year, envelopes, dashboard, stored));
  return Response::Json(200, json{{"budgets", list}}.dump());
}

// PUT /api/v1/requests/budgets/{year}: {amount_euros}.
Response ApiSaveBudget(const WebContext& context, const Request& request) {
  if (!ViewerIsAnct(context)) return RenderError(context, request, 403, kOnlyAnct);
  auto body = ReadJsonObject(request);
  if (!body) return JsonBodyFailure(context, request, body.error());
  JsonFields fields(body.value());
  const auto amount = fields.Int("amount_euros", true, 0, requests::kMaxBudgetEuros);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, request, *problem);
  auto budget = requests::CheckBudget(request.Param("year"), std::to_string(*amount));
  if (!budget) return RenderError(context, request, 400, budget.error().message);
  requests::EngineeringBudget b = budget.value();
  b.updated_by = CurrentViewer().account->user.id;
  context.store.SetEngineeringBudget(b, NowUtc());
  const auto envelopes = EnvelopesOf(context);
  return Response::Json(200, BudgetJson(b.year, envelopes, DashboardOf(context, RequestScope{true, {}}), StoredBudgets(context)).dump());
}

}  // namespace

void RegisterRequestBudgetPages(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/demandes/budgets", "request_budgets", BudgetPage);
  AddPage(router, context, "POST", "/demandes/budgets", "request_budget_save", SaveBudget);
  AddPage(router, context, "GET", "/api/v1/requests/budgets", "api_request_budgets", ApiBudgets);
  AddPage(router, context, "PUT", "/api/v1/requests/budgets/{year}", "api_request_budget_save", ApiSaveBudget);
}

}  // namespace boussole::web
