// The directory of engineering resources (issue 6, item 2): searchable by territory and
// theme by anyone signed in; préfectures add the structures of their département, the ANCT
// national ones (their edit and withdrawal: resource_edit_pages.cpp). The structures the seeds name ship with the code (directory/resource.h).
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/directory/resource.h"
#include "web/api/api_bodies.h"
#include "web/api/json_body.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/resource_actions.h"
#include "web/routes.h"
#include "web/viewer.h"
#include "web/views/resource_view.h"
#include "web/views/territory_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;

json ResourceOptions(const catalogue::Vocabulary& vocabulary, const std::string& chosen, bool blank) {
  json out = json::array();
  if (blank) out.push_back({{"value", ""}, {"label", "Toutes"}, {"selected", chosen.empty()}});
  for (const auto& [key, label] : vocabulary) out.push_back({{"value", key}, {"label", label}, {"selected", key == chosen}});
  return out;
}

Response DirectoryPage(const WebContext& context, const Request& request, int status, const std::string& message) {
  const std::string territory_input = request.Query("territoire").value_or("");
  const std::string theme = request.Query("theme").value_or("");
  std::optional<std::set<std::string>> place;
  std::string error = message;
  if (!territory_input.empty()) {
    if (auto found = ResolveTerritory(territory_input, context.store)) {
      place = PlaceOf(context, found->id.ToString());
    } else {
      error = "Territoire introuvable : « " + territory_input + " ».";
      status = 400;
    }
  }
  const ResourceScope scope = ScopeOfViewer(context);
  json list = json::array();
  for (const auto& r : AllResources(context)) {
    if (place && !directory::Covers(r, *place)) continue;
    if (!theme.empty() && std::find(r.themes.begin(), r.themes.end(), theme) == r.themes.end()) continue;
    json row = ResourceJson(r);
    if (Keeps(scope, r)) row["edit_url"] = "/ressources/" + std::to_string(r.id) + "/modifier";
    list.push_back(row);
  }
  json view{{"territoire", territory_input},
            {"themes", ResourceOptions(catalogue::Themes(), theme, true)},
            {"form_themes", ResourceOptions(catalogue::Themes(), "", false)},
            {"kinds", ResourceOptions(directory::ResourceKinds(), "", false)},
            {"resources", list},
            {"has_resources", !list.empty()},
            {"can_add", scope.any()},
            {"anct", scope.anct},
            {"error", error},
            {"csrf", CurrentCsrfToken()}};
  return RenderPage(context, status, "resources", view, {"Annuaire des ressources d'ingénierie", {}, ""});
}

Response Directory(const WebContext& context, const Request& request) { return DirectoryPage(context, request, 200, ""); }

constexpr const char* kOnlyPrefecturesAndAnct =
    "Seules les préfectures (pour leur département) et l'ANCT ajoutent des structures à l'annuaire.";

Response AddResource(const WebContext& context, const Request& request) {
  const ResourceScope scope = ScopeOfViewer(context);
  if (!scope.any()) return RenderError(context, request, 403, kOnlyPrefecturesAndAnct);
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const Form& f = form.value();
  ResourceInput in{f.Get("name"), f.Get("kind"), f.GetAll("themes"), f.Get("engineering"), {}, f.Get("national") == "oui",
                   f.Get("contact")};
  in.territories = SplitCodes(f.Get("territories"));
  auto checked = CheckResource(context, scope, in);
  if (!checked) return DirectoryPage(context, request, 400, checked.error().message);
  context.store.AddResource(checked.value(), NowUtc());
  return Response::Redirect(303, "/ressources");
}

// ---- API --------------------------------------------------------------------------------

// GET /api/v1/resources?territoire=…&theme=…
Response ApiResources(const WebContext& context, const Request& request) {
  const std::string territory_input = request.Query("territoire").value_or("");
  const std::string theme = request.Query("theme").value_or("");
  if (!theme.empty() && !catalogue::Contains(catalogue::Themes(), theme)) {
    return RenderError(context, request, 400, "Thématique inconnue : « " + theme + " ».");
  }
  std::optional<std::set<std::string>> place;
  if (!territory_input.empty()) {
    const auto found = ResolveTerritory(territory_input, context.store);
    if (!found) return RenderError(context, request, 400, "Territoire introuvable : « " + territory_input + " ».");
    place = PlaceOf(context, found->id.ToString());
  }
  json list = json::array();
  for (const auto& r : AllResources(context)) {
    if (place && !directory::Covers(r, *place)) continue;
    if (!theme.empty() && std::find(r.themes.begin(), r.themes.end(), theme) == r.themes.end()) continue;
    list.push_back(ResourceJson(r));
  }
  return Response::Json(200, json{{"resources", list}}.dump());
}

// POST /api/v1/resources: {name, kind, themes, engineering, territories, national, contact}.
Response ApiAddResource(const WebContext& context, const Request& request) {
  const ResourceScope scope = ScopeOfViewer(context);
  if (!scope.any()) return RenderError(context, request, 403, kOnlyPrefecturesAndAnct);
  auto body = ReadJsonObject(request);
  if (!body) return JsonBodyFailure(context, request, body.error());
  JsonFields fields(body.value());
  const ResourceInput in = ReadResourceFields(fields);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, request, *problem);
  auto checked = CheckResource(context, scope, in);
  if (!checked) return RenderError(context, request, 400, checked.error().message);
  const directory::Resource stored = context.store.AddResource(checked.value(), NowUtc());
  return Response::Json(201, ResourceJson(stored).dump());
}

}  // namespace

void RegisterResourcePages(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/ressources", "resource_directory", Directory);
  AddPage(router, context, "POST", "/ressources", "resource_add", AddResource);
  AddPage(router, context, "GET", "/api/v1/resources", "api_resources", ApiResources);
  AddPage(router, context, "POST", "/api/v1/resources", "api_resource_create", ApiAddResource);
  RegisterResourceEditPages(router, context);
}

}  // namespace boussole::web
