#include "storage/postgres/pg_pool.h"

#include <stdexcept>

namespace boussole::storage::postgres {

PgPool::PgPool(std::string url, std::size_t size) : url_(std::move(url)), size_(size) {}

PgPool::Lease PgPool::Acquire() {
  std::unique_lock lock(mutex_);
  if (!available_.wait_for(lock, std::chrono::seconds(10), [&] { return !idle_.empty() || open_ < size_; })) {
    throw std::runtime_error("PostgreSQL connection pool exhausted");
  }
  ++in_use_;
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(connection));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<pqxx::connection>(url_));
  } catch (...) {
    std::lock_guard relock(mutex_);
    --open_;
    --in_use_;
    available_.notify_one();
    throw;
  }
}

void PgPool::GiveBack(std::unique_ptr<pqxx::connection> connection) {
  std::lock_guard lock(mutex_);
  --in_use_;
  // A connection that broke (server restarted, network cut) is dropped, not reused.
  if (connection && connection->is_open()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
  available_.notify_one();
}

PoolStats PgPool::Stats() {
  std::lock_guard lock(mutex_);
  return {size_, open_, in_use_};
}

}  // namespace boussole::storage::postgres
