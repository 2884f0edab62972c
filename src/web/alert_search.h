#pragma once
// An alert's saved query string, read with the rules of its search page (ParseSearch for
// offers, ParseCaseSheetSearch for the projetothèque) and replayed against the index for
// its digests.
#include <set>
#include <string>
#include <string_view>

#include "core/result.h"
#include "web/context.h"
#include "web/offer_search.h"

namespace boussole::web {

//! The slugs of every offer the search `query_string` ("q=eau&theme=…") matches, all pages.
//! Fails with the search's French message when the query string is not a valid search.
Result<std::set<std::string>> MatchSearch(const WebContext& context, OfferSearch& engine,
                                          std::string_view query_string);

//! The ids of every published case sheet the projetothèque search `query_string` matches,
//! all pages; the search's French message when it is not a valid search.
Result<std::set<std::string>> MatchCaseSheetSearch(const WebContext& context, std::string_view query_string);

//! Either of them, by alert target ("offers", "projects").
Result<std::set<std::string>> MatchAlertSearch(const WebContext& context, std::string_view target,
                                               std::string_view query_string);

}  // namespace boussole::web
