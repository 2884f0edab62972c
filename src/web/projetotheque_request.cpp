#include "web/projetotheque_request.h"

#include <algorithm>

#include "domain/catalogue/vocabulary.h"
#include "domain/projects/project_rules.h"
#include "web/case_sheet_search.h"
#include "web/territory_param.h"

namespace boussole::web {

using nlohmann::json;

Result<ParsedCaseSheetSearch> ParseCaseSheetSearch(const WebContext& context, const Request& request) {
  ParsedCaseSheetSearch parsed;
  for (const char* name : {"q", "territory", "page"}) {
    if (request.QueryAll(name).size() > 1) {
      return InvalidInput(std::string("Le paramètre « ") + name + " » ne peut être donné qu'une fois.", name);
    }
  }
  parsed.query.text = request.Query("q").value_or("");
  if (parsed.query.text.size() > 200) return InvalidInput("La recherche est trop longue (200 caractères au plus).", "q");
  for (const std::string& theme : request.QueryAll("theme")) {
    if (!catalogue::Contains(catalogue::Themes(), theme)) {
      return InvalidInput("Thématique inconnue : « " + theme + " ».", "theme");
    }
    parsed.query.themes.push_back(theme);
  }
  const std::string page = request.Query("page").value_or("1");
  if (page.empty() || page.size() > 4 || page.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(page) < 1 || std::stoi(page) > 1000) {
    return InvalidInput("Le paramètre « page » doit être un nombre entier entre 1 et 1000.", "page");
  }
  parsed.query.page = static_cast<std::size_t>(std::stoi(page));
  parsed.query.per_page = kCaseSheetsPerPage;
  auto territory = ReadTerritoryParam(request, "territory", context.store);
  if (!territory) return territory.error();
  if (const auto& found = territory.value()) {
    parsed.territory_input = request.Query("territory").value_or("");
    parsed.query.territory = found->id.ToString();
  }
  return parsed;
}

std::shared_ptr<const search::CaseSheetIndex> CaseSheetsOf(const WebContext& context) {
  if (context.case_sheets) return context.case_sheets->Current();
  return CaseSheetSearch::Build(context.store);
}

json CaseSheetSummary(const WebContext& context, const projects::Project& p) {
  const auto organisation = context.store.FindOrganisation(p.organisation_id);
  std::string territory_name = p.territory;
  if (auto id = territories::TerritoryId::Parse(p.territory)) {
    if (auto t = context.store.FindTerritory(id.value())) territory_name = t->name;
  }
  json themes = json::array();
  for (const auto& theme : p.themes) {
    themes.push_back({{"slug", theme}, {"label", std::string(catalogue::LabelOf(catalogue::Themes(), theme))}});
  }
  return {{"id", p.id},
          {"url", "/projetotheque/" + std::to_string(p.id)},
          {"name", p.name},
          {"organisation", organisation ? organisation->name : ""},
          {"territory", p.territory},
          {"territory_name", territory_name},
          {"themes", themes},
          {"published_at", p.published_at}};
}

json CaseSheetResource(const WebContext& context, const projects::Project& p) {
  json out = CaseSheetSummary(context, p);
  out["description"] = p.public_description;
  out["context"] = p.sheet.context;
  out["actions"] = p.sheet.actions;
  out["results"] = p.sheet.results;
  out["testimony"] = p.sheet.testimony;
  out["partners"] = p.sheet.partners;
  json offers = json::array();
  for (const auto& a : context.store.OffersOf(p.id)) {
    // Only what the project obtained tells others what worked; the rest stays with its owners.
    if (a.status != "obtenue" && a.status != "versee") continue;
    const auto offer = context.store.FindOffer(a.offer_slug);
    offers.push_back({{"slug", a.offer_slug},
                      {"name", offer ? offer->name : a.offer_slug},
                      {"url", "/offres/" + a.offer_slug},
                      {"status", a.status},
                      {"status_label", std::string(catalogue::LabelOf(projects::OfferApplicationStatuses(), a.status))}});
  }
  out["offers"] = offers;
  return out;
}

}  // namespace boussole::web
