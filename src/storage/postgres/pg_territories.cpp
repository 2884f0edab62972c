// The territories part of PgStore. Bulk writes go through json_populate_recordset: one
// round trip per few thousand rows instead of one per row.
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/clock.h"
#include "core/text_folding.h"
#include "storage/fault_injection.h"
#include "storage/shared_sql.h"
#include "storage/postgres/pg_fields.h"
#include "storage/postgres/pg_store.h"

namespace boussole::storage::postgres {
namespace {

using territories::Kind;
using territories::Territory;
using territories::TerritoryId;

constexpr std::size_t kBatch = 2500;
constexpr const char* kTerritoryColumns =
    "t.id, t.kind, t.code, t.name, t.population, t.siren, t.nature, t.zone, t.chef_lieu";

Territory ReadTerritory(const pqxx::row& row) {
  Territory t;
  t.id.kind = territories::KindFromKey(row[1].as<std::string>()).value_or(Kind::kCommune);
  t.id.code = row[2].as<std::string>();
  t.name = row[3].as<std::string>();
  if (!row[4].is_null()) t.population = row[4].as<std::int64_t>();
  t.siren = TextOrEmpty(row[5]);
  t.nature = TextOrEmpty(row[6]);
  t.zone = TextOrEmpty(row[7]);
  t.chef_lieu = TextOrEmpty(row[8]);
  return t;
}

std::vector<Territory> ReadAll(const pqxx::result& rows) {
  std::vector<Territory> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(ReadTerritory(row));
  return out;
}

nlohmann::json NullIfEmpty(const std::string& text) { return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text); }


}  // namespace

std::optional<Territory> PgStore::FindTerritory(const TerritoryId& id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kTerritoryColumns + " FROM territories t WHERE t.id = $1", id.ToString());
  if (rows.empty()) return std::nullopt;
  Territory t = ReadTerritory(rows[0]);
  for (const auto& row : tx.exec_params(
           "SELECT postal_code FROM territory_postal_codes WHERE territory_id = $1 ORDER BY postal_code COLLATE \"C\"",
           id.ToString())) {
    t.postal_codes.push_back(row[0].as<std::string>());
  }
  return t;
}

std::vector<Territory> PgStore::SearchTerritories(std::string_view folded_query, std::size_t limit) {
  if (folded_query.empty() || limit == 0) return {};
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  const std::string query(folded_query);
  if (LooksLikeCode(query)) {
    std::string upper = query;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto rows = tx.exec_params(
        std::string("SELECT ") + kTerritoryColumns +
            ", CASE WHEN t.code = $1 THEN 0 WHEN t.siren = $1 THEN 1 ELSE 2 END AS rank"
            " FROM territories t WHERE t.code = $1 OR t.siren = $1"
            " OR t.id IN (SELECT territory_id FROM territory_postal_codes WHERE postal_code = $1)"
            " ORDER BY rank, t.population DESC NULLS LAST, t.name COLLATE \"C\" LIMIT $2",
        upper, static_cast<long>(limit));
    if (!rows.empty() || IsDigits(query)) return ReadAll(rows);
  }
  // Every word must start a word of the name; patterns travel as one JSON array.
  nlohmann::json patterns = nlohmann::json::array();
  std::istringstream words(query);
  for (std::string word; words >> word;) patterns.push_back("% " + LikeEscape(word) + "%");
  auto rows = tx.exec_params(
      std::string("SELECT ") + kTerritoryColumns +
          ", CASE WHEN t.name_folded = $1 THEN 0 WHEN t.name_folded LIKE $2 ESCAPE '\\' THEN 1 ELSE 2 END AS rank"
          " FROM territories t WHERE NOT EXISTS (SELECT 1 FROM json_array_elements_text($3::json) AS p(pattern)"
          " WHERE (' ' || t.name_folded) NOT LIKE p.pattern ESCAPE '\\')"
          " ORDER BY rank, t.population DESC NULLS LAST, t.name COLLATE \"C\" LIMIT $4",
      query, LikeEscape(query) + "%", patterns.dump(), static_cast<long>(limit));
  return ReadAll(rows);
}

std::vector<Territory> PgStore::Parents(const TerritoryId& id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  return ReadAll(tx.exec_params(std::string("SELECT ") + kTerritoryColumns +
                                    " FROM territory_links l JOIN territories t ON t.id = l.parent_id"
                                    " WHERE l.child_id = $1 ORDER BY CASE t.kind WHEN 'commune' THEN 0"
                                    " WHEN 'ept' THEN 1 WHEN 'epci' THEN 2 WHEN 'departement' THEN 3"
                                    " WHEN 'region' THEN 4 ELSE 5 END, t.code COLLATE \"C\"",
                                id.ToString()));
}

std::vector<Territory> PgStore::Children(const TerritoryId& id, Kind kind, std::size_t limit) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  return ReadAll(tx.exec_params(std::string("SELECT ") + kTerritoryColumns +
                                    " FROM territory_links l JOIN territories t ON t.id = l.child_id"
                                    " WHERE l.parent_id = $1 AND t.kind = $2"
                                    " ORDER BY t.name_folded COLLATE \"C\", t.code COLLATE \"C\" LIMIT $3",
                                id.ToString(), std::string(territories::KindKey(kind)), static_cast<long>(limit)));
}

std::size_t PgStore::CountChildren(const TerritoryId& id, Kind kind) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  return tx
      .exec_params("SELECT COUNT(*) FROM territory_links l JOIN territories t ON t.id = l.child_id"
                   " WHERE l.parent_id = $1 AND t.kind = $2",
                   id.ToString(), std::string(territories::KindKey(kind)))[0][0]
      .as<std::size_t>();
}

std::vector<TerritoryId> PgStore::Ancestors(const TerritoryId& id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(
      "WITH RECURSIVE up(id) AS ("
      " SELECT parent_id FROM territory_links WHERE child_id = $1"
      " UNION SELECT l.parent_id FROM territory_links l JOIN up ON l.child_id = up.id"
      // An EPCI's links to départements mean "spans", not "lies in": climbing them from a
      // commune would reach the départements of its neighbours.
      " WHERE up.id NOT LIKE 'epci:%' AND up.id NOT LIKE 'ept:%')"
      // No join to `territories` for kind and code: the id holds both, and the planner,
      // which cannot tell how few rows the recursion gives, hashed all 36 000 territories
      // for it (30 ms a call instead of 0.3 ms).
      " SELECT id FROM up ORDER BY id COLLATE \"C\"",
      id.ToString());
  std::vector<TerritoryId> ids;
  for (const auto& row : rows) ids.push_back(StoredTerritoryId(row[0].as<std::string>()));
  return ids;
}

std::optional<territories::PopulationRank> PgStore::RankByPopulation(const TerritoryId& scope,
                                                                      const TerritoryId& member) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  const auto row = tx.exec_params1(RankByPopulationSql(scope.kind, member.kind), scope.ToString(), member.ToString());
  if (row[2].as<long>() == 0) return std::nullopt;
  return territories::PopulationRank{row[1].as<std::size_t>() + 1, row[0].as<std::size_t>()};
}

territories::Counts PgStore::CountTerritories() {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  territories::Counts counts;
  for (const auto& row : tx.exec("SELECT kind, COUNT(*) FROM territories GROUP BY kind")) {
    const std::string kind = row[0].as<std::string>();
    const auto n = row[1].as<std::size_t>();
    AddToCounts(counts, kind, n);
  }
  return counts;
}

Status PgStore::ReplaceTerritories(const territories::Snapshot& snapshot, std::string_view fingerprint,
                                   const territories::ProgressFn& progress) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec("CREATE TEMP TABLE import_ids (id TEXT PRIMARY KEY) ON COMMIT DROP");
  const std::size_t total = snapshot.territories.size();
  for (std::size_t start = 0; start < total; start += kBatch) {
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = start; i < std::min(total, start + kBatch); ++i) {
      const Territory& t = snapshot.territories[i];
      rows.push_back({{"id", t.id.ToString()},
                      {"kind", territories::KindKey(t.id.kind)},
                      {"code", t.id.code},
                      {"name", t.name},
                      {"name_folded", FoldForSearch(t.name)},
                      {"population", t.population ? nlohmann::json(*t.population) : nlohmann::json(nullptr)},
                      {"siren", NullIfEmpty(t.siren)},
                      {"nature", NullIfEmpty(t.nature)},
                      {"zone", NullIfEmpty(t.zone)},
                      {"chef_lieu", NullIfEmpty(t.chef_lieu)}});
    }
    const std::string batch = rows.dump();
    tx.exec_params(
        "INSERT INTO territories (id, kind, code, name, name_folded, population, siren, nature, zone, chef_lieu)"
        " SELECT id, kind, code, name, name_folded, population, siren, nature, zone, chef_lieu"
        " FROM json_populate_recordset(NULL::territories, $1::json)"
        " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, code = excluded.code, name = excluded.name,"
        " name_folded = excluded.name_folded, population = excluded.population, siren = excluded.siren,"
        " nature = excluded.nature, zone = excluded.zone, chef_lieu = excluded.chef_lieu",
        batch);
    tx.exec_params("INSERT INTO import_ids SELECT id FROM json_populate_recordset(NULL::territories, $1::json)", batch);
    const std::size_t done = std::min(total, start + kBatch);
    if (done % 5000 == 0 || done == total) {
      progress("territoires", done, total);
      InjectedImportDelay();
    }
  }
  tx.exec(
      "DELETE FROM territories WHERE id NOT IN (SELECT id FROM import_ids);"
      " DELETE FROM territory_links; DELETE FROM territory_postal_codes;");
  for (std::size_t start = 0; start < snapshot.links.size(); start += 4 * kBatch) {
    nlohmann::json rows = nlohmann::json::array();
    const std::size_t end = std::min(snapshot.links.size(), start + 4 * kBatch);
    for (std::size_t i = start; i < end; ++i) {
      rows.push_back({{"child_id", snapshot.links[i].child.ToString()}, {"parent_id", snapshot.links[i].parent.ToString()}});
    }
    tx.exec_params(
        "INSERT INTO territory_links SELECT child_id, parent_id"
        " FROM json_populate_recordset(NULL::territory_links, $1::json) ON CONFLICT DO NOTHING",
        rows.dump());
    progress("liens", end, snapshot.links.size());
  }
  nlohmann::json postal = nlohmann::json::array();
  for (const Territory& t : snapshot.territories) {
    for (const std::string& code : t.postal_codes) postal.push_back({{"territory_id", t.id.ToString()}, {"postal_code", code}});
  }
  tx.exec_params(
      "INSERT INTO territory_postal_codes SELECT territory_id, postal_code"
      " FROM json_populate_recordset(NULL::territory_postal_codes, $1::json) ON CONFLICT DO NOTHING",
      postal.dump());
  tx.exec_params(
      "INSERT INTO data_imports (name, fingerprint, imported_at) VALUES ('territories', $1, $2)"
      " ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, imported_at = excluded.imported_at",
      std::string(fingerprint), NowUtc());
  tx.exec_params("INSERT INTO change_log (topic, subject, changed_at) VALUES ('territories', '*', $1)", NowUtc());
  tx.exec("SELECT pg_notify('boussole_changes', 'territories')");
  tx.commit();
  // Fresh statistics now rather than when autovacuum gets to it: without them the planner
  // misjudges the ancestors query badly (seconds instead of milliseconds).
  pqxx::nontransaction analyze(*db);
  analyze.exec("ANALYZE territories, territory_links, territory_postal_codes");
  return Ok();
}

}  // namespace boussole::storage::postgres
