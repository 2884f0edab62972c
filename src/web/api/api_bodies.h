#pragma once
// The JSON bodies that several API routes read alike: a request's draft (creation, PUT,
// opening from a deliverable) and a structure of the directory (addition, PUT).
#include "web/api/json_body.h"
#include "web/request_actions.h"
#include "web/resource_actions.h"

namespace boussole::web {

//! The draft's fields into `draft`. `whole`: the body is the whole draft (creation, PUT):
//! workflow and title are required and a field left out is empty. Otherwise a field left out
//! keeps its value in `draft` (a prefilled draft).
void ReadDraftFields(JsonFields& fields, DraftInput& draft, bool whole);

//! {name, kind, themes, engineering, territories, national, contact}: the whole structure.
ResourceInput ReadResourceFields(JsonFields& fields);

}  // namespace boussole::web
