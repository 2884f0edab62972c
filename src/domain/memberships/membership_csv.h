#pragma once
// The CSV format of membership lists (documented in README.md, "Programme membership
// lists"): UTF-8 (a byte order mark is allowed), ';' or ',' as separator, a header line
// naming a "code" column (INSEE code of a commune, SIREN of an intercommunalité, code of a
// département or région, or a typed id like epci:200068096) and optionally other columns
// ("nom"…), which are ignored. Every line is checked against the territories of the COG; a
// single bad line refuses the whole file.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/memberships/membership.h"
#include "domain/territories/territory_repository.h"

namespace boussole::memberships {

//! 20 000 lines: more than any French programme has members.
constexpr std::size_t kMaxLines = 20000;

struct ParsedList {
  std::vector<std::string> territory_ids;  //!< typed, unique, in file order
  std::vector<LineError> errors;           //!< empty when the file can be imported
};

ParsedList ParseMembershipCsv(std::string_view text, territories::TerritoryRepository& territories);

//! A slug: 1 to 60 of a-z, 0-9 and '-'.
bool ValidListSlug(std::string_view slug);

}  // namespace boussole::memberships
