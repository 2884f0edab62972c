#pragma once
// A cache of whole GET responses that follows the store's change feed. Before answering,
// it learns the feed's position from a read that started after the request arrived (one
// indexed MAX(id) query, shared by the requests that arrive while it runs) and drops every
// entry rendered before a newer change: a write committed anywhere, by any server or
// command, before a request arrives is never answered with an older page.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "storage/store.h"
#include "web/http/router.h"

namespace boussole::web {

class ResponseCache {
 public:
  //! At most `capacity` entries (then it starts afresh, so that arbitrary query strings
  //! cannot grow it without bound).
  ResponseCache(storage::Store& store, std::size_t capacity);

  //! `handler` behind the cache: 200 answers to GET are kept, keyed by the request target.
  //! When the feed cannot be read (database away) the handler is called directly.
  Handler Wrap(Handler handler);

  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }
  std::size_t size();

 private:
  struct Entry {
    std::int64_t position;
    Response response;
  };

  //! The feed's position as read by a query that started after this call began. Throws
  //! when the store cannot be read.
  std::int64_t FreshPosition();

  storage::Store& store_;
  const std::size_t capacity_;

  // Single-flight reads of the position: generation n is the n-th read started.
  std::mutex feed_mutex_;
  std::condition_variable feed_done_;
  bool feed_in_flight_ = false;       // GUARDED_BY(feed_mutex_)
  std::uint64_t feed_started_ = 0;    // GUARDED_BY(feed_mutex_)
  std::uint64_t feed_finished_ = 0;   // GUARDED_BY(feed_mutex_)
  std::int64_t feed_position_ = 0;    // GUARDED_BY(feed_mutex_)
  bool feed_failed_ = false;          // GUARDED_BY(feed_mutex_)

  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
  std::mutex mutex_;
  std::int64_t position_ = -1;                      // GUARDED_BY(mutex_)
  std::string day_;                                 // GUARDED_BY(mutex_)
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mutex_)
};

}  // namespace boussole::web
