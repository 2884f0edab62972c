// DumpDatabase over libpqxx: one connection, one transaction. Reads go through a cursor;
// loads send rows in batches through json_populate_recordset, so that tens of thousands
// of rows take a few statements.
#include <algorithm>
#include <optional>
#include <pqxx/pqxx>
#include <stdexcept>

#include "storage/dump/dump_database.h"

namespace boussole::storage::dump {
namespace {

using nlohmann::json;

constexpr std::size_t kBatchRows = 5000;
constexpr int kFetchRows = 5000;

std::optional<ColumnKind> KindOfDataType(const std::string& type) {
  if (type == "smallint" || type == "integer" || type == "bigint") return ColumnKind::kInteger;
  if (type == "real" || type == "double precision") return ColumnKind::kReal;
  if (type == "text" || type == "character varying" || type == "character") return ColumnKind::kText;
  return std::nullopt;
}

json FieldValue(const pqxx::field& field, ColumnKind kind) {
  if (field.is_null()) return nullptr;
  switch (kind) {
    case ColumnKind::kInteger:
      return field.as<std::int64_t>();
    case ColumnKind::kReal:
      return field.as<double>();
    case ColumnKind::kText:
      break;
  }
  return std::string(field.c_str(), field.size());
}

class PgDumpDatabase final : public DumpDatabase {
 public:
  explicit PgDumpDatabase(const std::string& url) : connection_(url) {}
  ~PgDumpDatabase() override { tx_.reset(); }  // an uncommitted transaction is aborted

  std::string_view Backend() const override { return "postgresql"; }

  void BeginRead() override {
    tx_ = std::make_unique<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>>(connection_);
    // libpqxx begins lazily, and exec_params does not begin: start (and take the snapshot) now.
    tx_->exec("SELECT 1");
  }

  void BeginWrite() override {
    tx_ = std::make_unique<pqxx::work>(connection_);
    tx_->exec("SET LOCAL lock_timeout = '30s'");
    // Readers may go on; writers (a running server) wait until the load ends.
    const auto present = TableNames();
    for (const DumpTable& table : DumpTables()) {
      if (std::find(present.begin(), present.end(), table.name) == present.end()) continue;
      tx_->exec("LOCK TABLE " + tx_->quote_name(std::string(table.name)) + " IN EXCLUSIVE MODE");
    }
  }

  void Commit() override { tx_->commit(); }

  std::vector<std::string> TableNames() override {
    std::vector<std::string> names;
    for (const auto& row : tx_->exec("SELECT table_name FROM information_schema.tables"
                                     " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
      names.push_back(row[0].as<std::string>());
    }
    return names;
  }

  Result<std::vector<ColumnInfo>> Columns(std::string_view table) override {
    const auto rows = tx_->exec_params(
        "SELECT column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        std::string(table));
    std::vector<ColumnInfo> columns;
    for (const auto& row : rows) {
      const auto name = row[0].as<std::string>();
      const auto type = row[1].as<std::string>();
      auto kind = KindOfDataType(type);
      if (!kind) return UnsupportedColumnType(table, name, type);
      columns.push_back({name, *kind});
    }
    return columns;
  }

  std::int64_t CountRows(std::string_view table) override {
    return tx_->exec("SELECT count(*) FROM " + Quote(table))[0][0].as<std::int64_t>();
  }

  void ReadRows(const DumpTable& table, const std::vector<ColumnInfo>& columns,
                const std::function<void(const json&)>& emit) override {
    tx_->exec("DECLARE dump_rows NO SCROLL CURSOR FOR " + SelectInKeyOrder(table, columns));
    const std::string fetch = "FETCH FORWARD " + std::to_string(kFetchRows) + " FROM dump_rows";
    for (auto rows = tx_->exec(fetch); !rows.empty(); rows = tx_->exec(fetch)) {
      for (const auto& row : rows) {
        json values = json::array();
        for (std::size_t i = 0; i < columns.size(); ++i)
          values.push_back(FieldValue(row[static_cast<int>(i)], columns[i].kind));
        emit(values);
      }
    }
    tx_->exec("CLOSE dump_rows");
  }

  void StartTable(std::string_view table, const std::vector<ColumnInfo>& columns) override {
    table_ = std::string(table);
    columns_ = columns;
    std::string names;
    for (std::size_t i = 0; i < columns.size(); ++i) names += (i ? ", " : "") + Quote(columns[i].name);
    // OVERRIDING SYSTEM VALUE: identity columns take the dumped ids, not new ones.
    insert_sql_ = "INSERT INTO " + Quote(table) + " (" + names + ") OVERRIDING SYSTEM VALUE SELECT " + names +
                  " FROM json_populate_recordset(NULL::" + Quote(table) + ", $1::json)";
    batch_ = json::array();
    batch_lines_.clear();
  }

  Status InsertRow(const json& row, std::size_t line) override {
    json record = json::object();
    for (std::size_t i = 0; i < columns_.size(); ++i) record[columns_[i].name] = row[i];
    batch_.push_back(std::move(record));
    batch_lines_.push_back(line);
    if (batch_.size() < kBatchRows) return Ok();
    return Flush();
  }

  Status FinishTable() override {
    auto flushed = Flush();
    if (!flushed) return flushed;
    AdvanceSequences();
    return Ok();
  }

 private:
  std::string Quote(std::string_view identifier) { return tx_->quote_name(std::string(identifier)); }

  std::string SelectInKeyOrder(const DumpTable& table, const std::vector<ColumnInfo>& columns) {
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + Quote(columns[i].name);
    sql += " FROM " + Quote(table.name) + " ORDER BY ";
    for (std::size_t i = 0; i < table.primary_key.size(); ++i) {
      const auto column = std::find_if(columns.begin(), columns.end(),
                                       [&](const ColumnInfo& c) { return c.name == table.primary_key[i]; });
      if (column == columns.end())
        throw std::logic_error("primary key column missing: " + std::string(table.primary_key[i]));
      // Byte order, as SQLite's BINARY collation, whatever the database's locale.
      sql += (i ? ", " : "") + Quote(column->name) + (column->kind == ColumnKind::kText ? " COLLATE \"C\"" : "");
    }
    return sql;
  }

  //! Sends the buffered rows. When the database refuses the batch, inserts them again one
  //! by one, each under its own savepoint, to name the line at fault.
  Status Flush() {
    if (batch_.empty()) return Ok();
    if (InsertUnderSavepoint(batch_.dump())) return FindRefusedRow();
    batch_ = json::array();
    batch_lines_.clear();
    return Ok();
  }

  Status FindRefusedRow() {
    for (std::size_t i = 0; i < batch_.size(); ++i) {
      if (auto refused = InsertUnderSavepoint(json::array({batch_[i]}).dump())) {
        return RowRefused(batch_lines_[i], *refused);
      }
    }
    return RowRefused(batch_lines_.front(), "lignes " + std::to_string(batch_lines_.front()) + " à " +
                                                std::to_string(batch_lines_.back()) + " refusées ensemble");
  }

  //! Inserts a JSON array of records; on refusal, undoes just that and says why. (Plain
  //! SAVEPOINT statements: libpqxx 6.4's subtransaction does not open its savepoint
  //! before exec_params.)
  std::optional<std::string> InsertUnderSavepoint(const std::string& records) {
    tx_->exec("SAVEPOINT dump_insert");
    try {
      tx_->exec_params(insert_sql_, records);
    } catch (const pqxx::sql_error& e) {
      tx_->exec("ROLLBACK TO SAVEPOINT dump_insert");
      return std::string(e.what());
    }
    tx_->exec("RELEASE SAVEPOINT dump_insert");
    return std::nullopt;
  }

  //! Serial and identity columns: the next generated id must follow the loaded ones.
  void AdvanceSequences() {
    for (const ColumnInfo& column : columns_) {
      if (column.kind != ColumnKind::kInteger) continue;
      const auto sequence = tx_->exec_params("SELECT pg_get_serial_sequence($1, $2)", Quote(table_), column.name);
      if (sequence.empty() || sequence[0][0].is_null()) continue;
      tx_->exec_params("SELECT setval($1, m) FROM (SELECT max(" + Quote(column.name) + ") AS m FROM " + Quote(table_) +
                           ") AS loaded WHERE m IS NOT NULL",
                       sequence[0][0].as<std::string>());
    }
  }

  pqxx::connection connection_;
  std::unique_ptr<pqxx::dbtransaction> tx_;
  std::string table_;
  std::vector<ColumnInfo> columns_;
  std::string insert_sql_;
  json batch_ = json::array();
  std::vector<std::size_t> batch_lines_;
};

}  // namespace

std::unique_ptr<DumpDatabase> OpenPgDumpDatabase(const std::string& url) {
  return std::make_unique<PgDumpDatabase>(url);
}

}  // namespace boussole::storage::dump
