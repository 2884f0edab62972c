// The organisation tables of PgStore (issue 5, item 2). Changes to memberships lock the
// organisation's row first (SELECT … FOR UPDATE), so that two admins demoting each other
// at once cannot both pass the "last admin" check.
#include "storage/shared_sql.h"
#include "storage/postgres/pg_store.h"

namespace boussole::storage::postgres {
namespace {

using organisations::Invitation;
using organisations::Member;
using organisations::MemberRole;
using organisations::Membership;
using organisations::Organisation;


// Reads the five organisation columns starting at `first`.
Organisation ReadOrganisation(const pqxx::row& row, int first = 0) {
  Organisation organisation;
  organisation.id = row[first].as<std::int64_t>();
  organisation.kind =
      organisations::KindFromKey(row[first + 1].as<std::string>()).value_or(organisations::Kind::kCollectivite);
  organisation.name = row[first + 2].as<std::string>();
  if (!row[first + 3].is_null()) {
    auto id = territories::TerritoryId::Parse(row[first + 3].as<std::string>());
    if (id) organisation.territory = id.value();
  }
  organisation.created_at = row[first + 4].as<std::string>();
  return organisation;
}

MemberRole ReadRole(const pqxx::field& field) {
  return organisations::RoleFromKey(field.as<std::string>()).value_or(MemberRole::kMember);
}

Invitation ReadInvitation(const pqxx::row& row) {
  Invitation invitation;
  invitation.token_hash = row[0].as<std::string>();
  invitation.organisation_id = row[1].as<std::int64_t>();
  invitation.organisation_name = row[2].as<std::string>();
  invitation.email = row[3].as<std::string>();
  invitation.role = ReadRole(row[4]);
  if (!row[5].is_null()) invitation.invited_by = row[5].as<std::int64_t>();
  invitation.created_at = row[6].as<std::string>();
  invitation.expires_at = row[7].as<std::string>();
  invitation.accepted_at = row[8].is_null() ? "" : row[8].as<std::string>();
  return invitation;
}

std::vector<Invitation> ReadInvitations(const pqxx::result& rows) {
  std::vector<Invitation> invitations;
  for (const auto& row : rows) invitations.push_back(ReadInvitation(row));
  return invitations;
}

// Locks the organisation's row for the rest of the transaction; false when it does not exist.
bool LockOrganisation(pqxx::work& tx, std::int64_t organisation_id) {
  return !tx.exec_params("SELECT id FROM organisations WHERE id = $1 FOR UPDATE", organisation_id).empty();
}

// Why a member cannot lose the admin role, or Ok(). Call with the organisation locked.
Status CheckAdminLeft(pqxx::work& tx, std::int64_t organisation_id, std::int64_t user_id, bool loses_admin) {
  auto rows = tx.exec_params("SELECT role FROM memberships WHERE organisation_id = $1 AND user_id = $2",
                             organisation_id, user_id);
  if (rows.empty()) return NotFound("Cette personne n'est pas membre de l'organisation.");
  if (loses_admin && ReadRole(rows[0][0]) == MemberRole::kAdmin &&
      tx.exec_params("SELECT COUNT(*) FROM memberships WHERE organisation_id = $1 AND role = 'admin'", organisation_id)[0][0]
              .as<std::int64_t>() <= 1) {
    return Error{"last_admin",
                 "C'est le dernier administrateur de l'organisation : nommez d'abord un autre administrateur.", {}};
  }
  return Ok();
}

}  // namespace

Organisation PgStore::CreateOrganisation(const organisations::NewOrganisation& organisation, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto rows = tx.exec_params(
      "INSERT INTO organisations (kind, name, territory_id, created_at) VALUES ($1, $2, NULLIF($3, ''), $4)"
      " RETURNING id, kind, name, territory_id, created_at",
      std::string(organisations::KindKey(organisation.kind)), organisation.name,
      organisation.territory ? organisation.territory->ToString() : std::string(), std::string(now));
  Organisation created = ReadOrganisation(rows[0]);
  tx.commit();
  return created;
}

std::optional<Organisation> PgStore::FindOrganisation(std::int64_t id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kOrganisationColumns + " FROM organisations o WHERE o.id = $1", id);
  if (rows.empty()) return std::nullopt;
  return ReadOrganisation(rows[0]);
}

std::vector<Organisation> PgStore::ListOrganisations() {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Organisation> list;
  for (const auto& row : tx.exec(std::string("SELECT ") + kOrganisationColumns + " FROM organisations o ORDER BY o.name, o.id")) {
    list.push_back(ReadOrganisation(row));
  }
  return list;
}

std::optional<MemberRole> PgStore::FindMembership(std::int64_t organisation_id, std::int64_t user_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params("SELECT role FROM memberships WHERE organisation_id = $1 AND user_id = $2",
                             organisation_id, user_id);
  if (rows.empty()) return std::nullopt;
  return ReadRole(rows[0][0]);
}

std::vector<Membership> PgStore::ListMemberships(std::int64_t user_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Membership> list;
  for (const auto& row : tx.exec_params(std::string("SELECT ") + kOrganisationColumns +
                                            ", m.role, m.created_at FROM memberships m JOIN organisations o"
                                            " ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY o.name, o.id",
                                        user_id)) {
    list.push_back(Membership{ReadOrganisation(row), ReadRole(row[5]), row[6].as<std::string>()});
  }
  return list;
}

std::vector<Member> PgStore::ListMembers(std::int64_t organisation_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Member> list;
  for (const auto& row : tx.exec_params(
           "SELECT u.id, u.email, u.display_name, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id"
           " WHERE m.organisation_id = $1 ORDER BY CASE m.role WHEN 'admin' THEN 0 ELSE 1 END, u.display_name, u.id",
           organisation_id)) {
    list.push_back(Member{row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(), ReadRole(row[3]),
                          row[4].as<std::string>()});
  }
  return list;
}

Status PgStore::AddMember(std::int64_t organisation_id, std::int64_t user_id, MemberRole role, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  if (!LockOrganisation(tx, organisation_id) || tx.exec_params("SELECT 1 FROM users WHERE id = $1", user_id).empty()) {
    return NotFound("Cette organisation ou cette personne n'existe pas.");
  }
  auto rows = tx.exec_params(
      "INSERT INTO memberships (organisation_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)"
      " ON CONFLICT (organisation_id, user_id) DO NOTHING RETURNING user_id",
      organisation_id, user_id, std::string(organisations::RoleKey(role)), std::string(now));
  if (rows.empty()) return Error{"conflict", "Cette personne est déjà membre de l'organisation.", {}};
  tx.commit();
  return Ok();
}

Status PgStore::ChangeMemberRole(std::int64_t organisation_id, std::int64_t user_id, MemberRole role) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  if (!LockOrganisation(tx, organisation_id)) return NotFound("Cette organisation n'existe pas.");
  if (auto allowed = CheckAdminLeft(tx, organisation_id, user_id, role != MemberRole::kAdmin); !allowed) return allowed;
  tx.exec_params("UPDATE memberships SET role = $1 WHERE organisation_id = $2 AND user_id = $3",
                 std::string(organisations::RoleKey(role)), organisation_id, user_id);
  tx.commit();
  return Ok();
}

Status PgStore::RemoveMember(std::int64_t organisation_id, std::int64_t user_id) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  if (!LockOrganisation(tx, organisation_id)) return NotFound("Cette organisation n'existe pas.");
  if (auto allowed = CheckAdminLeft(tx, organisation_id, user_id, true); !allowed) return allowed;
  tx.exec_params("DELETE FROM memberships WHERE organisation_id = $1 AND user_id = $2", organisation_id, user_id);
  tx.commit();
  return Ok();
}

void PgStore::StoreInvitation(const Invitation& invitation) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params(
      "INSERT INTO invitations (token_hash, organisation_id, email, role, invited_by, created_at, expires_at)"
      " VALUES ($1, $2, $3, $4, NULLIF($5, '')::BIGINT, $6, $7)",
      invitation.token_hash, invitation.organisation_id, invitation.email,
      std::string(organisations::RoleKey(invitation.role)),
      invitation.invited_by ? std::to_string(*invitation.invited_by) : std::string(), invitation.created_at,
      invitation.expires_at);
  tx.commit();
}

std::optional<Invitation> PgStore::FindInvitation(std::string_view token_hash) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kInvitationColumns +
                                 " FROM invitations i JOIN organisations o ON o.id = i.organisation_id"
                                 " WHERE i.token_hash = $1",
                             std::string(token_hash));
  if (rows.empty()) return std::nullopt;
  return ReadInvitation(rows[0]);
}

std::vector<Invitation> PgStore::PendingInvitationsFor(std::string_view email, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  return ReadInvitations(tx.exec_params(std::string("SELECT ") + kInvitationColumns +
                                            " FROM invitations i JOIN organisations o ON o.id = i.organisation_id"
                                            " WHERE i.email = $1 AND i.accepted_at IS NULL AND i.expires_at >= $2"
                                            " ORDER BY i.created_at DESC, i.token_hash",
                                        std::string(email), std::string(now)));
}

std::vector<Invitation> PgStore::PendingInvitationsOf(std::int64_t organisation_id, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  return ReadInvitations(tx.exec_params(std::string("SELECT ") + kInvitationColumns +
                                            " FROM invitations i JOIN organisations o ON o.id = i.organisation_id"
                                            " WHERE i.organisation_id = $1 AND i.accepted_at IS NULL"
                                            " AND i.expires_at >= $2 ORDER BY i.created_at DESC, i.token_hash",
                                        organisation_id, std::string(now)));
}

Result<Invitation> PgStore::AcceptInvitation(std::string_view token_hash, std::int64_t user_id, std::string_view email,
                                             std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  // The UPDATE locks the row: a concurrent accept waits, then finds accepted_at set.
  auto used = tx.exec_params(
      "UPDATE invitations SET accepted_at = $1 WHERE token_hash = $2 AND email = $3 AND accepted_at IS NULL"
      " AND expires_at >= $1 RETURNING organisation_id, role",
      std::string(now), std::string(token_hash), std::string(email));
  if (used.empty()) return Error{"invalid_token", "Cette invitation n'est pas valable.", {}};
  // Already a member: an invitation may promote, never demote (it must not strip the last admin).
  tx.exec_params(
      "INSERT INTO memberships (organisation_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)"
      " ON CONFLICT (organisation_id, user_id) DO UPDATE SET role ="
      " CASE WHEN excluded.role = 'admin' THEN 'admin' ELSE memberships.role END",
      used[0][0].as<std::int64_t>(), user_id, used[0][1].as<std::string>(), std::string(now));
  auto rows = tx.exec_params(std::string("SELECT ") + kInvitationColumns +
                                 " FROM invitations i JOIN organisations o ON o.id = i.organisation_id"
                                 " WHERE i.token_hash = $1",
                             std::string(token_hash));
  Invitation accepted = ReadInvitation(rows[0]);
  tx.commit();
  return accepted;
}

}  // namespace boussole::storage::postgres
