#include "web/response_cache.h"

#include <stdexcept>

#include "core/clock.h"

namespace boussole::web {

ResponseCache::ResponseCache(storage::Store& store, std::size_t capacity) : store_(store), capacity_(capacity) {}

std::int64_t ResponseCache::FreshPosition() {
  std::unique_lock lock(feed_mutex_);
  // A read in flight now started before we arrived: only the next one is fresh enough.
  const std::uint64_t needed = feed_started_ + 1;
  while (feed_finished_ < needed) {
    if (feed_in_flight_) {
      feed_done_.wait(lock);
      continue;
    }
    feed_in_flight_ = true;
    const std::uint64_t generation = ++feed_started_;
    lock.unlock();
    std::int64_t position = 0;
    bool failed = false;
    try {
      position = store_.LatestChange();
    } catch (const std::exception&) {
      failed = true;
    }
    lock.lock();
    feed_in_flight_ = false;
    feed_finished_ = generation;
    feed_position_ = position;
    feed_failed_ = failed;
    feed_done_.notify_all();
  }
  if (feed_failed_) throw std::runtime_error("change feed unavailable");
  return feed_position_;
}

Handler ResponseCache::Wrap(Handler handler) {
  return [this, handler = std::move(handler)](const Request& request) {
    if (request.method != "GET") return handler(request);
    std::int64_t position = 0;
    try {
      position = FreshPosition();
    } catch (const std::exception&) {
      return handler(request);  // no feed, no proof of freshness: render (or fail) as usual
    }
    // Some answers depend on the date too (an offer "closing within 30 days"): a new day
    // empties the cache as a write does.
    const std::string today = TodayUtc();
    {
      std::lock_guard lock(mutex_);
      if (today != day_) {
        entries_.clear();
        day_ = today;
      }
      if (position != position_) {  // forward, or back after a restore
        entries_.clear();
        position_ = position;
      }
      auto it = entries_.find(request.target);
      if (it != entries_.end() && it->second.position == position) {
        ++hits_;
        return it->second.response;
      }
    }
    ++misses_;
    // Rendered from data at least as new as `position`: safe to keep under that position.
    Response response = handler(request);
    if (response.status == 200 && response.Header("Cache-Control").find("no-store") == std::string::npos) {
      std::lock_guard lock(mutex_);
      if (position == position_) {
        if (entries_.size() >= capacity_) entries_.clear();
        entries_[request.target] = {position, response};
      }
    }
    return response;
  };
}

std::size_t ResponseCache::size() {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace boussole::web
