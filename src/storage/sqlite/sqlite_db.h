#pragma once
// A thin RAII layer over the SQLite C API, and a bounded pool of connections.
#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::storage::sqlite {

//! A SQLite failure that is not an expected domain outcome (I/O error, corrupt file, bug).
class DbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t number);
  Statement& Bind(int index, const std::optional<std::int64_t>& number);
  Statement& BindNull(int index);
  //! Binds "" as NULL: the stores keep absent text as NULL.
  Statement& BindTextOrNull(int index, std::string_view text);

  //! Advances; true while a row is available.
  bool Step();
  //! Runs a statement that returns no rows, then resets it for reuse.
  void Run();
  void Reset();

  std::string Text(int column) const;
  std::int64_t Int(int column) const;
  std::optional<std::int64_t> OptionalInt(int column) const;
  bool IsNull(int column) const;
  int ColumnCount() const;
  std::string ColumnName(int column) const;
  //! The index of a named parameter ("$1"), 0 when the statement has none of that name.
  int ParameterIndex(const char* name) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Connection {
 public:
  explicit Connection(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void Exec(std::string_view sql);
  Statement Prepare(std::string_view sql) { return Statement(db_, sql); }
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

//! A write transaction (BEGIN IMMEDIATE, so that two writers queue instead of failing on
//! upgrade). Rolled back unless Commit() is called.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  void Commit();

 private:
  Connection& connection_;
  bool done_ = false;
};

class ConnectionPool {
 public:
  ConnectionPool(std::string path, std::size_t size);

  //! A connection borrowed from the pool, given back when destroyed.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ~Lease() { pool_.GiveBack(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection* operator->() { return connection_.get(); }
    Connection& operator*() { return *connection_; }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<Connection> connection_;
  };

  //! Waits for a free connection, opening one when fewer than `size` exist.
  Lease Acquire();
  //! size, open, in use.
  struct Usage {
    std::size_t size = 0, open = 0, in_use = 0;
  };
  Usage Stats();

 private:
  void GiveBack(std::unique_ptr<Connection> connection);

  std::string path_;
  std::size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // GUARDED_BY(mutex_)
  std::size_t opened_ = 0;                         // GUARDED_BY(mutex_)
};

}  // namespace boussole::storage::sqlite
