#include "web/response_cache.h"

namespace boussole::web {

ResponseCache::ResponseCache(storage::Store& store, std::size_t capacity) : store_(store), capacity_(capacity) {}

Handler ResponseCache::Wrap(Handler handler) {
  return [this, handler = std::move(handler)](const Request& request) {
    if (request.method != "GET") return handler(request);
    std::int64_t position = 0;
    try {
      position = store_.LatestChange();
    } catch (const std::exception&) {
      return handler(request);  // no feed, no proof of freshness: render (or fail) as usual
    }
    {
      std::lock_guard lock(mutex_);
      if (position > position_) {
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
    if (response.status == 200) {
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
