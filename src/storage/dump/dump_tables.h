#pragma once
// The one list of what `boussole dump` writes and `boussole load` reads. Adding a table to
// the schema means adding one line to kDumpTables (in foreign-key order: a table comes after
// the tables it references); until then, dump and load refuse to run on that database.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace boussole::storage::dump {

struct DumpTable {
  std::string_view name;
  //! Rows are written in byte order of these columns, so that two dumps of the same data
  //! are identical whatever the backend.
  std::vector<std::string_view> primary_key;
};

//! Every table of the instance, parents before children.
const std::vector<DumpTable>& DumpTables();

//! Tables that exist in every database but are not data: the target of a load rebuilds them
//! itself (schema_migrations is written by the migrations that opening the store applies).
const std::vector<std::string_view>& IgnoredTables();

//! Checks that the tables found in a database are exactly DumpTables() plus IgnoredTables():
//! a table nobody listed fails loudly rather than being left out of the dump.
Status CheckTableList(const std::vector<std::string>& tables_in_database);

}  // namespace boussole::storage::dump
