#include "web/offer_listing.h"

#include <algorithm>
#include <sstream>

#include "core/text_folding.h"
#include "domain/catalogue/availability.h"
#include "web/params.h"
#include "web/territory_param.h"
#include "web/views/territory_view.h"

namespace boussole::web {
namespace {

constexpr long kMaxPerPage = 100;
constexpr long kMaxPage = 100000;

// Every word of the query appears in the offer's name, title or description (folded).
// A stopgap until the search engine of issue 4.
bool MatchesText(const catalogue::Offer& offer, const std::vector<std::string>& words) {
  std::string text = offer.name;
  for (const std::string* part : {&offer.short_title, &offer.initial_name, &offer.description}) {
    text.append(" ").append(*part);
  }
  std::string haystack(" ");
  haystack.append(FoldForSearch(text));
  return std::all_of(words.begin(), words.end(), [&](const std::string& word) {
    std::string needle(" ");
    needle.append(word);  // a word prefix: "amenag" finds "amenagement"
    return haystack.find(needle) != std::string::npos;
  });
}

}  // namespace

Result<OfferListing> ListOffers(const WebContext& context, const Request& request,
                                const ListingParams& params) {
  OfferListing listing;
  auto page = IntParam(request, "page", 1, 1, kMaxPage);
  if (!page) return page.error();
  listing.page = page.value();
  if (params.per_page) {
    auto per_page = IntParam(request, params.per_page, 20, 1, kMaxPerPage);
    if (!per_page) return per_page.error();
    listing.per_page = per_page.value();
  }
  catalogue::OfferQuery query;
  if (params.territory) {
    auto territory = ReadTerritoryParam(request, params.territory, context.store);
    if (!territory) return territory.error();
    listing.territory = territory.value();
    if (listing.territory) query.perimeters = catalogue::PerimetersCovering(listing.territory->id, context.store);
  }
  auto text = TextParam(request, "q", 200);
  if (!text) return text.error();
  listing.text = text.value();
  std::vector<std::string> words;
  std::istringstream split(FoldForSearch(listing.text));
  for (std::string word; split >> word;) words.push_back(word);

  const auto offset = static_cast<std::size_t>((listing.page - 1) * listing.per_page);
  if (words.empty()) {
    query.offset = offset;
    query.limit = static_cast<std::size_t>(listing.per_page);
    listing.result = context.store.ListOffers(query);
    return listing;
  }
  query.limit = 100000;
  catalogue::OfferPage all = context.store.ListOffers(query);
  std::vector<catalogue::Offer> matching;
  for (auto& offer : all.offers) {
    if (MatchesText(offer, words)) matching.push_back(std::move(offer));
  }
  listing.result.total = matching.size();
  for (std::size_t i = offset; i < matching.size() && i < offset + static_cast<std::size_t>(listing.per_page); ++i) {
    listing.result.offers.push_back(std::move(matching[i]));
  }
  return listing;
}

}  // namespace boussole::web
