// Maps of France (issue 8, item 4): one page per figure, by département or by région, the
// SVG drawn on the server, the same figures in a table beside it and as CSV.
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "web/http/url.h"
#include "web/knowledge/france_map.h"
#include "web/knowledge/map_areas.h"
#include "domain/requests/workflow.h"
#include "web/knowledge/participation.h"
#include "web/knowledge/portrait.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/tabular.h"
#include "web/views/territory_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using territories::Kind;
using territories::Territory;

// Figures by area code, computed once for the whole map.
using AreaCounts = std::map<std::string, std::int64_t>;

struct MapSubject {
  const char* slug;
  const char* title;
  const char* unit;
  const char* description;
  //! Either a count per area, or all the areas' counts at once.
  std::function<std::size_t(const WebContext&, const Territory&)> count;
  std::function<std::string(const Territory&)> link;
  std::function<AreaCounts(const WebContext&, MapScale)> counts = nullptr;
};

// `state`: a state key of the workflows ("" for every state).
AreaCounts RequestCounts(const WebContext& context, MapScale scale, const std::string& state = "") {
  AreaCounts counts;
  for (const auto& r : context.store.ListRequests()) {
    if (!state.empty() && r.state != state) continue;
    for (const auto& code : AreasOfTerritory(context.store, r.territory, scale)) ++counts[code];
  }
  return counts;
}

// Every state of the workflows, once, with its label: the choices of the requests map.
std::vector<std::pair<std::string, std::string>> RequestStates() {
  std::vector<std::pair<std::string, std::string>> states;
  std::set<std::string> seen;
  for (const auto& workflow : requests::Workflows()) {
    for (const auto& state : workflow.states) {
      if (seen.insert(std::string(state.key)).second) states.emplace_back(state.key, state.label);
    }
  }
  return states;
}

// A programme counts once in each area one of its territories lies in.
AreaCounts ProgrammeCounts(const WebContext& context, MapScale scale) {
  AreaCounts counts;
  for (const auto& p : context.store.ListProgrammes()) {
    std::set<std::string> areas;
    for (const auto& member : context.store.CohortOf(p.id)) {
      for (const auto& code : AreasOfTerritory(context.store, member.territory_id, scale)) areas.insert(code);
    }
    for (const auto& code : areas) ++counts[code];
  }
  return counts;
}

const std::vector<MapSubject>& Subjects() {
  static const std::vector<MapSubject> kSubjects = {
      {"offres", "Offres ouvertes par territoire", "offres",
       "Le nombre d'offres ouvertes du catalogue dont le périmètre couvre le territoire, offres nationales comprises.",
       CountOpenOffersAt,
       [](const Territory& t) { return "/offres/recherche?territory=" + PercentEncode(t.id.ToString()); }},
      {"projetotheque", "Fiches de la projetothèque par territoire", "fiches",
       "Le nombre de fiches publiées dans la projetothèque pour des projets situés dans le territoire.",
       CountCaseSheetsAt,
       [](const Territory& t) { return "/projetotheque?territory=" + PercentEncode(t.id.ToString()); }},
      {"programmes", "Programmes collectifs par territoire", "programmes",
       "Le nombre de programmes collectifs (Fabriques prospectives, projets partagés, ateliers), historiques compris,"
       " dont au moins un territoire est situé dans la zone.",
       nullptr, [](const Territory& t) { return "/territoires/" + t.id.ToString(); }, ProgrammeCounts},
      {"demandes", "Demandes d'ingénierie sur mesure par territoire", "demandes",
       "Le nombre de demandes d'ingénierie sur mesure faites par des collectivités de la zone, tous états confondus"
       " (des comptes seulement : les demandes ne sont montrées qu'à leurs parties).",
       nullptr, [](const Territory& t) { return "/territoires/" + t.id.ToString(); },
       [](const WebContext& c, MapScale s) { return RequestCounts(c, s); }},
  };
  return kSubjects;
}

const MapSubject* FindSubject(std::string_view slug) {
  for (const auto& s : Subjects()) {
    if (slug == s.slug) return &s;
  }
  return nullptr;
}

Response MapsIndex(const WebContext& context, const Request&) {
  json items = json::array();
  for (const auto& s : Subjects()) {
    items.push_back({{"title", s.title}, {"description", s.description}, {"url", std::string("/cartes/") + s.slug}});
  }
  return RenderPage(context, 200, "maps", {{"index", true}, {"items", items}}, {"Cartes", {}, "cartes"});
}

Response MapPage(const WebContext& context, const Request& request) {
  const MapSubject* subject = FindSubject(request.Param("subject"));
  if (!subject) return RenderError(context, request, 404, "Aucune carte ne porte ce nom. Les cartes sont listées sur /cartes.");
  const std::string scale_text = request.Query("echelle").value_or("departements");
  if (scale_text != "departements" && scale_text != "regions") {
    return RenderError(context, request, 400,
                       "Le paramètre « echelle » vaut « departements » ou « regions », pas « " + scale_text + " ».");
  }
  const std::string format = request.Query("format").value_or("html");
  if (format != "html" && format != "csv") {
    return RenderError(context, request, 400, "Le paramètre « format » vaut « html » ou « csv ».");
  }
  const MapScale scale = scale_text == "regions" ? MapScale::kRegion : MapScale::kDepartement;
  // The requests map may be narrowed to one state (counts only, as on portraits).
  const std::string state = request.Query("etat").value_or("");
  const bool by_state = std::string_view(subject->slug) == "demandes";
  json state_options = json::array();
  if (by_state) {
    bool known = state.empty();
    for (const auto& [key, label] : RequestStates()) {
      known |= key == state;
      state_options.push_back({{"value", key}, {"label", label}, {"selected", key == state}});
    }
    if (!known) {
      return RenderError(context, request, 400, "Le paramètre « etat » doit être un état des circuits de demande, pas « " +
                                                    state + " ».");
    }
  } else if (!state.empty()) {
    return RenderError(context, request, 400, "Le paramètre « etat » ne vaut que pour la carte des demandes.");
  }
  std::vector<MapDatum> data;
  const AreaCounts bulk = by_state && !state.empty() ? RequestCounts(context, scale, state)
                          : subject->counts          ? subject->counts(context, scale)
                                                     : AreaCounts{};
  for (const auto& t : FranceAreas(context.store, scale)) {
    std::int64_t value = 0;
    if (subject->counts) {
      const auto found = bulk.find(t.id.code);
      value = found == bulk.end() ? 0 : found->second;
    } else {
      value = static_cast<std::int64_t>(subject->count(context, t));
    }
    data.push_back({t.id.code, t.name, value, subject->link(t)});
  }
  const std::string scale_label = scale == MapScale::kRegion ? "Région" : "Département";
  if (format == "csv") {
    Table table{subject->slug, {"code", scale == MapScale::kRegion ? "région" : "département", subject->unit}, {}, {}};
    for (const auto& d : data) table.rows.push_back({d.code, d.name, std::to_string(d.value)});
    Response response;
    response.body = TableCsv(table);
    response.SetHeader("Content-Type", "text/csv; charset=utf-8");
    response.SetHeader("Content-Disposition",
                       std::string("attachment; filename=\"carte-") + subject->slug + "-" + scale_text + ".csv\"");
    return response;
  }
  auto svg = RenderFranceMap(context.assets_dir, scale, data, std::string(subject->title) + " (" + scale_text + ")",
                             subject->unit);
  if (!svg) return RenderError(context, request, 503, svg.error().message);
  json rows = json::array();
  json map_data = json::object();
  std::int64_t total = 0;
  for (const auto& d : data) {
    rows.push_back({{"code", d.code}, {"name", d.name}, {"value", d.value}, {"url", d.url}});
    map_data[d.code] = d.value;
    total += d.value;
  }
  const std::string base = std::string("/cartes/") + subject->slug;
  const std::string state_suffix = state.empty() ? "" : "&etat=" + PercentEncode(state);
  json view{{"map", true},
            {"title", subject->title},
            {"description", subject->description},
            {"unit", subject->unit},
            {"svg", svg.value()},
            {"rows", rows},
            {"scale_label", scale_label},
            {"by_region", scale == MapScale::kRegion},
            {"departements_url", base + "?echelle=departements" + state_suffix},
            {"regions_url", base + "?echelle=regions" + state_suffix},
            {"csv_url", base + "?echelle=" + scale_text + "&format=csv" + state_suffix},
            {"scale_text", scale_text},
            // Where JavaScript runs, the DSFR's map component replaces the SVG (static/js/charts.js).
            {"charts", true},
            {"state_options", state_options},
            {"by_state", by_state},
            {"state", state},
            {"map_data", map_data.dump()},
            {"total", total},
            {"level", scale == MapScale::kRegion ? "reg" : "dep"}};
  return RenderPage(context, 200, "maps", view, {subject->title, {{"Cartes", "/cartes"}}, "cartes"});
}

}  // namespace

void RegisterMapPages(Router& router, const WebContext& context) {
  if (context.search == nullptr) return;
  router.Add("GET", "/cartes", "maps_index", Cacheable(context, [&context](const Request& r) { return MapsIndex(context, r); }));
  router.Add("GET", "/cartes/{subject}", "map_page",
             Cacheable(context, [&context](const Request& r) { return MapPage(context, r); }));
}

}  // namespace boussole::web
