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

std::string RankByPopulationSql(territories::Kind scope, territories::Kind peers) {
  using territories::Kind;
  // The territories whose children of kind `peers` are the peers, as in the tree a person
  // reads: France holds régions, which hold départements, which hold the rest.
  std::string holders = "$1";
  const auto step_down = [&holders](std::string_view kind) {
    holders = "SELECT child_id FROM territory_links WHERE parent_id IN (" + holders + ") AND child_id LIKE '" +
              std::string(kind) + ":%'";
  };
  if (scope == Kind::kPays && peers != Kind::kRegion) step_down("region");
  if ((scope == Kind::kPays || scope == Kind::kRegion) && peers != Kind::kRegion && peers != Kind::kDepartement) {
    step_down("departement");
  }
  return "WITH peers AS (SELECT DISTINCT t.id, COALESCE(t.population, 0) AS population"
         " FROM territory_links l JOIN territories t ON t.id = l.child_id"
         " WHERE l.parent_id IN (" + holders + ") AND t.kind = '" + std::string(territories::KindKey(peers)) + "')"
         " SELECT COUNT(*), COALESCE(SUM(CASE WHEN peers.population > m.population THEN 1 ELSE 0 END), 0),"
         " COALESCE(SUM(CASE WHEN peers.id = m.id THEN 1 ELSE 0 END), 0)"
         " FROM peers, (SELECT id, population FROM territories WHERE id = $2 AND population IS NOT NULL) m";
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
