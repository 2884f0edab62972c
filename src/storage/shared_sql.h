#pragma once
// What both backends do the same way around their SQL: escaping LIKE patterns, the offer
// document stored beside the columns, tallying territories by kind.
#include <string>
#include <string_view>

#include "domain/catalogue/offer.h"
#include "domain/territories/territory_repository.h"

namespace boussole::storage {

//! Escapes LIKE wildcards with '\' (queries say ESCAPE '\').
std::string LikeEscape(std::string_view text);

//! The stored form of an offer: its canonical JSON document.
std::string OfferDocument(const catalogue::Offer& offer);
//! Reads a stored document back. Documents were validated on the way in, so a failure is
//! corruption: throws std::runtime_error.
catalogue::Offer OfferFromDocument(const std::string& document);

//! True when a folded search query may be a code rather than a name: digits (INSEE code,
//! postal code, SIREN), a Corsican INSEE code ("2a004"), or 1–3 characters ("2a", "973").
bool LooksLikeCode(std::string_view folded_query);

//! Adds `count` territories of the kind named `kind` ("commune"…) to `counts`.
void AddToCounts(territories::Counts& counts, std::string_view kind, std::size_t count);

}  // namespace boussole::storage
