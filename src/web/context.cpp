#include "web/context.h"

namespace boussole::web {

Handler Cacheable(const WebContext& context, Handler handler) {
  return context.cache ? context.cache->Wrap(std::move(handler)) : handler;
}

}  // namespace boussole::web
