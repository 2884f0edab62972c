// The owners' side of the projetothèque (issue 5, item 5): edit a project's case sheet,
// publish it (a public project with a context) or take it back.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/projects/project_rules.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using projects::CaseSheet;
using projects::Project;

std::optional<Project> FindProjectParam(const WebContext& context, const Request& request) {
  const std::string text = request.Param("project");
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return context.store.FindProject(std::stoll(text));
}

json SheetForm(const Project& p, const CaseSheet& sheet, const std::vector<Error>& errors) {
  json view{{"csrf", CurrentCsrfToken()},
            {"action", "/projets/" + std::to_string(p.id) + "/fiche"},
            {"project_url", "/projets/" + std::to_string(p.id)},
            {"name", p.name}};
  const std::vector<std::pair<std::string, std::pair<const std::string*, std::string>>> fields{
      {"context", {&sheet.context, "Contexte"}},
      {"actions", {&sheet.actions, "Actions menées"}},
      {"results", {&sheet.results, "Résultats"}},
      {"testimony", {&sheet.testimony, "Témoignage"}},
      {"partners", {&sheet.partners, "Partenaires"}}};
  json list = json::array();
  json error_list = json::array();
  for (const auto& [key, value] : fields) {
    json field{{"key", key}, {"label", value.second}, {"value", *value.first}};
    for (const Error& e : errors) {
      if (e.field == key) field["error"] = e.message;
    }
    list.push_back(field);
  }
  for (const Error& e : errors) error_list.push_back({{"message", e.message}, {"field_id", "fiche-" + e.field}});
  view["fields"] = list;
  view["errors"] = error_list;
  view["has_errors"] = !errors.empty();
  view["errors_title"] = "La fiche n'a pas été enregistrée";
  return view;
}

Response SheetPage(const WebContext& context, const Request& request) {
  const auto project = FindProjectParam(context, request);
  if (!project) return RenderError(context, request, 404, "Ce projet n'existe pas.");
  return RenderPage(context, 200, "case_sheet_form", SheetForm(*project, project->sheet, {}),
                    {"Fiche de la projetothèque", {{project->name, "/projets/" + std::to_string(project->id)}}, ""});
}

Response SaveSheet(const WebContext& context, const Request& request) {
  const auto project = FindProjectParam(context, request);
  if (!project) return RenderError(context, request, 404, "Ce projet n'existe pas.");
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  CaseSheet sheet{form.value().Get("context"), form.value().Get("actions"), form.value().Get("results"),
                  form.value().Get("testimony"), form.value().Get("partners")};
  const auto errors = projects::ValidateCaseSheet(sheet);
  if (!errors.empty()) {
    return RenderPage(context, 400, "case_sheet_form", SheetForm(*project, sheet, errors),
                      {"Fiche de la projetothèque", {{project->name, "/projets/" + std::to_string(project->id)}}, ""});
  }
  auto saved = context.store.SaveCaseSheet(project->id, sheet, CurrentViewer().account->user.id, NowUtc());
  if (!saved) return RenderError(context, request, 404, saved.error().message);
  return Response::Redirect(303, "/projets/" + std::to_string(project->id) + "#projetotheque");
}

Response SetPublication(const WebContext& context, const Request& request) {
  const auto project = FindProjectParam(context, request);
  if (!project) return RenderError(context, request, 404, "Ce projet n'existe pas.");
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string action = form.value().Get("action");
  if (action != "publier" && action != "retirer") {
    return RenderError(context, request, 400, "Action inconnue : choisissez « publier » ou « retirer ».");
  }
  const bool publish = action == "publier";
  if (publish) {
    if (auto allowed = projects::CheckPublishable(*project); !allowed) {
      return RenderError(context, request, 400, allowed.error().message);
    }
  }
  auto saved = context.store.SetPublished(project->id, publish, CurrentViewer().account->user.id, NowUtc());
  if (!saved) return RenderError(context, request, 404, saved.error().message);
  return Response::Redirect(303, "/projets/" + std::to_string(project->id) + "#projetotheque");
}

}  // namespace

void RegisterCaseSheetPages(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/projets/{project}/fiche", "case_sheet_page", SheetPage);
  AddPage(router, context, "POST", "/projets/{project}/fiche", "case_sheet_save", SaveSheet);
  AddPage(router, context, "POST", "/projets/{project}/publication", "case_sheet_publication", SetPublication);
}

}  // namespace boussole::web
