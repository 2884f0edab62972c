#pragma once
// What both backends do the same way around their SQL: escaping LIKE patterns, the offer
// document stored beside the columns, tallying territories by kind.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/alerts/alert_repository.h"
#include "domain/catalogue/offer.h"
#include "domain/territories/territory_repository.h"

namespace boussole::storage {

//! A user id for a nullable column: 0, no user, is NULL.
inline std::optional<std::int64_t> UserOrNull(std::int64_t user_id) {
  return user_id == 0 ? std::nullopt : std::optional<std::int64_t>(user_id);
}

//! A territory id as the tables store it ("commune:52250"), read back without a join to
//! `territories`: the kind before the first ':', the code after it.
territories::TerritoryId StoredTerritoryId(std::string_view stored);

//! The query both backends answer RankByPopulation with, for a scope and peers of these
//! kinds: parameters $1 the scope's id, $2 the member's; one row of peers, peers more
//! populous than the member, and 1 when the member is among them.
std::string RankByPopulationSql(territories::Kind scope, territories::Kind peers);

//! Escapes LIKE wildcards with '\' (queries say ESCAPE '\').
std::string LikeEscape(std::string_view text);

//! The stored form of an offer: its canonical JSON document.
std::string OfferDocument(const catalogue::Offer& offer);
//! Reads a stored document back. Documents were validated on the way in, so a failure is
//! corruption: throws std::runtime_error.
catalogue::Offer OfferFromDocument(const std::string& document);

//! True when a folded search query may be a code rather than a name: digits (INSEE code,
//! postal code, SIREN), a Corsican INSEE code ("2a004"), or 1–3 characters ("2a", "973").
bool LooksLikeCode(std::string_view folded_query);

//! The columns both backends read a user and a project with, in the order their readers
//! expect.
inline constexpr const char* kUserColumns =
    "id, email, display_name, password_hash, confirmed_at, created_at, platform_admin";
inline constexpr const char* kProjectColumns =
    "id, organisation_id, name, public_description, private_description, territory_id, stage, themes,"
    " budget_euros, due_date, contract, is_public, created_by, created_at, updated_at, sheet_context,"
    " sheet_actions, sheet_results, sheet_testimony, sheet_partners, published_at";

//! Organisations and invitations, read with the organisation joined as `o`, the invitation
//! as `i`.
inline constexpr const char* kOrganisationColumns = "o.id, o.kind, o.name, o.territory_id, o.created_at";
inline constexpr const char* kInvitationColumns =
    "i.token_hash, i.organisation_id, o.name, i.email, i.role, i.invited_by, i.created_at, i.expires_at, i.accepted_at";

//! The columns both backends read an uploaded file's metadata with.
inline constexpr const char* kFileColumns =
    "id, sha256, size_bytes, content_type, original_name, uploaded_by, uploaded_at";

//! The columns both backends read a request and a trail event with (events joined with
//! their author as `u`).
inline constexpr const char* kRequestColumns =
    "id, workflow, organisation_id, territory_id, departement_id, title, theme, project_id, state, version,"
    " assignee_id, fields, created_by, created_at, updated_at, state_since";
inline constexpr const char* kRequestEventColumns =
    "e.id, e.request_id, e.user_id, COALESCE(u.display_name, ''), e.at, e.kind, e.transition, e.from_state,"
    " e.to_state, e.fields, e.text, e.file_id";

//! The columns both backends read a structure of the directory with.
inline constexpr const char* kResourceColumns =
    "id, name, kind, themes, engineering, territories, national, contact, scope, created_by, created_at, updated_at,"
    " withdrawn_at";

//! Adds `count` territories of the kind named `kind` ("commune"…) to `counts`.
void AddToCounts(territories::Counts& counts, std::string_view kind, std::size_t count);

//! The columns both backends read an alert with, in the order their readers expect.
inline constexpr const char* kAlertColumns =
    "id, email, user_id, query, frequency, created_at, confirmed_at, unsubscribed_at, last_digest_at, target";

//! The stored form of a delivery's outcome.
inline const char* DeliveryStatus(alerts::DeliveryOutcome outcome) {
  switch (outcome) {
    case alerts::DeliveryOutcome::kSent: return "sent";
    case alerts::DeliveryOutcome::kEmpty: return "empty";
    case alerts::DeliveryOutcome::kFailed: break;
  }
  return "failed";
}

}  // namespace boussole::storage

