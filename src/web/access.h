#pragma once
// The one gate every route goes through (Router::SetInterceptor): it opens the viewer scope,
// asks the policy table (domain/accounts/policy.h) whether the viewer may take the route's
// action (404 to whoever is signed in when the path names a request that does not exist),
// refuses POST requests without the right CSRF token, and sends the visitor CSRF cookie a
// page asked for.
#include <string>
#include <vector>

#include "web/context.h"
#include "web/http/router.h"

namespace boussole::web {

Interceptor MakeAccessInterceptor(const WebContext& context);

//! The names of the router's routes that the policy table does not name (empty: all do).
//! The server refuses to start otherwise: a route without a rule is a bug.
std::vector<std::string> RoutesWithoutRule(const Router& router);

}  // namespace boussole::web
