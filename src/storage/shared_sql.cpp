#include "storage/shared_sql.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/text_folding.h"
#include "domain/catalogue/offer_json.h"

namespace boussole::storage {

territories::TerritoryId StoredTerritoryId(std::string_view stored) {
  const auto colon = stored.find(':');
  const std::string_view kind = stored.substr(0, colon);
  const std::string_view code = colon == std::string_view::npos ? std::string_view() : stored.substr(colon + 1);
  return {territories::KindFromKey(kind).value_or(territories::Kind::kPays), std::string(code)};
}

std::string LikeEscape(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  return escaped;
}

std::string OfferDocument(const catalogue::Offer& offer) { return catalogue::OfferToJson(offer).dump(); }

catalogue::Offer OfferFromDocument(const std::string& document) {
  auto parsed = catalogue::ParseOffer(nlohmann::json::parse(document));
  if (!parsed.errors.empty()) {
    throw std::runtime_error("stored offer document is invalid: " + parsed.errors.front().field + " " +
                             parsed.errors.front().message);
  }
  return std::move(parsed.offer);
}

bool LooksLikeCode(std::string_view q) {
  if (q.empty() || q.find(' ') != std::string_view::npos) return false;
  if (IsDigits(q) || q.size() <= 3) return true;
  return q.size() == 5 && q[0] == '2' && (q[1] == 'a' || q[1] == 'b') && IsDigits(q.substr(2));
}

void AddToCounts(territories::Counts& counts, std::string_view kind, std::size_t count) {
  if (kind == "commune") counts.communes = count;
  else if (kind == "arrondissement") counts.arrondissements = count;
  else if (kind == "epci") counts.epci = count;
  else if (kind == "ept") counts.ept = count;
  else if (kind == "departement") counts.departements = count;
  else if (kind == "region") counts.regions = count;
}

}  // namespace boussole::storage
