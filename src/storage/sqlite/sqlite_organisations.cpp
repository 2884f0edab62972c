// The organisation tables of SqliteStore (issue 5, item 2). Writers are serialised by
// BEGIN IMMEDIATE, so the "last admin" count and the change it guards cannot interleave
// with another writer.
#include "storage/shared_sql.h"
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {
namespace {

using organisations::Invitation;
using organisations::Member;
using organisations::MemberRole;
using organisations::Membership;
using organisations::Organisation;


// Reads the five organisation columns starting at `first`.
Organisation ReadOrganisation(const Statement& q, int first = 0) {
  Organisation organisation;
  organisation.id = q.Int(first);
  organisation.kind = organisations::KindFromKey(q.Text(first + 1)).value_or(organisations::Kind::kCollectivite);
  organisation.name = q.Text(first + 2);
  if (!q.IsNull(first + 3)) {
    auto id = territories::TerritoryId::Parse(q.Text(first + 3));
    if (id) organisation.territory = id.value();
  }
  organisation.created_at = q.Text(first + 4);
  return organisation;
}

MemberRole ReadRole(const std::string& key) {
  return organisations::RoleFromKey(key).value_or(MemberRole::kMember);
}

Invitation ReadInvitation(const Statement& q) {
  Invitation invitation;
  invitation.token_hash = q.Text(0);
  invitation.organisation_id = q.Int(1);
  invitation.organisation_name = q.Text(2);
  invitation.email = q.Text(3);
  invitation.role = ReadRole(q.Text(4));
  invitation.invited_by = q.OptionalInt(5);
  invitation.created_at = q.Text(6);
  invitation.expires_at = q.Text(7);
  invitation.accepted_at = q.IsNull(8) ? "" : q.Text(8);
  return invitation;
}

std::vector<Invitation> ReadInvitations(Statement& q) {
  std::vector<Invitation> invitations;
  while (q.Step()) invitations.push_back(ReadInvitation(q));
  return invitations;
}

// The current role of a member, inside the caller's transaction.
std::optional<MemberRole> CurrentRole(Connection& db, std::int64_t organisation_id, std::int64_t user_id) {
  auto q = db.Prepare("SELECT role FROM memberships WHERE organisation_id = ? AND user_id = ?");
  q.Bind(1, organisation_id).Bind(2, user_id);
  if (!q.Step()) return std::nullopt;
  return ReadRole(q.Text(0));
}

std::int64_t CountAdmins(Connection& db, std::int64_t organisation_id) {
  auto q = db.Prepare("SELECT COUNT(*) FROM memberships WHERE organisation_id = ? AND role = 'admin'");
  q.Bind(1, organisation_id);
  return q.Step() ? q.Int(0) : 0;
}

// Why a member cannot lose the admin role, or Ok().
Status CheckAdminLeft(Connection& db, std::int64_t organisation_id, std::int64_t user_id, bool loses_admin) {
  const auto role = CurrentRole(db, organisation_id, user_id);
  if (!role) return NotFound("Cette personne n'est pas membre de l'organisation.");
  if (loses_admin && *role == MemberRole::kAdmin && CountAdmins(db, organisation_id) <= 1) {
    return Error{"last_admin",
                 "C'est le dernier administrateur de l'organisation : nommez d'abord un autre administrateur.", {}};
  }
  return Ok();
}

}  // namespace

Organisation SqliteStore::CreateOrganisation(const organisations::NewOrganisation& organisation, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto q = db->Prepare("INSERT INTO organisations (kind, name, territory_id, created_at) VALUES (?, ?, ?, ?)"
                       " RETURNING id, kind, name, territory_id, created_at");
  q.Bind(1, organisations::KindKey(organisation.kind))
      .Bind(2, organisation.name)
      .BindTextOrNull(3, organisation.territory ? organisation.territory->ToString() : "")
      .Bind(4, now);
  q.Step();
  Organisation created = ReadOrganisation(q);
  while (q.Step()) {
  }
  tx.Commit();
  return created;
}

std::optional<Organisation> SqliteStore::FindOrganisation(std::int64_t id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kOrganisationColumns + " FROM organisations o WHERE o.id = ?");
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return ReadOrganisation(q);
}

std::vector<Organisation> SqliteStore::ListOrganisations() {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kOrganisationColumns + " FROM organisations o ORDER BY o.name, o.id");
  std::vector<Organisation> list;
  while (q.Step()) list.push_back(ReadOrganisation(q));
  return list;
}

std::optional<MemberRole> SqliteStore::FindMembership(std::int64_t organisation_id, std::int64_t user_id) {
  auto db = pool_.Acquire();
  return CurrentRole(*db, organisation_id, user_id);
}

std::vector<Membership> SqliteStore::ListMemberships(std::int64_t user_id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kOrganisationColumns +
                       ", m.role, m.created_at FROM memberships m JOIN organisations o ON o.id = m.organisation_id"
                       " WHERE m.user_id = ? ORDER BY o.name, o.id");
  q.Bind(1, user_id);
  std::vector<Membership> list;
  while (q.Step()) list.push_back(Membership{ReadOrganisation(q), ReadRole(q.Text(5)), q.Text(6)});
  return list;
}

std::vector<Member> SqliteStore::ListMembers(std::int64_t organisation_id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "SELECT u.id, u.email, u.display_name, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id"
      " WHERE m.organisation_id = ? ORDER BY CASE m.role WHEN 'admin' THEN 0 ELSE 1 END, u.display_name, u.id");
  q.Bind(1, organisation_id);
  std::vector<Member> list;
  while (q.Step()) list.push_back(Member{q.Int(0), q.Text(1), q.Text(2), ReadRole(q.Text(3)), q.Text(4)});
  return list;
}

Status SqliteStore::AddMember(std::int64_t organisation_id, std::int64_t user_id, MemberRole role,
                              std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto exists = db->Prepare(
      "SELECT (SELECT COUNT(*) FROM organisations WHERE id = ?1) + (SELECT COUNT(*) FROM users WHERE id = ?2)");
  exists.Bind(1, organisation_id).Bind(2, user_id);
  if (!exists.Step() || exists.Int(0) != 2) return NotFound("Cette organisation ou cette personne n'existe pas.");
  auto q = db->Prepare(
      "INSERT INTO memberships (organisation_id, user_id, role, created_at) VALUES (?, ?, ?, ?)"
      " ON CONFLICT(organisation_id, user_id) DO NOTHING RETURNING user_id");
  q.Bind(1, organisation_id).Bind(2, user_id).Bind(3, organisations::RoleKey(role)).Bind(4, now);
  if (!q.Step()) return Error{"conflict", "Cette personne est déjà membre de l'organisation.", {}};
  while (q.Step()) {
  }
  tx.Commit();
  return Ok();
}

Status SqliteStore::ChangeMemberRole(std::int64_t organisation_id, std::int64_t user_id, MemberRole role) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  if (auto allowed = CheckAdminLeft(*db, organisation_id, user_id, role != MemberRole::kAdmin); !allowed) {
    return allowed;
  }
  db->Prepare("UPDATE memberships SET role = ? WHERE organisation_id = ? AND user_id = ?")
      .Bind(1, organisations::RoleKey(role))
      .Bind(2, organisation_id)
      .Bind(3, user_id)
      .Run();
  tx.Commit();
  return Ok();
}

Status SqliteStore::RemoveMember(std::int64_t organisation_id, std::int64_t user_id) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  if (auto allowed = CheckAdminLeft(*db, organisation_id, user_id, true); !allowed) return allowed;
  db->Prepare("DELETE FROM memberships WHERE organisation_id = ? AND user_id = ?")
      .Bind(1, organisation_id)
      .Bind(2, user_id)
      .Run();
  tx.Commit();
  return Ok();
}

void SqliteStore::StoreInvitation(const Invitation& invitation) {
  auto db = pool_.Acquire();
  db->Prepare(
        "INSERT INTO invitations (token_hash, organisation_id, email, role, invited_by, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)")
      .Bind(1, invitation.token_hash)
      .Bind(2, invitation.organisation_id)
      .Bind(3, invitation.email)
      .Bind(4, organisations::RoleKey(invitation.role))
      .Bind(5, invitation.invited_by)
      .Bind(6, invitation.created_at)
      .Bind(7, invitation.expires_at)
      .Run();
}

std::optional<Invitation> SqliteStore::FindInvitation(std::string_view token_hash) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kInvitationColumns +
                       " FROM invitations i JOIN organisations o ON o.id = i.organisation_id WHERE i.token_hash = ?");
  q.Bind(1, token_hash);
  if (!q.Step()) return std::nullopt;
  return ReadInvitation(q);
}

std::vector<Invitation> SqliteStore::PendingInvitationsFor(std::string_view email, std::string_view now) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kInvitationColumns +
                       " FROM invitations i JOIN organisations o ON o.id = i.organisation_id"
                       " WHERE i.email = ? AND i.accepted_at IS NULL AND i.expires_at >= ?"
                       " ORDER BY i.created_at DESC, i.token_hash");
  q.Bind(1, email).Bind(2, now);
  return ReadInvitations(q);
}

std::vector<Invitation> SqliteStore::PendingInvitationsOf(std::int64_t organisation_id, std::string_view now) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kInvitationColumns +
                       " FROM invitations i JOIN organisations o ON o.id = i.organisation_id"
                       " WHERE i.organisation_id = ? AND i.accepted_at IS NULL AND i.expires_at >= ?"
                       " ORDER BY i.created_at DESC, i.token_hash");
  q.Bind(1, organisation_id).Bind(2, now);
  return ReadInvitations(q);
}

Result<Invitation> SqliteStore::AcceptInvitation(std::string_view token_hash, std::int64_t user_id,
                                                 std::string_view email, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto use = db->Prepare(
      "UPDATE invitations SET accepted_at = ?1 WHERE token_hash = ?2 AND email = ?3 AND accepted_at IS NULL"
      " AND expires_at >= ?1 RETURNING organisation_id, role");
  use.Bind(1, now).Bind(2, token_hash).Bind(3, email);
  if (!use.Step()) return Error{"invalid_token", "Cette invitation n'est pas valable.", {}};
  const std::int64_t organisation_id = use.Int(0);
  const std::string role = use.Text(1);
  while (use.Step()) {
  }
  // Already a member: an invitation may promote, never demote (it must not strip the last admin).
  db->Prepare(
        "INSERT INTO memberships (organisation_id, user_id, role, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(organisation_id, user_id) DO UPDATE SET role ="
        " CASE WHEN excluded.role = 'admin' THEN 'admin' ELSE memberships.role END")
      .Bind(1, organisation_id)
      .Bind(2, user_id)
      .Bind(3, role)
      .Bind(4, now)
      .Run();
  auto q = db->Prepare(std::string("SELECT ") + kInvitationColumns +
                       " FROM invitations i JOIN organisations o ON o.id = i.organisation_id WHERE i.token_hash = ?");
  q.Bind(1, token_hash);
  q.Step();
  Invitation accepted = ReadInvitation(q);
  while (q.Step()) {
  }
  tx.Commit();
  return accepted;
}

}  // namespace boussole::storage::sqlite
