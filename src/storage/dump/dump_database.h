#pragma once
// A direct connection to one database for dump and load, beside the Store: copying a whole
// instance needs table-level access (every row of every table, in one transaction) that the
// domain interface rightly does not offer. One implementation per backend; callers see only
// this class. Not thread-safe: one connection, used by one thread.
//
// Database failures (connection lost, I/O error) throw std::exception; rows the database
// refuses during a load are expected failures and come back as Status, naming the line.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/dump/dump_format.h"
#include "storage/dump/dump_tables.h"

namespace boussole::storage::dump {

class DumpDatabase {
 public:
  virtual ~DumpDatabase() = default;

  //! "sqlite" or "postgresql".
  virtual std::string_view Backend() const = 0;

  //! Starts a read-only transaction over a consistent snapshot of the whole database.
  virtual void BeginRead() = 0;
  //! Starts the write transaction of a load and keeps other writers out of the dumped
  //! tables until it ends. An uncommitted transaction is rolled back at destruction.
  virtual void BeginWrite() = 0;
  virtual void Commit() = 0;

  //! Names of the ordinary tables of the database (schema_migrations included).
  virtual std::vector<std::string> TableNames() = 0;
  //! The columns of `table` in declaration order; fails on a column type dumps cannot hold.
  virtual Result<std::vector<ColumnInfo>> Columns(std::string_view table) = 0;
  virtual std::int64_t CountRows(std::string_view table) = 0;

  //! Calls `emit` with each row of `table` as a JSON array of `columns`' values, in byte
  //! order of the primary key.
  virtual void ReadRows(const DumpTable& table, const std::vector<ColumnInfo>& columns,
                        const std::function<void(const nlohmann::json&)>& emit) = 0;

  //! Prepares inserts into `table`, whose rows give `columns` in this order.
  virtual void StartTable(std::string_view table, const std::vector<ColumnInfo>& columns) = 0;
  //! Inserts one row (a JSON array already checked against the column kinds), read at
  //! `line` of the file. A backend may buffer rows: a refused row is then reported, with
  //! its own line, by a later InsertRow or by FinishTable.
  virtual Status InsertRow(const nlohmann::json& row, std::size_t line) = 0;
  virtual Status FinishTable() = 0;
};

//! Connects to the database named by a store URL (`sqlite://PATH`, `postgresql://…`). The
//! database must exist and be migrated: open it with OpenStore first.
Result<std::unique_ptr<DumpDatabase>> OpenDumpDatabase(const std::string& url);

//! Builds one backend's connection (sqlite_dump_database.cpp, pg_dump_database.cpp).
std::unique_ptr<DumpDatabase> OpenSqliteDumpDatabase(const std::string& path);
std::unique_ptr<DumpDatabase> OpenPgDumpDatabase(const std::string& url);

}  // namespace boussole::storage::dump
