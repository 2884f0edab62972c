#include "fts5_store.h"

#include <chrono>
#include <map>
#include <stdexcept>

#include "engine_text.h"
#include "latency.h"
#include "search/ancestry.h"
#include "search/offer_filters.h"

namespace boussole::bench {
namespace {

using search::Facet;

// Contentless (content=''): the engine only has to give back rowids and bm25, the texts
// live in the store; bm25 still has the column sizes (%_docsize). The stems are ASCII
// already; remove_diacritics 2 is what a French deployment without our analysis would use.
// prefix='2 3' keeps extra index entries for 2- and 3-character prefixes, the short ones
// an autocomplete sends first; longer prefixes are read as a range of the term index.
constexpr const char* kFts5Schema = R"SQL(
CREATE TABLE offers (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL,
  perimeter_id TEXT,
  deadline TEXT,
  closed INTEGER NOT NULL);
CREATE TABLE facet_values (
  id INTEGER PRIMARY KEY,
  facet INTEGER NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (facet, value));
CREATE TABLE offer_facets (
  offer_id INTEGER NOT NULL,
  facet INTEGER NOT NULL,
  value_id INTEGER NOT NULL,
  PRIMARY KEY (offer_id, facet, value_id)) WITHOUT ROWID;
CREATE TABLE perimeter_ancestors (
  perimeter_id TEXT NOT NULL,
  ancestor_id TEXT NOT NULL,
  PRIMARY KEY (perimeter_id, ancestor_id)) WITHOUT ROWID;
CREATE VIRTUAL TABLE offers_fts USING fts5(
  title, description, eligibility,
  content = '', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
)SQL";

// offer_facets is clustered by offer and facet (the counts read every value of the offers
// passing all filters, and one facet's values of those failing one filter); the second
// index serves the filters (the offers having a value).
constexpr const char* kFts5Indexes = R"SQL(
CREATE INDEX offer_facets_value ON offer_facets (value_id, offer_id);
CREATE INDEX offers_perimeter ON offers (perimeter_id);
CREATE INDEX perimeter_ancestors_ancestor ON perimeter_ancestors (ancestor_id, perimeter_id);
INSERT INTO offers_fts (offers_fts) VALUES ('optimize');
ANALYZE;
)SQL";

// The facets stored in offer_facets: all but the status, which depends on today.
constexpr Facet kStoredFacets[] = {Facet::kAudience,  Facet::kType,       Facet::kTypeGroup, Facet::kStage,
                                   Facet::kDestination, Facet::kTheme,    Facet::kCategory,  Facet::kBacker,
                                   Facet::kProgramme, Facet::kRecurrence, Facet::kCallForProjects, Facet::kFree};

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("SQLite prepare: ") + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  void Text(int at, const std::string& text) {
    if (text.empty()) {
      sqlite3_bind_null(statement_, at);
    } else {
      sqlite3_bind_text(statement_, at, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    }
  }
  void Int(int at, sqlite3_int64 value) { sqlite3_bind_int64(statement_, at, value); }
  void Run() {
    if (sqlite3_step(statement_) != SQLITE_DONE) {
      throw std::runtime_error(std::string("SQLite step: ") + sqlite3_errmsg(sqlite3_db_handle(statement_)));
    }
    sqlite3_reset(statement_);
  }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

// FTS5 query syntax: every term as a string ("…"), so that no stem is read as an operator.
std::string MatchExpression(const MatchTerms& terms) {
  std::string expression;
  for (const std::string& stem : terms.stems) expression += (expression.empty() ? "\"" : " OR \"") + stem + "\"";
  if (!terms.prefix.empty()) expression += (expression.empty() ? "\"" : " OR \"") + terms.prefix + "\"*";
  return expression;
}

}  // namespace

SqliteDb::SqliteDb(const std::filesystem::path& file) {
  if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("SQLite open " + file.string() + ": " + message);
  }
}

SqliteDb::~SqliteDb() { sqlite3_close(db_); }

void SqliteDb::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error("SQLite: " + message);
  }
}

Fts5LoadTimes LoadFts5(SqliteDb& db, const World& world) {
  Fts5LoadTimes times;
  db.Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
  db.Exec(kFts5Schema);

  auto start = std::chrono::steady_clock::now();
  std::vector<AnalyzedOffer> analysed;
  analysed.reserve(world.corpus.size());
  TextAnalyser analyser;
  for (const auto& offer : world.corpus) analysed.push_back(analyser.Offer(offer));
  times.analyse_s = Since(start);

  start = std::chrono::steady_clock::now();
  db.Exec("BEGIN");
  {
    Statement offers(db.get(), "INSERT INTO offers (id, slug, perimeter_id, deadline, closed) VALUES (?, ?, ?, ?, ?)");
    Statement text(db.get(), "INSERT INTO offers_fts (rowid, title, description, eligibility) VALUES (?, ?, ?, ?)");
    Statement value(db.get(), "INSERT INTO facet_values (id, facet, value) VALUES (?, ?, ?)");
    Statement link(db.get(), "INSERT OR IGNORE INTO offer_facets (offer_id, facet, value_id) VALUES (?, ?, ?)");
    std::map<std::pair<int, std::string>, sqlite3_int64> ids;
    for (std::size_t i = 0; i < world.corpus.size(); ++i) {
      const catalogue::Offer& offer = world.corpus[i];
      const auto id = static_cast<sqlite3_int64>(i + 1);
      offers.Int(1, id);
      offers.Text(2, offer.slug);
      offers.Text(3, offer.perimeter);
      offers.Text(4, offer.submission_deadline);
      offers.Int(5, offer.closed_at.empty() ? 0 : 1);
      offers.Run();
      text.Int(1, id);
      text.Text(2, analysed[i].title);
      text.Text(3, analysed[i].description);
      text.Text(4, analysed[i].eligibility);
      text.Run();
      for (Facet facet : kStoredFacets) {
        for (const std::string& name : search::StaticFacetValues(offer, facet)) {
          const auto key = std::make_pair(static_cast<int>(facet), name);
          auto found = ids.find(key);
          if (found == ids.end()) {
            found = ids.emplace(key, static_cast<sqlite3_int64>(ids.size() + 1)).first;
            value.Int(1, found->second);
            value.Int(2, key.first);
            value.Text(3, name);
            value.Run();
          }
          link.Int(1, id);
          link.Int(2, key.first);
          link.Int(3, found->second);
          link.Run();
        }
      }
    }
    // Every territory's ancestors, as for PostgreSQL: the table a site keeps with the COG.
    const search::Ancestry ancestry(world.inputs.territories);
    Statement ancestor(db.get(), "INSERT INTO perimeter_ancestors (perimeter_id, ancestor_id) VALUES (?, ?)");
    std::vector<std::string> territories{"pays:FR"};
    for (const auto& territory : world.inputs.territories.territories) territories.push_back(territory.id.ToString());
    for (const std::string& id : territories) {
      for (const std::string& parent : ancestry.Ancestors(id)) {
        ancestor.Text(1, id);
        ancestor.Text(2, parent);
        ancestor.Run();
      }
    }
  }
  db.Exec("COMMIT");
  times.insert_s = Since(start);

  start = std::chrono::steady_clock::now();
  db.Exec(kFts5Indexes);
  db.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  times.index_s = Since(start);
  return times;
}

std::string Fts5QuerySql(const BenchQuery& query, const Fts5QueryContext& context) {
  // Selected filter i fails → bit i; a row failing at most one filter is kept: it counts
  // in that facet only (a facet's counts ignore its own filter); failing none, it is a hit.
  // Each `o.id IN (SELECT …)` is not correlated: SQLite builds its set once per query.
  std::string failed = "0";
  // Offers passing every filter count in every facet (facets 0 to 12); those failing
  // filter i only in facet i: a range of the primary key (offer, facet) chosen per row, in
  // one join (one branch per facet made SQLite evaluate `base` once per branch). CROSS
  // JOIN keeps `base` outside: SQLite cannot estimate a materialised CTE and would
  // otherwise scan all of offer_facets against an automatic index on `base`.
  std::string low = "CASE base.failed WHEN 0 THEN 0";
  std::string high = "CASE base.failed WHEN 0 THEN " + std::to_string(search::kFacetCount - 1);
  for (std::size_t i = 0; i < query.facets.size(); ++i) {
    const auto& [facet, value] = query.facets[i];
    failed += " + (o.id NOT IN (SELECT offer_id FROM offer_facets WHERE value_id IN (SELECT id FROM facet_values "
              "WHERE facet = " + std::to_string(static_cast<int>(facet)) + " AND value = " + Quote(value) + "))) * " +
              std::to_string(1 << i);
    const std::string when = " WHEN " + std::to_string(1 << i) + " THEN " + std::to_string(static_cast<int>(facet));
    low += when;
    high += when;
  }
  const std::string counts = "SELECT f.value_id, count(*) AS n FROM base CROSS JOIN offer_facets f ON f.offer_id = base.id "
                             "AND f.facet BETWEEN " + low + " ELSE -1 END AND " + high + " ELSE -2 END GROUP BY f.value_id";

  const MatchTerms terms = AnalyzeQuery(query.text);
  const bool has_text = !terms.stems.empty() || !terms.prefix.empty();
  std::vector<std::string> where;
  if (has_text) where.push_back("offers_fts MATCH " + Quote(MatchExpression(terms)));
  if (!query.territory.empty()) {
    std::string covering;
    for (const std::string& id : context.covering) covering += (covering.empty() ? "" : ", ") + Quote(id);
    where.push_back("(o.perimeter_id IN (" + covering +
                    ") OR o.perimeter_id IN (SELECT perimeter_id FROM perimeter_ancestors WHERE ancestor_id = " +
                    Quote(query.territory) + "))");
  }

  std::string inner = "SELECT o.id, o.slug, o.deadline, o.closed, " +
                      std::string(has_text ? "bm25(offers_fts, 3.0, 1.0, 0.5)" : "0.0") + " AS rank, " + failed +
                      " AS failed\n    FROM " + (has_text ? "offers_fts JOIN offers o ON o.id = offers_fts.rowid" : "offers o");
  for (std::size_t i = 0; i < where.size(); ++i) inner += (i == 0 ? "\n    WHERE " : "\n      AND ") + where[i];
  // Rows failing two filters or more stay in `base` but no reader uses them: filtering them
  // out here made SQLite copy the `failed` expression, and build its sets twice.
  std::string sql = "WITH base AS MATERIALIZED (\n  " + inner + "\n)\n";
  // bm25() is lower for better matches.
  sql += "SELECT 'hit', slug, rank FROM (SELECT slug, rank FROM base WHERE failed = 0 ORDER BY rank, slug LIMIT 20)\n";
  sql += "UNION ALL SELECT 'total', NULL, count(*) FROM base WHERE failed = 0\n";
  // A NULL deadline never closes: coalesce, or NOT (… OR NULL) would drop the row.
  const std::string closed = "(closed = 1 OR coalesce(deadline < " + Quote(context.today) + ", 0))";
  sql += "UNION ALL SELECT 'status', 'closed', count(*) FROM base WHERE failed = 0 AND " + closed + "\n";
  sql += "UNION ALL SELECT 'status', 'open', count(*) FROM base WHERE failed = 0 AND NOT " + closed + "\n";
  sql += "UNION ALL SELECT 'status', 'closing', count(*) FROM base WHERE failed = 0 AND NOT " + closed +
         " AND coalesce(deadline <= " + Quote(context.closing_limit) + ", 0)\n";
  sql += "UNION ALL SELECT v.facet, v.value, c.n FROM (\n    " + counts + "\n  ) c JOIN facet_values v ON v.id = c.value_id";
  return sql;
}

}  // namespace boussole::bench
