#pragma once
// Organisations people act for (DOMAIN.md, "Actors and roles"; issue 5, item 2): a
// collectivité bound to its territory, a délégation territoriale (préfecture) bound to its
// département, the ANCT, partner operators and providers. People belong to one or more,
// as members or administrators.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/territories/territory.h"

namespace boussole::organisations {

enum class Kind { kCollectivite, kDelegationTerritoriale, kAnct, kOperateur, kPrestataire };
inline constexpr Kind kAllKinds[] = {Kind::kCollectivite, Kind::kDelegationTerritoriale, Kind::kAnct, Kind::kOperateur,
                                     Kind::kPrestataire};

//! "collectivite", "delegation_territoriale", "anct", "operateur", "prestataire" (stored).
std::string_view KindKey(Kind kind);
std::optional<Kind> KindFromKey(std::string_view key);
//! "Collectivité", "Délégation territoriale (préfecture)"… (shown).
std::string_view KindLabel(Kind kind);
//! The territory kinds an organisation of `kind` may be bound to; empty: it has no territory.
std::vector<territories::Kind> AllowedTerritoryKinds(Kind kind);

enum class MemberRole { kMember, kAdmin };
//! "member", "admin" (stored).
std::string_view RoleKey(MemberRole role);
std::optional<MemberRole> RoleFromKey(std::string_view key);
//! "Membre", "Administrateur" (shown).
std::string_view RoleLabel(MemberRole role);

struct Organisation {
  std::int64_t id = 0;
  Kind kind = Kind::kCollectivite;
  std::string name;
  std::optional<territories::TerritoryId> territory;  //!< collectivités and délégations only
  std::string created_at;
};

struct NewOrganisation {
  Kind kind = Kind::kCollectivite;
  std::string name;
  std::optional<territories::TerritoryId> territory;
};

//! One of a person's organisations, with the role held there.
struct Membership {
  Organisation organisation;
  MemberRole role = MemberRole::kMember;
  std::string created_at;
};

//! One person of an organisation.
struct Member {
  std::int64_t user_id = 0;
  std::string email;
  std::string display_name;
  MemberRole role = MemberRole::kMember;
  std::string created_at;
};

//! An invitation by e-mail. The token is in the mail only; the store keeps its hash.
struct Invitation {
  std::string token_hash;
  std::int64_t organisation_id = 0;
  std::string organisation_name;  //!< filled when read
  std::string email;              //!< normalised (accounts::NormaliseEmail)
  MemberRole role = MemberRole::kMember;
  std::optional<std::int64_t> invited_by;
  std::string created_at;
  std::string expires_at;
  std::string accepted_at;  //!< "" until accepted
};

}  // namespace boussole::organisations
