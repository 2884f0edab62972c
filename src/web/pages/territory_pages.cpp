#include "core/text_folding.h"
#include "domain/catalogue/availability.h"
#include "domain/territories/labels.h"
#include "web/knowledge/portrait.h"
#include "web/pages/page.h"
#include "web/params.h"
#include "web/routes.h"
#include "web/views/territory_view.h"

namespace boussole::web {
namespace {

using territories::Kind;

constexpr std::size_t kSearchLimit = 30;
constexpr std::size_t kChildrenShown = 1000;

Response TerritorySearchPage(const WebContext& context, const Request& request) {
  auto q = TextParam(request, "q", 100);
  if (!q) return RenderError(context, request, 400, q.error().message);
  nlohmann::json view;
  view["q"] = q.value();
  nlohmann::json results = nlohmann::json::array();
  if (!q.value().empty()) {
    const std::string folded = FoldForSearch(q.value());
    for (const auto& t : context.store.SearchTerritories(folded, kSearchLimit)) {
      nlohmann::json item = TerritorySummary(t);
      for (const auto& parent : context.store.Parents(t.id)) {
        if (parent.id.kind == Kind::kDepartement) {
          item["departement"] = parent.name + " (" + parent.id.code + ")";
          break;
        }
      }
      results.push_back(item);
    }
    view["searched"] = true;
    view["count"] = results.size();
    view["plural"] = results.size() > 1;
  }
  view["results"] = results;
  const std::string title =
      q.value().empty() ? "Trouver un territoire" : "Territoires : « " + q.value() + " »";
  return RenderPage(context, 200, "territory_search", view, {title, {}, "territoires"});
}

nlohmann::json ChildGroups(const WebContext& context, const territories::Territory& t) {
  nlohmann::json groups = nlohmann::json::array();
  for (Kind kind : {Kind::kRegion, Kind::kDepartement, Kind::kEpci, Kind::kEpt, Kind::kCommune,
                    Kind::kArrondissement}) {
    const std::size_t total = context.store.CountChildren(t.id, kind);
    if (total == 0) continue;
    nlohmann::json items = nlohmann::json::array();
    for (const auto& child : context.store.Children(t.id, kind, kChildrenShown)) {
      items.push_back(TerritorySummary(child));
    }
    groups.push_back({{"label", territories::KindPluralLabel(kind)},
                      {"total", total},
                      {"items", items},
                      {"truncated", total > kChildrenShown}});
  }
  return groups;
}

Response TerritoryPage(const WebContext& context, const Request& request) {
  const std::string id = request.Param("id");
  auto t = ResolveTerritory(id, context.store);
  if (!t) {
    if (territories::CandidateIds(id).empty()) {
      return RenderError(context, request, 404,
                         "« " + id + " » n'est pas un code de territoire (code INSEE de commune, "
                         "SIREN d'intercommunalité ou code de département).");
    }
    return RenderError(context, request, 404, "Aucun territoire ne porte le code « " + id + " ».");
  }
  nlohmann::json view = TerritoryDetail(*t, context.store);
  view["postal_codes_text"] = [&] {
    std::string text;
    for (const auto& code : t->postal_codes) text += (text.empty() ? "" : ", ") + code;
    return text;
  }();
  view["child_groups"] = ChildGroups(context, *t);
  bool region_is_parent = false;
  for (const auto& parent : view["parents"]) region_is_parent |= parent["kind"] == "region";
  if (!region_is_parent && !view["region"].is_null()) view["region_via_departement"] = view["region"];
  view["offers_url"] = "/offres?territoire=" + t->id.ToString();
  catalogue::OfferQuery query;
  query.perimeters = catalogue::PerimetersCovering(t->id, context.store);
  query.limit = 0;
  view["offer_count"] = context.store.ListOffers(query).total;
  if (context.search != nullptr) {
    view["portrait"] = BuildPortrait(context, *t);
    auto& portrait = view["portrait"];
    portrait["has_ranks"] = !portrait["ranks"].empty();
    portrait["has_programmes"] = !portrait["programmes"].empty();
    portrait["has_requests"] = !portrait["requests"]["by_state"].empty();
    view["portrait_api"] = "/api/v1/territories/" + t->id.ToString() + "/portrait";
  }
  return RenderPage(context, 200, "territory", view,
                    {t->name, {{"Territoires", "/territoires"}}, "territoires"});
}

}  // namespace

void RegisterTerritoryPages(Router& router, const WebContext& context) {
  router.Add("GET", "/territoires", "territory_search",
             Cacheable(context, [&context](const Request& r) { return TerritorySearchPage(context, r); }));
  router.Add("GET", "/territoires/{id}", "territory_page",
             Cacheable(context, [&context](const Request& r) { return TerritoryPage(context, r); }));
}

}  // namespace boussole::web
