#pragma once
// `boussole dump` and `boussole load`: a whole instance to one backend-neutral file and back,
// to move between SQLite and PostgreSQL. The format is described in dump_format.h and in
// README.md ("Dump format"); the tables in dump_tables.h.
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/dump/dump_format.h"

namespace boussole::storage::dump {

struct DumpSummary {
  std::string backend;
  int schema_version = 0;
  std::vector<TableCount> tables;  //!< in file order
};

//! Writes every table of the database at `url` (opened, hence migrated, first) to `to`,
//! from one consistent snapshot. `to` appears only once complete (written as `to.tmp`
//! then renamed). Fails with a French message when the database is unreachable, holds a
//! table the dump does not know, or the file cannot be written.
Result<DumpSummary> WriteDump(const std::string& url, const std::filesystem::path& to);

//! Loads the dump `from` into the database at `url`, which must be empty and, once
//! migrated, at the dump's schema version. All or nothing: one transaction, and any
//! problem (damaged, truncated or refused line, non-empty target) leaves the database as
//! it was, with a French message naming the line at fault.
Result<DumpSummary> LoadDump(const std::string& url, const std::filesystem::path& from);

}  // namespace boussole::storage::dump
