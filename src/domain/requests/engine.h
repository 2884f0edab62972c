#pragma once
// The one engine of the request workflows: it reads the tables of workflow.h and says
// whether a party may take a transition from a request's state, and with which values.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/organisations/organisation.h"
#include "domain/requests/request.h"
#include "domain/requests/workflow.h"

namespace boussole::requests {

//! The parties `memberships` make of the viewer towards `request`: a member of its
//! collectivité; a member of the délégation territoriale bound to its département (only
//! that one); a member of the ANCT; a member of the organisation it was handed to.
std::set<Party> PartiesOf(const Request& request, const std::vector<organisations::Membership>& memberships);

//! The parties to tell of what happens on `request` (a step taken, a comment, a file): its
//! collectivité always; `acted`, the parties of the people who acted on it so far (the
//! trail's actors); the parties that may take its next steps; the organisation it was handed
//! to, once handed. So a draft concerns its collectivité only, and the ANCT hears of a
//! request once it reaches the ANCT.
std::set<Party> PartiesToTell(const Workflow& workflow, const Request& request, const std::set<Party>& acted);

//! "conflict" (HTTP 409) when `key` does not leave the request's state, with a French
//! message naming the state and the allowed next steps; "forbidden" (403) when none of
//! `parties` may take it, naming who may. The transition otherwise.
Result<const Transition*> CheckTransition(const Workflow& workflow, const Request& request, std::string_view key,
                                          const std::set<Party>& parties);

//! The values `transition` keeps from `submitted` (its required and optional fields only),
//! checked: every required field present (a kFile field counts as present when
//! `has_file`), choices among their keys, amounts whole and ≥ 0. invalid_input (French,
//! naming the field) otherwise.
Result<FieldValues> CheckFields(const Transition& transition, const FieldValues& submitted, bool has_file);

//! The French message of a version conflict.
std::string VersionConflictMessage(const Workflow& workflow, const Request& current);

//! "Déposée"… ; the key itself when unknown.
std::string StateLabel(const Workflow& workflow, std::string_view state);

}  // namespace boussole::requests
