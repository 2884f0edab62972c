#include "web/deliverable_actions.h"

#include "core/clock.h"
#include "domain/programmes/programme_rules.h"
#include "files/content_type.h"
#include "files/upload.h"
#include "web/viewer.h"

namespace boussole::web {

using namespace programmes;

namespace {

constexpr std::size_t kRequestTitleMax = 300;

}  // namespace

bool SpeaksForTerritory(const WebContext& context, const std::string& territory_id) {
  for (const auto& o : ViewerOrganisations(context)) {
    if (o.kind == organisations::Kind::kCollectivite && o.territory && o.territory->ToString() == territory_id) return true;
  }
  return false;
}

bool MaySeeDeliverable(const WebContext& context, const Programme& p, const Deliverable& d) {
  return d.status == "published" || ManagesProgramme(context, p) || SpeaksForTerritory(context, d.territory_id);
}

std::optional<Deliverable> FindDeliverableInPath(const WebContext& context, const Request& request, const Programme& p) {
  const auto id = PathId(request, "deliverable");
  auto d = id ? context.store.FindDeliverable(*id) : std::nullopt;
  if (!d || d->programme_id != p.id) return std::nullopt;
  return d;
}

Result<Deliverable> UploadDeliverableVersion(const WebContext& context, const ProgrammeInPath& found,
                                             const DeliverableUpload& upload) {
  const Programme& p = found.programme;
  if (p.historic) return Error{"conflict", "Ce programme est passé : on le consulte, on ne le modifie plus.", {}};
  Deliverable d;
  d.programme_id = p.id;
  d.territory_id = upload.territory_id;
  d.title = upload.title;
  d.actions = upload.actions;
  if (d.actions.size() > 20000) {
    return InvalidInput("La liste des actions est trop longue (20 000 caractères au plus).", "actions");
  }
  bool in_cohort = false;
  for (const auto& t : context.store.CohortOf(p.id)) {
    in_cohort = in_cohort || (t.territory_id == d.territory_id && t.status == "selected");
  }
  if (!in_cohort) return InvalidInput("Ce territoire ne fait pas partie du groupe du programme.", "territory");
  if (!ManagesProgramme(context, p) && !SpeaksForTerritory(context, d.territory_id)) {
    return Error{"forbidden", "Seules l'ANCT et la collectivité du territoire déposent ses livrables.", {}};
  }
  bool known_title = false;
  for (auto title : found.type->deliverables) known_title = known_title || title == d.title;
  if (!known_title) return InvalidInput("Choisissez le livrable déposé parmi ceux du programme.", "title");
  auto allowed = CheckDeliverablesAllowed(*found.type, context.store.PhasesOf(p.id));
  if (!allowed) return Error{"phase", allowed.error().message, {}};
  if (upload.bytes.empty()) return InvalidInput("Choisissez le fichier du livrable.", "file");
  if (upload.bytes.size() > files::kMaxFileBytes) {
    return Error{"too_large", "Le fichier du livrable dépasse 20 Mo, la plus grande taille acceptée.", "file"};
  }
  if (!context.files) return Error{"unavailable", "Le dépôt de fichiers n'est pas configuré sur ce serveur.", {}};
  const std::int64_t user = CurrentViewer().account->user.id;
  // The type is told from the bytes (files::DetectType): a renamed executable is refused.
  auto saved = files::SaveUpload(*context.files, context.store, upload.file_name, upload.bytes, user, NowUtc());
  if (!saved) return InvalidInput(saved.error().message, "file");
  d.file_id = saved.value().id;
  d.uploaded_by = user;
  const Deliverable added = context.store.AddDeliverable(d, NowUtc());
  return context.store.FindDeliverable(added.id).value_or(added);
}

Result<Deliverable> ChangeDeliverableStatus(const WebContext& context, const Deliverable& d, const std::string& status) {
  auto done = context.store.SetDeliverableStatus(d.id, status, NowUtc());
  if (!done) return Error{"conflict", done.error().message, {}};
  return context.store.FindDeliverable(d.id).value_or(d);
}

Result<DeliverableOrigin> DeliverableOriginFor(const WebContext& context, ProgrammeInPath found, Deliverable d) {
  // A version the viewer may not see does not exist for them, here as on every other route.
  if (!MaySeeDeliverable(context, found.programme, d)) return NotFound("Ce livrable n'existe pas.");
  std::optional<organisations::Organisation> collectivite;
  for (const auto& o : ViewerOrganisations(context)) {
    if (o.kind == organisations::Kind::kCollectivite && o.territory && o.territory->ToString() == d.territory_id) {
      collectivite = o;
    }
  }
  if (!collectivite) {
    return Error{"forbidden",
                 "Seule la collectivité du territoire de ce livrable mobilise l'ingénierie sur mesure à partir de lui.", {}};
  }
  if (d.status == "submitted") {
    return Error{"conflict",
                 "Ce livrable n'est pas encore validé par l'ANCT : la demande d'ingénierie s'ouvre à partir d'une "
                 "version validée ou publiée.",
                 {}};
  }
  std::string name = d.territory_id;
  if (const auto t = territories::TerritoryId::Parse(d.territory_id)) {
    if (const auto found_territory = context.store.FindTerritory(t.value())) name = found_territory->name;
  }
  return DeliverableOrigin{std::move(found), std::move(d), std::move(*collectivite), name};
}

DraftInput PrefilledDraft(const DeliverableOrigin& o) {
  std::string title = "Mise en œuvre : " + o.deliverable.title + " — " + o.territory_name;
  if (title.size() > kRequestTitleMax) title = "Mise en œuvre : " + o.deliverable.title;
  std::string need = "Actions à mener, issues du livrable « " + o.deliverable.title + " » (version " +
                     std::to_string(o.deliverable.version) + ") du programme « " + o.found.programme.title + " » :";
  std::size_t count = 0;
  for (std::size_t start = 0; start < o.deliverable.actions.size();) {
    std::size_t end = o.deliverable.actions.find('\n', start);
    if (end == std::string::npos) end = o.deliverable.actions.size();
    std::string line = o.deliverable.actions.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) {
      need += "\n- " + line;
      ++count;
    }
    start = end + 1;
  }
  if (count == 0) need += "\n- (le livrable ne liste pas ses actions : précisez-les)";
  DraftInput draft;
  draft.workflow = "anct";
  draft.title = title;
  draft.besoin = need;
  return draft;
}

Result<requests::Request> OpenRequestFromDeliverable(const WebContext& context, const DeliverableOrigin& origin,
                                                     const DraftInput& input, std::vector<Error>* errors) {
  DraftCheck draft = CheckDraft(context, origin.collectivite, input);
  if (!draft.ok()) {
    if (errors) *errors = draft.errors;
    return draft.errors.front();
  }
  const std::string now = NowUtc();
  const requests::Request created = context.store.CreateRequest(draft.request, now);
  const Status linked = context.store.LinkRequestToDeliverable(created.id, origin.deliverable.id, now);
  if (!linked) return Error{"conflict", linked.error().message, {}};
  return created;
}

}  // namespace boussole::web
