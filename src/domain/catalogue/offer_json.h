#pragma once
// The offer file format of data/offers/README.md: reading with full validation, and writing.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalogue/offer.h"

namespace boussole::catalogue {

//! One reason why an offer document is refused.
struct FieldError {
  std::string field;    //!< e.g. "audiences[2]", "sources[0].quote"
  std::string message;  //!< French
};

struct ParsedOffer {
  Offer offer;
  std::vector<FieldError> errors;  //!< empty when the document is valid
};

//! Reads and validates an offer document: every field's type, the enumerations, dates,
//! slug syntax, URL schemes, the typed perimeter, the presence of sources, and that every
//! filled field is backed by a source. Unknown fields are errors too (a typo must not
//! silently drop data). Collects every error instead of stopping at the first.
ParsedOffer ParseOffer(const nlohmann::json& document);

//! The canonical document of an offer (the file format, fields in README order).
nlohmann::json OfferToJson(const Offer& offer);

//! The names of the fields of `offer` that hold a value (everything but slug and sources).
std::vector<std::string> FilledFields(const Offer& offer);

}  // namespace boussole::catalogue
