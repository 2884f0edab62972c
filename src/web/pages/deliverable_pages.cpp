// Deliverables of a programme's territories (issue 7, item 6): a territory (its collectivité)
// or the ANCT uploads a version, during the phases that allow it; the ANCT validates, then
// publishes it on the programme's public page. Unpublished versions are for the ANCT and the
// territory only. The bytes live in issue 6's file store.
#include <string>

#include "core/clock.h"
#include "domain/programmes/programme_rules.h"
#include "files/content_type.h"
#include "files/file_store.h"
#include "files/upload.h"
#include "web/file_download.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/programme_request.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using namespace programmes;

// Whether the viewer belongs to the collectivité bound to `territory_id`.
bool SpeaksForTerritory(const WebContext& context, const std::string& territory_id) {
  for (const auto& o : ViewerOrganisations(context)) {
    if (o.kind == organisations::Kind::kCollectivite && o.territory && o.territory->ToString() == territory_id) return true;
  }
  return false;
}

Response UploadDeliverable(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  const Programme& p = found->programme;
  if (p.historic) return RenderError(context, request, 409, "Ce programme est passé : on le consulte, on ne le modifie plus.");
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const Form& f = form.value();
  Deliverable d;
  d.programme_id = p.id;
  d.territory_id = f.Get("territory");
  d.title = f.Get("title");
  d.actions = f.Get("actions");
  if (d.actions.size() > 20000) return RenderError(context, request, 400, "La liste des actions est trop longue (20 000 caractères au plus).");
  bool in_cohort = false;
  for (const auto& t : context.store.CohortOf(p.id)) in_cohort = in_cohort || (t.territory_id == d.territory_id && t.status == "selected");
  if (!in_cohort) return RenderError(context, request, 400, "Ce territoire ne fait pas partie du groupe du programme.");
  if (!ManagesProgramme(context, p) && !SpeaksForTerritory(context, d.territory_id)) {
    return RenderError(context, request, 403, "Seuls l'ANCT et la collectivité du territoire déposent ses livrables.");
  }
  bool known_title = false;
  for (auto title : found->type->deliverables) known_title = known_title || title == d.title;
  if (!known_title) return RenderError(context, request, 400, "Choisissez le livrable déposé parmi ceux du programme.");
  auto allowed = CheckDeliverablesAllowed(*found->type, context.store.PhasesOf(p.id));
  if (!allowed) return RenderError(context, request, 409, allowed.error().message);
  const UploadedFile* upload = f.File("file");
  if (!upload || upload->bytes.empty()) return RenderError(context, request, 400, "Choisissez le fichier du livrable.");
  if (!context.files) return RenderError(context, request, 503, "Le dépôt de fichiers n'est pas configuré sur ce serveur.");
  const std::int64_t user = CurrentViewer().account->user.id;
  auto saved = files::SaveUpload(*context.files, context.store, upload->filename, upload->bytes, user, NowUtc());
  if (!saved) return RenderError(context, request, 400, saved.error().message);
  d.file_id = saved.value().id;
  d.uploaded_by = user;
  const Deliverable added = context.store.AddDeliverable(d, NowUtc());
  return Response::Redirect(303, "/programmes/" + std::to_string(p.id) + "?message=livrable-depose&version=" +
                                     std::to_string(added.version) + "#livrables");
}

std::optional<Deliverable> DeliverableInPath(const WebContext& context, const Request& request, const Programme& p) {
  const auto id = PathId(request, "deliverable");
  auto d = id ? context.store.FindDeliverable(*id) : std::nullopt;
  if (!d || d->programme_id != p.id) return std::nullopt;
  return d;
}

Response ChangeDeliverableStatus(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  const auto d = DeliverableInPath(context, request, found->programme);
  if (!d) return RenderError(context, request, 404, "Ce livrable n'existe pas.");
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string action = form.value().Get("action");
  if (action != "valider" && action != "publier") {
    return RenderError(context, request, 400, "Action inconnue : « " + action + " » (valider ou publier).");
  }
  auto done = context.store.SetDeliverableStatus(d->id, action == "valider" ? "validated" : "published", NowUtc());
  if (!done) return RenderError(context, request, 409, done.error().message);
  return Response::Redirect(303, "/programmes/" + std::to_string(found->programme.id) + "?message=livrable-" +
                                     (action == "valider" ? "valide" : "publie") + "#livrables");
}

Response DownloadDeliverable(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  const auto d = DeliverableInPath(context, request, found->programme);
  // Unpublished versions do not exist for others.
  if (!d || (d->status != "published" && !ManagesProgramme(context, found->programme) &&
             !SpeaksForTerritory(context, d->territory_id))) {
    return RenderError(context, request, 404, "Ce livrable n'existe pas.");
  }
  const auto file = context.store.FindFile(d->file_id);
  if (!file) return RenderError(context, request, 404, "Ce livrable n'existe pas.");
  return FileDownload(context, request, *file);
}

}  // namespace

void RegisterDeliverablePages(Router& router, const WebContext& context) {
  router.AddUpload("POST", "/programmes/{programme}/livrables", "deliverable_upload",
                   [&context](const Request& r) { return UploadDeliverable(context, r); },
                   files::kMaxFileBytes + 1024 * 1024);
  AddPage(router, context, "POST", "/programmes/{programme}/livrables/{deliverable}/statut", "deliverable_status",
          ChangeDeliverableStatus);
  AddPage(router, context, "GET", "/programmes/{programme}/livrables/{deliverable}", "deliverable_download",
          DownloadDeliverable);
}

}  // namespace boussole::web
