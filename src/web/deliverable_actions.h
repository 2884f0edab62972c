#pragma once
// What the deliverable pages (forms) and the deliverable API (JSON) both do (issue 7, items
// 7 and 9): who sees an unpublished version, upload a version (type told from the bytes),
// validate and publish it, and open an ingénierie sur mesure request from it. Refusals are
// French errors whose code gives the status (ActionStatusOf); nothing is stored then.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/organisations/organisation.h"
#include "domain/programmes/programme.h"
#include "domain/requests/request.h"
#include "web/action_status.h"
#include "web/context.h"
#include "web/http/request.h"
#include "web/programme_request.h"
#include "web/request_actions.h"

namespace boussole::web {

//! Whether the viewer belongs to the collectivité bound to `territory_id`.
bool SpeaksForTerritory(const WebContext& context, const std::string& territory_id);

//! A published version is public; the others exist only for the ANCT that runs the programme
//! and the collectivité of the deliverable's territory.
bool MaySeeDeliverable(const WebContext& context, const programmes::Programme& p, const programmes::Deliverable& d);

//! The `{deliverable}` of the path if it belongs to programme `p` (whoever may see it).
std::optional<programmes::Deliverable> FindDeliverableInPath(const WebContext& context, const Request& request,
                                                             const programmes::Programme& p);

//! A new version as submitted (a form with its file, or the API's query and body).
struct DeliverableUpload {
  std::string territory_id;
  std::string title;
  std::string actions;  //!< one a line
  std::string file_name;
  std::string_view bytes;
};
//! Checks and stores a version by the viewer (the ANCT or the territory's collectivité,
//! during a phase that allows deliverables); the errors name their field.
Result<programmes::Deliverable> UploadDeliverableVersion(const WebContext& context, const ProgrammeInPath& found,
                                                         const DeliverableUpload& upload);

//! "validated" (from submitted) or "published" (from validated); the deliverable after it.
Result<programmes::Deliverable> ChangeDeliverableStatus(const WebContext& context, const programmes::Deliverable& d,
                                                        const std::string& status);

//! What an ingénierie sur mesure request is opened from, and by whom.
struct DeliverableOrigin {
  ProgrammeInPath found;
  programmes::Deliverable deliverable;
  organisations::Organisation collectivite;  //!< the viewer's collectivité of the deliverable's territory
  std::string territory_name;
};
//! The origin when the viewer may open a request from `d`: 403 for another than its
//! territory's collectivité, 409 while it is not validated.
Result<DeliverableOrigin> DeliverableOriginFor(const WebContext& context, ProgrammeInPath found, programmes::Deliverable d);
//! The request's prefilled values: a title naming the deliverable, the need listing its actions.
DraftInput PrefilledDraft(const DeliverableOrigin& origin);
//! Checks the draft (CheckDraft: errors by field) and creates the request, linked to the deliverable.
Result<requests::Request> OpenRequestFromDeliverable(const WebContext& context, const DeliverableOrigin& origin,
                                                     const DraftInput& input, std::vector<Error>* errors);

}  // namespace boussole::web
