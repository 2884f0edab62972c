// An offer document (domain/catalogue/offer_json.h), as the importer reads data/offers/
// and the offer edition page reads its JSON field: parsed, validated, and a valid offer
// written back must read again without error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "domain/catalogue/offer_json.h"

using namespace boussole::catalogue;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return 0;
  const ParsedOffer parsed = ParseOffer(document);
  if (!parsed.errors.empty()) return 0;
  const ParsedOffer again = ParseOffer(OfferToJson(parsed.offer));
  if (!again.errors.empty()) std::abort();
  return 0;
}
