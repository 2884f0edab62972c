#pragma once
// The directory of engineering resources as pages show it (issue 6, item 2).
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain/directory/resource.h"
#include "web/context.h"

namespace boussole::web {

//! The seeded structures, then the stored ones.
std::vector<directory::Resource> AllResources(const WebContext& context);
//! A typed territory id with the ids of every territory it lies in.
std::set<std::string> PlaceOf(const WebContext& context, const std::string& territory);
nlohmann::json ResourceJson(const directory::Resource& resource);

}  // namespace boussole::web
