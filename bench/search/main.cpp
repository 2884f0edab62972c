// boussole-bench-search: the search benchmark's commands (bench/search/run.sh runs them).
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.h"

int main(int argc, char** argv) {
  using namespace boussole::bench;
  Options options;
  options.root = BOUSSOLE_BENCH_SOURCE_DIR;
  options.seeds = options.root / "../shared/seeds";
  CLI::App app{"Search benchmark: synthetic offers, in-process index, HTTP API, PostgreSQL baseline, FTS5, Xapian"};
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--root", options.root, "Source tree (data/, node_modules/)");
  app.add_option("--seeds", options.seeds, "Seed texts folder");
  app.add_option("--size", options.size, "Number of synthetic offers");
  app.add_option("--repeats", options.repeats, "Passes over the query set");
  auto* inprocess = app.add_subcommand("inprocess", "Build the index here and query it");
  inprocess->add_option("--dump", options.dump, "Write each query's total and facet counts here (to compare engines)");
  auto* load = app.add_subcommand("load-store", "Import the corpus into a store");
  load->add_option("--database", options.url, "sqlite://PATH or postgresql://…")->required();
  auto* http = app.add_subcommand("http", "Query a running boussole serve");
  http->add_option("--url", options.url, "http://127.0.0.1:PORT")->required();
  auto* postgres = app.add_subcommand("postgres", "PostgreSQL full-text baseline");
  postgres->add_option("--database", options.url, "postgresql://… (an empty database)")->required();
  postgres->add_option("--explain", options.explain, "Write EXPLAIN (ANALYZE, BUFFERS) of one query per family here");
  auto* fts5 = app.add_subcommand("fts5", "SQLite FTS5 engine (on disk, in this process)");
  fts5->add_option("--dir", options.dir, "Folder for the database (created, its fts5.db replaced)")->required();
  fts5->add_option("--dump", options.dump, "Write each query's total and facet counts here (to compare engines)");
  fts5->add_option("--explain", options.explain, "Write EXPLAIN QUERY PLAN of one query per family here");
  auto* xapian = app.add_subcommand("xapian", "Xapian engine (on disk, in this process)");
  xapian->add_option("--dir", options.dir, "Folder for the database (created; its build/ and db/ replaced)")->required();
  xapian->add_option("--dump", options.dump, "Write each query's total and facet counts here (to compare engines)");
  auto* sample = app.add_subcommand("sample", "Print the corpus and the queries as JSON lines");
  CLI11_PARSE(app, argc, argv);
  try {
    if (*inprocess) return RunInProcess(options);
    if (*load) return RunLoadStore(options);
    if (*http) return RunHttp(options);
    if (*postgres) return RunPostgres(options);
    if (*fts5) return RunFts5(options);
    if (*xapian) return RunXapian(options);
    if (*sample) return RunSample(options);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 2;
}
