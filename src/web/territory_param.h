#pragma once
// The `territory` query parameter shared by the search and the offer list: a typed id or a
// bare code that must name a stored territory. Malformed and unknown codes are both bad
// input (400): the parameter is wrong, not the resource asked for.
#include <optional>
#include <string>

#include "core/result.h"
#include "domain/territories/territory_repository.h"
#include "web/http/request.h"

namespace boussole::web {

//! nullopt when the parameter is absent or empty; an invalid_input error naming the
//! parameter when the code is malformed, too long, repeated or names no territory.
Result<std::optional<territories::Territory>> ReadTerritoryParam(const Request& request, const std::string& name,
                                                                 territories::TerritoryRepository& repository);

}  // namespace boussole::web
