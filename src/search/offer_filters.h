#pragma once
// The facet values of an offer and the status rule (DOMAIN.md, "Offers").
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalogue/offer.h"
#include "search/search_query.h"

namespace boussole::search {

//! The values `offer` has for a facet other than kStatus.
std::vector<std::string> StaticFacetValues(const catalogue::Offer& offer, Facet facet);

//! "closed" (closed_at set or deadline < today), else "open", plus "closing" when the
//! deadline is on or before `closing_limit` (today + 30 days, AddDays). Dates YYYY-MM-DD.
std::vector<std::string> StatusValues(const catalogue::Offer& offer, std::string_view today,
                                      std::string_view closing_limit);

//! `date` (YYYY-MM-DD) plus `days`; `date` itself when malformed.
std::string AddDays(std::string_view date, int days);

//! 0 commune/arrondissement, 1 EPCI/EPT, 2 département, 3 région, 4 pays, 5 none.
int PerimeterWidth(std::string_view typed_id);

}  // namespace boussole::search
