// Collective programmes (issue 7): the list with the history of the Fabriques prospectives,
// the rules of each type, the creation of a programme by the ANCT, and the programme's public
// page (theme, partners, territories, phases, themes, calendar, people) with the forms each
// viewer may use.
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/clock.h"
#include "domain/programmes/programme_rules.h"
#include "domain/requests/engine.h"
#include "web/form.h"
#include "web/knowledge/france_map.h"
#include "web/knowledge/map_areas.h"
#include "web/pages/page.h"
#include "web/programme_actions.h"
#include "web/deliverable_actions.h"
#include "web/programme_request.h"
#include "web/routes.h"
#include "web/viewer.h"
#include "web/views/programme_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using namespace programmes;

Response ProgrammeList(const WebContext& context, const Request&) {
  json current = json::array();
  std::map<int, json, std::greater<>> years;
  std::map<int, std::pair<int, int>> counts;  // year → (programmes, territories named)
  int all_territories = 0;
  for (const Programme& p : context.store.ListProgrammes()) {
    json item = ProgrammeSummaryJson(p);
    if (!p.historic) {
      current.push_back(item);
      continue;
    }
    json partners = json::array();
    for (const Partner& partner : p.partners) {
      partners.push_back({{"verbatim", partner.verbatim},
                          {"normalised", partner.normalised},
                          {"name", partner.normalised.empty() ? partner.verbatim : partner.normalised}});
    }
    item["partners"] = partners;
    item["has_partners"] = !partners.empty();
    const auto cohort = context.store.CohortOf(p.id);
    item["territory_count"] = cohort.size();
    counts[p.year].first += 1;
    counts[p.year].second += static_cast<int>(cohort.size());
    all_territories += static_cast<int>(cohort.size());
    if (!years.count(p.year)) years[p.year] = json::array();
    years[p.year].push_back(item);
  }
  json year_list = json::array();
  for (auto& [year, programmes] : years) year_list.push_back({{"year", year}, {"programmes", programmes}});
  json figures = json::array();
  for (const HistoryFigure& f : context.store.HistoryFigures()) {
    std::string counted;
    if (f.year > 0) {
      const auto [programmes, territories] = counts[f.year];
      counted = std::to_string(programmes) + " Fabriques, " + std::to_string(territories) + " territoires nommés";
    } else {
      counted = std::to_string(all_territories) + " territoires nommés (seules les Fabriques 2020 ont leur liste)";
    }
    figures.push_back({{"label", f.label}, {"published", f.published}, {"counted", counted}, {"quote", f.source.quote},
                       {"seed", f.source.seed}});
  }
  json view{{"current", current},   {"has_current", !current.empty()}, {"years", year_list},
            {"figures", figures}, {"has_figures", !figures.empty()}};
  return RenderPage(context, 200, "programmes", view, {"Programmes collectifs", {}, "programmes"});
}

Response ProgrammeTypesPage(const WebContext& context, const Request&) {
  json types = json::array();
  for (const ProgrammeType& t : ProgrammeTypes()) types.push_back(ProgrammeTypeJson(t));
  return RenderPage(context, 200, "programme_types", {{"types", types}},
                    {"Types de programmes collectifs", {{"Programmes collectifs", "/programmes"}}, "programmes"});
}

std::optional<organisations::Organisation> Pilot(const WebContext& context, const Request& request) {
  const auto id = PathId(request, "organisation");
  return id ? context.store.FindOrganisation(*id) : std::nullopt;
}

json FormViewOf(const organisations::Organisation& pilot, const Form* form) {
  json types = json::array();
  const std::string chosen = form ? form->Get("type") : "fabrique";
  for (const ProgrammeType& t : ProgrammeTypes()) {
    types.push_back({{"key", std::string(t.key)}, {"label", std::string(t.label)}, {"selected", t.key == chosen}});
  }
  return {{"csrf", CurrentCsrfToken()},
          {"organisation", pilot.name},
          {"action", "/organisations/" + std::to_string(pilot.id) + "/programmes"},
          {"types", types},
          {"title", form ? form->Get("title") : ""},
          {"year", form ? form->Get("year") : TodayUtc().substr(0, 4)},
          {"starts_on", form ? form->Get("starts_on") : ""},
          {"description", form ? form->Get("description") : ""},
          {"partners", form ? form->Get("partners") : ""}};
}

Response NotAPilot(const WebContext& context, const Request& request, const Error& e) {
  return RenderError(context, request, 400, e.message);
}

Response NewProgrammePage(const WebContext& context, const Request& request) {
  const auto pilot = Pilot(context, request);
  if (!pilot) return RenderError(context, request, 404, "Cette organisation n'existe pas.");
  if (auto refusal = CheckPilot(*pilot)) return NotAPilot(context, request, *refusal);
  return RenderPage(context, 200, "programme_form", FormViewOf(*pilot, nullptr),
                    {"Nouveau programme", {{pilot->name, "/organisations/" + std::to_string(pilot->id)}}, "programmes"});
}

Response CreateProgramme(const WebContext& context, const Request& request) {
  const auto pilot = Pilot(context, request);
  if (!pilot) return RenderError(context, request, 404, "Cette organisation n'existe pas.");
  if (auto refusal = CheckPilot(*pilot)) return NotAPilot(context, request, *refusal);
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const Form& f = form.value();
  NewProgrammeInput input{f.Get("type"), f.Get("title"), f.Get("year"), f.Get("starts_on"), f.Get("description"),
                          PartnerLines(f.Get("partners"))};
  const NewProgrammeCheck check = CheckNewProgramme(*pilot, input);
  if (!check.ok()) {
    json view = FormViewOf(*pilot, &f);
    json list = json::array();
    for (const Error& e : check.errors) list.push_back({{"message", e.message}, {"field_id", "programme-" + e.field}});
    view["errors"] = list;
    view["has_errors"] = true;
    view["errors_title"] = "Le programme n'a pas été créé";
    return RenderPage(context, 400, "programme_form", view,
                      {"Nouveau programme", {{pilot->name, "/organisations/" + std::to_string(pilot->id)}}, "programmes"});
  }
  const Programme created = CreateCheckedProgramme(context, check);
  return Response::Redirect(303, "/programmes/" + std::to_string(created.id));
}

// The map of the programme's territories by département (issue 7, item 7), drawn on the
// server as the maps of /cartes are: each département a link with its count, a legend, and
// the same figures with the territories' names in a table. Without the map's shapes, the
// page says so and keeps the list of territories.
void AddTerritoryMap(const WebContext& context, const Programme& p, json& view) {
  if (!view.value("has_territories", false)) return;
  std::map<std::string, json> by_departement;
  for (const auto& t : view["territories"]) {
    for (const auto& code : AreasOfTerritory(context.store, t["territory_id"].get<std::string>(), MapScale::kDepartement)) {
      if (!by_departement.count(code)) by_departement[code] = json::array();
      by_departement[code].push_back({{"name", t["name"]}, {"url", t["url"]}});
    }
  }
  std::vector<MapDatum> data;
  json rows = json::array();
  for (const auto& area : FranceAreas(context.store, MapScale::kDepartement)) {
    const auto found = by_departement.find(area.id.code);
    const std::int64_t count = found == by_departement.end() ? 0 : static_cast<std::int64_t>(found->second.size());
    const std::string url = "/territoires/" + area.id.ToString();
    data.push_back({area.id.code, area.name, count, url});
    if (count > 0) {
      rows.push_back({{"code", area.id.code}, {"name", area.name}, {"url", url}, {"value", count},
                      {"territories", found->second}});
    }
  }
  auto svg = RenderFranceMap(context.assets_dir, MapScale::kDepartement, data,
                             "Territoires du programme « " + p.title + " » par département", "territoires");
  if (!svg) {
    view["territory_map_error"] = svg.error().message;
    return;
  }
  view["territory_map"] = {{"svg", svg.value()}, {"rows", rows}};
}

// The deliverables' rows with the ingénierie sur mesure requests opened from each, and, for
// the collectivité of its territory, the link that opens one from a validated or published
// version (issue 7, item 7).
json WithRequests(const WebContext& context, const Programme& p, json deliverables) {
  std::set<std::string> mine;
  for (const auto& o : ViewerOrganisations(context)) {
    if (o.kind == organisations::Kind::kCollectivite && o.territory) mine.insert(o.territory->ToString());
  }
  const auto links = context.store.DeliverableRequestsOf(p.id);
  for (auto& d : deliverables) {
    const std::int64_t id = d["id"].get<std::int64_t>();
    json opened = json::array();
    for (const DeliverableRequest& l : links) {
      if (l.deliverable_id != id) continue;
      const requests::Workflow* workflow = requests::FindWorkflow(l.request_workflow);
      opened.push_back({{"title", l.request_title},
                        {"url", "/demandes/" + std::to_string(l.request_id)},
                        {"state_label", workflow ? requests::StateLabel(*workflow, l.request_state) : l.request_state}});
    }
    // The requests opened from a deliverable concern its territory: only the ANCT and that
    // territory's collectivité see them (as in the API).
    const bool concerned = ManagesProgramme(context, p) || mine.count(d["territory_id"].get<std::string>()) > 0;
    d["requests"] = concerned ? opened : json::array();
    d["can_request"] = !p.historic && d["status"] != "submitted" && mine.count(d["territory_id"].get<std::string>()) > 0;
  }
  return deliverables;
}

// The notices the actions send back with ?message=…
std::pair<std::string, std::string> ProgrammeNotice(const std::string& key, const ProgrammeType& type) {
  if (key == "attente") return {RegistrationNotice(type, "waitlist"), "warning"};
  if (key == "partie-prenante") return {RegistrationNotice(type, "stakeholder"), "success"};
  if (key == "observatrice") return {RegistrationNotice(type, "observer"), "success"};
  if (key == "territoire-propose") return {"Le territoire est proposé ; l'ANCT sélectionne les territoires du groupe.", "success"};
  if (key == "territoire-selectionne") return {"Le territoire est sélectionné.", "success"};
  if (key == "seminaires") return {"Les séminaires du programme ont été générés ; vous pouvez modifier chacun.", "success"};
  if (key == "theme-propose") return {"Votre thème est proposé.", "success"};
  if (key == "soutien") return {"Votre soutien est enregistré.", "success"};
  if (key == "theme-retenu") return {"Le thème est retenu : il devient le thème du programme.", "success"};
  if (key == "personne") return {"La personne est ajoutée.", "success"};
  if (key == "phase") return {"Les phases sont à jour.", "success"};
  if (key == "etape") return {"L'étape est enregistrée.", "success"};
  if (key == "livrable-depose") return {"Le livrable est déposé ; l'ANCT le valide avant de le publier.", "success"};
  if (key == "livrable-valide") return {"Le livrable est validé.", "success"};
  if (key == "livrable-publie") return {"Le livrable est publié sur la page du programme.", "success"};
  return {"", ""};
}

Response ProgrammePage(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  const Programme& p = found->programme;
  json view = ProgrammeDetailJson(context, p);
  const bool manages = ManagesProgramme(context, p);
  const Viewer& viewer = CurrentViewer();
  view["manages"] = manages;
  view["is_projet_partage"] = p.type == "projet_partage";
  if (viewer.signed_in()) {
    view["csrf"] = CurrentCsrfToken();
    json mine = json::array();
    bool collectivite_in_cohort = false;
    for (const auto& o : ViewerOrganisations(context)) {
      mine.push_back({{"id", o.id}, {"name", o.name}});
      for (const auto& t : view["territories"]) {
        if (o.territory && o.territory->ToString() == t["territory_id"].get<std::string>()) collectivite_in_cohort = true;
      }
    }
    view["my_organisations"] = mine;
    view["has_my_organisations"] = !mine.empty();
    view["can_propose_territory"] = !p.historic && (manages || !mine.empty());
    view["can_add_people"] = !p.historic && view["has_territories"].get<bool>() && (manages || collectivite_in_cohort);
    // Every version of the deliverables for the ANCT; for a collectivité of the cohort, the
    // published ones and those of its own territory: what the download lets each open.
    if (manages || collectivite_in_cohort) {
      json visible = json::array();
      for (const auto& d : view["all_deliverables"]) {
        if (manages || d["status"] == "published" || SpeaksForTerritory(context, d["territory_id"].get<std::string>())) {
          visible.push_back(d);
        }
      }
      view["deliverables"] = WithRequests(context, p, visible);
      view["has_deliverables"] = !visible.empty();
      view["can_upload"] = !p.historic && view.value("deliverables_open", false);
    }
    json groups = json::array(), kinds = json::array();
    for (const auto& [key, label] : PersonGroups()) groups.push_back({{"key", key}, {"label", label}});
    for (const auto& [key, label] : ActorKinds()) kinds.push_back({{"key", key}, {"label", label}});
    view["person_groups"] = groups;
    view["actor_kinds"] = kinds;
  }
  const auto [notice, kind] = ProgrammeNotice(request.Query("message").value_or(""), *found->type);
  if (!notice.empty()) {
    view["notice"] = notice;
    view["notice_kind"] = kind;
  }
  view.erase("all_deliverables");
  AddTerritoryMap(context, p, view);
  return RenderPage(context, 200, "programme", view, {p.title, {{"Programmes collectifs", "/programmes"}}, "programmes"});
}

}  // namespace

void RegisterProgrammePages(Router& router, const WebContext& context) {
  auto add = [&](const char* method, const char* pattern, const char* name, PageHandler page) {
    AddPage(router, context, method, pattern, name, page);
  };
  add("GET", "/programmes", "programme_list", ProgrammeList);
  add("GET", "/programmes/types", "programme_types", ProgrammeTypesPage);
  add("GET", "/organisations/{organisation}/programmes/nouveau", "programme_new_page", NewProgrammePage);
  add("POST", "/organisations/{organisation}/programmes", "programme_create", CreateProgramme);
  add("GET", "/programmes/{programme}", "programme_page", ProgrammePage);
}

}  // namespace boussole::web
