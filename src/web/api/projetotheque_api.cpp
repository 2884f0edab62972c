// GET /api/v1/projects/search and /api/v1/projects/{project} (issue 5, item 5): the
// projetothèque over HTTP, same parameters and index as its page.
#include <nlohmann/json.hpp>
#include <string>

#include "web/pages/page.h"
#include "web/projetotheque_request.h"
#include "web/routes.h"

namespace boussole::web {
namespace {

using nlohmann::json;

Response ProjetothequeSearch(const WebContext& context, const Request& request) {
  auto parsed = ParseCaseSheetSearch(context, request);
  if (!parsed) return RenderError(context, request, 400, parsed.error().message);
  const ParsedCaseSheetSearch& p = parsed.value();
  const search::CaseSheetResults results = CaseSheetsOf(context)->Search(p.query);
  json items = json::array();
  for (const auto* sheet : results.items) items.push_back(CaseSheetSummary(context, *sheet));
  json themes = json::object();
  for (const auto& [theme, count] : results.theme_counts) themes[theme] = count;
  json kinds = json::object();
  for (const auto& [kind, count] : results.kind_counts) kinds[kind] = count;
  const std::size_t page_count = results.total == 0 ? 1 : (results.total + kCaseSheetsPerPage - 1) / kCaseSheetsPerPage;
  json body{{"query",
             {{"q", p.query.text},
              {"themes", p.query.themes},
              {"territory", p.query.territory.empty() ? json(nullptr) : json(p.query.territory)}}},
            {"total", results.total},
            {"page", p.query.page},
            {"per_page", kCaseSheetsPerPage},
            {"page_count", page_count},
            {"items", items},
            {"facets", {{"themes", themes}, {"territory_kinds", kinds}}}};
  return Response::Json(200, body.dump());
}

Response Sheet(const WebContext& context, const Request& request) {
  const std::string text = request.Param("project");
  const bool numeric = !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
  const auto index = CaseSheetsOf(context);
  const projects::Project* sheet = numeric ? index->Find(std::stoll(text)) : nullptr;
  if (!sheet) return RenderError(context, request, 404, "Cette fiche n'est pas publiée dans la projetothèque.");
  return Response::Json(200, CaseSheetResource(context, *sheet).dump());
}

}  // namespace

void RegisterProjetothequeApi(Router& router, const WebContext& context) {
  // The search first: {project} would match "search".
  AddPage(router, context, "GET", "/api/v1/projects/search", "api_project_search", ProjetothequeSearch);
  AddPage(router, context, "GET", "/api/v1/projects/{project}", "api_project", Sheet);
}

}  // namespace boussole::web
