#include "web/context.h"

#include "web/viewer.h"

namespace boussole::web {

Handler Cacheable(const WebContext& context, Handler handler) {
  if (!context.cache) return handler;
  // A signed-in person's pages carry their name and token: never shared, never kept.
  return [handler, cached = context.cache->Wrap(handler)](const Request& request) {
    return CurrentViewer().signed_in() ? handler(request) : cached(request);
  };
}

}  // namespace boussole::web
