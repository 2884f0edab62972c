#pragma once
// What the programme pages and API share to read a request: the programme and seminar of
// the path, whether the viewer manages the programme, the organisation a form acts for.
#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "domain/organisations/organisation.h"
#include "domain/programmes/programme.h"
#include "domain/programmes/programme_types.h"
#include "web/context.h"
#include "web/http/request.h"

namespace boussole::web {

//! A path parameter made of digits; nullopt otherwise.
std::optional<std::int64_t> PathId(const Request& request, const char* name);

//! The `{programme}` of the path with its type; nullopt when absent or of an unknown type.
struct ProgrammeInPath {
  programmes::Programme programme;
  const programmes::ProgrammeType* type = nullptr;
};
std::optional<ProgrammeInPath> FindProgrammeInPath(const WebContext& context, const Request& request);

//! Whether the viewer runs the programme: a member of its pilot organisation, or a platform
//! admin (the policy table already let only them in on the routes that need it; pages ask
//! this to show the management forms).
bool ManagesProgramme(const WebContext& context, const programmes::Programme& programme);

//! The `{post}` of the path if it belongs to programme `p`'s learning community; nullopt
//! otherwise (unknown, malformed, or another programme's).
std::optional<programmes::Post> FindPostInPath(const WebContext& context, const Request& request,
                                               const programmes::Programme& p);

//! The organisation named by the form field `organisation` that the viewer belongs to;
//! a French error otherwise ("Choisissez l'organisation…").
Result<organisations::Organisation> ActingOrganisation(const WebContext& context, const std::string& field_value);

//! The viewer's organisations (id, name, kind), for the forms' choices.
std::vector<organisations::Organisation> ViewerOrganisations(const WebContext& context);

}  // namespace boussole::web
