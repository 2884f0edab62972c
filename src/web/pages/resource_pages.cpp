// The directory of engineering resources (issue 6, item 2): searchable by territory and
// theme by anyone signed in; préfectures add the structures of their département, the ANCT
// national ones. The structures the seeds name ship with the code (directory/resource.h).
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/directory/resource.h"
#include "web/api/json_body.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/viewer.h"
#include "web/views/resource_view.h"
#include "web/views/territory_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;

// Where the viewer may add structures: "" for the ANCT (anywhere, national allowed), the
// départements of their préfectures otherwise; nullopt when neither.
struct AddScope {
  bool anct = false;
  std::set<std::string> departements;
  bool any() const { return anct || !departements.empty(); }
};

AddScope ScopeOfViewer(const WebContext& context) {
  AddScope scope;
  for (const auto& m : context.store.ListMemberships(CurrentViewer().account->user.id)) {
    if (m.organisation.kind == organisations::Kind::kAnct) scope.anct = true;
    if (m.organisation.kind == organisations::Kind::kDelegationTerritoriale && m.organisation.territory) {
      scope.departements.insert(m.organisation.territory->ToString());
    }
  }
  return scope;
}

json Options(const catalogue::Vocabulary& vocabulary, const std::string& chosen, bool blank) {
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
  json list = json::array();
  for (const auto& r : AllResources(context)) {
    if (place && !directory::Covers(r, *place)) continue;
    if (!theme.empty() && std::find(r.themes.begin(), r.themes.end(), theme) == r.themes.end()) continue;
    list.push_back(ResourceJson(r));
  }
  const AddScope scope = ScopeOfViewer(context);
  json view{{"territoire", territory_input},
            {"themes", Options(catalogue::Themes(), theme, true)},
            {"form_themes", Options(catalogue::Themes(), "", false)},
            {"kinds", Options(directory::ResourceKinds(), "", false)},
            {"resources", list},
            {"has_resources", !list.empty()},
            {"can_add", scope.any()},
            {"anct", scope.anct},
            {"error", error},
            {"csrf", CurrentCsrfToken()}};
  return RenderPage(context, status, "resources", view, {"Annuaire des ressources d'ingénierie", {}, ""});
}

Response Directory(const WebContext& context, const Request& request) { return DirectoryPage(context, request, 200, ""); }

// A structure as submitted (a form or a JSON body).
struct ResourceInput {
  std::string name;
  std::string kind;
  std::vector<std::string> themes;
  std::string engineering;
  std::vector<std::string> territories;  //!< codes as typed: INSEE, SIREN, département
  bool national = false;
  std::string contact;
};

// The structure checked against the viewer's scope: a French message otherwise.
Result<directory::Resource> CheckResource(const WebContext& context, const AddScope& scope, const ResourceInput& in) {
  directory::Resource r;
  r.name = in.name;
  r.kind = in.kind;
  r.themes = in.themes;
  r.engineering = in.engineering;
  r.contact = in.contact;
  r.national = in.national;
  r.created_by = CurrentViewer().account->user.id;
  if (r.name.empty() || r.name.size() > 300) return InvalidInput("Donnez le nom de la structure (300 caractères au plus).", "name");
  if (catalogue::LabelOf(directory::ResourceKinds(), r.kind).empty()) return InvalidInput("Choisissez le type de structure.", "kind");
  for (const auto& theme : r.themes) {
    if (catalogue::LabelOf(catalogue::Themes(), theme).empty()) return InvalidInput("Thématique inconnue : « " + theme + " ».", "themes");
  }
  if (r.national && !scope.anct) return InvalidInput("Seule l'ANCT ajoute une structure nationale.", "national");
  std::set<std::string> departements;
  for (const auto& code : in.territories) {
    if (code.empty()) continue;
    const auto found = ResolveTerritory(code, context.store);
    if (!found) return InvalidInput("Territoire introuvable : « " + code + " ».", "territories");
    const auto place = PlaceOf(context, found->id.ToString());
    bool in_scope = scope.anct;
    for (const auto& d : scope.departements) in_scope = in_scope || place.count(d) > 0;
    if (!in_scope) return InvalidInput("« " + found->name + " » n'est pas dans votre département.", "territories");
    r.territories.push_back(found->id.ToString());
    for (const auto& d : scope.departements) {
      if (place.count(d)) departements.insert(d);
    }
  }
  if (!r.national && r.territories.empty()) {
    return InvalidInput("Indiquez au moins un territoire couvert (code INSEE, SIREN ou département).", "territories");
  }
  r.scope = scope.anct ? "" : *departements.begin();
  return r;
}

constexpr const char* kOnlyPrefecturesAndAnct =
    "Seules les préfectures (pour leur département) et l'ANCT ajoutent des structures à l'annuaire.";

Response AddResource(const WebContext& context, const Request& request) {
  const AddScope scope = ScopeOfViewer(context);
  if (!scope.any()) return RenderError(context, request, 403, kOnlyPrefecturesAndAnct);
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const Form& f = form.value();
  ResourceInput in{f.Get("name"), f.Get("kind"), f.GetAll("themes"), f.Get("engineering"), {}, f.Get("national") == "oui",
                   f.Get("contact")};
  std::string codes = f.Get("territories");
  for (char& c : codes) {
    if (c == ',' || c == ';' || c == '\n' || c == '\r') c = ' ';
  }
  std::size_t at = 0;
  while (at < codes.size()) {
    const std::size_t end = std::min(codes.find(' ', at), codes.size());
    in.territories.push_back(codes.substr(at, end - at));
    at = end + 1;
  }
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
  if (!theme.empty() && catalogue::LabelOf(catalogue::Themes(), theme).empty()) {
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
  const AddScope scope = ScopeOfViewer(context);
  if (!scope.any()) return RenderError(context, request, 403, kOnlyPrefecturesAndAnct);
  auto body = ReadJsonObject(request);
  if (!body) return JsonBodyFailure(context, request, body.error());
  JsonFields fields(body.value());
  ResourceInput in;
  in.name = fields.String("name", true, 300);
  in.kind = fields.String("kind", true, 60);
  in.themes = fields.StringList("themes", false, 50, 100);
  in.engineering = fields.String("engineering", false, 1000);
  in.territories = fields.StringList("territories", false, 500, 20);
  in.national = fields.Bool("national", false).value_or(false);
  in.contact = fields.String("contact", false, 500);
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
}

}  // namespace boussole::web
