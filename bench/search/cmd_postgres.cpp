// The PostgreSQL baseline: the same corpus and queries through PostgreSQL full-text search,
// one prepared statement per query, from this client over loopback.
#include <fstream>
#include <iostream>

#include "commands.h"
#include "core/clock.h"
#include "latency.h"
#include "pg_query.h"
#include "pg_schema.h"
#include "search/ancestry.h"
#include "search/offer_filters.h"

namespace boussole::bench {

int RunPostgres(const Options& options) {
  World world = MakeWorld(options);
  pqxx::connection connection(options.url);
  const PgLoadTimes times = LoadBaseline(connection, world);
  PrintMetric("postgres", options.size, "copy_s", times.copy_s);
  PrintMetric("postgres", options.size, "index_s", times.index_s);
  PrintMetric("postgres", options.size, "analyze_s", times.analyze_s);

  const search::Ancestry ancestry(world.inputs.territories);
  PgQueryContext context;
  context.today = TodayUtc();
  context.closing_limit = search::AddDays(context.today, 30);
  context.quote = [&connection](const std::string& text) { return connection.quote(text); };
  std::vector<std::string> names;
  std::vector<std::string> sqls;
  for (std::size_t i = 0; i < world.queries.size(); ++i) {
    const BenchQuery& query = world.queries[i];
    context.covering = query.territory.empty() ? std::vector<std::string>{} : ancestry.Covering(query.territory);
    sqls.push_back(PgQuerySql(query, context));
    names.push_back("q" + std::to_string(i));
    connection.prepare(names.back(), sqls.back());
  }

  pqxx::nontransaction tx(connection);
  const Latencies latencies = Measure(world.queries, options.repeats, [&](std::size_t i) {
    const pqxx::result rows = tx.exec_prepared(names[i]);
    for (const auto& row : rows) {
      if (row[0].as<std::string>() == "total") return static_cast<std::size_t>(row[2].as<double>());
    }
    return std::size_t{0};
  });

  if (!options.explain.empty()) {
    std::ofstream out(options.explain);
    for (Family family : kFamilies) {
      for (std::size_t i = 0; i < world.queries.size(); ++i) {
        if (world.queries[i].family != family) continue;
        out << "### " << FamilyKey(family) << "\n\n```sql\n" << sqls[i] << "\n```\n\n```\n";
        for (const auto& row : tx.exec("EXPLAIN (ANALYZE, BUFFERS) " + sqls[i])) out << row[0].c_str() << "\n";
        out << "```\n\n";
        break;
      }
    }
  }
  latencies.Print("postgres", options.size);
  return 0;
}

}  // namespace boussole::bench
