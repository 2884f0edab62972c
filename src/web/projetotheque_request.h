#pragma once
// What the projetothèque's page and API share: reading their query parameters (q, theme,
// territory, page) with French messages for bad input, the index of the context, and the
// JSON of a case sheet.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "search/case_sheet_index.h"
#include "web/context.h"
#include "web/http/request.h"

namespace boussole::web {

constexpr std::size_t kCaseSheetsPerPage = 20;

struct ParsedCaseSheetSearch {
  search::CaseSheetQuery query;
  std::string territory_input;  //!< as typed, for the form
};

//! invalid_input (400) for a repeated or too long q, an unknown theme, a bad page or an
//! unknown territory.
Result<ParsedCaseSheetSearch> ParseCaseSheetSearch(const WebContext& context, const Request& request);

//! The context's shared index, or a fresh one when the context has none.
std::shared_ptr<const search::CaseSheetIndex> CaseSheetsOf(const WebContext& context);

//! The summary of a sheet in a list: id, url, name, organisation, territory, themes.
nlohmann::json CaseSheetSummary(const WebContext& context, const projects::Project& p);
//! The whole sheet: the summary, its texts and the offers it obtained (obtenue, versée).
nlohmann::json CaseSheetResource(const WebContext& context, const projects::Project& p);

}  // namespace boussole::web
