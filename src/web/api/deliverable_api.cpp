// The deliverables of a programme in JSON (issue 7, items 7 and 9): every version with its
// status (published ones for everyone, the others only for the ANCT that runs the programme
// and the collectivité of the territory: 404 for anyone else, as on the pages), a new version
// (the file as the body, its type told from its bytes), validation and publication, the
// download, and an ingénierie sur mesure request opened from a deliverable. Writes take a
// personal API token; the rules are the pages' (deliverable_actions.h).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "files/content_type.h"
#include "web/api/api_bodies.h"
#include "web/api/json_body.h"
#include "web/deliverable_actions.h"
#include "web/file_download.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/viewer.h"
#include "web/views/request_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using namespace programmes;

//! The largest file and its request line.
constexpr std::size_t kDeliverableUploadLimit = files::kMaxFileBytes + 64 * 1024;

Response NoProgramme(const WebContext& context, const Request& request) {
  return RenderError(context, request, 404, "Ce programme n'existe pas.");
}
Response NoDeliverable(const WebContext& context, const Request& request) {
  return RenderError(context, request, 404, "Ce livrable n'existe pas.");
}

// A refusal of the shared rules, naming the field (or query parameter) at fault.
Response Refusal(const WebContext& context, const Request& request, const Error& e, const char* field = nullptr) {
  const std::string name = field ? field : e.field;
  return RenderError(context, request, ActionStatusOf(e), (name.empty() ? "" : "« " + name + " » : ") + e.message);
}

std::string TerritoryName(const WebContext& context, const std::string& id) {
  if (const auto t = territories::TerritoryId::Parse(id)) {
    if (const auto found = context.store.FindTerritory(t.value())) return found->name;
  }
  return id;
}

json DeliverableJson(const WebContext& context, const Programme& p, const Deliverable& d,
                     const std::vector<DeliverableRequest>& links) {
  const std::string api = "/api/v1/programmes/" + std::to_string(p.id) + "/deliverables/" + std::to_string(d.id);
  json requests = json::array();
  for (const DeliverableRequest& l : links) {
    if (l.deliverable_id == d.id) requests.push_back(l.request_id);
  }
  return {{"id", d.id},
          {"programme_id", p.id},
          {"territory_id", d.territory_id},
          {"territory_name", TerritoryName(context, d.territory_id)},
          {"title", d.title},
          {"version", d.version},
          {"status", d.status},
          {"file_name", d.file_name},
          {"file_size", d.file_size},
          {"actions", d.actions},
          {"created_at", d.created_at},
          {"validated_at", d.validated_at},
          {"published_at", d.published_at},
          {"request_ids", requests},
          {"url", api},
          {"file_url", api + "/file"},
          {"page_url", "/programmes/" + std::to_string(p.id) + "/livrables/" + std::to_string(d.id)}};
}

// The requests opened from deliverables, for those who see every version (the pages show
// them to the ANCT and the territory only).
std::vector<DeliverableRequest> LinksFor(const WebContext& context, const Programme& p, const Deliverable& d) {
  if (!ManagesProgramme(context, p) && !SpeaksForTerritory(context, d.territory_id)) return {};
  return context.store.DeliverableRequestsOf(p.id);
}

Response ApiDeliverables(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return NoProgramme(context, request);
  const Programme& p = found->programme;
  const bool manages = ManagesProgramme(context, p);
  const auto links = context.store.DeliverableRequestsOf(p.id);
  json list = json::array();
  for (const Deliverable& d : context.store.DeliverablesOf(p.id)) {
    if (!MaySeeDeliverable(context, p, d)) continue;
    const bool insider = manages || SpeaksForTerritory(context, d.territory_id);
    list.push_back(DeliverableJson(context, p, d, insider ? links : std::vector<DeliverableRequest>{}));
  }
  json titles = json::array();
  for (auto t : found->type->deliverables) titles.push_back(std::string(t));
  return Response::Json(200, json{{"programme_id", p.id}, {"titles", titles}, {"deliverables", list}}.dump());
}

// The path's deliverable when the caller may see it.
std::optional<Deliverable> Visible(const WebContext& context, const Request& request, const Programme& p) {
  auto d = FindDeliverableInPath(context, request, p);
  if (!d || !MaySeeDeliverable(context, p, *d)) return std::nullopt;
  return d;
}

Response ApiDeliverable(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return NoProgramme(context, request);
  const auto d = Visible(context, request, found->programme);
  if (!d) return NoDeliverable(context, request);
  return Response::Json(200, DeliverableJson(context, found->programme, *d, LinksFor(context, found->programme, *d)).dump());
}

Response ApiDeliverableDownload(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return NoProgramme(context, request);
  const auto d = Visible(context, request, found->programme);
  const auto file = d ? context.store.FindFile(d->file_id) : std::nullopt;
  if (!file) return NoDeliverable(context, request);
  return FileDownload(context, request, *file);
}

// POST …/deliverables?territoire=…&titre=…&nom=…[&actions=…]: the file's bytes as the body.
Response ApiDeliverableUpload(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return NoProgramme(context, request);
  const std::string name = request.Query("nom").value_or("");
  if (name.empty()) {
    return RenderError(context, request, 400,
                       "Donnez le nom du fichier dans le paramètre « nom » (par exemple nom=vision-prospective.pdf).");
  }
  DeliverableUpload upload{request.Query("territoire").value_or(""), request.Query("titre").value_or(""),
                           request.Query("actions").value_or(""), name, request.body};
  auto added = UploadDeliverableVersion(context, *found, upload);
  if (!added) {
    const std::string& f = added.error().field;
    const char* parameter = f == "territory" ? "territoire" : f == "title" ? "titre" : f == "file" ? "corps" : f.empty() ? nullptr : f.c_str();
    return Refusal(context, request, added.error(), parameter);
  }
  const json body = DeliverableJson(context, found->programme, added.value(), {});
  Response response = Response::Json(201, body.dump());
  response.SetHeader("Location", body["url"].get<std::string>());
  return response;
}

// {status: "validated" | "published"}: the ANCT validates, then publishes.
Response ApiStatus(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return NoProgramme(context, request);
  const auto d = FindDeliverableInPath(context, request, found->programme);
  if (!d) return NoDeliverable(context, request);
  auto body = ReadJsonObject(request);
  if (!body) return JsonBodyFailure(context, request, body.error());
  JsonFields fields(body.value());
  const std::string status = fields.String("status", true, 20);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, request, *problem);
  if (status != "validated" && status != "published") {
    return RenderError(context, request, 400, "Le champ « status » vaut « validated » (valider) ou « published » (publier).");
  }
  auto done = ChangeDeliverableStatus(context, *d, status);
  if (!done) return Refusal(context, request, done.error());
  return Response::Json(200, DeliverableJson(context, found->programme, done.value(), LinksFor(context, found->programme, *d)).dump());
}

// {workflow?, title?, theme?, project_id?, besoin?, deja_tente?}: a field left out takes the
// value the page's form is prefilled with (circuit ANCT, a title naming the deliverable, the
// need listing its actions).
Response ApiOpenRequest(const WebContext& context, const Request& request) {
  auto found = FindProgrammeInPath(context, request);
  if (!found) return NoProgramme(context, request);
  auto d = FindDeliverableInPath(context, request, found->programme);
  if (!d) return NoDeliverable(context, request);
  auto origin = DeliverableOriginFor(context, std::move(*found), std::move(*d));
  if (!origin) return Refusal(context, request, origin.error());
  auto body = ReadJsonObject(request);
  if (!body) return JsonBodyFailure(context, request, body.error());
  JsonFields fields(body.value());
  DraftInput input = PrefilledDraft(origin.value());
  ReadDraftFields(fields, input, false);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, request, *problem);
  std::vector<Error> errors;
  auto created = OpenRequestFromDeliverable(context, origin.value(), input, &errors);
  if (!created) {
    Error e = created.error();
    if (e.field == "project") e.field = "project_id";
    return Refusal(context, request, e);
  }
  Response response = Response::Json(201, RequestDetail(context, created.value()).dump());
  response.SetHeader("Location", "/api/v1/requests/" + std::to_string(created.value().id));
  return response;
}

}  // namespace

void RegisterDeliverableApi(Router& router, const WebContext& context) {
  const std::string base = "/api/v1/programmes/{programme}/deliverables";
  AddPage(router, context, "GET", base.c_str(), "api_deliverables", ApiDeliverables);
  router.AddUpload("POST", base, "api_deliverable_upload",
                   [&context](const Request& r) { return ApiDeliverableUpload(context, r); }, kDeliverableUploadLimit);
  AddPage(router, context, "GET", (base + "/{deliverable}").c_str(), "api_deliverable", ApiDeliverable);
  AddPage(router, context, "GET", (base + "/{deliverable}/file").c_str(), "api_deliverable_file", ApiDeliverableDownload);
  AddPage(router, context, "POST", (base + "/{deliverable}/status").c_str(), "api_deliverable_status", ApiStatus);
  AddPage(router, context, "POST", (base + "/{deliverable}/requests").c_str(), "api_deliverable_request_create",
          ApiOpenRequest);
}

}  // namespace boussole::web
