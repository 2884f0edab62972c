#pragma once
// What every bench command starts from: the inputs, the corpus of the requested size and
// the query set, all deterministic.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench_inputs.h"
#include "catalogue_model.h"
#include "query_set.h"
#include "territory_pool.h"

namespace boussole::bench {

struct Options {
  std::filesystem::path root;   //!< source tree
  std::filesystem::path seeds;  //!< ../shared/seeds
  std::size_t size = 1000;
  std::size_t repeats = 50;
  std::string url;              //!< database or server URL, per command
  std::filesystem::path explain;  //!< postgres, fts5: where to write the query plans ("" none)
  std::filesystem::path dir;      //!< fts5, xapian: the folder for the database files
  std::filesystem::path dump;     //!< inprocess, fts5, xapian: write every query's total and counts here
};

struct World {
  BenchInputs inputs;
  CatalogueModel model;
  std::unique_ptr<TerritoryPool> pool;
  std::vector<catalogue::Offer> corpus;
  std::vector<BenchQuery> queries;
};

World MakeWorld(const Options& options);

}  // namespace boussole::bench
