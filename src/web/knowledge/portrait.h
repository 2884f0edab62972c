#pragma once
// The portrait of a territory (issue 8, item 1): "what is there for us, and where do we
// stand?" One JSON document, computed from the data at each request, read by the page and
// served as is by /api/v1/territories/{code}/portrait.
#include <nlohmann/json.hpp>

#include "domain/territories/territory.h"
#include "web/context.h"

namespace boussole::web {

//! territory, parents, ranks (population among the territories of its kind in its
//! département, région and France), offers (available there, by type, theme and porteur),
//! projetotheque (published sheets there), memberships (programme lists: "non disponible"
//! until one is loaded), comparison (the same figures for the territory and the scales
//! above it, down to France).
nlohmann::json BuildPortrait(const WebContext& context, const territories::Territory& territory);

//! Open offers available in the territory (France: every open offer), as the search counts them.
std::size_t CountOpenOffersAt(const WebContext& context, const territories::Territory& territory);
//! Published case sheets of projects located in the territory (France: all of them).
std::size_t CountCaseSheetsAt(const WebContext& context, const territories::Territory& territory);

}  // namespace boussole::web
