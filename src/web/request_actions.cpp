#include "web/request_actions.h"
#include "web/params.h"

#include "core/clock.h"
#include "domain/catalogue/vocabulary.h"
#include "domain/requests/engine.h"
#include "files/upload.h"
#include "web/request_notifications.h"
#include "web/viewer.h"
#include "web/views/request_view.h"

namespace boussole::web {
namespace {

int StatusFor(const std::string& code) {
  if (code == "conflict") return 409;
  if (code == "forbidden") return 403;
  if (code == "not_found") return 404;
  return 400;
}

// The typed id of the département the territory lies in ("" when none: a région, an EPCI
// across départements).
std::string DepartementOf(const WebContext& context, const territories::TerritoryId& id) {
  if (id.kind == territories::Kind::kDepartement) return id.ToString();
  for (const auto& ancestor : context.store.Ancestors(id)) {
    if (ancestor.kind == territories::Kind::kDepartement) return ancestor.ToString();
  }
  return "";
}

}  // namespace

DraftCheck CheckDraft(const WebContext& context, const organisations::Organisation& organisation,
                      const DraftInput& input) {
  DraftCheck out;
  requests::Request& r = out.request;
  r.workflow = input.workflow;
  const requests::Workflow* workflow = requests::FindWorkflow(r.workflow);
  if (!workflow) out.errors.push_back(InvalidInput("Choisissez le circuit de la demande (anct, atelier ou cerema).", "workflow"));
  r.title = input.title;
  if (r.title.empty()) out.errors.push_back(InvalidInput("Donnez un titre à la demande.", "title"));
  if (r.title.size() > 300) out.errors.push_back(InvalidInput("Le titre est trop long (300 caractères au plus).", "title"));
  r.theme = input.theme;
  if (!r.theme.empty() && !catalogue::Contains(catalogue::Themes(), r.theme)) {
    out.errors.push_back(InvalidInput("Thématique inconnue.", "theme"));
  }
  if (!input.project.empty()) {
    const auto id = ParseRowId(input.project);
    const auto found = id ? context.store.FindProject(*id) : std::nullopt;
    if (!found || found->organisation_id != organisation.id) {
      out.errors.push_back(InvalidInput("Ce projet n'est pas un projet de la collectivité.", "project"));
    } else {
      r.project_id = found->id;
    }
  }
  if (!input.besoin.empty()) r.fields["besoin"] = input.besoin;
  if (!input.deja_tente.empty()) r.fields["deja_tente"] = input.deja_tente;
  if (!out.errors.empty() || !organisation.territory) return out;
  r.organisation_id = organisation.id;
  r.territory = organisation.territory->ToString();
  r.departement = DepartementOf(context, *organisation.territory);
  r.state = std::string(workflow->states.front().key);
  r.created_by = CurrentViewer().account->user.id;
  return out;
}

StepOutcome TakeStep(const WebContext& context, const requests::Request& r, const StepInput& input) {
  auto refuse = [&](int status, std::string message) { return StepOutcome{status, std::move(message), r}; };
  const requests::Workflow* workflow = requests::FindWorkflow(r.workflow);
  if (workflow == nullptr) return refuse(404, "Cette demande n'existe pas.");
  const std::int64_t viewer = CurrentViewer().account->user.id;
  auto transition = requests::CheckTransition(*workflow, r, input.transition, ViewerParties(context, r));
  if (!transition) return refuse(StatusFor(transition.error().code), transition.error().message);
  const requests::Transition& t = *transition.value();
  if (input.version != r.version) return refuse(409, requests::VersionConflictMessage(*workflow, r));
  requests::FieldValues submitted;
  bool wants_file = false;
  for (auto names : {&t.required, &t.optional}) {
    for (auto name : *names) {
      const auto* field = requests::FindField(name);
      if (field && field->kind == requests::FieldKind::kFile) wants_file = true;
      if (auto it = input.submitted.find(std::string(name)); it != input.submitted.end()) submitted[it->first] = it->second;
    }
  }
  const bool has_file = wants_file && (input.upload_name.has_value() || input.trail_file_id.has_value());
  auto values = requests::CheckFields(t, submitted, has_file);
  if (!values) return refuse(400, values.error().message);
  std::optional<std::int64_t> assignee;
  if (auto it = values.value().find("organisation"); it != values.value().end()) {
    const auto organisation = context.store.FindOrganisation(std::stoll(it->second));
    if (!organisation || organisation->kind == organisations::Kind::kCollectivite) {
      return refuse(400, "Choisissez l'organisation chargée de la réponse parmi celles proposées.");
    }
    assignee = organisation->id;
  }
  requests::RequestEvent event;
  event.request_id = r.id;
  event.user_id = viewer;
  event.kind = "transition";
  event.transition = std::string(t.key);
  event.from_state = r.state;
  event.to_state = std::string(t.to);
  event.values = values.value();
  const std::string now = NowUtc();
  if (has_file && input.trail_file_id) {
    bool in_trail = false;
    for (const auto& e : context.store.TrailOf(r.id)) in_trail = in_trail || e.file_id == input.trail_file_id;
    if (!in_trail) return refuse(400, "Ce fichier n'est pas joint à cette demande : déposez-le d'abord sur la demande.");
    event.file_id = input.trail_file_id;
  } else if (has_file) {
    if (context.files == nullptr) return refuse(400, "Le dépôt de fichiers n'est pas configuré.");
    // The bytes now; their row with the transition, in its transaction (a crash between two
    // commits would leave a file row no trail event names).
    auto saved = files::StoreUpload(*context.files, *input.upload_name, input.upload_bytes, viewer);
    if (!saved) return refuse(400, saved.error().message);
    event.new_file = saved.value();
  }
  const Status applied = context.store.ApplyTransition(input.version, event, assignee, now);
  if (!applied) {
    if (applied.error().code == "not_found") return refuse(404, applied.error().message);
    const auto current = context.store.FindRequest(r.id).value_or(r);
    return StepOutcome{409, requests::VersionConflictMessage(*workflow, current), current};
  }
  const requests::Request moved = context.store.FindRequest(r.id).value();
  NotifyRequestParties(context, moved, viewer, now, requests::StateLabel(*workflow, moved.state));
  return StepOutcome{200, "", moved};
}

}  // namespace boussole::web
