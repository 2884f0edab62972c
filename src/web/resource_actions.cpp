#include "web/resource_actions.h"

#include "core/clock.h"
#include "domain/catalogue/vocabulary.h"
#include "web/viewer.h"
#include "web/views/resource_view.h"
#include "web/views/territory_view.h"

namespace boussole::web {
namespace {

constexpr const char* kOnlyKeepers =
    "Seules la préfecture du département de cette structure et l'ANCT la modifient ou la retirent de l'annuaire.";

}  // namespace

ResourceScope ScopeOfViewer(const WebContext& context) {
  ResourceScope scope;
  for (const auto& m : context.store.ListMemberships(CurrentViewer().account->user.id)) {
    if (m.organisation.kind == organisations::Kind::kAnct) scope.anct = true;
    if (m.organisation.kind == organisations::Kind::kDelegationTerritoriale && m.organisation.territory) {
      scope.departements.insert(m.organisation.territory->ToString());
    }
  }
  return scope;
}

bool Keeps(const ResourceScope& scope, const directory::Resource& resource) {
  if (resource.id == 0) return false;
  return scope.anct || (!resource.scope.empty() && scope.departements.count(resource.scope) > 0);
}

std::vector<std::string> SplitCodes(std::string codes) {
  for (char& c : codes) {
    if (c == ',' || c == ';' || c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < codes.size()) {
    const std::size_t end = std::min(codes.find(' ', at), codes.size());
    if (end > at) out.push_back(codes.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

Result<directory::Resource> CheckResource(const WebContext& context, const ResourceScope& scope, const ResourceInput& in) {
  directory::Resource r;
  r.name = in.name;
  r.kind = in.kind;
  r.themes = in.themes;
  r.engineering = in.engineering;
  r.contact = in.contact;
  r.national = in.national;
  r.created_by = CurrentViewer().account->user.id;
  if (r.name.empty() || r.name.size() > 300) return InvalidInput("Donnez le nom de la structure (300 caractères au plus).", "name");
  if (!catalogue::Contains(directory::ResourceKinds(), r.kind)) return InvalidInput("Choisissez le type de structure.", "kind");
  for (const auto& theme : r.themes) {
    if (!catalogue::Contains(catalogue::Themes(), theme)) return InvalidInput("Thématique inconnue : « " + theme + " ».", "themes");
  }
  if (r.national && !scope.anct) return InvalidInput("Seule l'ANCT ajoute une structure nationale.", "national");
  std::set<std::string> departements;
  for (const auto& code : in.territories) {
    if (code.empty()) continue;
    const auto found = ResolveTerritory(code, context.store);
    if (!found) return InvalidInput("Territoire introuvable : « " + code + " ».", "territories");
    const auto place = PlaceOf(context, found->id.ToString());
    bool in_scope = scope.anct;
    for (const auto& d : scope.departements) in_scope = in_scope || place.count(d) > 0;
    if (!in_scope) return InvalidInput("« " + found->name + " » n'est pas dans votre département.", "territories");
    r.territories.push_back(found->id.ToString());
    for (const auto& d : scope.departements) {
      if (place.count(d)) departements.insert(d);
    }
  }
  if (!r.national && r.territories.empty()) {
    return InvalidInput("Indiquez au moins un territoire couvert (code INSEE, SIREN ou département).", "territories");
  }
  r.scope = scope.anct ? "" : *departements.begin();
  return r;
}

ResourceOutcome KeptResource(const WebContext& context, std::int64_t id) {
  const auto found = context.store.FindResource(id);
  if (!found || !found->withdrawn_at.empty()) return {404, "Cette structure n'est pas dans l'annuaire.", "", {}};
  if (!Keeps(ScopeOfViewer(context), *found)) return {403, kOnlyKeepers, "", *found};
  return {200, "", "", *found};
}

ResourceOutcome EditResource(const WebContext& context, std::int64_t id, const ResourceInput& in) {
  ResourceOutcome kept = KeptResource(context, id);
  if (kept.status != 200) return kept;
  auto checked = CheckResource(context, ScopeOfViewer(context), in);
  if (!checked) return {400, checked.error().message, checked.error().field, kept.resource};
  directory::Resource r = checked.value();
  r.id = kept.resource.id;
  r.created_by = kept.resource.created_by;
  r.created_at = kept.resource.created_at;
  if (!r.national && r.scope.empty()) r.scope = kept.resource.scope;  // the ANCT edits a préfecture's structure
  if (auto saved = context.store.UpdateResource(r, NowUtc()); !saved) return {404, saved.error().message, "", kept.resource};
  return {200, "", "", context.store.FindResource(id).value_or(r)};
}

ResourceOutcome WithdrawResource(const WebContext& context, std::int64_t id) {
  ResourceOutcome kept = KeptResource(context, id);
  if (kept.status != 200) return kept;
  if (auto done = context.store.WithdrawResource(id, NowUtc()); !done) return {404, done.error().message, "", kept.resource};
  return {200, "", "", context.store.FindResource(id).value_or(kept.resource)};
}

}  // namespace boussole::web
