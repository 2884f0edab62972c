// The programmes in JSON (issue 7, item 9): the list (current and historic, with the
// history's published figures), the types with their rules, and one programme with its
// cohort, registrations, phases, seminars, themes and people.
#include <nlohmann/json.hpp>

#include "domain/programmes/programme_types.h"
#include "web/pages/page.h"
#include "web/programme_request.h"
#include "web/routes.h"
#include "web/views/programme_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;

Response ApiProgrammes(const WebContext& context, const Request&) {
  json list = json::array();
  for (const auto& p : context.store.ListProgrammes()) {
    json item = ProgrammeSummaryJson(p);
    json partners = json::array();
    for (const auto& partner : p.partners) {
      partners.push_back({{"verbatim", partner.verbatim}, {"normalised", partner.normalised}});
    }
    item["partners"] = partners;
    item["territory_count"] = context.store.CohortOf(p.id).size();
    list.push_back(item);
  }
  json figures = json::array();
  for (const auto& f : context.store.HistoryFigures()) {
    figures.push_back({{"label", f.label},
                       {"year", f.year},
                       {"published", f.published},
                       {"source", {{"seed", f.source.seed}, {"quote", f.source.quote}}}});
  }
  return Response::Json(200, json{{"programmes", list}, {"published_figures", figures}}.dump());
}

Response ApiProgrammeTypes(const WebContext&, const Request&) {
  json types = json::array();
  for (const auto& t : programmes::ProgrammeTypes()) types.push_back(ProgrammeTypeJson(t));
  return Response::Json(200, json{{"types", types}}.dump());
}

Response ApiProgramme(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  const json detail = ProgrammeApiJson(context, found->programme);
  return Response::Json(200, detail.dump());
}

}  // namespace

void RegisterProgrammeApi(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/api/v1/programmes", "api_programmes", ApiProgrammes);
  AddPage(router, context, "GET", "/api/v1/programmes/types", "api_programme_types", ApiProgrammeTypes);
  AddPage(router, context, "GET", "/api/v1/programmes/{programme}", "api_programme", ApiProgramme);
}

}  // namespace boussole::web
