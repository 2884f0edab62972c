// Requests ("saisines", issue 6): a collectivité's members create one; its parties follow
// it and move it along its workflow (domain/requests/workflow.h), each transition by the
// party its table names, with the fields it requires, files included; every step, comment
// and file goes to the trail. Optimistic versioning: a form carries the version it was
// built from, and a transition on a version that moved is a conflict (409).
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/catalogue/vocabulary.h"
#include "domain/directory/resource.h"
#include "domain/notifications/notification.h"
#include "domain/requests/engine.h"
#include "files/upload.h"
#include "web/file_download.h"
#include "web/params.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/request_actions.h"
#include "web/request_notifications.h"
#include "web/routes.h"
#include "web/viewer.h"
#include "web/views/request_view.h"
#include "web/views/resource_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;

//! The body limit of the routes that take a file: the largest file and the form around it.
constexpr std::size_t kUploadBodyLimit = files::kMaxFileBytes + 1024 * 1024;

std::int64_t ViewerId() { return CurrentViewer().account->user.id; }

json WorkflowOptions(const std::string& chosen) {
  json out = json::array();
  for (const auto& w : requests::Workflows()) {
    out.push_back({{"value", w.key}, {"label", w.label}, {"selected", w.key == chosen}});
  }
  return out;
}

json ThemeOptions(const std::string& chosen) {
  json out = json::array();
  out.push_back({{"value", ""}, {"label", "—"}, {"selected", chosen.empty()}});
  for (const auto& [key, label] : catalogue::Themes()) {
    out.push_back({{"value", key}, {"label", label}, {"selected", key == chosen}});
  }
  return out;
}

// Organisations a request may be handed to: any but collectivités.
json AssigneeOptions(const WebContext& context) {
  json out = json::array();
  for (const auto& o : context.store.ListOrganisations()) {
    if (o.kind == organisations::Kind::kCollectivite) continue;
    out.push_back({{"value", o.id}, {"label", o.name + " (" + std::string(organisations::KindLabel(o.kind)) + ")"}});
  }
  return out;
}

// The form of one transition, with its fields as the table describes them.
json TransitionForm(const WebContext& context, const requests::Request& r, const requests::Transition& t) {
  json fields = json::array();
  auto add = [&](std::string_view name, bool required) {
    const requests::Field* field = requests::FindField(name);
    if (field == nullptr) return;
    json f{{"name", field->name},
           {"label", field->label},
           {"id", "t-" + std::string(t.key) + "-" + std::string(field->name)},
           {"required", required}};
    switch (field->kind) {
      case requests::FieldKind::kText: f["is_text"] = true; break;
      case requests::FieldKind::kChoice:
      case requests::FieldKind::kChoices: {
        json choices = json::array();
        for (const auto& c : field->choices) choices.push_back({{"value", c.key}, {"label", c.label}});
        f[field->kind == requests::FieldKind::kChoice ? "is_choice" : "is_choices"] = true;
        f["choices"] = choices;
        break;
      }
      case requests::FieldKind::kEuros:
      case requests::FieldKind::kDays: f["is_number"] = true; break;
      case requests::FieldKind::kOrganisation:
        f["is_organisation"] = true;
        f["choices"] = AssigneeOptions(context);
        break;
      case requests::FieldKind::kFile: f["is_file"] = true; break;
    }
    fields.push_back(f);
  };
  for (auto name : t.required) add(name, true);
  for (auto name : t.optional) add(name, false);
  return {{"key", t.key}, {"label", t.label}, {"fields", fields}, {"csrf", CurrentCsrfToken()},
          {"version", r.version}, {"action", "/demandes/" + std::to_string(r.id) + "/transitions"}};
}

Response RequestPageWith(const WebContext& context, const requests::Request& r, int status, const std::string& error) {
  json view = RequestDetail(context, r);
  const requests::Workflow* workflow = requests::FindWorkflow(r.workflow);
  const auto parties = ViewerParties(context, r);
  json actions = json::array();
  json others = json::array();
  if (workflow) {
    for (const requests::Transition* t : requests::TransitionsFrom(*workflow, r.state)) {
      const bool mine = std::any_of(parties.begin(), parties.end(), [&](auto p) { return requests::Allows(*t, p); });
      if (mine) {
        actions.push_back(TransitionForm(context, r, *t));
      } else {
        std::string who;
        for (auto p : t->parties) who += (who.empty() ? "" : ", ") + std::string(requests::PartyLabel(p));
        others.push_back({{"label", t->label}, {"who", who}});
      }
    }
  }
  // At the examination of local resources: the structures of the directory that cover the
  // commune, best first (never one that does not cover it).
  const requests::State* state = workflow ? requests::FindState(*workflow, r.state) : nullptr;
  if (state && state->suggests_resources) {
    json suggestions = json::array();
    for (const auto& resource : directory::Suggestions(AllResources(context), PlaceOf(context, r.territory), r.theme)) {
      suggestions.push_back(ResourceJson(resource));
    }
    view["suggestions"] = suggestions;
    view["has_suggestions"] = true;
  }
  // A draft is edited by its collectivité's members before they deposit it.
  view["can_edit"] = workflow && r.state == workflow->states.front().key && parties.count(requests::Party::kCollectivite) > 0;
  view["actions"] = actions;
  view["has_actions"] = !actions.empty();
  view["others"] = others;
  view["has_others"] = !others.empty();
  view["csrf"] = CurrentCsrfToken();
  view["error"] = error;
  view["has_trail"] = !view["trail"].empty();
  for (auto& event : view["trail"]) event["edited"] = event["kind"] == "edited";
  // Opened from a programme's deliverable (issue 7, item 7).
  if (const auto origin = context.store.DeliverableRequestOf(r.id)) {
    view["origin"] = {{"programme_title", origin->programme_title},
                      {"programme_url", "/programmes/" + std::to_string(origin->programme_id)},
                      {"deliverable_title", origin->deliverable_title},
                      {"version", origin->version}};
  }
  return RenderPage(context, status, "request", view, {r.title, {{"Demandes d'ingénierie", "/demandes"}}, ""});
}

std::optional<requests::Request> Load(const WebContext& context, const web::Request& http) {
  const auto id = ParseRowId(http.Param("request"));
  return id ? context.store.FindRequest(*id) : std::nullopt;
}

// ---- pages -----------------------------------------------------------------------------

Response RequestList(const WebContext& context, const web::Request&) {
  json list = json::array();
  for (const auto& r : VisibleRequests(context)) list.push_back(RequestSummary(context, r));
  json creatable = json::array();
  for (const auto& m : context.store.ListMemberships(ViewerId())) {
    if (m.organisation.kind != organisations::Kind::kCollectivite) continue;
    creatable.push_back({{"name", m.organisation.name},
                         {"url", "/organisations/" + std::to_string(m.organisation.id) + "/demandes/nouvelle"}});
  }
  json view{{"requests", list}, {"has_requests", !list.empty()}, {"creatable", creatable},
            {"has_creatable", !creatable.empty()}};
  return RenderPage(context, 200, "requests", view, {"Demandes d'ingénierie", {}, ""});
}

Response WorkflowsPage(const WebContext& context, const web::Request&) {
  json workflows = WorkflowsJson();
  for (auto& w : workflows) {
    const requests::Workflow* workflow = requests::FindWorkflow(w["key"].get<std::string>());
    for (auto& t : w["transitions"]) {
      std::string from, who, required;
      for (const auto& s : t["from"]) from += (from.empty() ? "" : ", ") + requests::StateLabel(*workflow, s.get<std::string>());
      for (const auto& p : t["parties"]) {
        for (auto party : requests::kAllParties) {
          if (requests::PartyKey(party) == p.get<std::string>()) who += (who.empty() ? "" : ", ") + std::string(requests::PartyLabel(party));
        }
      }
      for (const auto& f : t["required"]) {
        const auto* field = requests::FindField(f.get<std::string>());
        required += (required.empty() ? "" : ", ") + std::string(field ? field->label : "");
      }
      t["from_labels"] = from;
      t["to_label"] = requests::StateLabel(*workflow, t["to"].get<std::string>());
      t["who"] = who;
      t["required_labels"] = required;
    }
  }
  return RenderPage(context, 200, "request_workflows", {{"workflows", workflows}},
                    {"Les circuits des demandes d'ingénierie", {{"Demandes d'ingénierie", "/demandes"}}, ""});
}

// The draft form (new or edited) with `values` (as submitted, or the draft's) and errors.
json DraftFormView(const WebContext& context, const organisations::Organisation& organisation, const json& values,
                   const std::vector<Error>& errors) {
  json view = values;
  view["csrf"] = CurrentCsrfToken();
  view["organisation"] = organisation.name;
  view["workflows"] = WorkflowOptions(values.value("workflow", "anct"));
  view["themes"] = ThemeOptions(values.value("theme", ""));
  json projects = json::array();
  projects.push_back({{"value", ""}, {"label", "Aucun"}});
  for (const auto& p : context.store.ProjectsOf(organisation.id)) {
    projects.push_back({{"value", p.id}, {"label", p.name},
                        {"selected", values.value("project", "") == std::to_string(p.id)}});
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
  return view;
}

Response NewRequestPageWith(const WebContext& context, const organisations::Organisation& organisation, int status,
                            const json& values, const std::vector<Error>& errors) {
  json view = DraftFormView(context, organisation, values, errors);
  view["action"] = "/organisations/" + std::to_string(organisation.id) + "/demandes";
  return RenderPage(context, status, "request_form", view,
                    {"Nouvelle demande d'ingénierie", {{organisation.name, "/organisations/" + std::to_string(organisation.id)}}, ""});
}

std::optional<organisations::Organisation> Collectivite(const WebContext& context, const web::Request& http) {
  const auto id = ParseRowId(http.Param("organisation"));
  auto organisation = id ? context.store.FindOrganisation(*id) : std::nullopt;
  if (!organisation || organisation->kind != organisations::Kind::kCollectivite || !organisation->territory) {
    return std::nullopt;
  }
  return organisation;
}

Response NewRequestPage(const WebContext& context, const web::Request& http) {
  const auto organisation = Collectivite(context, http);
  if (!organisation) return RenderError(context, http, 404, "Seule une collectivité rattachée à son territoire dépose une demande.");
  return NewRequestPageWith(context, *organisation, 200, json::object(), {});
}

Response CreateRequest(const WebContext& context, const web::Request& http) {
  const auto organisation = Collectivite(context, http);
  if (!organisation) return RenderError(context, http, 404, "Seule une collectivité rattachée à son territoire dépose une demande.");
  auto form = Form::Read(http);
  if (!form) return RenderError(context, http, 400, form.error().message);
  const Form& f = form.value();
  json values{{"workflow", f.Get("workflow")}, {"title", f.Get("title")}, {"theme", f.Get("theme")},
              {"besoin", f.Get("besoin")}, {"deja_tente", f.Get("deja_tente")}, {"project", f.Get("project")}};
  const DraftCheck draft = CheckDraft(context, *organisation,
                                      {f.Get("workflow"), f.Get("title"), f.Get("theme"), f.Get("project"),
                                       f.Get("besoin"), f.Get("deja_tente")});
  if (!draft.ok()) return NewRequestPageWith(context, *organisation, 400, values, draft.errors);
  const requests::Request created = context.store.CreateRequest(draft.request, NowUtc());
  return Response::Redirect(303, "/demandes/" + std::to_string(created.id));
}

Response RequestPage(const WebContext& context, const web::Request& http) {
  const auto r = Load(context, http);
  if (!r || !ViewerMaySee(context, *r)) return RenderError(context, http, 404, "Cette demande n'existe pas.");
  return RequestPageWith(context, *r, 200, "");
}

// A refusal on the request's page (HTML) or as problem details (API), with its status.
Response RequestRefusal(const WebContext& context, const web::Request& http, const requests::Request& r, int status, const std::string& message) {
  if (http.path.rfind("/api/", 0) == 0) return RenderError(context, http, status, message);
  return RequestPageWith(context, r, status, message);
}

Response TakeTransition(const WebContext& context, const web::Request& http) {
  const auto found = Load(context, http);
  if (!found || !ViewerMaySee(context, *found)) return RenderError(context, http, 404, "Cette demande n'existe pas.");
  const requests::Request& r = *found;
  auto form = Form::Read(http);
  if (!form) return RenderError(context, http, 400, form.error().message);
  const Form& f = form.value();
  const auto version = ParseRowId(f.Get("version"));
  if (!version) return RequestRefusal(context, http, r, 400, "Le formulaire ne porte pas la version de la demande : rechargez la page.");
  StepInput input;
  input.transition = f.Get("transition");
  input.version = *version;
  for (const auto& field : requests::Fields()) {
    if (field.kind == requests::FieldKind::kFile) {
      if (const UploadedFile* upload = f.File(std::string(field.name))) {
        input.upload_name = upload->filename;
        input.upload_bytes = upload->bytes;
      }
      continue;
    }
    std::string value;
    for (const auto& v : f.GetAll(std::string(field.name))) value += (value.empty() ? "" : ",") + v;
    input.submitted[std::string(field.name)] = value;
  }
  const StepOutcome outcome = TakeStep(context, r, input);
  if (outcome.status != 200) return RequestRefusal(context, http, outcome.request, outcome.status, outcome.message);
  return Response::Redirect(303, "/demandes/" + std::to_string(r.id));
}

Response AddComment(const WebContext& context, const web::Request& http) {
  const auto r = Load(context, http);
  if (!r || !ViewerMaySee(context, *r)) return RenderError(context, http, 404, "Cette demande n'existe pas.");
  auto form = Form::Read(http);
  if (!form) return RenderError(context, http, 400, form.error().message);
  const std::string text = form.value().Get("text");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return RequestPageWith(context, *r, 400, "Le commentaire est vide.");
  requests::RequestEvent event;
  event.request_id = r->id;
  event.user_id = ViewerId();
  event.kind = "comment";
  event.text = text;
  const std::string now = NowUtc();
  context.store.AppendRequestEvent(event, now);
  NotifyRequestParties(context, *r, ViewerId(), now, "commentaire de " + CurrentViewer().account->user.display_name);
  return Response::Redirect(303, "/demandes/" + std::to_string(r->id));
}

Response UploadFile(const WebContext& context, const web::Request& http) {
  const auto r = Load(context, http);
  if (!r || !ViewerMaySee(context, *r)) return RenderError(context, http, 404, "Cette demande n'existe pas.");
  auto form = Form::Read(http);
  if (!form) return RenderError(context, http, 400, form.error().message);
  const UploadedFile* upload = form.value().File("fichier");
  if (upload == nullptr) return RequestPageWith(context, *r, 400, "Choisissez un fichier à joindre.");
  if (context.files == nullptr) return RequestPageWith(context, *r, 400, "Le dépôt de fichiers n'est pas configuré.");
  const std::string now = NowUtc();
  // The bytes first (fsynced); their row with the trail's event, in one transaction.
  auto saved = files::StoreUpload(*context.files, upload->filename, upload->bytes, ViewerId());
  if (!saved) return RequestPageWith(context, *r, 400, saved.error().message);
  requests::RequestEvent event;
  event.request_id = r->id;
  event.user_id = ViewerId();
  event.kind = "file";
  event.text = form.value().Get("text");
  event.new_file = saved.value();
  context.store.AppendRequestEvent(event, now);
  NotifyRequestParties(context, *r, ViewerId(), now,
                       "fichier « " + saved.value().original_name + " » joint par " + CurrentViewer().account->user.display_name);
  return Response::Redirect(303, "/demandes/" + std::to_string(r->id));
}

// Only a file of this request's trail: the policy row let the viewer in for this request.
Response DownloadFile(const WebContext& context, const web::Request& http) {
  const auto r = Load(context, http);
  if (!r || !ViewerMaySee(context, *r)) return RenderError(context, http, 404, "Cette demande n'existe pas.");
  const auto file_id = ParseRowId(http.Param("file"));
  bool in_trail = false;
  for (const auto& e : context.store.TrailOf(r->id)) in_trail = in_trail || (file_id && e.file_id == file_id);
  const auto file = in_trail ? context.store.FindFile(*file_id) : std::nullopt;
  if (!file) return RenderError(context, http, 404, "Ce fichier n'est pas joint à cette demande.");
  return FileDownload(context, http, *file);
}

// ---- editing a draft -----------------------------------------------------------------------

json DraftValues(const requests::Request& r) {
  auto field = [&](const char* name) { return r.fields.count(name) ? r.fields.at(name) : std::string(); };
  return {{"workflow", r.workflow}, {"title", r.title}, {"theme", r.theme}, {"besoin", field("besoin")},
          {"deja_tente", field("deja_tente")}, {"project", r.project_id ? std::to_string(*r.project_id) : ""}};
}

Response EditPageWith(const WebContext& context, const web::Request& http, const requests::Request& r, int status, const json& values,
                      const std::vector<Error>& errors, std::int64_t version) {
  const auto organisation = context.store.FindOrganisation(r.organisation_id);
  if (!organisation) return RenderError(context, http, 404, "Cette demande n'existe pas.");
  json view = DraftFormView(context, *organisation, values, errors);
  view["editing"] = true;
  view["version"] = version;
  view["action"] = "/demandes/" + std::to_string(r.id) + "/modifier";
  view["back"] = "/demandes/" + std::to_string(r.id);
  return RenderPage(context, status, "request_form", view,
                    {"Modifier le brouillon", {{"Demandes d'ingénierie", "/demandes"}, {r.title, "/demandes/" + std::to_string(r.id)}}, ""});
}

Response EditRequestPage(const WebContext& context, const web::Request& http) {
  const auto r = Load(context, http);
  if (!r || !ViewerMaySee(context, *r)) return RenderError(context, http, 404, "Cette demande n'existe pas.");
  // The same refusals as the edit itself, before the person types anything.
  const DraftEditOutcome editable = CheckDraftEditable(context, *r);
  if (editable.status != 200) return RequestPageWith(context, *r, editable.status, editable.message);
  return EditPageWith(context, http, *r, 200, DraftValues(*r), {}, r->version);
}

Response EditRequest(const WebContext& context, const web::Request& http) {
  const auto r = Load(context, http);
  if (!r || !ViewerMaySee(context, *r)) return RenderError(context, http, 404, "Cette demande n'existe pas.");
  auto form = Form::Read(http);
  if (!form) return RenderError(context, http, 400, form.error().message);
  const Form& f = form.value();
  const auto version = ParseRowId(f.Get("version"));
  if (!version) return RequestPageWith(context, *r, 400, "Le formulaire ne porte pas la version de la demande : rechargez la page.");
  json values{{"workflow", f.Get("workflow")}, {"title", f.Get("title")}, {"theme", f.Get("theme")},
              {"besoin", f.Get("besoin")}, {"deja_tente", f.Get("deja_tente")}, {"project", f.Get("project")}};
  const DraftEditOutcome outcome = EditDraft(
      context, *r, {f.Get("workflow"), f.Get("title"), f.Get("theme"), f.Get("project"), f.Get("besoin"), f.Get("deja_tente")},
      *version);
  if (outcome.status == 400) return EditPageWith(context, http, *r, 400, values, outcome.errors, *version);
  if (outcome.status != 200) return RequestPageWith(context, outcome.request, outcome.status, outcome.message);
  return Response::Redirect(303, "/demandes/" + std::to_string(r->id));
}

// ---- API --------------------------------------------------------------------------------

Response ApiWorkflows(const WebContext&, const web::Request&) {
  return Response::Json(200, json{{"workflows", WorkflowsJson()}}.dump());
}

Response ApiRequests(const WebContext& context, const web::Request&) {
  json list = json::array();
  for (const auto& r : VisibleRequests(context)) list.push_back(RequestSummary(context, r));
  return Response::Json(200, json{{"requests", list}}.dump());
}

Response ApiRequest(const WebContext& context, const web::Request& http) {
  const auto r = Load(context, http);
  if (!r || !ViewerMaySee(context, *r)) return RenderError(context, http, 404, "Cette demande n'existe pas.");
  return Response::Json(200, RequestDetail(context, *r).dump());
}

}  // namespace

void RegisterRequestPages(Router& router, const WebContext& context) {
  auto add = [&](const char* method, const char* pattern, const char* name, PageHandler page) {
    AddPage(router, context, method, pattern, name, page);
  };
  auto upload = [&](const char* pattern, const char* name, PageHandler page) {
    router.AddUpload("POST", pattern, name, [&context, page](const web::Request& r) { return page(context, r); },
                     kUploadBodyLimit);
  };
  add("GET", "/demandes", "request_list", RequestList);
  add("GET", "/demandes/circuits", "request_workflows", WorkflowsPage);
  add("GET", "/organisations/{organisation}/demandes/nouvelle", "request_new_page", NewRequestPage);
  add("POST", "/organisations/{organisation}/demandes", "request_create", CreateRequest);
  add("GET", "/demandes/{request}", "request_page", RequestPage);
  add("GET", "/demandes/{request}/modifier", "request_edit_page", EditRequestPage);
  add("POST", "/demandes/{request}/modifier", "request_edit", EditRequest);
  upload("/demandes/{request}/transitions", "request_transition", TakeTransition);
  add("POST", "/demandes/{request}/commentaires", "request_comment", AddComment);
  upload("/demandes/{request}/fichiers", "request_upload", UploadFile);
  add("GET", "/demandes/{request}/fichiers/{file}", "request_file", DownloadFile);
  add("GET", "/api/v1/requests/workflows", "api_request_workflows", ApiWorkflows);
  add("GET", "/api/v1/requests", "api_requests", ApiRequests);
  add("GET", "/api/v1/requests/{request}", "api_request", ApiRequest);
}

}  // namespace boussole::web
