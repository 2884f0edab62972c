#include <algorithm>
#include <cerrno>
#include <fstream>
#include <optional>

#include "storage/dump/dump.h"
#include "storage/dump/dump_database.h"
#include "storage/dump/dump_file.h"
#include "storage/store.h"

namespace boussole::storage::dump {
namespace {

using nlohmann::json;

//! The dump file, line by line, with one line of look-ahead.
class LineReader {
 public:
  explicit LineReader(std::istream& in) : in_(in) {}

  //! The next raw line, or nullopt at the end of the file.
  std::optional<std::string> NextText() {
    std::string text;
    if (!std::getline(in_, text)) return std::nullopt;
    ++line_;
    return text;
  }
  //! The next line as JSON, or nullopt at the end of the file.
  Result<std::optional<json>> Next() {
    if (pending_) {
      std::optional<json> value = std::move(pending_);
      pending_.reset();
      return value;
    }
    auto text = NextText();
    if (!text) return std::optional<json>();
    auto value = ParseLine(*text, line_);
    if (!value) return value.error();
    return std::optional<json>(std::move(value).value());
  }
  //! Gives back the line just read: the next call to Next() returns it again.
  void PutBack(json value) { pending_ = std::move(value); }
  //! The number of the line last read.
  std::size_t line() const { return line_; }

 private:
  std::istream& in_;
  std::size_t line_ = 0;
  std::optional<json> pending_;
};

Error Truncated(std::size_t last_line) {
  return AtLine(last_line, "la copie s'arrête ici, sans sa ligne de fin : fichier tronqué.");
}

//! The target's columns in the order of the table line, which must name exactly them.
Result<std::vector<ColumnInfo>> MatchColumns(DumpDatabase& db, const DumpTable& table, const json& table_line,
                                             std::size_t line) {
  auto names = ParseColumns(table_line, line);
  if (!names) return names.error();
  auto target = db.Columns(table.name);
  if (!target) return target.error();
  std::vector<ColumnInfo> ordered;
  std::string unknown, missing;
  for (const auto& name : names.value()) {
    auto found =
        std::find_if(target.value().begin(), target.value().end(), [&](const ColumnInfo& c) { return c.name == name; });
    if (found == target.value().end()) {
      unknown += (unknown.empty() ? "« " : ", « ") + name + " »";
    } else {
      ordered.push_back(*found);
    }
  }
  for (const auto& column : target.value()) {
    if (std::find(names.value().begin(), names.value().end(), column.name) == names.value().end()) {
      missing += (missing.empty() ? "« " : ", « ") + column.name + " »";
    }
  }
  if (!unknown.empty() || !missing.empty()) {
    return AtLine(line, "les colonnes de la table « " + std::string(table.name) + " » ne sont pas celles de la base" +
                            (unknown.empty() ? "" : " ; inconnues de la base : " + unknown) +
                            (missing.empty() ? "" : " ; absentes du fichier : " + missing) + ".");
  }
  return ordered;
}

Status InsertRow(DumpDatabase& db, const std::vector<ColumnInfo>& columns, const json& row, std::size_t line) {
  if (row.size() != columns.size()) {
    return AtLine(line,
                  std::to_string(columns.size()) + " valeurs attendues, " + std::to_string(row.size()) + " trouvées.");
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string problem = CheckValue(row[i], columns[i].kind);
    if (!problem.empty()) return AtLine(line, "colonne « " + columns[i].name + " » : " + problem + ".");
  }
  return db.InsertRow(row, line);
}

//! The table line of `table`, then its rows up to the next line that is not a row.
Result<std::int64_t> LoadTable(DumpDatabase& db, const DumpTable& table, LineReader& reader) {
  const std::string name(table.name);
  auto next = reader.Next();
  if (!next) return next.error();
  if (!next.value()) return Truncated(reader.line());
  const json& start = *next.value();
  if (!start.is_object() || !start.contains("table")) {
    return AtLine(reader.line(), "début de la table « " + name + " » attendu ({\"table\":\"" + name +
                                     "\",\"columns\":[…]}) : copie incomplète ou altérée.");
  }
  if (start["table"] != json(name)) {
    return AtLine(reader.line(), "table " + start["table"].dump() + " inattendue ici (attendu : « " + name + " »).");
  }
  auto columns = MatchColumns(db, table, start, reader.line());
  if (!columns) return columns.error();
  db.StartTable(table.name, columns.value());
  std::int64_t rows = 0;
  while (true) {
    next = reader.Next();
    if (!next) return next.error();
    if (!next.value()) return Truncated(reader.line());
    if (!next.value()->is_array()) {
      reader.PutBack(std::move(*next.value()));
      break;
    }
    auto inserted = InsertRow(db, columns.value(), *next.value(), reader.line());
    if (!inserted) return inserted.error();
    ++rows;
  }
  auto finished = db.FinishTable();
  if (!finished) return finished.error();
  return rows;
}

//! The end line must announce exactly the rows read, and nothing may follow it.
Status CheckEnd(LineReader& reader, const std::vector<TableCount>& counts) {
  auto next = reader.Next();
  if (!next) return next.error();
  if (!next.value()) return Truncated(reader.line());
  const json& end = *next.value();
  if (!end.is_object() || end.value("end", json()) != json(true) || !end.contains("tables") ||
      !end["tables"].is_object() || end["tables"].size() != counts.size()) {
    return AtLine(reader.line(), "ligne de fin attendue ({\"end\":true,\"tables\":{…}}) : copie altérée.");
  }
  for (const auto& count : counts) {
    const json announced = end["tables"].value(count.table, json());
    if (announced != json(count.rows)) {
      return AtLine(reader.line(), "la ligne de fin annonce " + announced.dump() + " lignes pour la table « " +
                                       count.table + " », le fichier en contient " + std::to_string(count.rows) +
                                       " : copie incomplète ou altérée.");
    }
  }
  if (reader.NextText()) return AtLine(reader.line(), "contenu inattendu après la ligne de fin.");
  return Ok();
}

Status CheckEmpty(DumpDatabase& db) {
  std::string filled;
  for (const DumpTable& table : DumpTables()) {
    const auto rows = db.CountRows(table.name);
    if (rows > 0)
      filled +=
          (filled.empty() ? "« " : ", « ") + std::string(table.name) + " » (" + std::to_string(rows) + " ligne(s))";
  }
  if (filled.empty()) return Ok();
  return Error{"not_empty",
               "La base cible n'est pas vide : " + filled +
                   ". Le chargement se fait dans une base vide, pour ne rien écraser ni mélanger.",
               {}};
}

Result<DumpSummary> LoadAll(DumpDatabase& db, LineReader& reader, DumpSummary summary) {
  db.BeginWrite();
  auto tables = CheckTableList(db.TableNames());
  if (!tables) return tables.error();
  auto empty = CheckEmpty(db);
  if (!empty) return empty.error();
  for (const DumpTable& table : DumpTables()) {
    auto rows = LoadTable(db, table, reader);
    if (!rows) return rows.error();
    summary.tables.push_back({std::string(table.name), rows.value()});
  }
  auto end = CheckEnd(reader, summary.tables);
  if (!end) return end.error();
  db.Commit();
  return summary;
}

//! Opens (hence migrates) the target and checks that it is at the dump's schema version.
Status CheckTargetSchema(const std::string& url, int dump_schema, DumpSummary& summary) {
  auto store = OpenStore(url);
  if (!store) return store.error();
  summary.backend = std::string(store.value()->Backend());
  summary.schema_version = store.value()->SchemaVersion();
  if (summary.schema_version == dump_schema) return Ok();
  return Error{"schema_mismatch",
               "La copie est au schéma " + std::to_string(dump_schema) + " et la base cible au schéma " +
                   std::to_string(summary.schema_version) + " : la copie vient d'une version " +
                   (dump_schema < summary.schema_version ? "plus ancienne" : "plus récente") +
                   " de Boussole. Chargez-la avec la version qui l'a faite.",
               {}};
}

}  // namespace

Result<DumpSummary> LoadDump(const std::string& url, const std::filesystem::path& from) {
  std::ifstream in(from, std::ios::binary);
  if (std::filesystem::is_directory(from)) errno = EISDIR;
  if (!in || std::filesystem::is_directory(from)) {
    return Error{
        "io_error", "Impossible de lire le fichier « " + from.string() + " » : " + SystemErrorText(errno) + ".", {}};
  }
  LineReader reader(in);
  auto first = reader.NextText();
  if (!first)
    return Error{
        "invalid_dump", "Le fichier « " + from.string() + " » est vide : ce n'est pas une copie Boussole.", {}};
  auto header = ParseHeader(*first);
  if (!header) return header.error();
  DumpSummary summary;
  auto schema = CheckTargetSchema(url, header.value().schema_version, summary);
  if (!schema) return schema.error();
  auto db = OpenDumpDatabase(url);
  if (!db) return db.error();
  try {
    return LoadAll(*db.value(), reader, std::move(summary));
  } catch (const std::exception& e) {
    return Error{
        "load_failed", "Le chargement a échoué (ligne " + std::to_string(reader.line()) + ") : " + e.what(), {}};
  }
}

}  // namespace boussole::storage::dump
