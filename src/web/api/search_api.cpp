// GET /api/v1/offers/search (issue 4, item 4): the offer index over HTTP, with every filter
// as a query parameter, facet counts, pagination and a "did you mean" suggestion.
#include <cstddef>
#include <memory>
#include <string>

#include "web/offer_search.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/search_request.h"
#include "web/views/offer_view.h"

#include <stdexcept>

namespace boussole::web {
namespace {

Response Search(const WebContext& context, OfferSearch& engine, const Request& request) {
  auto parsed = ParseSearch(context, request);
  if (!parsed) {
    return RenderError(context, request, parsed.error().code == "not_found" ? 404 : 400, parsed.error().message);
  }
  const ParsedSearch& p = parsed.value();
  const std::shared_ptr<const search::OfferIndex> index = engine.Current();
  const search::SearchResult result = index->Search(p.query);

  nlohmann::json items = nlohmann::json::array();
  for (const search::Hit& hit : result.hits) {
    nlohmann::json item = OfferResource(index->offers().at(hit.offer), context.store);
    item["local"] = hit.local;
    items.push_back(std::move(item));
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [facet, counts] : result.facets) {
    nlohmann::json values = nlohmann::json::object();
    for (const auto& [value, count] : counts) values[value] = count;
    facets[facet] = std::move(values);
  }
  const auto per_page = static_cast<std::size_t>(p.per_page);
  const std::size_t page_count = result.total == 0 ? 1 : (result.total + per_page - 1) / per_page;
  nlohmann::json body{{"query", p.echo},
                      {"total", result.total},
                      {"page", p.page},
                      {"per_page", p.per_page},
                      {"page_count", page_count},
                      {"suggestion", result.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(result.suggestion)},
                      {"items", std::move(items)},
                      {"facets", std::move(facets)}};
  return Response::Json(200, body.dump());
}

}  // namespace

void RegisterSearchApi(Router& router, const WebContext& context) {
  if (!context.search) throw std::logic_error("the offer index must be set up before the search routes");
  OfferSearch& engine = *context.search;
  router.Add("GET", "/api/v1/offers/search", "api_offer_search",
             Cacheable(context, [&context, &engine](const Request& r) { return Search(context, engine, r); }));
}

}  // namespace boussole::web
