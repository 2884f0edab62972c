// Editing and withdrawing the structures of the directory of engineering resources (issue
// 6, item 2): whoever keeps a structure (the préfecture of its département, the ANCT) edits
// it or withdraws it; everyone else gets 403. A withdrawn structure stays stored, so that
// the requests already oriented to it still name it, but is no longer searched nor
// suggested (web/resource_actions.h).
#include <nlohmann/json.hpp>
#include <string>

#include "domain/directory/resource.h"
#include "web/api/api_bodies.h"
#include "web/api/json_body.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/params.h"
#include "web/resource_actions.h"
#include "web/routes.h"
#include "web/viewer.h"
#include "web/views/resource_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;

std::int64_t ResourceId(const Request& request) { return ParseRowId(request.Param("resource")).value_or(0); }

json ResourceEditOptions(const catalogue::Vocabulary& vocabulary, const std::vector<std::string>& chosen) {
  json out = json::array();
  for (const auto& [key, label] : vocabulary) {
    out.push_back({{"value", key}, {"label", label}, {"selected", std::find(chosen.begin(), chosen.end(), key) != chosen.end()}});
  }
  return out;
}

Response FormPage(const WebContext& context, std::int64_t id, const ResourceInput& in, int status,
                  const std::string& error, const std::string& field) {
  std::string territories;
  for (const auto& t : in.territories) territories += (territories.empty() ? "" : ", ") + t;
  const std::string base = "/ressources/" + std::to_string(id);
  json view{{"name", in.name},
            {"kinds", ResourceEditOptions(directory::ResourceKinds(), {in.kind})},
            {"themes", ResourceEditOptions(catalogue::Themes(), in.themes)},
            {"engineering", in.engineering},
            {"territories", territories},
            {"national", in.national},
            {"contact", in.contact},
            {"anct", ScopeOfViewer(context).anct},
            {"error", error},
            {"action", base + "/modifier"},
            {"withdraw_action", base + "/retrait"},
            {"csrf", CurrentCsrfToken()}};
  if (!field.empty()) view["error_" + field] = true;
  return RenderPage(context, status, "resource_form", view,
                    {"Modifier une structure", {{"Annuaire des ressources d'ingénierie", "/ressources"}}, ""});
}

ResourceInput InputOf(const directory::Resource& r) {
  return {r.name, r.kind, r.themes, r.engineering, r.territories, r.national, r.contact};
}

// GET /ressources/{resource}/modifier
Response EditPage(const WebContext& context, const Request& request) {
  const ResourceOutcome kept = KeptResource(context, ResourceId(request));
  if (kept.status != 200) return RenderError(context, request, kept.status, kept.message);
  return FormPage(context, kept.resource.id, InputOf(kept.resource), 200, "", "");
}

// POST /ressources/{resource}/modifier
Response Edit(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const Form& f = form.value();
  const ResourceInput in{f.Get("name"), f.Get("kind"), f.GetAll("themes"), f.Get("engineering"),
                         SplitCodes(f.Get("territories")), f.Get("national") == "oui", f.Get("contact")};
  const ResourceOutcome outcome = EditResource(context, ResourceId(request), in);
  if (outcome.status == 400) return FormPage(context, outcome.resource.id, in, 400, outcome.message, outcome.field);
  if (outcome.status != 200) return RenderError(context, request, outcome.status, outcome.message);
  return Response::Redirect(303, "/ressources");
}

// POST /ressources/{resource}/retrait
Response Withdraw(const WebContext& context, const Request& request) {
  const ResourceOutcome outcome = WithdrawResource(context, ResourceId(request));
  if (outcome.status != 200) return RenderError(context, request, outcome.status, outcome.message);
  return Response::Redirect(303, "/ressources");
}

// ---- API --------------------------------------------------------------------------------

// PUT /api/v1/resources/{resource}: the addition's body, the whole structure.
Response ApiEdit(const WebContext& context, const Request& request) {
  auto body = ReadJsonObject(request);
  if (!body) return JsonBodyFailure(context, request, body.error());
  JsonFields fields(body.value());
  const ResourceInput in = ReadResourceFields(fields);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, request, *problem);
  const ResourceOutcome outcome = EditResource(context, ResourceId(request), in);
  if (outcome.status != 200) return RenderError(context, request, outcome.status, outcome.message);
  return Response::Json(200, ResourceJson(outcome.resource).dump());
}

// DELETE /api/v1/resources/{resource}: withdrawn from the directory (the row stays).
Response ApiWithdraw(const WebContext& context, const Request& request) {
  const ResourceOutcome outcome = WithdrawResource(context, ResourceId(request));
  if (outcome.status != 200) return RenderError(context, request, outcome.status, outcome.message);
  return Response::Text(204, "");
}

}  // namespace

void RegisterResourceEditPages(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/ressources/{resource}/modifier", "resource_edit_page", EditPage);
  AddPage(router, context, "POST", "/ressources/{resource}/modifier", "resource_edit", Edit);
  AddPage(router, context, "POST", "/ressources/{resource}/retrait", "resource_withdraw", Withdraw);
  AddPage(router, context, "PUT", "/api/v1/resources/{resource}", "api_resource_update", ApiEdit);
  AddPage(router, context, "DELETE", "/api/v1/resources/{resource}", "api_resource_delete", ApiWithdraw);
}

}  // namespace boussole::web
