// The territories part of SqliteStore.
#include <sstream>

#include "core/text_folding.h"
#include "core/clock.h"
#include "storage/fault_injection.h"
#include "storage/shared_sql.h"
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {
namespace {

using territories::Kind;
using territories::Territory;
using territories::TerritoryId;

constexpr const char* kTerritoryColumns =
    "t.id, t.kind, t.code, t.name, t.population, t.siren, t.nature, t.zone, t.chef_lieu";

Territory ReadTerritory(Statement& q) {
  Territory t;
  t.id.kind = territories::KindFromKey(q.Text(1)).value_or(Kind::kCommune);
  t.id.code = q.Text(2);
  t.name = q.Text(3);
  t.population = q.OptionalInt(4);
  t.siren = q.Text(5);
  t.nature = q.Text(6);
  t.zone = q.Text(7);
  t.chef_lieu = q.Text(8);
  return t;
}

void LoadPostalCodes(Connection& db, Territory& t) {
  auto q = db.Prepare(
      "SELECT postal_code FROM territory_postal_codes WHERE territory_id = ? ORDER BY postal_code");
  q.Bind(1, t.id.ToString());
  while (q.Step()) t.postal_codes.push_back(q.Text(0));
}

std::vector<Territory> ReadTerritories(Statement& q) {
  std::vector<Territory> rows;
  while (q.Step()) rows.push_back(ReadTerritory(q));
  return rows;
}


}  // namespace

std::optional<Territory> SqliteStore::FindTerritory(const TerritoryId& id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kTerritoryColumns + " FROM territories t WHERE t.id = ?");
  q.Bind(1, id.ToString());
  if (!q.Step()) return std::nullopt;
  Territory t = ReadTerritory(q);
  LoadPostalCodes(*db, t);
  return t;
}

std::vector<Territory> SqliteStore::SearchTerritories(std::string_view folded_query,
                                                      std::size_t limit) {
  if (folded_query.empty() || limit == 0) return {};
  auto db = pool_.Acquire();
  const std::string query(folded_query);
  if (LooksLikeCode(query)) {
    // A code: INSEE code, SIREN, postal code or département code (2A folds to "2a").
    std::string upper = query;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto q = db->Prepare(std::string("SELECT ") + kTerritoryColumns +
                         ", CASE WHEN t.code = ?1 THEN 0 WHEN t.siren = ?1 THEN 1 ELSE 2 END AS rank"
                         " FROM territories t WHERE t.code = ?1 OR t.siren = ?1"
                         " OR t.id IN (SELECT territory_id FROM territory_postal_codes WHERE postal_code = ?1)"
                         " ORDER BY rank, t.population DESC NULLS LAST, t.name LIMIT ?2");
    q.Bind(1, upper).Bind(2, static_cast<std::int64_t>(limit));
    auto rows = ReadTerritories(q);
    if (!rows.empty() || IsDigits(query)) return rows;
  }
  // Every word must start a word of the name ("st" does not find "ouest").
  std::string where;
  std::vector<std::string> patterns;
  std::istringstream words(query);
  for (std::string word; words >> word;) {
    if (!where.empty()) where += " AND ";
    where += "(' ' || t.name_folded) LIKE ? ESCAPE '\\'";
    patterns.push_back("% " + LikeEscape(word) + "%");
  }
  auto q = db->Prepare(std::string("SELECT ") + kTerritoryColumns +
                       ", CASE WHEN t.name_folded = ? THEN 0 WHEN t.name_folded LIKE ? ESCAPE '\\'"
                       " THEN 1 ELSE 2 END AS rank FROM territories t WHERE " + where +
                       " ORDER BY rank, t.population DESC NULLS LAST, t.name LIMIT ?");
  int index = 1;
  q.Bind(index++, query);
  q.Bind(index++, LikeEscape(query) + "%");
  for (const std::string& pattern : patterns) q.Bind(index++, pattern);
  q.Bind(index, static_cast<std::int64_t>(limit));
  return ReadTerritories(q);
}

std::vector<Territory> SqliteStore::Parents(const TerritoryId& id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kTerritoryColumns +
                       " FROM territory_links l JOIN territories t ON t.id = l.parent_id"
                       " WHERE l.child_id = ? ORDER BY CASE t.kind WHEN 'commune' THEN 0"
                       " WHEN 'ept' THEN 1 WHEN 'epci' THEN 2 WHEN 'departement' THEN 3"
                       " WHEN 'region' THEN 4 ELSE 5 END, t.code");
  q.Bind(1, id.ToString());
  return ReadTerritories(q);
}

std::vector<Territory> SqliteStore::Children(const TerritoryId& id, Kind kind, std::size_t limit) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kTerritoryColumns +
                       " FROM territory_links l JOIN territories t ON t.id = l.child_id"
                       " WHERE l.parent_id = ? AND t.kind = ? ORDER BY t.name_folded, t.code LIMIT ?");
  q.Bind(1, id.ToString()).Bind(2, territories::KindKey(kind)).Bind(3, static_cast<std::int64_t>(limit));
  return ReadTerritories(q);
}

std::size_t SqliteStore::CountChildren(const TerritoryId& id, Kind kind) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "SELECT COUNT(*) FROM territory_links l JOIN territories t ON t.id = l.child_id"
      " WHERE l.parent_id = ? AND t.kind = ?");
  q.Bind(1, id.ToString()).Bind(2, territories::KindKey(kind));
  return q.Step() ? static_cast<std::size_t>(q.Int(0)) : 0;
}

std::vector<TerritoryId> SqliteStore::Ancestors(const TerritoryId& id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "WITH RECURSIVE up(id) AS ("
      " SELECT parent_id FROM territory_links WHERE child_id = ?"
      " UNION SELECT l.parent_id FROM territory_links l JOIN up ON l.child_id = up.id"
      // An EPCI's links to départements mean "spans", not "lies in": climbing them from a
      // commune would reach the départements of its neighbours.
      " WHERE up.id NOT LIKE 'epci:%' AND up.id NOT LIKE 'ept:%')"
      // The id holds the kind and the code: no join (see the PostgreSQL store).
      " SELECT id FROM up ORDER BY id");
  q.Bind(1, id.ToString());
  std::vector<TerritoryId> ids;
  while (q.Step()) ids.push_back(StoredTerritoryId(q.Text(0)));
  return ids;
}

std::optional<territories::PopulationRank> SqliteStore::RankByPopulation(const TerritoryId& scope,
                                                                          const TerritoryId& member) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(RankByPopulationSql(scope.kind, member.kind));
  q.Bind(q.ParameterIndex("$1"), scope.ToString()).Bind(q.ParameterIndex("$2"), member.ToString());
  if (!q.Step() || q.Int(2) == 0) return std::nullopt;
  return territories::PopulationRank{static_cast<std::size_t>(q.Int(1)) + 1, static_cast<std::size_t>(q.Int(0))};
}

territories::Counts SqliteStore::CountTerritories() {
  auto db = pool_.Acquire();
  auto q = db->Prepare("SELECT kind, COUNT(*) FROM territories GROUP BY kind");
  territories::Counts counts;
  while (q.Step()) {
    const std::string kind = q.Text(0);
    const auto n = static_cast<std::size_t>(q.Int(1));
    AddToCounts(counts, kind, n);
  }
  return counts;
}

Status SqliteStore::ReplaceTerritories(const territories::Snapshot& snapshot,
                                       std::string_view fingerprint,
                                       const territories::ProgressFn& progress) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Exec("CREATE TEMP TABLE IF NOT EXISTS import_ids (id TEXT PRIMARY KEY); DELETE FROM import_ids;");
  auto upsert = db->Prepare(
      "INSERT INTO territories (id, kind, code, name, name_folded, population, siren, nature,"
      " zone, chef_lieu) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, code = excluded.code,"
      " name = excluded.name, name_folded = excluded.name_folded,"
      " population = excluded.population, siren = excluded.siren, nature = excluded.nature,"
      " zone = excluded.zone, chef_lieu = excluded.chef_lieu");
  auto keep = db->Prepare("INSERT INTO import_ids (id) VALUES (?)");
  const std::size_t total = snapshot.territories.size();
  for (std::size_t i = 0; i < total; ++i) {
    const Territory& t = snapshot.territories[i];
    const std::string id = t.id.ToString();
    upsert.Bind(1, id)
        .Bind(2, territories::KindKey(t.id.kind))
        .Bind(3, t.id.code)
        .Bind(4, t.name)
        .Bind(5, FoldForSearch(t.name))
        .Bind(6, t.population)
        .BindTextOrNull(7, t.siren)
        .BindTextOrNull(8, t.nature)
        .BindTextOrNull(9, t.zone)
        .BindTextOrNull(10, t.chef_lieu);
    upsert.Run();
    keep.Bind(1, id);
    keep.Run();
    if ((i + 1) % 5000 == 0 || i + 1 == total) {
      progress("territoires", i + 1, total);
      InjectedImportDelay();
    }
  }
  db->Exec(
      "DELETE FROM territories WHERE id NOT IN (SELECT id FROM import_ids);"
      " DELETE FROM territory_links; DELETE FROM territory_postal_codes;");
  auto link = db->Prepare("INSERT OR IGNORE INTO territory_links (child_id, parent_id) VALUES (?, ?)");
  for (std::size_t i = 0; i < snapshot.links.size(); ++i) {
    link.Bind(1, snapshot.links[i].child.ToString()).Bind(2, snapshot.links[i].parent.ToString());
    link.Run();
    if ((i + 1) % 20000 == 0 || i + 1 == snapshot.links.size()) {
      progress("liens", i + 1, snapshot.links.size());
    }
  }
  auto postal = db->Prepare(
      "INSERT OR IGNORE INTO territory_postal_codes (territory_id, postal_code) VALUES (?, ?)");
  for (const Territory& t : snapshot.territories) {
    for (const std::string& code : t.postal_codes) {
      postal.Bind(1, t.id.ToString()).Bind(2, code);
      postal.Run();
    }
  }
  db->Prepare(
        "INSERT INTO data_imports (name, fingerprint, imported_at) VALUES ('territories', ?, ?)"
        " ON CONFLICT(name) DO UPDATE SET fingerprint = excluded.fingerprint,"
        " imported_at = excluded.imported_at")
      .Bind(1, fingerprint)
      .Bind(2, NowUtc())
      .Run();
  db->Prepare("INSERT INTO change_log (topic, subject, changed_at) VALUES ('territories', '*', ?)")
      .Bind(1, NowUtc())
      .Run();
  tx.Commit();
  return Ok();
}

}  // namespace boussole::storage::sqlite
