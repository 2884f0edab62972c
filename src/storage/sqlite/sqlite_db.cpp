#include "storage/sqlite/sqlite_db.h"

#include <chrono>
#include <thread>

namespace boussole::storage::sqlite {
namespace {

[[noreturn]] void Throw(sqlite3* db, std::string_view what) {
  throw DbError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
      SQLITE_OK) {
    Throw(db_, "prepare");
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, std::string_view text) {
  if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    Throw(db_, "bind");
  }
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t number) {
  if (sqlite3_bind_int64(stmt_, index, number) != SQLITE_OK) Throw(db_, "bind");
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<std::int64_t>& number) {
  return number ? Bind(index, *number) : BindNull(index);
}

Statement& Statement::BindNull(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) Throw(db_, "bind");
  return *this;
}

Statement& Statement::BindTextOrNull(int index, std::string_view text) {
  return text.empty() ? BindNull(index) : Bind(index, text);
}

bool Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Throw(db_, "step");
}

void Statement::Run() {
  while (Step()) {
  }
  Reset();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }

std::string Statement::ColumnName(int column) const {
  const char* name = sqlite3_column_name(stmt_, column);
  return name ? name : "";
}

int Statement::ParameterIndex(const char* name) const { return sqlite3_bind_parameter_index(stmt_, name); }

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Connection::Connection(const std::string& path) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw DbError("open " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, 10000);
  // WAL: readers never block the writer. Switching a new file to WAL needs a moment alone
  // with it, and SQLite answers "locked" at once instead of waiting when several processes
  // open the file together: retry for up to 10 s.
  for (int attempt = 0;; ++attempt) {
    try {
      Exec("PRAGMA journal_mode=WAL");
      break;
    } catch (const DbError&) {
      if (attempt >= 500) {
        sqlite3_close_v2(db_);
        throw;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  // synchronous=FULL so that an acknowledged write survives a power cut as well as a kill -9.
  Exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

Connection::~Connection() { sqlite3_close_v2(db_); }

void Connection::Exec(std::string_view sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw DbError("exec: " + text);
  }
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
  connection_.Exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      connection_.Exec("ROLLBACK");
    } catch (const DbError&) {
      // The transaction may already be gone (SQLite rolls back on some errors).
    }
  }
}

void Transaction::Commit() {
  connection_.Exec("COMMIT");
  done_ = true;
}

ConnectionPool::ConnectionPool(std::string path, std::size_t size)
    : path_(std::move(path)), size_(size) {}

ConnectionPool::Lease ConnectionPool::Acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || opened_ < size_; });
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(connection));
  }
  ++opened_;
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<Connection>(path_));
  } catch (...) {
    std::lock_guard relock(mutex_);
    --opened_;
    available_.notify_one();
    throw;
  }
}

void ConnectionPool::GiveBack(std::unique_ptr<Connection> connection) {
  if (!connection) return;
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
  available_.notify_one();
}

}  // namespace boussole::storage::sqlite

namespace boussole::storage::sqlite {

ConnectionPool::Usage ConnectionPool::Stats() {
  std::lock_guard lock(mutex_);
  return {size_, opened_, opened_ - idle_.size()};
}

}  // namespace boussole::storage::sqlite
