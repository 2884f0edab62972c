#include "web/response_cache.h"

#include <spdlog/spdlog.h>

namespace boussole::web {

ResponseCache::ResponseCache(storage::Store& store, std::size_t capacity) : store_(store), capacity_(capacity) {
  try {
    position_ = store_.LatestChange();
  } catch (const std::exception&) {
    position_ = -1;  // not cached until the feed answers
  }
  watcher_ = std::jthread([this](std::stop_token stop) { Follow(stop); });
}

ResponseCache::~ResponseCache() {
  watcher_.request_stop();
  if (watcher_.joinable()) watcher_.join();
}

void ResponseCache::Follow(std::stop_token stop) {
  while (!stop.stop_requested()) {
    try {
      const std::int64_t known = position_;
      const std::int64_t latest = store_.WaitForChange(known < 0 ? 0 : known, std::chrono::milliseconds(500));
      if (latest != known) {
        position_ = latest;
        std::lock_guard lock(mutex_);
        entries_.clear();
      }
    } catch (const std::exception& e) {
      // Without the feed the cache cannot know what is stale: stop serving from it.
      if (position_ != -1) spdlog::warn("response cache: change feed unavailable ({})", e.what());
      position_ = -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  }
}

Handler ResponseCache::Wrap(Handler handler) {
  return [this, handler = std::move(handler)](const Request& request) {
    const std::int64_t position = position_;
    if (request.method != "GET" || position < 0) return handler(request);
    {
      std::lock_guard lock(mutex_);
      auto it = entries_.find(request.target);
      if (it != entries_.end() && it->second.position == position) {
        ++hits_;
        return it->second.response;
      }
    }
    ++misses_;
    Response response = handler(request);
    if (response.status == 200) {
      std::lock_guard lock(mutex_);
      if (entries_.size() >= capacity_) entries_.clear();
      // Rendered against data at least as new as `position`; a change since then has
      // either cleared the map or will make the positions differ.
      if (position_ == position) entries_[request.target] = {position, response};
    }
    return response;
  };
}

std::size_t ResponseCache::size() {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace boussole::web
