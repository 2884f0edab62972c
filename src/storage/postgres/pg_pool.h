#pragma once
// A bounded pool of libpqxx connections that replaces broken ones, so that a server
// outlives a PostgreSQL restart: the next Acquire after the database comes back reconnects.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "storage/store.h"

namespace boussole::storage::postgres {

class PgPool {
 public:
  PgPool(std::string url, std::size_t size);

  class Lease {
   public:
    Lease(PgPool& pool, std::unique_ptr<pqxx::connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ~Lease() { pool_.GiveBack(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    pqxx::connection& operator*() { return *connection_; }
    pqxx::connection* operator->() { return connection_.get(); }

   private:
    PgPool& pool_;
    std::unique_ptr<pqxx::connection> connection_;
  };

  //! A connection, opening one when fewer than `size` are open. Waits at most 10 s for a
  //! free one (then throws std::runtime_error); throws pqxx::broken_connection when the
  //! database cannot be reached.
  Lease Acquire();
  PoolStats Stats();
  const std::string& url() const { return url_; }

 private:
  void GiveBack(std::unique_ptr<pqxx::connection> connection);

  std::string url_;
  std::size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;  // GUARDED_BY(mutex_)
  std::size_t open_ = 0;                                  // GUARDED_BY(mutex_)
  std::size_t in_use_ = 0;                                // GUARDED_BY(mutex_)
};

}  // namespace boussole::storage::postgres
