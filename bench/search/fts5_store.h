#pragma once
// The SQLite FTS5 engine: an FTS5 table over Boussole's stems (engine_text.h) with the
// three fields as weighted columns, facets in a value dictionary and a join table, the
// perimeters' ancestors in a table, all in one on-disk SQLite file (WAL); and one SQL
// statement per query doing the index's work (page, total, facet counts under the OTHER
// filters).
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "world.h"

namespace boussole::bench {

//! An open SQLite connection, closed on destruction; Exec throws on error.
class SqliteDb {
 public:
  explicit SqliteDb(const std::filesystem::path& file);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  void Exec(const std::string& sql);
  sqlite3* get() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

struct Fts5LoadTimes {
  double analyse_s = 0;  //!< Boussole's analysis of the texts into stems
  double insert_s = 0;   //!< rows into the tables and the FTS5 index, one transaction
  double index_s = 0;    //!< B-tree indexes, FTS5 'optimize', ANALYZE, WAL checkpoint
};
//! Creates the schema in an empty database and loads the corpus and every territory's
//! ancestors.
Fts5LoadTimes LoadFts5(SqliteDb& db, const World& world);

struct Fts5QueryContext {
  std::vector<std::string> covering;  //!< the territory and its ancestors
  std::string today;                  //!< YYYY-MM-DD
  std::string closing_limit;          //!< today + 30 days
};
//! One statement. Rows: ('hit', slug, bm25) for the page, ('total', NULL, n), then
//! (facet key, value, count).
std::string Fts5QuerySql(const BenchQuery& query, const Fts5QueryContext& context);

}  // namespace boussole::bench
