#pragma once
// Every route of the server, in one call: what `serve` mounts and what the policy test
// enumerates (tests/integration/policy_http_test.cpp).
#include "web/context.h"
#include "web/http/router.h"

namespace boussole::web {

//! The module route tables and the static files (DSFR and our own, under
//! context.assets_dir). context.search must be set.
void RegisterAllRoutes(Router& router, const WebContext& context);

}  // namespace boussole::web
