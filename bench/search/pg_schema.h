#pragma once
// The PostgreSQL baseline's schema, as Aides-territoires searches its aids: a French
// text search configuration with unaccent, one weighted tsvector per offer under a GIN
// index, facets as text[] columns under GIN indexes, and a precomputed table of every
// perimeter's ancestors for "offers available in this territory".
#include <pqxx/pqxx>

#include "world.h"

namespace boussole::bench {

//! Drops and creates the tables, loads the corpus (COPY) and the ancestors of every
//! territory, creates the indexes and runs ANALYZE. Returns the seconds each step took.
struct PgLoadTimes {
  double copy_s = 0;
  double index_s = 0;
  double analyze_s = 0;
};
PgLoadTimes LoadBaseline(pqxx::connection& connection, const World& world);

}  // namespace boussole::bench
