// The public projetothèque (issue 5, item 5): the published case sheets, searchable by
// text, theme and territory, and each sheet's page. Works signed out and without JavaScript.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/catalogue/vocabulary.h"
#include "web/http/url.h"
#include "web/pages/page.h"
#include "web/projetotheque_request.h"
#include "web/routes.h"

namespace boussole::web {
namespace {

using nlohmann::json;

std::string ProjetothequePageUrl(const ParsedCaseSheetSearch& p, std::size_t page) {
  std::string url = "/projetotheque?q=" + PercentEncode(p.query.text);
  for (const auto& theme : p.query.themes) url += "&theme=" + PercentEncode(theme);
  if (!p.query.territory.empty()) url += "&territory=" + PercentEncode(p.territory_input);
  return url + "&page=" + std::to_string(page);
}

Response ProjetothequeListPage(const WebContext& context, const Request& request) {
  auto parsed = ParseCaseSheetSearch(context, request);
  if (!parsed) return RenderError(context, request, 400, parsed.error().message);
  const ParsedCaseSheetSearch& p = parsed.value();
  const auto index = CaseSheetsOf(context);
  const search::CaseSheetResults results = index->Search(p.query);
  json themes = json::array();
  for (const auto& [slug, label] : catalogue::Themes()) {
    const auto count = results.theme_counts.find(std::string(slug));
    const bool chosen = std::find(p.query.themes.begin(), p.query.themes.end(), std::string(slug)) != p.query.themes.end();
    themes.push_back({{"value", slug},
                      {"label", label},
                      {"count", count == results.theme_counts.end() ? 0 : count->second},
                      {"selected", chosen}});
  }
  json items = json::array();
  for (const auto* sheet : results.items) items.push_back(CaseSheetSummary(context, *sheet));
  const std::size_t page_count = results.total == 0 ? 1 : (results.total + kCaseSheetsPerPage - 1) / kCaseSheetsPerPage;
  json view{{"q", p.query.text},
            {"territory", p.territory_input},
            {"themes", themes},
            {"items", items},
            {"total", results.total},
            {"has_items", !items.empty()},
            {"page", p.query.page},
            {"page_count", page_count}};
  if (p.query.page > 1) view["previous_url"] = ProjetothequePageUrl(p, p.query.page - 1);
  if (p.query.page < page_count) view["next_url"] = ProjetothequePageUrl(p, p.query.page + 1);
  // A link, not a form, as on the offer search: no CSRF token in a page others may see.
  if (context.alerts) {
    const auto question = request.target.find('?');
    const std::string query_string = question == std::string::npos ? "" : request.target.substr(question + 1);
    view["alert_url"] = "/alertes/nouvelle?cible=projetotheque&recherche=" + PercentEncode(query_string);
  }
  return RenderPage(context, 200, "projetotheque", view, {"Projetothèque", {}, "projetotheque"});
}

Response ProjetothequeSheetPage(const WebContext& context, const Request& request) {
  const std::string text = request.Param("project");
  const bool numeric = !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
  const auto index = CaseSheetsOf(context);
  const projects::Project* sheet = numeric ? index->Find(std::stoll(text)) : nullptr;
  if (!sheet) return RenderError(context, request, 404, "Cette fiche n'est pas publiée dans la projetothèque.");
  json view = CaseSheetResource(context, *sheet);
  view["has_offers"] = !view["offers"].empty();
  return RenderPage(context, 200, "case_sheet", view, {sheet->name, {{"Projetothèque", "/projetotheque"}}, "projetotheque"});
}

}  // namespace

void RegisterProjetothequePages(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/projetotheque", "projetotheque", ProjetothequeListPage);
  AddPage(router, context, "GET", "/projetotheque/{project}", "projetotheque_sheet", ProjetothequeSheetPage);
}

}  // namespace boussole::web
