// Editing a draft request (issue 6): shared by the page (/demandes/{request}/modifier) and
// the API (PUT /api/v1/requests/{request}); see request_actions.h, EditDraft.
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/catalogue/vocabulary.h"
#include "domain/requests/engine.h"
#include "web/request_actions.h"
#include "web/request_notifications.h"
#include "web/viewer.h"
#include "web/views/request_view.h"

namespace boussole::web {
namespace {

std::string Quoted(const std::string& text) { return "« " + text + " »"; }

std::string ProjectName(const WebContext& context, const std::optional<std::int64_t>& id) {
  if (!id) return "aucun";
  const auto project = context.store.FindProject(*id);
  return project ? project->name : std::to_string(*id);
}

// What the edit changes, in French ("" when nothing): the new title, circuit, theme and
// project; the texts by their name only (their new values go with the trail's event).
std::string Changes(const WebContext& context, const requests::Request& before, const requests::Request& after) {
  std::vector<std::string> changes;
  if (before.workflow != after.workflow) {
    const requests::Workflow* w = requests::FindWorkflow(after.workflow);
    changes.push_back("circuit " + Quoted(w ? std::string(w->label) : after.workflow));
  }
  if (before.title != after.title) changes.push_back("titre " + Quoted(after.title));
  if (before.theme != after.theme) {
    changes.push_back(after.theme.empty() ? "thématique retirée"
                                          : "thématique " + Quoted(std::string(catalogue::LabelOf(catalogue::Themes(), after.theme))));
  }
  if (before.project_id != after.project_id) changes.push_back("projet lié " + Quoted(ProjectName(context, after.project_id)));
  for (const char* name : {"besoin", "deja_tente"}) {
    const auto was = before.fields.find(name);
    const auto now = after.fields.find(name);
    const std::string old_value = was == before.fields.end() ? "" : was->second;
    const std::string new_value = now == after.fields.end() ? "" : now->second;
    if (old_value == new_value) continue;
    const requests::Field* field = requests::FindField(name);
    const std::string label = field ? Quoted(std::string(field->label)) : name;
    changes.push_back(new_value.empty() ? label + " effacé" : label + " réécrit");
  }
  std::string text;
  for (const auto& c : changes) text += (text.empty() ? "" : " ; ") + c;
  return text.empty() ? "" : "Brouillon modifié : " + text + ".";
}

std::string NotADraft(const requests::Workflow& workflow, const requests::Request& r) {
  return "La demande est à l'état " + Quoted(requests::StateLabel(workflow, r.state)) +
         " : seul un brouillon se modifie. Pour compléter la demande, ajoutez un commentaire ou un fichier.";
}

std::string EditConflict(const requests::Workflow& workflow, const requests::Request& current) {
  return "Quelqu'un a modifié ce brouillon pendant que vous le modifiiez : il en est maintenant à la version " +
         std::to_string(current.version) + " (état " + Quoted(requests::StateLabel(workflow, current.state)) +
         "). Rien n'a été enregistré de votre côté : rechargez la page, vérifiez, puis recommencez.";
}

}  // namespace

DraftEditOutcome CheckDraftEditable(const WebContext& context, const requests::Request& r) {
  auto refuse = [&](int status, std::string message) { return DraftEditOutcome{status, std::move(message), {}, r}; };
  const requests::Workflow* workflow = requests::FindWorkflow(r.workflow);
  if (workflow == nullptr || !context.store.FindOrganisation(r.organisation_id)) return refuse(404, "Cette demande n'existe pas.");
  if (!ViewerParties(context, r).count(requests::Party::kCollectivite)) {
    return refuse(403, "Seuls les membres de la collectivité qui dépose la demande modifient son brouillon.");
  }
  if (r.state != workflow->states.front().key) return refuse(409, NotADraft(*workflow, r));
  return DraftEditOutcome{200, "", {}, r};
}

DraftEditOutcome EditDraft(const WebContext& context, const requests::Request& r, const DraftInput& input,
                           std::int64_t version) {
  auto refuse = [&](int status, std::string message) { return DraftEditOutcome{status, std::move(message), {}, r}; };
  if (DraftEditOutcome editable = CheckDraftEditable(context, r); editable.status != 200) return editable;
  const requests::Workflow* workflow = requests::FindWorkflow(r.workflow);
  const auto organisation = context.store.FindOrganisation(r.organisation_id);
  const std::string draft_state(workflow->states.front().key);
  if (version != r.version) return refuse(409, EditConflict(*workflow, r));
  DraftCheck check = CheckDraft(context, *organisation, input);
  if (!check.ok()) return DraftEditOutcome{400, check.errors.front().message, check.errors, r};
  const requests::Workflow* chosen = requests::FindWorkflow(check.request.workflow);
  if (chosen == nullptr || chosen->states.front().key != draft_state) {
    return DraftEditOutcome{400, "Ce circuit ne commence pas par un brouillon.", {InvalidInput("Ce circuit ne commence pas par un brouillon.", "workflow")}, r};
  }
  requests::Request edited = r;
  edited.workflow = check.request.workflow;
  edited.title = check.request.title;
  edited.theme = check.request.theme;
  edited.project_id = check.request.project_id;
  for (const char* name : {"besoin", "deja_tente"}) {
    if (auto it = check.request.fields.find(name); it != check.request.fields.end()) {
      edited.fields[name] = it->second;
    } else {
      edited.fields.erase(name);
    }
  }
  const std::string changes = Changes(context, r, edited);
  if (changes.empty()) return DraftEditOutcome{200, "", {}, r};
  const std::int64_t viewer = CurrentViewer().account->user.id;
  requests::RequestEvent event;
  event.request_id = r.id;
  event.user_id = viewer;
  event.kind = "edited";
  event.from_state = r.state;
  event.text = changes;
  for (const char* name : {"besoin", "deja_tente"}) {
    const auto before = r.fields.find(name);
    const auto after = edited.fields.find(name);
    const std::string old_value = before == r.fields.end() ? "" : before->second;
    const std::string new_value = after == edited.fields.end() ? "" : after->second;
    if (old_value != new_value) event.values[name] = new_value;
  }
  const std::string now = NowUtc();
  const Status saved = context.store.UpdateDraft(version, edited, event, now);
  if (!saved) {
    if (saved.error().code == "not_found") return refuse(404, saved.error().message);
    const auto current = context.store.FindRequest(r.id).value_or(r);
    const std::string message = current.state != draft_state ? NotADraft(*workflow, current) : EditConflict(*workflow, current);
    return DraftEditOutcome{409, message, {}, current};
  }
  const requests::Request stored = context.store.FindRequest(r.id).value();
  NotifyRequestParties(context, stored, viewer, now, "brouillon modifié par " + CurrentViewer().account->user.display_name);
  return DraftEditOutcome{200, "", {}, stored};
}

}  // namespace boussole::web
