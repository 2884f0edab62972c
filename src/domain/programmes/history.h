#pragma once
// The programmes of the past, as data (issue 7, item 2): data/programmes/fabriques.json,
// written from seeds 000 and 003, every fact with its verbatim quote.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "domain/programmes/programme.h"

namespace boussole::programmes {

//! A figure the sources publish about a whole year (or all years: year 0).
struct HistoryFigure {
  std::string label;
  int year = 0;
  std::string published;
  Source source;
};

struct History {
  std::vector<Programme> programmes;
  std::vector<std::vector<CohortTerritory>> cohorts;  //!< parallel to programmes
  std::vector<HistoryFigure> figures;
  std::vector<std::string> errors;  //!< French; the history is refused when any
};

//! Reads and checks the file (types known, slugs unique, territory ids well-formed, every
//! fact with a source).
History ReadHistory(const std::filesystem::path& file);
//! Checks the text of such a file, as ReadHistory does; `name` names it in the errors.
History ParseHistory(std::string_view text, std::string_view name = "fabriques.json");

}  // namespace boussole::programmes
