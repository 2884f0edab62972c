#pragma once
#include <filesystem>

#include "storage/store.h"
#include "web/http/metrics.h"
#include "web/pages/templates.h"

namespace boussole::web {

//! What handlers share: the store and the templates. Both are thread-safe.
struct WebContext {
  storage::Store& store;
  const Templates& templates;
  std::filesystem::path assets_dir;  //!< project root: templates/, static/, src/web/api/
  Metrics* metrics = nullptr;        //!< request counters and gauges, for /metrics
};

}  // namespace boussole::web
