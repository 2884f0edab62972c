#include "web/http/url.h"
#include "web/offer_listing.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/views/offer_view.h"
#include "web/views/territory_view.h"

namespace boussole::web {
namespace {

// Builds "/offres?territoire=…&q=…&page=N" keeping the active filters.
std::string PageUrl(const OfferListing& listing, long page) {
  std::string url = "/offres?";
  std::string sep;
  auto add = [&](const std::string& name, const std::string& value) {
    url += sep + name + "=" + value;
    sep = "&";
  };
  if (listing.territory) add("territoire", listing.territory->id.ToString());
  if (!listing.text.empty()) add("q", PercentEncode(listing.text));
  add("page", std::to_string(page));
  return url;
}

nlohmann::json Pagination(const OfferListing& listing) {
  nlohmann::json pages = nlohmann::json::array();
  const long count = listing.page_count();
  for (long p = 1; p <= count; ++p) {
    pages.push_back({{"number", p}, {"url", PageUrl(listing, p)}, {"current", p == listing.page}});
  }
  nlohmann::json pagination{{"pages", pages}, {"show", count > 1}};
  if (listing.page > 1) pagination["previous_url"] = PageUrl(listing, listing.page - 1);
  if (listing.page < count) pagination["next_url"] = PageUrl(listing, listing.page + 1);
  return pagination;
}

Response ListPage(const WebContext& context, const Request& request) {
  auto listing = ListOffers(context, request, {});
  if (!listing) {
    return RenderError(context, request, 400, listing.error().message);
  }
  const OfferListing& l = listing.value();
  nlohmann::json view;
  nlohmann::json cards = nlohmann::json::array();
  for (const auto& offer : l.result.offers) cards.push_back(OfferViewModel(offer, context.store));
  view["offers"] = cards;
  view["total"] = l.result.total;
  view["plural"] = l.result.total > 1;
  view["q"] = l.text;
  if (l.territory) {
    view["territory"] = TerritorySummary(*l.territory);
    view["territory_id"] = l.territory->id.ToString();
  }
  view["pagination"] = Pagination(l);
  view["page"] = l.page;
  view["page_count"] = l.page_count();
  const std::string title = l.territory ? "Offres disponibles pour " + l.territory->name
                                        : std::string("Toutes les offres");
  return RenderPage(context, 200, "offer_list", view, {title, {}, "offres"});
}

Response DetailPage(const WebContext& context, const Request& request) {
  const std::string slug = request.Param("slug");
  auto offer = context.store.FindOffer(slug);
  if (!offer) return RenderError(context, request, 404, "Aucune offre ne porte l'identifiant « " + slug + " ».");
  nlohmann::json view = OfferViewModel(*offer, context.store);
  if (const auto* test = context.eligibility ? context.eligibility->ForOffer(slug) : nullptr) {
    view["eligibility_test"] = {{"url", "/offres/" + slug + "/eligibilite"},
                                {"title", test->title},
                                {"question_count", test->questions.size()}};
  }
  return RenderPage(context, 200, "offer", view, {offer->name, {{"Offres", "/offres"}}, "offres"});
}

}  // namespace

void RegisterOfferPages(Router& router, const WebContext& context) {
  router.Add("GET", "/offres", "offer_list", Cacheable(context, [&context](const Request& r) { return ListPage(context, r); }));
  router.Add("GET", "/offres/{slug}", "offer_page", Cacheable(context, [&context](const Request& r) { return DetailPage(context, r); }));
}

}  // namespace boussole::web
