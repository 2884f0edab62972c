#pragma once
// What the request pages (forms) and the request API (JSON) both do to a request: take a
// step of its workflow, with the optimistic version, and tell its parties.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/organisations/organisation.h"
#include "domain/requests/request.h"
#include "web/context.h"

namespace boussole::web {

//! A new draft as submitted (a form or a JSON body).
struct DraftInput {
  std::string workflow;
  std::string title;
  std::string theme;
  std::string project;  //!< a project id of the collectivité, or ""
  std::string besoin;
  std::string deja_tente;
};

struct DraftCheck {
  requests::Request request;  //!< ready for the store when no error
  std::vector<Error> errors;  //!< French, by field ("workflow", "title", "theme", "project")
  bool ok() const { return errors.empty(); }
};

//! The draft of `organisation` (a collectivité with a territory) by the viewer, checked.
DraftCheck CheckDraft(const WebContext& context, const organisations::Organisation& organisation,
                      const DraftInput& input);

struct DraftEditOutcome {
  int status = 200;         //!< 200 saved (or nothing changed); 400, 403, 404 or 409 refused, nothing stored
  std::string message;      //!< French, when refused (for 400, the first of `errors`)
  std::vector<Error> errors;  //!< 400: by field, as CheckDraft gives them
  requests::Request request;  //!< after the edit; when refused, the request as it stands now
};

//! Rewrites the draft `request` with `input` for the viewer, who must be a member of its
//! collectivité (403): only in the workflow's initial state (409 naming the state), only
//! from the version the viewer saw (409), with the creation's rules and messages (400).
//! The edit goes to the trail (kind "edited", what changed); an edit that changes nothing
//! stores nothing.
//! Whether the viewer may edit `request` now: status 200, or the 403/404/409 EditDraft would give.
DraftEditOutcome CheckDraftEditable(const WebContext& context, const requests::Request& request);
DraftEditOutcome EditDraft(const WebContext& context, const requests::Request& request, const DraftInput& input,
                           std::int64_t version);

struct StepInput {
  std::string transition;  //!< the Transition key
  std::int64_t version = 0;  //!< the version the caller saw
  requests::FieldValues submitted;  //!< by field name; a kChoices value joins its keys with ','
  //! A file given with the step: new bytes (a form's upload)…
  std::optional<std::string> upload_name;
  std::string upload_bytes;
  //! …or a file already in the request's trail (the API: uploaded first, then named).
  std::optional<std::int64_t> trail_file_id;
};

struct StepOutcome {
  int status = 200;       //!< 200 taken; 400, 403, 404 or 409 refused, nothing stored
  std::string message;    //!< French, when refused
  requests::Request request;  //!< after the step; when refused, the request as it stands now
};

//! Takes `input.transition` on `request` for the viewer: the workflow's table decides (409
//! naming the state and the next steps, 403 naming who may), the fields are checked (400),
//! the version must still be the request's (409 otherwise: one of two concurrent callers
//! wins). The parties are told.
StepOutcome TakeStep(const WebContext& context, const requests::Request& request, const StepInput& input);

}  // namespace boussole::web
