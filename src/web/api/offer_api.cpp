#include "web/offer_listing.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/views/offer_view.h"

namespace boussole::web {
namespace {

Response List(const WebContext& context, const Request& request) {
  auto listing = ListOffers(context, request, {"territory", "per_page"});
  if (!listing) {
    return RenderError(context, request, 400, listing.error().message);
  }
  const OfferListing& l = listing.value();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& offer : l.result.offers) items.push_back(OfferResource(offer, context.store));
  nlohmann::json body{{"items", items},
                      {"page", l.page},
                      {"per_page", l.per_page},
                      {"total", l.result.total},
                      {"page_count", l.page_count()}};
  return Response::Json(200, body.dump());
}

Response Detail(const WebContext& context, const Request& request) {
  const std::string slug = request.Param("slug");
  auto offer = context.store.FindOffer(slug);
  if (!offer) return RenderError(context, request, 404, "Aucune offre ne porte l'identifiant « " + slug + " ».");
  return Response::Json(200, OfferResource(*offer, context.store).dump());
}

}  // namespace

void RegisterOfferApi(Router& router, const WebContext& context) {
  router.Add("GET", "/api/v1/offers", "api_offers", Cacheable(context, [&context](const Request& r) { return List(context, r); }));
  router.Add("GET", "/api/v1/offers/{slug}", "api_offer",
             Cacheable(context, [&context](const Request& r) { return Detail(context, r); }));
}

}  // namespace boussole::web
