#pragma once
// The query parameters of an offer search (issue 4), read and validated once for the API
// (GET /api/v1/offers/search) and the search page (GET /offres/recherche), so that both
// accept the same URLs and refuse the same mistakes with the same French messages.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "search/search_query.h"
#include "web/context.h"
#include "web/http/request.h"
#include "web/offer_search.h"

namespace boussole::web {

struct ParsedSearch {
  search::SearchQuery query;
  nlohmann::json echo;          //!< the parameters as understood, for the API's "query"
  long page = 1;
  long per_page = 20;
  std::string territory_input;  //!< the territory parameter as typed ("" for none)
  std::string territory_name;   //!< the resolved territory's name ("" for none)
  std::string sort_key = "relevance";
};

//! Reads and validates every search parameter. Fails with code "invalid_input" and a French
//! message naming the parameter, or "not_found" for a well-formed territory code that no
//! territory has.
Result<ParsedSearch> ParseSearch(const WebContext& context, const Request& request);

//! A search engine over the store, with the synonyms file of the assets. Throws when the
//! synonyms file cannot be read.
std::shared_ptr<OfferSearch> MakeOfferSearch(const WebContext& context);

}  // namespace boussole::web
