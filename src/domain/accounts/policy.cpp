#include "domain/accounts/policy.h"

#include <algorithm>

namespace boussole::accounts {

const std::vector<Rule>& PolicyTable() {
  static const std::vector<Rule> kRules = {
      // The catalogue, territories and the search: public, as Aides-territoires is.
      {"home", Access::kEveryone},
      {"territory_search", Access::kEveryone},
      {"territory_page", Access::kEveryone},
      {"offer_list", Access::kEveryone},
      {"offer_page", Access::kEveryone},
      {"offer_search_page", Access::kEveryone},
      {"eligibility_page", Access::kEveryone},
      {"api_territories", Access::kEveryone},
      {"api_territory", Access::kEveryone},
      {"api_territory_portrait", Access::kEveryone},
      {"maps_index", Access::kEveryone},
      {"map_page", Access::kEveryone},
      {"open_data_page", Access::kEveryone},
      {"open_data_file", Access::kEveryone},
      {"figures_page", Access::kEveryone},
      // The viewer's own space: the handler reads only their memberships.
      {"my_space_page", Access::kSignedIn},
      {"figures_chart_csv", Access::kEveryone},
      {"api_offers", Access::kEveryone},
      {"api_offer", Access::kEveryone},
      {"api_offer_search", Access::kEveryone},
      {"api_offer_search_csv", Access::kEveryone},
      {"api_offer_search_xlsx", Access::kEveryone},
      {"api_offer_eligibility", Access::kEveryone},
      {"openapi", Access::kEveryone},
      {"static", Access::kEveryone},
      // Probes: load balancers and monitoring call them without an account.
      {"healthz", Access::kEveryone},
      {"readyz", Access::kEveryone},
      {"metrics", Access::kEveryone},
      // Accounts: what one does before signing in is open to everyone.
      {"signup_page", Access::kEveryone},
      {"signup", Access::kEveryone},
      {"check_mail_page", Access::kEveryone},
      {"confirm_email_page", Access::kEveryone},
      {"confirm_email", Access::kEveryone},
      {"resend_confirmation", Access::kEveryone},
      {"email_confirmed_page", Access::kEveryone},
      {"login_page", Access::kEveryone},
      {"login", Access::kEveryone},
      {"forgot_password_page", Access::kEveryone},
      {"forgot_password", Access::kEveryone},
      {"new_password_page", Access::kEveryone},
      {"new_password", Access::kEveryone},
      {"password_changed_page", Access::kEveryone},
      // Alerts: anyone may save a search; the links of the mails work without an account.
      {"alert_new_page", Access::kEveryone},
      {"alert_create", Access::kEveryone},
      {"alert_check_mail_page", Access::kEveryone},
      {"alert_confirm_page", Access::kEveryone},
      {"alert_confirm", Access::kEveryone},
      {"alert_confirmed_page", Access::kEveryone},
      {"alert_unsubscribe_page", Access::kEveryone},
      {"alert_unsubscribe", Access::kEveryone},
      {"alert_unsubscribed_page", Access::kEveryone},
      {"account_page", Access::kSignedIn},
      // One's own settings and alerts (the handlers read only the signed-in person's).
      {"notification_settings_save", Access::kSignedIn},
      {"my_alerts_page", Access::kSignedIn},
      {"my_alert_delete", Access::kSignedIn},
      {"logout", Access::kSignedIn},
      // Personal API tokens: one's own only (the handlers read and revoke the signed-in
      // person's); /api/v1/me answers whoever the session or token is.
      {"api_tokens_page", Access::kSignedIn},
      {"api_token_create", Access::kSignedIn},
      {"api_token_revoke", Access::kSignedIn},
      {"api_me", Access::kSignedIn},
      {"api_token_revoke_current", Access::kSignedIn},
      // Organisations (issue 5, item 2): platform admins create them and see them all; their
      // members see who belongs; their admins (or platform admins) invite and manage roles.
      // Accepting an invitation and leaving concern only the signed-in person (the service
      // checks the address invited and the membership).
      {"organisations_page", Access::kPlatformAdmins},
      {"create_organisation", Access::kPlatformAdmins},
      {"my_organisations_page", Access::kSignedIn},
      {"leave_organisation", Access::kSignedIn},
      {"invitation_page", Access::kSignedIn},
      {"accept_invitation", Access::kSignedIn},
      {"organisation_page", Access::kOwnerMembers},
      // Projects: their collectivité's members work on them; a project's page is public when
      // the project is (its handler shows a private one to its owners only, 404 to others).
      {"project_list", Access::kOwnerMembers},
      {"project_new_page", Access::kOwnerMembers},
      {"project_create", Access::kOwnerMembers},
      {"project_page", Access::kEveryone},
      {"project_edit_page", Access::kOwnerMembers},
      {"project_update", Access::kOwnerMembers},
      {"project_offer_save", Access::kOwnerMembers},
      // Anyone signed in may suggest an offer for a public project; its owners decide.
      {"project_suggest_offer", Access::kSignedIn},
      {"project_decide_suggestion", Access::kOwnerMembers},
      // The offer publication workflow: platform admins only.
      {"offer_admin_list", Access::kPlatformAdmins},
      {"offer_admin_page", Access::kPlatformAdmins},
      {"offer_admin_save", Access::kPlatformAdmins},
      {"offer_admin_move", Access::kPlatformAdmins},
      // The projetothèque: owners write and publish the case sheet; everyone reads the
      // published ones (their handlers show nothing else).
      {"case_sheet_page", Access::kOwnerMembers},
      {"case_sheet_save", Access::kOwnerMembers},
      {"case_sheet_publication", Access::kOwnerMembers},
      {"projetotheque", Access::kEveryone},
      {"projetotheque_sheet", Access::kEveryone},
      {"api_project_search", Access::kEveryone},
      {"api_project", Access::kEveryone},
      // Requests ("saisines", issue 6): a collectivité's members create them; the parties
      // (collectivité, préfecture of its département only, ANCT, organisation handed the
      // request) see them and act on them, each transition as its workflow's table says.
      // The documentation of the workflows is public.
      {"request_list", Access::kSignedIn},
      {"request_workflows", Access::kEveryone},
      {"request_new_page", Access::kOwnerMembers},
      {"request_create", Access::kOwnerMembers},
      {"request_page", Access::kRequestParties},
      {"request_transition", Access::kRequestParties},
      {"request_comment", Access::kRequestParties},
      {"request_upload", Access::kRequestParties},
      {"request_file", Access::kRequestParties},
      {"api_request_workflows", Access::kEveryone},
      // The directory of engineering resources: read by anyone signed in; its handler lets
      // préfectures add structures of their département and the ANCT national ones.
      {"resource_directory", Access::kSignedIn},
      // Dashboards: préfectures (their département) and the ANCT (national); the handler
      // refuses everyone else.
      {"request_dashboard", Access::kSignedIn},
      {"request_dashboard_csv", Access::kSignedIn},
      {"request_dashboard_xlsx", Access::kSignedIn},
      // The annual engineering envelopes: the handler lets the ANCT in (as the dashboards
      // decide who is national), 403 for everyone else.
      {"request_budgets", Access::kSignedIn},
      {"request_budget_save", Access::kSignedIn},
      {"resource_add", Access::kSignedIn},
      {"api_requests", Access::kSignedIn},
      {"api_request", Access::kRequestParties},
      // The request API's writes (tokens only): the same parties as the pages; dashboards,
      // envelopes and the directory's additions decided by their handlers as the pages do.
      {"api_request_create", Access::kOwnerMembers},
      {"api_request_transition", Access::kRequestParties},
      {"api_request_comment", Access::kRequestParties},
      {"api_request_upload", Access::kRequestParties},
      {"api_request_file", Access::kRequestParties},
      {"api_request_dashboard", Access::kSignedIn},
      {"api_request_budgets", Access::kSignedIn},
      {"api_request_budget_save", Access::kSignedIn},
      {"api_resources", Access::kSignedIn},
      {"api_resource_create", Access::kSignedIn},
      // Editing a draft request: its collectivité's members only (the préfecture, the ANCT
      // and others are stakeholders: refused); the handler refuses a request that is no
      // longer a draft (409). Editing and withdrawing a structure of the directory: decided
      // by the handler as for additions (the préfecture of the structure's département, the
      // ANCT), 403 for everyone else.
      {"request_edit_page", Access::kOwnerMembers},
      {"request_edit", Access::kOwnerMembers},
      {"api_request_update", Access::kOwnerMembers},
      {"resource_edit_page", Access::kSignedIn},
      {"resource_edit", Access::kSignedIn},
      {"resource_withdraw", Access::kSignedIn},
      {"api_resource_update", Access::kSignedIn},
      {"api_resource_delete", Access::kSignedIn},
      {"invite_member", Access::kOwnerAdmins},
      {"change_member_role", Access::kOwnerAdmins},
      {"remove_member", Access::kOwnerAdmins},
      // Collective programmes (issue 7). A programme belongs to its pilot organisation (the
      // ANCT that runs it; web/access.cpp maps `{programme}` to it): its members manage it.
      // Pages, calendars and the API are public. What participants do needs an account, and
      // the handler checks the organisation the form acts for (a collectivité for its own
      // territory, registrations of collectivités, supports once per organisation).
      {"programme_list", Access::kEveryone},
      {"programme_types", Access::kEveryone},
      {"programme_page", Access::kEveryone},
      {"programme_calendar", Access::kEveryone},
      {"seminar_page", Access::kEveryone},
      {"seminar_calendar", Access::kEveryone},
      {"api_programmes", Access::kEveryone},
      {"api_programme_types", Access::kEveryone},
      {"api_programme", Access::kEveryone},
      // The same actions in JSON (api/programme_cohort_api.cpp), with the pages' rules: the
      // pilot's members create (for their ANCT), select, arbitrate and open phases; any
      // signed-in person proposes, registers, names people and records steps, for an
      // organisation they belong to (the handlers check which); the cohort is public.
      {"api_programme_create", Access::kOwnerMembers},
      {"api_programme_cohort", Access::kEveryone},
      {"api_programme_select_territory", Access::kOwnerMembers},
      {"api_programme_remove_territory", Access::kOwnerMembers},
      {"api_programme_arbitrate", Access::kOwnerMembers},
      {"api_programme_phase", Access::kOwnerMembers},
      {"api_programme_propose_territory", Access::kSignedIn},
      {"api_programme_register", Access::kSignedIn},
      {"api_programme_add_person", Access::kSignedIn},
      {"api_programme_step", Access::kSignedIn},
      {"programme_new_page", Access::kOwnerMembers},
      {"programme_create", Access::kOwnerMembers},
      {"programme_select_territory", Access::kOwnerMembers},
      {"programme_arbitrate", Access::kOwnerMembers},
      {"programme_phase", Access::kOwnerMembers},
      {"theme_select", Access::kOwnerMembers},
      {"seminar_generate", Access::kOwnerMembers},
      {"seminar_update", Access::kOwnerMembers},
      {"seminar_attendance", Access::kOwnerMembers},
      {"programme_propose_territory", Access::kSignedIn},
      {"programme_register", Access::kSignedIn},
      {"programme_add_person", Access::kSignedIn},
      {"programme_step", Access::kSignedIn},
      {"theme_propose", Access::kSignedIn},
      {"theme_support", Access::kSignedIn},
      {"seminar_register", Access::kSignedIn},
      // Deliverables: the territory's collectivité or the ANCT uploads (the handler checks
      // which); the ANCT validates and publishes; a published one is public, others exist only
      // for them (the handler answers 404 otherwise).
      {"deliverable_upload", Access::kSignedIn},
      {"deliverable_status", Access::kOwnerMembers},
      {"deliverable_download", Access::kEveryone},
      // An ingénierie sur mesure request from a deliverable: the handler checks that the viewer
      // belongs to the collectivité of the deliverable's territory.
      {"deliverable_request_page", Access::kSignedIn},
      {"deliverable_request_create", Access::kSignedIn},
      // Seminars and deliverables in the API: the same rules as their pages (the handlers
      // decide who sees an unpublished deliverable, who uploads for which territory, who
      // opens a request from one).
      {"api_seminars", Access::kEveryone},
      {"api_seminar", Access::kEveryone},
      {"api_seminar_generate", Access::kOwnerMembers},
      {"api_seminar_update", Access::kOwnerMembers},
      {"api_seminar_attendance", Access::kOwnerMembers},
      {"api_seminar_register", Access::kSignedIn},
      {"api_deliverables", Access::kEveryone},
      {"api_deliverable", Access::kEveryone},
      {"api_deliverable_file", Access::kEveryone},
      {"api_deliverable_upload", Access::kSignedIn},
      {"api_deliverable_status", Access::kOwnerMembers},
      {"api_deliverable_request_create", Access::kSignedIn},
      // The learning community: its participants read and write (the handler checks who takes
      // part: the pilots, the cohort's collectivités, the registered organisations); the
      // pilots moderate.
      {"community_page", Access::kSignedIn},
      {"community_post", Access::kSignedIn},
      {"community_report", Access::kSignedIn},
      {"community_restore", Access::kOwnerMembers},
      // Privacy and security (issue 9): the privacy page is public; one's own data and the
      // deletion of one's account concern only the signed-in person (the handlers read
      // only theirs); the page after deletion is seen signed out; platform admins read
      // the audit log.
      {"privacy_page", Access::kEveryone},
      {"my_data_page", Access::kSignedIn},
      {"my_data_export", Access::kSignedIn},
      {"account_delete", Access::kSignedIn},
      {"account_deleted_page", Access::kEveryone},
      {"security_log_page", Access::kPlatformAdmins},
      {"api_community_posts", Access::kSignedIn},
      {"api_community_post", Access::kSignedIn},
      {"api_community_report", Access::kSignedIn},
      {"api_community_restore", Access::kOwnerMembers},
      {"api_themes", Access::kEveryone},
      {"api_theme_propose", Access::kSignedIn},
      {"api_theme_support", Access::kSignedIn},
      {"api_theme_select", Access::kOwnerMembers},
  };
  return kRules;
}

std::optional<Access> AccessFor(std::string_view action) {
  const auto& rules = PolicyTable();
  auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule& rule) { return rule.action == action; });
  if (it == rules.end()) return std::nullopt;
  return it->access;
}

bool Allows(Access access, Role role) {
  switch (access) {
    case Access::kEveryone: return true;
    case Access::kSignedIn: return role != Role::kVisitor;
    case Access::kOwnerMembers:
      return role == Role::kMember || role == Role::kOrganisationAdmin || role == Role::kPlatformAdmin;
    case Access::kOwnerAdmins: return role == Role::kOrganisationAdmin || role == Role::kPlatformAdmin;
    case Access::kPlatformAdmins: return role == Role::kPlatformAdmin;
    case Access::kRequestParties:
      return role == Role::kMember || role == Role::kOrganisationAdmin || role == Role::kStakeholder ||
             role == Role::kPlatformAdmin;
  }
  return false;
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kVisitor: return "visitor";
    case Role::kMember: return "member";
    case Role::kOrganisationAdmin: return "organisation_admin";
    case Role::kOtherMember: return "other_member";
    case Role::kPlatformAdmin: return "platform_admin";
    case Role::kStakeholder: return "stakeholder";
  }
  return "";
}

}  // namespace boussole::accounts
