#pragma once
// The JSON shape of territories, shared by the API and the page templates.
#include <nlohmann/json.hpp>

#include "domain/territories/territory_repository.h"

namespace boussole::web {

//! id, kind, kind_label, code, name, population, url (+ nature for groupings).
nlohmann::json TerritorySummary(const territories::Territory& t);

//! The summary plus SIREN, postal codes, chief town, direct parents, every ancestor, the
//! département and région (for the scales below them), and child counts by kind.
nlohmann::json TerritoryDetail(const territories::Territory& t,
                               territories::TerritoryRepository& repository);

//! Resolves a typed id or a bare code to a stored territory (ARCHITECTURE.md rules).
std::optional<territories::Territory> ResolveTerritory(std::string_view text,
                                                       territories::TerritoryRepository& repository);

//! "2 133 111" with narrow no-break spaces, as French typography writes numbers.
std::string FormatFrenchNumber(std::int64_t number);

}  // namespace boussole::web
