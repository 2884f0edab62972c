// The request API's writes (issue 6, item 7): create a draft, rewrite it, take a step with the fields the
// workflow requires and the optimistic version, comment, upload and download attachments.
// JSON bodies (api/json_body.h) from programs with a personal API token; the same rules as
// the pages (request_actions.h). Reads (list, one request, workflows) are in
// pages/request_pages.cpp.
#include <nlohmann/json.hpp>
#include <cstdint>
#include <string>

#include "core/clock.h"
#include "domain/catalogue/vocabulary.h"
#include "domain/requests/engine.h"
#include "files/upload.h"
#include "web/api/api_bodies.h"
#include "web/api/json_body.h"
#include "web/params.h"
#include "web/file_download.h"
#include "web/pages/page.h"
#include "web/request_actions.h"
#include "web/request_notifications.h"
#include "web/routes.h"
#include "web/viewer.h"
#include "web/views/request_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;

//! The largest file and its request line.
constexpr std::size_t kRequestUploadLimit = files::kMaxFileBytes + 64 * 1024;

std::optional<requests::Request> ApiLoad(const WebContext& context, const Request& http) {
  const auto id = ParseRowId(http.Param("request"));
  auto found = id ? context.store.FindRequest(*id) : std::nullopt;
  if (found && !ViewerMaySee(context, *found)) return std::nullopt;
  return found;
}

Response NotFound(const WebContext& context, const Request& http) {
  return RenderError(context, http, 404, "Cette demande n'existe pas.");
}

Response RequestCreated(const std::string& location, const json& body) {
  Response response = Response::Json(201, body.dump());
  response.SetHeader("Location", location);
  return response;
}

// POST /api/v1/organisations/{organisation}/requests: a draft of the collectivité.
Response ApiCreateRequest(const WebContext& context, const Request& http) {
  const auto id = ParseRowId(http.Param("organisation"));
  const auto organisation = id ? context.store.FindOrganisation(*id) : std::nullopt;
  if (!organisation || organisation->kind != organisations::Kind::kCollectivite || !organisation->territory) {
    return RenderError(context, http, 404, "Seule une collectivité rattachée à son territoire dépose une demande.");
  }
  auto body = ReadJsonObject(http);
  if (!body) return JsonBodyFailure(context, http, body.error());
  JsonFields fields(body.value());
  DraftInput input;
  ReadDraftFields(fields, input, true);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, http, *problem);
  auto draft = CheckDraft(context, *organisation, input);
  if (!draft.ok()) return RenderError(context, http, 400, draft.errors.front().message);
  const requests::Request created = context.store.CreateRequest(draft.request, NowUtc());
  return RequestCreated("/api/v1/requests/" + std::to_string(created.id), RequestDetail(context, created));
}

// PUT /api/v1/requests/{request}: the draft rewritten, the creation's body and the version.
Response ApiUpdateDraft(const WebContext& context, const Request& http) {
  const auto r = ApiLoad(context, http);
  if (!r) return NotFound(context, http);
  auto body = ReadJsonObject(http);
  if (!body) return JsonBodyFailure(context, http, body.error());
  JsonFields fields(body.value());
  const std::int64_t version = fields.Int("version", true, 1, INT64_MAX).value_or(0);
  DraftInput input;
  ReadDraftFields(fields, input, true);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, http, *problem);
  const DraftEditOutcome outcome = EditDraft(context, *r, input, version);
  if (outcome.status != 200) return RenderError(context, http, outcome.status, outcome.message);
  return Response::Json(200, RequestDetail(context, outcome.request).dump());
}

// A field's value in a step body: a string, a whole number, or a list of choice keys.
std::optional<std::string> StepValue(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_unsigned() || value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_array()) {
    std::string joined;
    for (const auto& item : value) {
      if (!item.is_string()) return std::nullopt;
      joined += (joined.empty() ? "" : ",") + item.get<std::string>();
    }
    return joined;
  }
  return std::nullopt;
}

// POST /api/v1/requests/{request}/transitions: {transition, version, fields}.
Response ApiTakeStep(const WebContext& context, const Request& http) {
  const auto r = ApiLoad(context, http);
  if (!r) return NotFound(context, http);
  auto body = ReadJsonObject(http);
  if (!body) return JsonBodyFailure(context, http, body.error());
  json rest = body.value();
  json values = json::object();
  if (rest.contains("fields")) {
    values = rest["fields"];
    rest.erase("fields");
  }
  JsonFields fields(rest);
  StepInput input;
  input.transition = fields.String("transition", true, 60);
  input.version = fields.Int("version", true, 1, INT64_MAX).value_or(0);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, http, *problem);
  if (!values.is_object()) {
    return RenderError(context, http, 400, "Le champ « fields » doit être un objet : le nom de chaque information, sa valeur.");
  }
  for (const auto& [name, value] : values.items()) {
    const requests::Field* field = requests::FindField(name);
    if (field == nullptr) return RenderError(context, http, 400, "Information inconnue dans « fields » : « " + name + " ».");
    if (field->kind == requests::FieldKind::kFile) {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 1) {
        return RenderError(context, http, 400, "« " + name + " » doit être l'identifiant d'un fichier déjà joint à la demande.");
      }
      input.trail_file_id = value.get<std::int64_t>();
      continue;
    }
    const auto text = StepValue(value);
    if (!text) return RenderError(context, http, 400, "« " + name + " » doit être un texte, un nombre entier ou une liste de choix.");
    input.submitted[name] = *text;
  }
  const StepOutcome outcome = TakeStep(context, *r, input);
  if (outcome.status != 200) return RenderError(context, http, outcome.status, outcome.message);
  return Response::Json(200, RequestDetail(context, outcome.request).dump());
}

// POST /api/v1/requests/{request}/comments: {text}.
Response ApiComment(const WebContext& context, const Request& http) {
  const auto r = ApiLoad(context, http);
  if (!r) return NotFound(context, http);
  auto body = ReadJsonObject(http);
  if (!body) return JsonBodyFailure(context, http, body.error());
  JsonFields fields(body.value());
  const std::string text = fields.String("text", true, 10000);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, http, *problem);
  requests::RequestEvent event;
  event.request_id = r->id;
  event.user_id = CurrentViewer().account->user.id;
  event.kind = "comment";
  event.text = text;
  const std::string now = NowUtc();
  context.store.AppendRequestEvent(event, now);
  NotifyRequestParties(context, *r, event.user_id, now, "commentaire de " + CurrentViewer().account->user.display_name);
  return RequestCreated("/api/v1/requests/" + std::to_string(r->id), RequestDetail(context, *r));
}

// POST /api/v1/requests/{request}/files?nom=…: the file's bytes as the body.
Response ApiUpload(const WebContext& context, const Request& http) {
  const auto r = ApiLoad(context, http);
  if (!r) return NotFound(context, http);
  const std::string name = http.Query("nom").value_or("");
  if (name.empty()) return RenderError(context, http, 400, "Donnez le nom du fichier dans le paramètre « nom » (par exemple nom=plan-guide.pdf).");
  if (http.body.empty()) return RenderError(context, http, 400, "Le fichier est vide : envoyez ses octets comme corps de la requête.");
  if (context.files == nullptr) return RenderError(context, http, 400, "Le dépôt de fichiers n'est pas configuré.");
  const std::string now = NowUtc();
  const std::int64_t viewer = CurrentViewer().account->user.id;
  // The bytes first (fsynced); their row with the trail's event, in one transaction.
  auto saved = files::StoreUpload(*context.files, name, http.body, viewer);
  if (!saved) return RenderError(context, http, 400, saved.error().message);
  requests::RequestEvent event;
  event.request_id = r->id;
  event.user_id = viewer;
  event.kind = "file";
  event.text = http.Query("texte").value_or("");
  event.new_file = saved.value();
  files::FileRecord f = saved.value();
  f.id = context.store.AppendRequestEvent(event, now).value_or(0);
  NotifyRequestParties(context, *r, viewer, now,
                       "fichier « " + f.original_name + " » joint par " + CurrentViewer().account->user.display_name);
  const std::string url = "/api/v1/requests/" + std::to_string(r->id) + "/files/" + std::to_string(f.id);
  return RequestCreated(url, {{"id", f.id}, {"name", f.original_name}, {"content_type", f.content_type}, {"size", f.size},
                       {"sha256", f.sha256}, {"url", url}});
}

// GET /api/v1/requests/{request}/files/{file}: only a file of this request's trail.
Response ApiDownload(const WebContext& context, const Request& http) {
  const auto r = ApiLoad(context, http);
  if (!r) return NotFound(context, http);
  const auto file_id = ParseRowId(http.Param("file"));
  bool in_trail = false;
  for (const auto& e : context.store.TrailOf(r->id)) in_trail = in_trail || (file_id && e.file_id == file_id);
  const auto file = in_trail ? context.store.FindFile(*file_id) : std::nullopt;
  if (!file) return RenderError(context, http, 404, "Ce fichier n'est pas joint à cette demande.");
  return FileDownload(context, http, *file);
}

}  // namespace

void RegisterRequestApi(Router& router, const WebContext& context) {
  AddPage(router, context, "POST", "/api/v1/organisations/{organisation}/requests", "api_request_create", ApiCreateRequest);
  AddPage(router, context, "PUT", "/api/v1/requests/{request}", "api_request_update", ApiUpdateDraft);
  AddPage(router, context, "POST", "/api/v1/requests/{request}/transitions", "api_request_transition", ApiTakeStep);
  AddPage(router, context, "POST", "/api/v1/requests/{request}/comments", "api_request_comment", ApiComment);
  router.AddUpload("POST", "/api/v1/requests/{request}/files", "api_request_upload",
                   [&context](const Request& r) { return ApiUpload(context, r); }, kRequestUploadLimit);
  AddPage(router, context, "GET", "/api/v1/requests/{request}/files/{file}", "api_request_file", ApiDownload);
}

}  // namespace boussole::web
