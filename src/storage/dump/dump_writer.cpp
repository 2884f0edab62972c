#include <stdexcept>

#include "core/clock.h"
#include "storage/dump/dump.h"
#include "storage/dump/dump_database.h"
#include "storage/dump/dump_file.h"
#include "storage/store.h"

namespace boussole::storage::dump {
namespace {

//! Writes one table: its line, then its rows. Throws on a database failure.
Result<std::int64_t> WriteTable(DumpDatabase& db, const DumpTable& table, AtomicFile& file) {
  auto columns = db.Columns(table.name);
  if (!columns) return columns.error();
  auto written = file.Append(TableLine(table.name, columns.value()));
  if (!written) return written.error();
  std::int64_t rows = 0;
  db.ReadRows(table, columns.value(), [&](const nlohmann::json& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      // A value the format cannot carry faithfully (non-STRICT SQLite, NaN) stops the dump.
      const std::string problem = CheckValue(row[i], columns.value()[i].kind);
      if (!problem.empty()) {
        throw std::runtime_error("table « " + std::string(table.name) + " », colonne « " + columns.value()[i].name +
                                 " » : " + problem);
      }
    }
    std::string line;
    try {
      line = RowLine(row);
    } catch (const nlohmann::json::type_error&) {
      throw std::runtime_error("table « " + std::string(table.name) + " » : texte qui n'est pas de l'UTF-8 valide");
    }
    auto appended = file.Append(line);
    if (!appended) throw std::runtime_error(appended.error().message);
    ++rows;
  });
  return rows;
}

Result<DumpSummary> WriteAll(DumpDatabase& db, DumpSummary summary, AtomicFile& file) {
  db.BeginRead();
  auto tables = CheckTableList(db.TableNames());
  if (!tables) return tables.error();
  auto opened = file.Open();
  if (!opened) return opened.error();
  auto header = file.Append(HeaderLine({summary.schema_version, summary.backend, NowUtc()}));
  if (!header) return header.error();
  for (const DumpTable& table : DumpTables()) {
    auto rows = WriteTable(db, table, file);
    if (!rows) return rows.error();
    summary.tables.push_back({std::string(table.name), rows.value()});
  }
  auto end = file.Append(EndLine(summary.tables));
  if (!end) return end.error();
  db.Commit();
  auto committed = file.Commit();
  if (!committed) return committed.error();
  return summary;
}

}  // namespace

Result<DumpSummary> WriteDump(const std::string& url, const std::filesystem::path& to) {
  DumpSummary summary;
  {
    // Reachability and schema: the store opens, migrates and says which version it is at.
    auto store = OpenStore(url);
    if (!store) return store.error();
    summary.backend = std::string(store.value()->Backend());
    summary.schema_version = store.value()->SchemaVersion();
  }
  auto db = OpenDumpDatabase(url);
  if (!db) return db.error();
  AtomicFile file(to);
  try {
    return WriteAll(*db.value(), std::move(summary), file);
  } catch (const std::exception& e) {
    return Error{"dump_failed", "La copie a échoué : " + std::string(e.what()), {}};
  }
}

}  // namespace boussole::storage::dump
