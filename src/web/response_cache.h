#pragma once
// A cache of whole GET responses that follows the store's change feed: an entry is served
// only while no change has been recorded since it was rendered. A watcher thread learns of
// changes (PostgreSQL NOTIFY at once, SQLite within 100 ms), so every server of an
// instance drops its entries within a second of a write anywhere.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

#include "storage/store.h"
#include "web/http/router.h"

namespace boussole::web {

class ResponseCache {
 public:
  //! Starts following `store`'s change feed. At most `capacity` entries (then it starts
  //! afresh, so that arbitrary query strings cannot grow it without bound).
  ResponseCache(storage::Store& store, std::size_t capacity);
  ~ResponseCache();

  //! `handler` behind the cache: 200 answers to GET are kept, keyed by the request target.
  Handler Wrap(Handler handler);

  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }
  std::size_t size();
  //! The change id the cache is in step with; -1 while the feed cannot be read.
  std::int64_t position() const { return position_; }

 private:
  struct Entry {
    std::int64_t position;
    Response response;
  };
  void Follow(std::stop_token stop);

  storage::Store& store_;
  const std::size_t capacity_;
  std::atomic<std::int64_t> position_{-1};
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mutex_)
  std::jthread watcher_;
};

}  // namespace boussole::web
