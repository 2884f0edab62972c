#pragma once
// The JSON shapes of offers: the API document and the view model of the pages.
#include <nlohmann/json.hpp>

#include "domain/catalogue/offer.h"
#include "domain/territories/territory_repository.h"

namespace boussole::web {

//! The API representation: the offer document plus its URL and perimeter name.
nlohmann::json OfferResource(const catalogue::Offer& offer,
                             territories::TerritoryRepository& territories);

//! What the page templates need: labels in French, paragraphs split, sources numbered.
nlohmann::json OfferViewModel(const catalogue::Offer& offer,
                              territories::TerritoryRepository& territories);

//! Splits text of the offer file format into blocks: {"paragraph": "…"} or {"items": […]}.
nlohmann::json TextBlocks(const std::string& text);

}  // namespace boussole::web
