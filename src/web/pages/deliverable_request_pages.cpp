// From its deliverable, a territory opens an ingénierie sur mesure request (issue 7, item 7;
// seed 000: "les communes/intercommunalités accompagnées peuvent mobiliser « l'ingénierie
// sur mesure » de l'ANCT"). The form is issue 6's request form, prefilled with the actions
// the deliverable lists; the request is created by the request store as any other, then
// linked to the deliverable, and both the request and the programme show the link.
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "domain/catalogue/vocabulary.h"
#include "domain/requests/workflow.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/programme_request.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using programmes::Deliverable;

constexpr std::size_t kTitleMax = 300;

//! What the request is opened from, and by whom.
struct Origin {
  ProgrammeInPath found;
  Deliverable deliverable;
  organisations::Organisation collectivite;  //!< the viewer's collectivité of the deliverable's territory
  std::string territory_name;
};

struct Refusal {
  int status;
  std::string message;
};

std::variant<Origin, Refusal> LoadOrigin(const WebContext& context, const Request& request) {
  auto found = FindProgrammeInPath(context, request);
  if (!found) return Refusal{404, "Ce programme n'existe pas."};
  const auto id = PathId(request, "deliverable");
  auto d = id ? context.store.FindDeliverable(*id) : std::nullopt;
  if (!d || d->programme_id != found->programme.id) return Refusal{404, "Ce livrable n'existe pas."};
  std::optional<organisations::Organisation> collectivite;
  for (const auto& o : ViewerOrganisations(context)) {
    if (o.kind == organisations::Kind::kCollectivite && o.territory && o.territory->ToString() == d->territory_id) {
      collectivite = o;
    }
  }
  if (!collectivite) {
    return Refusal{403, "Seule la collectivité du territoire de ce livrable mobilise l'ingénierie sur mesure à partir de lui."};
  }
  if (d->status == "submitted") {
    return Refusal{409, "Ce livrable n'est pas encore validé par l'ANCT : la demande d'ingénierie s'ouvre à partir d'une "
                        "version validée ou publiée."};
  }
  std::string name = d->territory_id;
  if (const auto t = territories::TerritoryId::Parse(d->territory_id)) {
    if (const auto found_territory = context.store.FindTerritory(t.value())) name = found_territory->name;
  }
  return Origin{std::move(*found), std::move(*d), std::move(*collectivite), name};
}

// The département of the territory, as issue 6 records it on a request ("" when none).
std::string DepartementOf(const WebContext& context, const territories::TerritoryId& id) {
  if (id.kind == territories::Kind::kDepartement) return id.ToString();
  for (const auto& ancestor : context.store.Ancestors(id)) {
    if (ancestor.kind == territories::Kind::kDepartement) return ancestor.ToString();
  }
  return "";
}

// The request's prefilled values: a title naming the deliverable, the need listing its actions.
json Prefilled(const Origin& o) {
  std::string title = "Mise en œuvre : " + o.deliverable.title + " — " + o.territory_name;
  if (title.size() > kTitleMax) title = "Mise en œuvre : " + o.deliverable.title;
  std::string need = "Actions à mener, issues du livrable « " + o.deliverable.title + " » (version " +
                     std::to_string(o.deliverable.version) + ") du programme « " + o.found.programme.title + " » :";
  std::size_t count = 0;
  for (std::size_t start = 0; start < o.deliverable.actions.size();) {
    std::size_t end = o.deliverable.actions.find('\n', start);
    if (end == std::string::npos) end = o.deliverable.actions.size();
    std::string line = o.deliverable.actions.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) {
      need += "\n- " + line;
      ++count;
    }
    start = end + 1;
  }
  if (count == 0) need += "\n- (le livrable ne liste pas ses actions : précisez-les)";
  return {{"workflow", "anct"}, {"title", title}, {"theme", ""}, {"besoin", need}, {"deja_tente", ""}, {"project", ""}};
}

Response RenderForm(const WebContext& context, const Origin& o, int status, const json& values,
                    const std::vector<Error>& errors) {
  json view = values;
  view["csrf"] = CurrentCsrfToken();
  view["organisation"] = o.collectivite.name;
  const std::string programme_url = "/programmes/" + std::to_string(o.found.programme.id);
  view["action"] = programme_url + "/livrables/" + std::to_string(o.deliverable.id) + "/demande";
  view["origin"] = {{"programme_title", o.found.programme.title},
                    {"programme_url", programme_url},
                    {"deliverable_title", o.deliverable.title},
                    {"version", o.deliverable.version},
                    {"territory_name", o.territory_name}};
  const std::string workflow = values.value("workflow", "anct");
  json workflows = json::array();
  for (const auto& w : requests::Workflows()) {
    workflows.push_back({{"value", w.key}, {"label", w.label}, {"selected", w.key == workflow}});
  }
  view["workflows"] = workflows;
  const std::string theme = values.value("theme", "");
  json themes = json::array({{{"value", ""}, {"label", "—"}, {"selected", theme.empty()}}});
  for (const auto& [key, label] : catalogue::Themes()) themes.push_back({{"value", key}, {"label", label}, {"selected", key == theme}});
  view["themes"] = themes;
  json projects = json::array({{{"value", ""}, {"label", "Aucun"}}});
  for (const auto& p : context.store.ProjectsOf(o.collectivite.id)) {
    projects.push_back({{"value", p.id}, {"label", p.name}, {"selected", values.value("project", "") == std::to_string(p.id)}});
  }
  view["projects"] = projects;
  json list = json::array();
  for (const Error& e : errors) {
    list.push_back({{"message", e.message}, {"field_id", e.field.empty() ? "" : "demande-" + e.field}});
    if (!e.field.empty()) view["error_" + e.field] = e.message;
  }
  view["errors"] = list;
  view["has_errors"] = !errors.empty();
  view["errors_title"] = "La demande n'a pas été enregistrée";
  return RenderPage(context, status, "request_form", view,
                    {"Mobiliser l'ingénierie sur mesure",
                     {{"Programmes collectifs", "/programmes"}, {o.found.programme.title, programme_url}},
                     "programmes"});
}

Response NewDeliverableRequestPage(const WebContext& context, const Request& request) {
  auto loaded = LoadOrigin(context, request);
  if (auto* refusal = std::get_if<Refusal>(&loaded)) return RenderError(context, request, refusal->status, refusal->message);
  const Origin& o = std::get<Origin>(loaded);
  return RenderForm(context, o, 200, Prefilled(o), {});
}

Response CreateDeliverableRequest(const WebContext& context, const Request& request) {
  auto loaded = LoadOrigin(context, request);
  if (auto* refusal = std::get_if<Refusal>(&loaded)) return RenderError(context, request, refusal->status, refusal->message);
  const Origin& o = std::get<Origin>(loaded);
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const Form& f = form.value();
  json values{{"workflow", f.Get("workflow")}, {"title", f.Get("title")}, {"theme", f.Get("theme")},
              {"besoin", f.Get("besoin")}, {"deja_tente", f.Get("deja_tente")}, {"project", f.Get("project")}};
  std::vector<Error> errors;
  requests::Request r;
  r.workflow = f.Get("workflow");
  const requests::Workflow* workflow = requests::FindWorkflow(r.workflow);
  if (!workflow) errors.push_back(InvalidInput("Choisissez le circuit de la demande.", "workflow"));
  r.title = f.Get("title");
  if (r.title.empty()) errors.push_back(InvalidInput("Donnez un titre à la demande.", "title"));
  if (r.title.size() > kTitleMax) errors.push_back(InvalidInput("Le titre est trop long (300 caractères au plus).", "title"));
  r.theme = f.Get("theme");
  if (!r.theme.empty() && catalogue::LabelOf(catalogue::Themes(), r.theme).empty()) {
    errors.push_back(InvalidInput("Thématique inconnue.", "theme"));
  }
  if (const std::string project = f.Get("project"); !project.empty()) {
    const bool digits = project.size() <= 18 && project.find_first_not_of("0123456789") == std::string::npos;
    const auto found = digits ? context.store.FindProject(std::stoll(project)) : std::nullopt;
    if (!found || found->organisation_id != o.collectivite.id) {
      errors.push_back(InvalidInput("Ce projet n'est pas un projet de la collectivité.", "project"));
    } else {
      r.project_id = found->id;
    }
  }
  for (const char* name : {"besoin", "deja_tente"}) {
    if (std::string value = f.Get(name); !value.empty()) r.fields[name] = value;
  }
  if (!errors.empty()) return RenderForm(context, o, 400, values, errors);
  r.organisation_id = o.collectivite.id;
  r.territory = o.collectivite.territory->ToString();
  r.departement = DepartementOf(context, *o.collectivite.territory);
  r.state = std::string(workflow->states.front().key);
  r.created_by = CurrentViewer().account->user.id;
  const std::string now = NowUtc();
  const requests::Request created = context.store.CreateRequest(r, now);
  const Status linked = context.store.LinkRequestToDeliverable(created.id, o.deliverable.id, now);
  if (!linked) return RenderError(context, request, 409, linked.error().message);
  return Response::Redirect(303, "/demandes/" + std::to_string(created.id));
}

}  // namespace

void RegisterDeliverableRequestPages(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/programmes/{programme}/livrables/{deliverable}/demande", "deliverable_request_page",
          NewDeliverableRequestPage);
  AddPage(router, context, "POST", "/programmes/{programme}/livrables/{deliverable}/demande", "deliverable_request_create",
          CreateDeliverableRequest);
}

}  // namespace boussole::web
