// Deliverables of a programme's territories (issue 7, item 6): a territory (its collectivité)
// or the ANCT uploads a version, during the phases that allow it; the ANCT validates, then
// publishes it on the programme's public page. Unpublished versions are for the ANCT and the
// territory only. The bytes live in issue 6's file store.
#include <string>

#include "files/content_type.h"
#include "web/deliverable_actions.h"
#include "web/file_download.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/programme_request.h"
#include "web/routes.h"

namespace boussole::web {
namespace {

Response UploadDeliverable(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  if (found->programme.historic) {
    return RenderError(context, request, 409, "Ce programme est passé : on le consulte, on ne le modifie plus.");
  }
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const Form& f = form.value();
  const UploadedFile* file = f.File("file");
  DeliverableUpload upload{f.Get("territory"), f.Get("title"), f.Get("actions"), file ? file->filename : "",
                           file ? std::string_view(file->bytes) : std::string_view()};
  auto added = UploadDeliverableVersion(context, *found, upload);
  if (!added) return RenderError(context, request, ActionStatusOf(added.error()), added.error().message);
  return Response::Redirect(303, "/programmes/" + std::to_string(found->programme.id) +
                                     "?message=livrable-depose&version=" + std::to_string(added.value().version) +
                                     "#livrables");
}

Response ChangeStatus(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  const auto d = FindDeliverableInPath(context, request, found->programme);
  if (!d) return RenderError(context, request, 404, "Ce livrable n'existe pas.");
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string action = form.value().Get("action");
  if (action != "valider" && action != "publier") {
    return RenderError(context, request, 400, "Action inconnue : « " + action + " » (valider ou publier).");
  }
  auto done = ChangeDeliverableStatus(context, *d, action == "valider" ? "validated" : "published");
  if (!done) return RenderError(context, request, ActionStatusOf(done.error()), done.error().message);
  return Response::Redirect(303, "/programmes/" + std::to_string(found->programme.id) + "?message=livrable-" +
                                     (action == "valider" ? "valide" : "publie") + "#livrables");
}

Response DownloadDeliverable(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  const auto d = FindDeliverableInPath(context, request, found->programme);
  // Unpublished versions do not exist for others.
  if (!d || !MaySeeDeliverable(context, found->programme, *d)) {
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
          ChangeStatus);
  AddPage(router, context, "GET", "/programmes/{programme}/livrables/{deliverable}", "deliverable_download",
          DownloadDeliverable);
}

}  // namespace boussole::web
