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
#include "web/deliverable_actions.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/programme_request.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using programmes::Deliverable;

using Origin = DeliverableOrigin;

// The origin of the path's deliverable, or the refusal as a page.
std::variant<Origin, Response> LoadOrigin(const WebContext& context, const Request& request) {
  auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  auto d = FindDeliverableInPath(context, request, found->programme);
  if (!d) return RenderError(context, request, 404, "Ce livrable n'existe pas.");
  auto origin = DeliverableOriginFor(context, std::move(*found), std::move(*d));
  if (!origin) return RenderError(context, request, ActionStatusOf(origin.error()), origin.error().message);
  return std::move(origin.value());
}

json Values(const DraftInput& d) {
  return {{"workflow", d.workflow}, {"title", d.title},           {"theme", d.theme},
          {"besoin", d.besoin},     {"deja_tente", d.deja_tente}, {"project", d.project}};
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
  if (auto* refusal = std::get_if<Response>(&loaded)) return std::move(*refusal);
  const Origin& o = std::get<Origin>(loaded);
  return RenderForm(context, o, 200, Values(PrefilledDraft(o)), {});
}

Response CreateDeliverableRequest(const WebContext& context, const Request& request) {
  auto loaded = LoadOrigin(context, request);
  if (auto* refusal = std::get_if<Response>(&loaded)) return std::move(*refusal);
  const Origin& o = std::get<Origin>(loaded);
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const Form& f = form.value();
  DraftInput input;
  input.workflow = f.Get("workflow");
  input.title = f.Get("title");
  input.theme = f.Get("theme");
  input.project = f.Get("project");
  input.besoin = f.Get("besoin");
  input.deja_tente = f.Get("deja_tente");
  std::vector<Error> errors;
  auto created = OpenRequestFromDeliverable(context, o, input, &errors);
  if (!errors.empty()) return RenderForm(context, o, 400, Values(input), errors);
  if (!created) return RenderError(context, request, ActionStatusOf(created.error()), created.error().message);
  return Response::Redirect(303, "/demandes/" + std::to_string(created.value().id));
}

}  // namespace

void RegisterDeliverableRequestPages(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/programmes/{programme}/livrables/{deliverable}/demande", "deliverable_request_page",
          NewDeliverableRequestPage);
  AddPage(router, context, "POST", "/programmes/{programme}/livrables/{deliverable}/demande", "deliverable_request_create",
          CreateDeliverableRequest);
}

}  // namespace boussole::web
