#pragma once
// The routes the server mounts, built in-process exactly as `serve` does: what the policy
// and CSRF tests enumerate.
#include <string>
#include <vector>

#include "web/http/router.h"

namespace boussole::testing {

//! Every mounted route; a route without a rule in the policy table fails the calling test.
std::vector<web::Route> MountedRoutes(const std::string& database_url);

}  // namespace boussole::testing
