#pragma once
// Rate limits of the routes an attacker repeats (issue 9, item 5): signing in, signing up,
// password reset, searching. The interceptor asks here before the handler runs; over the
// limit, the answer is 429 with Retry-After: a French page, or problem details under /api/.
// The counting is domain/accounts/rate_limits.h (shared by the servers of an instance).
#include <optional>

#include "web/context.h"
#include "web/http/request.h"
#include "web/http/response.h"
#include "web/http/router.h"

namespace boussole::web {

//! nullopt: go on. Otherwise the 429 answer (the refusal is in the audit log).
std::optional<Response> LimitRate(const WebContext& context, const Route& route, const Request& request);

}  // namespace boussole::web
