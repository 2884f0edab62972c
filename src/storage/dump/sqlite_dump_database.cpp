// DumpDatabase over the SQLite C API: one connection, one transaction, prepared statements.
#include <sqlite3.h>

#include <cctype>
#include <optional>
#include <stdexcept>

#include "storage/dump/dump_database.h"
#include "storage/sqlite/sqlite_db.h"

namespace boussole::storage::dump {
namespace {

using nlohmann::json;

std::string Quote(std::string_view identifier) {
  std::string quoted = "\"";
  for (char c : identifier) quoted += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

//! A prepared statement, finalized at destruction.
class Stmt {
 public:
  Stmt(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) {
      throw sqlite::DbError("prepare: " + std::string(sqlite3_errmsg(db)));
    }
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  //! True while a row is available; throws on failure.
  bool Step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw sqlite::DbError("step: " + std::string(sqlite3_errmsg(db_)));
  }
  sqlite3_stmt* get() { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

//! SQLite's type affinity rules (section 3.1 of "Datatypes In SQLite").
std::optional<ColumnKind> KindOfDeclaredType(std::string type) {
  for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (type.find("INT") != std::string::npos) return ColumnKind::kInteger;
  for (const char* text : {"CHAR", "CLOB", "TEXT"}) {
    if (type.find(text) != std::string::npos) return ColumnKind::kText;
  }
  for (const char* real : {"REAL", "FLOA", "DOUB"}) {
    if (type.find(real) != std::string::npos) return ColumnKind::kReal;
  }
  return std::nullopt;
}

json ColumnValue(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_NULL:
      return nullptr;
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(stmt, i));
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, i);
    case SQLITE_TEXT:
      return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)));
    default:
      throw std::runtime_error("valeur binaire (BLOB) dans la colonne « " + std::string(sqlite3_column_name(stmt, i)) +
                               " » : non prise en charge");
  }
}

class SqliteDumpDatabase final : public DumpDatabase {
 public:
  explicit SqliteDumpDatabase(const std::string& path) : connection_(path) {}
  ~SqliteDumpDatabase() override {
    insert_.reset();
    if (sqlite3_get_autocommit(db()) == 0) sqlite3_exec(db(), "ROLLBACK", nullptr, nullptr, nullptr);
  }

  std::string_view Backend() const override { return "sqlite"; }

  void BeginRead() override {
    // A deferred transaction takes its snapshot at the first read: read at once.
    connection_.Exec("BEGIN; SELECT count(*) FROM sqlite_schema;");
  }
  // IMMEDIATE: the write lock is taken now, so the emptiness check holds until commit.
  void BeginWrite() override { connection_.Exec("BEGIN IMMEDIATE"); }
  void Commit() override { connection_.Exec("COMMIT"); }

  std::vector<std::string> TableNames() override {
    Stmt q(db(), "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    std::vector<std::string> names;
    while (q.Step()) names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0)));
    return names;
  }

  Result<std::vector<ColumnInfo>> Columns(std::string_view table) override {
    Stmt q(db(), "SELECT name, type FROM pragma_table_info(?1) ORDER BY cid");
    sqlite3_bind_text(q.get(), 1, table.data(), static_cast<int>(table.size()), SQLITE_TRANSIENT);
    std::vector<ColumnInfo> columns;
    while (q.Step()) {
      std::string name = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0));
      std::string type = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 1));
      auto kind = KindOfDeclaredType(type);
      if (!kind) return UnsupportedColumnType(table, name, type);
      columns.push_back({std::move(name), *kind});
    }
    return columns;
  }

  std::int64_t CountRows(std::string_view table) override {
    Stmt q(db(), "SELECT count(*) FROM " + Quote(table));
    q.Step();
    return sqlite3_column_int64(q.get(), 0);
  }

  void ReadRows(const DumpTable& table, const std::vector<ColumnInfo>& columns,
                const std::function<void(const json&)>& emit) override {
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + Quote(columns[i].name);
    sql += " FROM " + Quote(table.name) + " ORDER BY ";
    for (std::size_t i = 0; i < table.primary_key.size(); ++i) {
      sql += (i ? ", " : "") + Quote(table.primary_key[i]) + " COLLATE BINARY";
    }
    Stmt q(db(), sql);
    const int count = static_cast<int>(columns.size());
    while (q.Step()) {
      json row = json::array();
      for (int i = 0; i < count; ++i) row.push_back(ColumnValue(q.get(), i));
      emit(row);
    }
  }

  void StartTable(std::string_view table, const std::vector<ColumnInfo>& columns) override {
    std::string names, slots;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      names += (i ? ", " : "") + Quote(columns[i].name);
      slots += i ? ", ?" : "?";
    }
    insert_ = std::make_unique<Stmt>(db(), "INSERT INTO " + Quote(table) + " (" + names + ") VALUES (" + slots + ")");
  }

  Status InsertRow(const json& row, std::size_t line) override {
    sqlite3_stmt* stmt = insert_->get();
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (std::size_t i = 0; i < row.size(); ++i) Bind(stmt, static_cast<int>(i) + 1, row[i]);
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) return Ok();
    return RowRefused(line, sqlite3_errmsg(db()));
  }

  Status FinishTable() override {
    insert_.reset();
    return Ok();
  }

 private:
  sqlite3* db() { return connection_.handle(); }

  static void Bind(sqlite3_stmt* stmt, int index, const json& value) {
    if (value.is_null()) {
      sqlite3_bind_null(stmt, index);
    } else if (value.is_number_integer()) {
      sqlite3_bind_int64(stmt, index, value.get<std::int64_t>());
    } else if (value.is_number()) {
      sqlite3_bind_double(stmt, index, value.get<double>());
    } else {
      const auto& text = value.get_ref<const std::string&>();
      sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    }
  }

  sqlite::Connection connection_;
  std::unique_ptr<Stmt> insert_;
};

}  // namespace

std::unique_ptr<DumpDatabase> OpenSqliteDumpDatabase(const std::string& path) {
  return std::make_unique<SqliteDumpDatabase>(path);
}

}  // namespace boussole::storage::dump
