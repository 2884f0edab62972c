#pragma once
// The SQL both backends run for personal data (issue 9, item 6): one query per section of
// the download, and the statements of an account's deletion. `$1` is the user's id (SQLite
// reads `$1` as a named parameter, bound by position like PostgreSQL's).
#include <string_view>

namespace boussole::storage {

struct PersonalDataQuery {
  std::string_view section;
  std::string_view sql;
};

//! The user's address, for the sections keyed by it (alerts, invitations).
#define BOUSSOLE_USER_EMAIL "(SELECT email FROM users WHERE id = $1)"

inline constexpr PersonalDataQuery kPersonalDataQueries[] = {
    {"compte",
     "SELECT id, email, display_name, confirmed_at, created_at, platform_admin, notification_frequency,"
     " my_space_seen_at FROM users WHERE id = $1"},
    {"jetons_api",
     "SELECT id, name, created_at, expires_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY id"},
    {"adhesions",
     "SELECT m.organisation_id, o.name AS organisation, m.role, m.created_at FROM memberships m"
     " JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY m.organisation_id"},
    {"invitations_recues",
     "SELECT i.organisation_id, o.name AS organisation, i.role, i.created_at, i.expires_at, i.accepted_at"
     " FROM invitations i JOIN organisations o ON o.id = i.organisation_id WHERE i.email = " BOUSSOLE_USER_EMAIL
     " ORDER BY i.created_at"},
    {"projets_crees",
     "SELECT id, organisation_id, name, public_description, private_description, created_at, updated_at"
     " FROM projects WHERE created_by = $1 ORDER BY id"},
    {"historique_projets",
     "SELECT id, project_id, at, kind, detail FROM project_events WHERE user_id = $1 ORDER BY id"},
    {"suggestions_offres",
     "SELECT id, project_id, offer_slug, message, status, created_at FROM project_suggestions WHERE user_id = $1"
     " ORDER BY id"},
    {"enveloppes_fixees",
     "SELECT year, amount_euros, updated_at FROM engineering_budgets WHERE updated_by = $1 ORDER BY year"},
    {"saisines_creees",
     "SELECT id, workflow, organisation_id, title, theme, state, created_at, updated_at FROM requests"
     " WHERE created_by = $1 ORDER BY id"},
    {"contributions_saisines",
     "SELECT id, request_id, at, kind, transition, from_state, to_state, fields, text, file_id FROM request_events"
     " WHERE user_id = $1 ORDER BY id"},
    {"fichiers_deposes",
     "SELECT id, original_name, content_type, size_bytes, sha256, uploaded_at FROM files WHERE uploaded_by = $1"
     " ORDER BY id"},
    {"structures_annuaire",
     "SELECT id, name, kind, contact, created_at FROM engineering_resources WHERE created_by = $1 ORDER BY id"},
    {"alertes",
     "SELECT id, email, target, query, frequency, created_at, confirmed_at, unsubscribed_at, last_digest_at"
     " FROM alerts WHERE user_id = $1 OR email = " BOUSSOLE_USER_EMAIL " ORDER BY id"},
    {"notifications",
     "SELECT id, topic, subject, link, created_at FROM notifications WHERE user_id = $1 ORDER BY id"},
    {"inscriptions_seminaires",
     "SELECT seminar_id, attended, created_at FROM seminar_registrations WHERE user_id = $1 ORDER BY seminar_id"},
    {"livrables_deposes",
     "SELECT id, programme_id, territory_id, title, version, status, created_at FROM deliverables"
     " WHERE uploaded_by = $1 ORDER BY id"},
    {"messages_communaute",
     "SELECT id, programme_id, parent_id, body, hidden, created_at FROM programme_posts WHERE user_id = $1"
     " ORDER BY id"},
    {"signalements",
     "SELECT post_id, created_at FROM post_reports WHERE user_id = $1 ORDER BY post_id"},
    {"journal_securite",
     "SELECT at, kind, address, detail FROM security_events WHERE user_id = $1 ORDER BY id"},
};

//! An account's deletion, in this order, in one transaction (PersonalDataRepository::
//! DeleteAccount). `$2` is the time of deletion. Contributions that must stay (request
//! trails, comments, histories, files, projects, posts) are not touched: they point to the
//! tombstone.
inline constexpr std::string_view kDeleteAccountStatements[] = {
    "DELETE FROM sessions WHERE user_id = $1",
    "DELETE FROM account_tokens WHERE user_id = $1",
    "DELETE FROM api_tokens WHERE user_id = $1",
    "DELETE FROM memberships WHERE user_id = $1",
    "DELETE FROM invitations WHERE email = " BOUSSOLE_USER_EMAIL " AND accepted_at IS NULL",
    "DELETE FROM alerts WHERE user_id = $1 OR email = " BOUSSOLE_USER_EMAIL,
    "DELETE FROM notifications WHERE user_id = $1",
    "DELETE FROM notification_deliveries WHERE user_id = $1",
    "DELETE FROM seminar_registrations WHERE user_id = $1",
    "DELETE FROM post_reports WHERE user_id = $1",
    "DELETE FROM failed_logins WHERE key = 'compte:' || " BOUSSOLE_USER_EMAIL,
    "UPDATE users SET email = 'compte-supprime-' || id || '@invalid', display_name = 'Compte supprimé',"
    " password_hash = '', confirmed_at = NULL, platform_admin = 0, notification_frequency = 'none',"
    " my_space_seen_at = NULL, deleted_at = $2 WHERE id = $1",
};

#undef BOUSSOLE_USER_EMAIL

}  // namespace boussole::storage
