#pragma once
// What the directory's pages (forms) and API (JSON) both do to its structures (issue 6,
// item 2): who keeps which structure, the checks of a structure as submitted, its edit and
// its withdrawal.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/directory/resource.h"
#include "web/context.h"

namespace boussole::web {

//! Where the viewer keeps the directory: nationally (a member of the ANCT), and the
//! départements of their préfectures (typed ids, "departement:52").
struct ResourceScope {
  bool anct = false;
  std::set<std::string> departements;
  bool any() const { return anct || !departements.empty(); }
};

ResourceScope ScopeOfViewer(const WebContext& context);

//! Whether `scope` keeps the stored `resource`: the ANCT keeps every one, a préfecture those
//! of its département. Nobody edits the structures the seeds name (id 0).
bool Keeps(const ResourceScope& scope, const directory::Resource& resource);

//! A structure as submitted (a form or a JSON body).
struct ResourceInput {
  std::string name;
  std::string kind;
  std::vector<std::string> themes;
  std::string engineering;
  std::vector<std::string> territories;  //!< codes as typed: INSEE, SIREN, département
  bool national = false;
  std::string contact;
};

//! Codes typed in one field, separated by commas, semicolons, spaces or lines.
std::vector<std::string> SplitCodes(std::string codes);

//! The structure checked against the viewer's scope: a French message (invalid_input,
//! naming the field) otherwise.
Result<directory::Resource> CheckResource(const WebContext& context, const ResourceScope& scope, const ResourceInput& in);

struct ResourceOutcome {
  int status = 200;  //!< 200 done; 400, 403 or 404 refused, nothing stored
  std::string message;  //!< French, when refused
  std::string field;    //!< the field at fault (400)
  directory::Resource resource;  //!< as stored after an edit
};

//! The stored, listed structure `id`, if the viewer keeps it: 404 (none) or 403 otherwise.
ResourceOutcome KeptResource(const WebContext& context, std::int64_t id);
//! Rewrites structure `id` with `in` (the addition's checks). A préfecture's structure edited
//! by the ANCT stays the préfecture's unless it becomes national.
ResourceOutcome EditResource(const WebContext& context, std::int64_t id, const ResourceInput& in);
//! Withdraws structure `id` from the directory: kept (the requests oriented to it still name
//! it) but no longer searched nor suggested.
ResourceOutcome WithdrawResource(const WebContext& context, std::int64_t id);

}  // namespace boussole::web
