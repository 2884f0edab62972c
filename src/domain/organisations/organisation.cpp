#include "domain/organisations/organisation.h"

#include <array>
#include <utility>

namespace boussole::organisations {
namespace {

struct KindText {
  Kind kind;
  std::string_view key;
  std::string_view label;
};

constexpr std::array<KindText, 5> kKinds{{
    {Kind::kCollectivite, "collectivite", "Collectivité"},
    {Kind::kDelegationTerritoriale, "delegation_territoriale", "Délégation territoriale (préfecture)"},
    {Kind::kAnct, "anct", "ANCT"},
    {Kind::kOperateur, "operateur", "Opérateur partenaire"},
    {Kind::kPrestataire, "prestataire", "Prestataire"},
}};

}  // namespace

std::string_view KindKey(Kind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.key;
  }
  return "collectivite";
}

std::optional<Kind> KindFromKey(std::string_view key) {
  for (const auto& k : kKinds) {
    if (k.key == key) return k.kind;
  }
  return std::nullopt;
}

std::string_view KindLabel(Kind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.label;
  }
  return "";
}

std::vector<territories::Kind> AllowedTerritoryKinds(Kind kind) {
  using territories::Kind;
  switch (kind) {
    case organisations::Kind::kCollectivite:
      return {Kind::kCommune, Kind::kEpci, Kind::kDepartement, Kind::kRegion};
    case organisations::Kind::kDelegationTerritoriale:
      return {Kind::kDepartement};  // a préfecture acts for its département
    default:
      return {};
  }
}

std::string_view RoleKey(MemberRole role) { return role == MemberRole::kAdmin ? "admin" : "member"; }

std::optional<MemberRole> RoleFromKey(std::string_view key) {
  if (key == "admin") return MemberRole::kAdmin;
  if (key == "member") return MemberRole::kMember;
  return std::nullopt;
}

std::string_view RoleLabel(MemberRole role) { return role == MemberRole::kAdmin ? "Administrateur" : "Membre"; }

}  // namespace boussole::organisations
