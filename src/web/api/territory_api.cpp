#include <variant>

#include "core/text_folding.h"
#include "web/knowledge/portrait.h"
#include "web/pages/page.h"
#include "web/params.h"
#include "web/routes.h"
#include "web/views/territory_view.h"

namespace boussole::web {
namespace {

Response TerritorySearchApi(const WebContext& context, const Request& request) {
  auto q = TextParam(request, "q", 100);
  if (!q) return RenderError(context, request, 400, q.error().message);
  if (q.value().empty()) {
    return RenderError(context, request, 400,
                       "Le paramètre « q » est obligatoire : un nom, un code INSEE ou un code postal.");
  }
  auto limit = IntParam(request, "limit", 20, 1, 100);
  if (!limit) return RenderError(context, request, 400, limit.error().message);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& t : context.store.SearchTerritories(FoldForSearch(q.value()),
                                                       static_cast<std::size_t>(limit.value()))) {
    items.push_back(TerritorySummary(t));
  }
  return Response::Json(200, nlohmann::json{{"query", q.value()}, {"items", items}}.dump());
}

// The territory of the {code} parameter, or the problem to answer: 400 for what is not a
// code, 404 for a code no territory bears.
std::variant<territories::Territory, Response> TerritoryOf(const WebContext& context, const Request& request) {
  const std::string code = request.Param("code");
  if (territories::CandidateIds(code).empty()) {
    return RenderError(context, request, 400,
                       "« " + code + " » n'est pas un code de territoire : attendu un identifiant typé "
                       "(commune:75056) ou un code INSEE, SIREN ou de département.");
  }
  auto t = ResolveTerritory(code, context.store);
  if (!t) return RenderError(context, request, 404, "Aucun territoire ne porte le code « " + code + " ».");
  return *t;
}

Response TerritoryDetailApi(const WebContext& context, const Request& request) {
  auto t = TerritoryOf(context, request);
  if (auto* problem = std::get_if<Response>(&t)) return std::move(*problem);
  return Response::Json(200, TerritoryDetail(std::get<territories::Territory>(t), context.store).dump());
}

Response Portrait(const WebContext& context, const Request& request) {
  auto t = TerritoryOf(context, request);
  if (auto* problem = std::get_if<Response>(&t)) return std::move(*problem);
  return Response::Json(200, BuildPortrait(context, std::get<territories::Territory>(t)).dump());
}

}  // namespace

void RegisterTerritoryApi(Router& router, const WebContext& context) {
  router.Add("GET", "/api/v1/territories", "api_territories",
             Cacheable(context, [&context](const Request& r) { return TerritorySearchApi(context, r); }));
  router.Add("GET", "/api/v1/territories/{code}", "api_territory",
             Cacheable(context, [&context](const Request& r) { return TerritoryDetailApi(context, r); }));
  if (context.search != nullptr) {
    router.Add("GET", "/api/v1/territories/{code}/portrait", "api_territory_portrait",
               Cacheable(context, [&context](const Request& r) { return Portrait(context, r); }));
  }
}

}  // namespace boussole::web
