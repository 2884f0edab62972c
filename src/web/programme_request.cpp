#include "web/programme_request.h"

#include "web/params.h"
#include "web/viewer.h"

namespace boussole::web {

std::optional<std::int64_t> PathId(const Request& request, const char* name) { return ParseRowId(request.Param(name)); }

std::optional<programmes::Post> FindPostInPath(const WebContext& context, const Request& request,
                                               const programmes::Programme& p) {
  const auto id = PathId(request, "post");
  auto post = id ? context.store.FindPost(*id) : std::nullopt;
  if (!post || post->programme_id != p.id) return std::nullopt;
  return post;
}

std::optional<ProgrammeInPath> FindProgrammeInPath(const WebContext& context, const Request& request) {
  const auto id = PathId(request, "programme");
  auto programme = id ? context.store.FindProgramme(*id) : std::nullopt;
  if (!programme) return std::nullopt;
  const programmes::ProgrammeType* type = programmes::FindProgrammeType(programme->type);
  if (!type) return std::nullopt;
  return ProgrammeInPath{std::move(*programme), type};
}

bool ManagesProgramme(const WebContext& context, const programmes::Programme& programme) {
  const Viewer& viewer = CurrentViewer();
  if (!viewer.signed_in()) return false;
  if (viewer.account->user.platform_admin) return true;
  return programme.organisation_id &&
         context.store.FindMembership(*programme.organisation_id, viewer.account->user.id).has_value();
}

Result<organisations::Organisation> ActingOrganisation(const WebContext& context, const std::string& field_value) {
  const Viewer& viewer = CurrentViewer();
  if (!viewer.signed_in()) return Error{"forbidden", "Connectez-vous pour faire cela.", {}};
  if (field_value.empty() || field_value.size() > 18 || field_value.find_first_not_of("0123456789") != std::string::npos) {
    return InvalidInput("Choisissez l'organisation pour laquelle vous agissez.", "organisation");
  }
  const std::int64_t id = std::stoll(field_value);
  auto organisation = context.store.FindOrganisation(id);
  if (!organisation) return InvalidInput("Cette organisation n'existe pas.", "organisation");
  if (!context.store.FindMembership(id, viewer.account->user.id)) {
    return Error{"forbidden", "Vous n'êtes pas membre de « " + organisation->name + " » : vous ne pouvez pas agir pour elle.",
                 "organisation"};
  }
  return *organisation;
}

std::vector<organisations::Organisation> ViewerOrganisations(const WebContext& context) {
  std::vector<organisations::Organisation> out;
  const Viewer& viewer = CurrentViewer();
  if (!viewer.signed_in()) return out;
  for (const auto& membership : context.store.ListMemberships(viewer.account->user.id)) {
    out.push_back(membership.organisation);
  }
  return out;
}

}  // namespace boussole::web
