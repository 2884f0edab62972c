// The SQLite FTS5 engine: the same corpus and queries through FTS5 and ordinary tables in
// an on-disk SQLite file, one prepared statement per query, in this process.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <stdexcept>

#include "commands.h"
#include "core/clock.h"
#include "disk_size.h"
#include "fts5_store.h"
#include "latency.h"
#include "search/ancestry.h"
#include "search/offer_filters.h"

namespace boussole::bench {

int RunFts5(const Options& options) {
  World world = MakeWorld(options);
  std::filesystem::create_directories(options.dir);
  const std::filesystem::path file = options.dir / "fts5.db";
  std::filesystem::remove(file);
  SqliteDb db(file);
  const Fts5LoadTimes times = LoadFts5(db, world);
  PrintMetric("fts5", options.size, "analyse_s", times.analyse_s);
  PrintMetric("fts5", options.size, "insert_s", times.insert_s);
  PrintMetric("fts5", options.size, "index_s", times.index_s);
  PrintMetric("fts5", options.size, "build_s", times.analyse_s + times.insert_s + times.index_s);
  PrintMetric("fts5", options.size, "disk_mib", FolderMib(options.dir));

  const search::Ancestry ancestry(world.inputs.territories);
  Fts5QueryContext context;
  context.today = TodayUtc();
  context.closing_limit = search::AddDays(context.today, 30);
  std::vector<sqlite3_stmt*> statements;
  std::vector<std::string> sqls;
  for (const BenchQuery& query : world.queries) {
    context.covering = query.territory.empty() ? std::vector<std::string>{} : ancestry.Covering(query.territory);
    sqls.push_back(Fts5QuerySql(query, context));
    const std::string& sql = sqls.back();
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db.get(), sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("SQLite prepare: ") + sqlite3_errmsg(db.get()) + "\n" + sql);
    }
    statements.push_back(statement);
  }

  const Latencies latencies = Measure(world.queries, options.repeats, [&](std::size_t i) {
    sqlite3_stmt* statement = statements[i];
    std::size_t total = 0;
    int rc = 0;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
      const auto* kind = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
      if (kind != nullptr && std::string_view(kind) == "total") {
        total = static_cast<std::size_t>(sqlite3_column_int64(statement, 2));
      }
    }
    if (rc != SQLITE_DONE) throw std::runtime_error(std::string("SQLite step: ") + sqlite3_errmsg(db.get()));
    sqlite3_reset(statement);
    return total;
  });
  if (!options.dump.empty()) {
    // The answers once, sorted, to compare the engines' counts (--dump).
    std::ofstream out(options.dump);
    for (std::size_t i = 0; i < statements.size(); ++i) {
      std::vector<std::string> lines;
      while (sqlite3_step(statements[i]) == SQLITE_ROW) {
        const auto column = [&](int c) {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statements[i], c));
          return std::string(text ? text : "");
        };
        std::string kind = column(0);
        if (kind == "hit") continue;
        if (sqlite3_column_type(statements[i], 0) == SQLITE_INTEGER) {
          kind = search::FacetKey(static_cast<search::Facet>(sqlite3_column_int(statements[i], 0)));
        }
        lines.push_back("q" + std::to_string(i) + "\t" + kind + "\t" + column(1) + "\t" +
                        std::to_string(sqlite3_column_int64(statements[i], 2)));
      }
      sqlite3_reset(statements[i]);
      std::sort(lines.begin(), lines.end());
      for (const std::string& line : lines) {
        if (!line.ends_with("\t0")) out << line << "\n";
      }
    }
  }
  if (!options.explain.empty()) {
    // EXPLAIN QUERY PLAN of the first query of each family (--explain).
    std::ofstream out(options.explain);
    for (Family family : kFamilies) {
      for (std::size_t i = 0; i < world.queries.size(); ++i) {
        if (world.queries[i].family != family) continue;
        out << "### " << FamilyKey(family) << "\n\n```sql\n" << sqls[i] << "\n```\n\n```\n";
        sqlite3_stmt* plan = nullptr;
        if (sqlite3_prepare_v2(db.get(), ("EXPLAIN QUERY PLAN " + sqls[i]).c_str(), -1, &plan, nullptr) == SQLITE_OK) {
          while (sqlite3_step(plan) == SQLITE_ROW) {
            out << sqlite3_column_int(plan, 0) << " " << sqlite3_column_int(plan, 1) << " "
                << reinterpret_cast<const char*>(sqlite3_column_text(plan, 3)) << "\n";
          }
        }
        sqlite3_finalize(plan);
        out << "```\n\n";
        break;
      }
    }
  }
  for (sqlite3_stmt* statement : statements) sqlite3_finalize(statement);
  latencies.Print("fts5", options.size);
  return 0;
}

}  // namespace boussole::bench
