#pragma once
// The offer list shared by the page and the API: an optional territory, an optional
// text filter, and a page.
#include <optional>
#include <string>

#include "core/result.h"
#include "domain/catalogue/offer_repository.h"
#include "domain/territories/territory.h"
#include "web/context.h"
#include "web/http/request.h"

namespace boussole::web {

struct OfferListing {
  std::optional<territories::Territory> territory;
  std::string text;  //!< the `q` filter as typed
  long page = 1;
  long per_page = 20;
  catalogue::OfferPage result;
  long page_count() const {
    return result.total == 0 ? 1 : static_cast<long>((result.total + per_page - 1) / per_page);
  }
};

struct ListingParams {
  const char* territory = "territoire";  //!< name of the territory parameter
  const char* per_page = nullptr;        //!< name of the page-size parameter, if accepted
};

//! Reads page, page size, territory and text; fails (invalid_input) with a
//! French message naming the parameter.
Result<OfferListing> ListOffers(const WebContext& context, const Request& request,
                                const ListingParams& params);

}  // namespace boussole::web
