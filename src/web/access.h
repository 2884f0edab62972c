#pragma once
// The one gate every route goes through (Router::SetInterceptor): it opens the viewer scope,
// refuses POST requests without the right CSRF token, and sends the visitor CSRF cookie a
// page asked for.
#include "web/context.h"
#include "web/http/router.h"

namespace boussole::web {

Interceptor MakeAccessInterceptor(const WebContext& context);

}  // namespace boussole::web
