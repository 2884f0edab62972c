// The policy table, route by route and role by role (issue 5, item 3): every route the
// server mounts has a rule and an example request here (the test fails otherwise), and the
// running server allows or refuses each example as the table says, for each role.
//
// Roles: visitor, member, organisation admin of the owner, member of another organisation,
// platform admin. Routes about one organisation (`{organisation}`, or `{id}` under
// /organisations/) are asked about the owner organisation made in the set-up, where the
// member and the organisation admin belong and the member of another organisation does not;
// for routes without an owner, every signed-in person who is not a platform admin is a
// member, so an owner-relative rule on such a route fails here.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "domain/accounts/account_service.h"
#include "domain/alerts/alert_service.h"
#include "domain/accounts/policy.h"
#include "domain/organisations/organisation_service.h"
#include "mail/make_mailer.h"
#include "storage/store.h"
#include "mounted_routes.h"
#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"
#include "web/access.h"
#include "web/http/metrics.h"
#include "web/all_routes.h"
#include "web/offer_search.h"
#include "web/pages/page.h"
#include "web/search_request.h"

namespace boussole::testing {
namespace {

using accounts::Role;

struct Example {
  std::string method;
  std::string target;
  std::string body;  //!< POST fields, without the csrf field; JSON for the API's writes
};

// One request per route name ("static" serves two mounts: one example each is not needed,
// the rule is per name). In targets and bodies, {org} is the owner organisation's id,
// {target} a member of it whom admins may demote or remove, {project} a public project of it,
// {request} a request ("saisine") of it.
// {programme} a programme it pilots.
const std::map<std::string, Example> kExamples = {
    {"home", {"GET", "/", ""}},
    {"territory_search", {"GET", "/territoires?q=joinville", ""}},
    {"territory_page", {"GET", "/territoires/commune:52250", ""}},
    {"offer_list", {"GET", "/offres", ""}},
    {"offer_page", {"GET", "/offres/atelier-des-territoires-local", ""}},
    {"offer_search_page", {"GET", "/offres/recherche?q=tiers+lieux", ""}},
    {"eligibility_page", {"GET", "/offres/atelier-des-territoires-local/eligibilite", ""}},
    {"api_territories", {"GET", "/api/v1/territories?q=joinville", ""}},
    {"api_territory", {"GET", "/api/v1/territories/52250", ""}},
    {"api_offers", {"GET", "/api/v1/offers", ""}},
    {"api_offer", {"GET", "/api/v1/offers/atelier-des-territoires-local", ""}},
    {"api_offer_search", {"GET", "/api/v1/offers/search?q=ville", ""}},
    {"api_offer_search_csv", {"GET", "/api/v1/offers/search.csv?q=ville", ""}},
    {"api_offer_search_xlsx", {"GET", "/api/v1/offers/search.xlsx?q=ville", ""}},
    {"api_offer_eligibility", {"GET", "/api/v1/offers/atelier-des-territoires-local/eligibility", ""}},
    {"openapi", {"GET", "/api/openapi.json", ""}},
    {"static", {"GET", "/static/dsfr/dsfr.min.css", ""}},
    {"healthz", {"GET", "/healthz", ""}},
    {"readyz", {"GET", "/readyz", ""}},
    {"metrics", {"GET", "/metrics", ""}},
    {"signup_page", {"GET", "/compte/inscription", ""}},
    {"signup", {"POST", "/compte/inscription", "email=nouveau%40example.fr&display_name=N&password=x&password_confirmation=x"}},
    {"check_mail_page", {"GET", "/compte/messagerie", ""}},
    {"confirm_email_page", {"GET", "/compte/confirmation?jeton=abc", ""}},
    {"confirm_email", {"POST", "/compte/confirmation", "jeton=abc"}},
    {"resend_confirmation", {"POST", "/compte/confirmation/renvoyer", "email=personne%40example.fr"}},
    {"email_confirmed_page", {"GET", "/compte/confirmee", ""}},
    {"login_page", {"GET", "/compte/connexion", ""}},
    {"login", {"POST", "/compte/connexion", "email=personne%40example.fr&password=faux"}},
    {"forgot_password_page", {"GET", "/compte/mot-de-passe-oublie", ""}},
    {"forgot_password", {"POST", "/compte/mot-de-passe-oublie", "email=personne%40example.fr"}},
    {"new_password_page", {"GET", "/compte/nouveau-mot-de-passe?jeton=abc", ""}},
    {"new_password", {"POST", "/compte/nouveau-mot-de-passe", "jeton=abc&password=x&password_confirmation=x"}},
    {"password_changed_page", {"GET", "/compte/mot-de-passe-change", ""}},
    {"account_page", {"GET", "/compte", ""}},
    {"api_tokens_page", {"GET", "/compte/jetons", ""}},
    {"api_token_create", {"POST", "/compte/jetons", "name=Exemple"}},
    {"api_token_revoke", {"POST", "/compte/jetons/999999/revocation", ""}},
    {"api_me", {"GET", "/api/v1/me", ""}},
    {"api_token_revoke_current", {"DELETE", "/api/v1/me/token", ""}},
    {"api_territory_portrait", {"GET", "/api/v1/territories/commune:52250/portrait", ""}},
    {"maps_index", {"GET", "/cartes", ""}},
    {"map_page", {"GET", "/cartes/offres", ""}},
    {"open_data_page", {"GET", "/donnees", ""}},
    {"open_data_file", {"GET", "/donnees/offres.csv", ""}},
    {"figures_page", {"GET", "/chiffres", ""}},
    {"my_space_page", {"GET", "/mon-espace", ""}},
    {"figures_chart_csv", {"GET", "/chiffres/offres-par-type.csv", ""}},
    {"notification_settings_save", {"POST", "/compte/notifications", "frequency=weekly"}},
    {"my_alerts_page", {"GET", "/compte/alertes", ""}},
    {"my_alert_delete", {"POST", "/compte/alertes/suppression", "alert=999999"}},
    {"organisations_page", {"GET", "/organisations", ""}},
    {"create_organisation", {"POST", "/organisations", "kind=anct&name=ANCT&territory="}},
    {"my_organisations_page", {"GET", "/mes-organisations", ""}},
    // An organisation nobody belongs to: leaving it changes no one's role for what follows.
    {"leave_organisation", {"POST", "/mes-organisations/quitter", "organisation=999999"}},
    {"invitation_page", {"GET", "/organisations/invitation?jeton=abc", ""}},
    {"accept_invitation", {"POST", "/organisations/invitation", "jeton=abc"}},
    {"organisation_page", {"GET", "/organisations/{org}", ""}},
    {"invite_member", {"POST", "/organisations/{org}/invitations", "email=nouveau%40example.fr&role=member"}},
    {"change_member_role", {"POST", "/organisations/{org}/membres/{target}/role", "role=member"}},
    {"remove_member", {"POST", "/organisations/{org}/membres/{target}/retrait", ""}},
    {"project_list", {"GET", "/organisations/{org}/projets", ""}},
    {"project_new_page", {"GET", "/organisations/{org}/projets/nouveau", ""}},
    {"project_create", {"POST", "/organisations/{org}/projets", "name=Projet&territory=52250&stage=preop"}},
    {"project_page", {"GET", "/projets/{project}", ""}},
    {"project_edit_page", {"GET", "/projets/{project}/modifier", ""}},
    {"project_update", {"POST", "/projets/{project}", "name=Projet&territory=52250&stage=preop&is_public=oui"}},
    {"project_offer_save", {"POST", "/projets/{project}/offres", "offer=atelier-des-territoires-local"}},
    {"project_suggest_offer", {"POST", "/projets/{project}/suggestions", "offer=france-services&message=Utile"}},
    {"project_decide_suggestion", {"POST", "/projets/{project}/suggestions/999999", "decision=refuser"}},
    {"offer_admin_list", {"GET", "/admin/offres", ""}},
    {"offer_admin_page", {"GET", "/admin/offres/france-services", ""}},
    {"offer_admin_save", {"POST", "/admin/offres/france-services", "document=%7B%7D"}},
    {"offer_admin_move", {"POST", "/admin/offres/france-services/statut", "from=review&to=published"}},
    {"case_sheet_page", {"GET", "/projets/{project}/fiche", ""}},
    {"case_sheet_save", {"POST", "/projets/{project}/fiche", "context=Un+bourg+qui+se+vide"}},
    {"case_sheet_publication", {"POST", "/projets/{project}/publication", "action=retirer"}},
    {"projetotheque", {"GET", "/projetotheque?q=bourg", ""}},
    {"projetotheque_sheet", {"GET", "/projetotheque/{project}", ""}},
    {"api_project_search", {"GET", "/api/v1/projects/search?q=bourg", ""}},
    {"api_project", {"GET", "/api/v1/projects/{project}", ""}},
    {"alert_new_page", {"GET", "/alertes/nouvelle?recherche=q%3Deau", ""}},
    {"alert_create", {"POST", "/alertes", "email=personne%40example.fr&frequency=daily&query=q%3Deau"}},
    {"alert_check_mail_page", {"GET", "/alertes/messagerie", ""}},
    {"alert_confirm_page", {"GET", "/alertes/confirmation?jeton=abc", ""}},
    {"alert_confirm", {"POST", "/alertes/confirmation", "jeton=abc"}},
    {"alert_confirmed_page", {"GET", "/alertes/confirmee", ""}},
    {"alert_unsubscribe_page", {"GET", "/alertes/desinscription?jeton=abc", ""}},
    {"alert_unsubscribe", {"POST", "/alertes/desinscription", "jeton=abc"}},
    {"alert_unsubscribed_page", {"GET", "/alertes/supprimee", ""}},
    {"request_list", {"GET", "/demandes", ""}},
    {"request_workflows", {"GET", "/demandes/circuits", ""}},
    {"request_new_page", {"GET", "/organisations/{org}/demandes/nouvelle", ""}},
    {"request_create", {"POST", "/organisations/{org}/demandes", "workflow=anct&title=Demande"}},
    {"request_page", {"GET", "/demandes/{request}", ""}},
    {"request_transition", {"POST", "/demandes/{request}/transitions", "version=1&transition=deposer"}},
    {"request_comment", {"POST", "/demandes/{request}/commentaires", "text=Bonjour"}},
    {"request_upload", {"POST", "/demandes/{request}/fichiers", ""}},
    {"request_file", {"GET", "/demandes/{request}/fichiers/999999", ""}},
    {"api_request_workflows", {"GET", "/api/v1/requests/workflows", ""}},
    {"api_requests", {"GET", "/api/v1/requests", ""}},
    {"api_request", {"GET", "/api/v1/requests/{request}", ""}},
    {"api_request_create", {"POST", "/api/v1/organisations/{org}/requests", R"({"workflow": "anct", "title": "Demande"})"}},
    {"api_request_transition", {"POST", "/api/v1/requests/{request}/transitions", R"({"transition": "deposer", "version": 1})"}},
    {"api_request_comment", {"POST", "/api/v1/requests/{request}/comments", R"({"text": "Bonjour"})"}},
    {"api_request_upload", {"POST", "/api/v1/requests/{request}/files", ""}},
    {"api_request_file", {"GET", "/api/v1/requests/{request}/files/999999", ""}},
    {"api_request_dashboard", {"GET", "/api/v1/requests/dashboard", ""}},
    {"api_request_budgets", {"GET", "/api/v1/requests/budgets", ""}},
    {"api_request_budget_save", {"PUT", "/api/v1/requests/budgets/2030", R"({"amount_euros": 1000})"}},
    {"api_resources", {"GET", "/api/v1/resources?territoire=52250", ""}},
    {"api_resource_create", {"POST", "/api/v1/resources", R"({"name": "ATD", "kind": "agence_technique", "territories": ["52"]})"}},
    // Editing a draft; editing and withdrawing a structure of the directory (999999: none, so
    // the handler answers 404 to whoever the policy lets in).
    {"request_edit_page", {"GET", "/demandes/{request}/modifier", ""}},
    {"request_edit", {"POST", "/demandes/{request}/modifier", "version=1&workflow=anct&title=Demande"}},
    {"api_request_update", {"PUT", "/api/v1/requests/{request}", R"({"version": 1, "workflow": "anct", "title": "Demande"})"}},
    {"resource_edit_page", {"GET", "/ressources/999999/modifier", ""}},
    {"resource_edit", {"POST", "/ressources/999999/modifier", "name=ATD&kind=agence_technique&territories=52"}},
    {"resource_withdraw", {"POST", "/ressources/999999/retrait", ""}},
    {"api_resource_update", {"PUT", "/api/v1/resources/999999", R"({"name": "ATD", "kind": "agence_technique", "territories": ["52"]})"}},
    {"api_resource_delete", {"DELETE", "/api/v1/resources/999999", ""}},
    {"resource_directory", {"GET", "/ressources?territoire=52250", ""}},
    {"request_dashboard", {"GET", "/demandes/tableau-de-bord", ""}},
    {"request_dashboard_csv", {"GET", "/demandes/tableau-de-bord.csv", ""}},
    {"request_dashboard_xlsx", {"GET", "/demandes/tableau-de-bord.xlsx", ""}},
    {"request_budgets", {"GET", "/demandes/budgets", ""}},
    {"request_budget_save", {"POST", "/demandes/budgets", "year=2030&amount=1000"}},
    {"resource_add", {"POST", "/ressources", "name=ATD&kind=agence_technique&territories=52"}},
    {"programme_list", {"GET", "/programmes", ""}},
    {"programme_types", {"GET", "/programmes/types", ""}},
    {"programme_page", {"GET", "/programmes/{programme}", ""}},
    {"programme_calendar", {"GET", "/programmes/{programme}/calendrier.ics", ""}},
    {"seminar_page", {"GET", "/programmes/{programme}/seminaires/999999", ""}},
    {"seminar_calendar", {"GET", "/programmes/{programme}/seminaires/999999/calendrier.ics", ""}},
    {"api_programmes", {"GET", "/api/v1/programmes", ""}},
    {"api_programme_types", {"GET", "/api/v1/programmes/types", ""}},
    {"api_programme", {"GET", "/api/v1/programmes/{programme}", ""}},
    {"api_programme_create", {"POST", "/api/v1/organisations/{org}/programmes", R"({"type": "fabrique", "title": "Fabrique", "year": 2026})"}},
    {"api_programme_cohort", {"GET", "/api/v1/programmes/{programme}/cohort", ""}},
    {"api_programme_select_territory", {"POST", "/api/v1/programmes/{programme}/territories/commune:52250/selection", "{}"}},
    {"api_programme_remove_territory", {"DELETE", "/api/v1/programmes/{programme}/territories/commune:99999", ""}},
    {"api_programme_arbitrate", {"POST", "/api/v1/programmes/{programme}/registrations/999999/arbitration", R"({"role": "observer"})"}},
    {"api_programme_phase", {"PATCH", "/api/v1/programmes/{programme}/phases/99", R"({"active": true})"}},
    {"api_programme_propose_territory", {"POST", "/api/v1/programmes/{programme}/territories", R"({"territory": "99999"})"}},
    {"api_programme_register", {"POST", "/api/v1/programmes/{programme}/registrations", R"({"organisation_id": {org}, "role": "observer"})"}},
    {"api_programme_add_person", {"POST", "/api/v1/programmes/{programme}/people", R"({"territory": "commune:52250", "group": "elu", "name": "X"})"}},
    {"api_programme_step", {"POST", "/api/v1/programmes/{programme}/steps", R"({"territory": "commune:52250", "step": "adoption", "done_on": "2026-06-01", "reference": "DEL-1"})"}},
    {"programme_new_page", {"GET", "/organisations/{org}/programmes/nouveau", ""}},
    {"programme_create", {"POST", "/organisations/{org}/programmes", "type=fabrique&title=Fabrique&year=2026"}},
    {"programme_select_territory", {"POST", "/programmes/{programme}/territoires/selection", "territory=commune%3A52250&action=selectionner"}},
    {"programme_arbitrate", {"POST", "/programmes/{programme}/inscriptions/arbitrage", "organisation=999999&role=observer"}},
    {"programme_phase", {"POST", "/programmes/{programme}/phases", "position=99&action=activer"}},
    {"theme_select", {"POST", "/programmes/{programme}/themes/999999/selection", ""}},
    {"seminar_generate", {"POST", "/programmes/{programme}/seminaires/generation", ""}},
    {"seminar_update", {"POST", "/programmes/{programme}/seminaires/999999", "date=2026-03-05&time=09%3A00&minutes=60&capacity=0"}},
    {"seminar_attendance", {"POST", "/programmes/{programme}/seminaires/999999/presence", "user=1&attended=oui"}},
    {"programme_propose_territory", {"POST", "/programmes/{programme}/territoires", "territory=99999"}},
    {"programme_register", {"POST", "/programmes/{programme}/inscriptions", "organisation={org}&role=observer"}},
    {"programme_step", {"POST", "/programmes/{programme}/etapes", "territory=commune%3A52250&step=adoption&done_on=2026-06-01&reference=DEL-1"}},
    {"programme_add_person", {"POST", "/programmes/{programme}/personnes", "territory=commune%3A52250&group=elu&name=X"}},
    {"theme_propose", {"POST", "/programmes/{programme}/themes", "organisation={org}&title=Th%C3%A8me"}},
    {"theme_support", {"POST", "/programmes/{programme}/themes/999999/soutien", "organisation={org}"}},
    {"seminar_register", {"POST", "/programmes/{programme}/seminaires/999999/inscription", ""}},
    {"deliverable_upload", {"POST", "/programmes/{programme}/livrables", "territory=commune%3A52250&title=X"}},
    {"deliverable_status", {"POST", "/programmes/{programme}/livrables/999999/statut", "action=valider"}},
    {"deliverable_download", {"GET", "/programmes/{programme}/livrables/999999", ""}},
    {"deliverable_request_page", {"GET", "/programmes/{programme}/livrables/999999/demande", ""}},
    {"deliverable_request_create", {"POST", "/programmes/{programme}/livrables/999999/demande", "workflow=anct&title=Demande"}},
    {"api_seminars", {"GET", "/api/v1/programmes/{programme}/seminars", ""}},
    {"api_seminar", {"GET", "/api/v1/programmes/{programme}/seminars/999999", ""}},
    {"api_seminar_generate", {"POST", "/api/v1/programmes/{programme}/seminars/generation", "{}"}},
    {"api_seminar_update", {"PATCH", "/api/v1/programmes/{programme}/seminars/999999", R"({"minutes": 60})"}},
    {"api_seminar_attendance", {"POST", "/api/v1/programmes/{programme}/seminars/999999/attendance", R"({"user_id": 1, "attended": true})"}},
    {"api_seminar_register", {"POST", "/api/v1/programmes/{programme}/seminars/999999/registrations", "{}"}},
    {"api_deliverables", {"GET", "/api/v1/programmes/{programme}/deliverables", ""}},
    {"api_deliverable", {"GET", "/api/v1/programmes/{programme}/deliverables/999999", ""}},
    {"api_deliverable_file", {"GET", "/api/v1/programmes/{programme}/deliverables/999999/file", ""}},
    {"api_deliverable_upload", {"POST", "/api/v1/programmes/{programme}/deliverables?territoire=commune:52250&titre=X&nom=x.pdf", ""}},
    {"api_deliverable_status", {"POST", "/api/v1/programmes/{programme}/deliverables/999999/status", R"({"status": "validated"})"}},
    {"api_deliverable_request_create", {"POST", "/api/v1/programmes/{programme}/deliverables/999999/requests", "{}"}},
    {"community_page", {"GET", "/programmes/{programme}/communaute", ""}},
    {"community_post", {"POST", "/programmes/{programme}/communaute", "body=Bonjour"}},
    {"community_report", {"POST", "/programmes/{programme}/communaute/999999/signalement", ""}},
    {"community_restore", {"POST", "/programmes/{programme}/communaute/999999/retablir", ""}},
    {"privacy_page", {"GET", "/confidentialite", ""}},
    {"my_data_page", {"GET", "/compte/mes-donnees", ""}},
    {"my_data_export", {"GET", "/compte/mes-donnees/export.json", ""}},
    // A wrong password: the account stays for the examples that follow.
    {"account_delete", {"POST", "/compte/suppression", "password=faux"}},
    {"account_deleted_page", {"GET", "/compte/supprime", ""}},
    {"security_log_page", {"GET", "/admin/journal-securite", ""}},
    {"api_community_posts", {"GET", "/api/v1/programmes/{programme}/posts", ""}},
    {"api_community_post", {"POST", "/api/v1/programmes/{programme}/posts", "{\"body\": \"Bonjour\"}"}},
    {"api_community_report", {"POST", "/api/v1/programmes/{programme}/posts/999999/reports", "{}"}},
    {"api_community_restore", {"POST", "/api/v1/programmes/{programme}/posts/999999/restore", "{}"}},
    {"api_themes", {"GET", "/api/v1/programmes/{programme}/themes", ""}},
    {"api_theme_propose", {"POST", "/api/v1/programmes/{programme}/themes", "{\"organisation_id\": {org}, \"title\": \"Th\u00e8me\"}"}},
    {"api_theme_support", {"POST", "/api/v1/programmes/{programme}/themes/999999/supports", "{\"organisation_id\": {org}}"}},
    {"api_theme_select", {"POST", "/api/v1/programmes/{programme}/themes/999999/selection", "{}"}},
    {"logout", {"POST", "/compte/deconnexion", ""}},  // last: it ends the session
};

// Whether the answer is the policy's refusal (rather than the handler's own answer).
bool RefusedByPolicy(const HttpResponse& r) {
  if (r.status == 303) return r.headers.count("location") && r.headers.at("location").rfind("/compte/connexion?retour=", 0) == 0;
  // The API's refusal names the scheme it expects (RFC 6750), without error="invalid_token":
  // the tokens of this test are valid, so a 401 of the API here means "no identity".
  const bool api_refusal = r.headers.count("www-authenticate") && r.headers.at("www-authenticate") == R"(Bearer realm="boussole")";
  return (r.status == 401 && (r.body.find("Connectez-vous pour faire cela.") != std::string::npos || api_refusal)) ||
         (r.status == 403 && r.body.find("Votre compte ne permet pas de faire cela.") != std::string::npos);
}

class PolicyHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()}});
  }

  // A confirmed account, signed in in a fresh browser.
  FormBrowser SignedIn(const std::string& email, bool platform_admin) {
    return SignedInBrowser(server_->port(), db_->url(), email, platform_admin);
  }

  // The first row of a one-column query.
  std::string Scalar(const std::string& sql) {
    const std::string rows = QueryRows(db_->url(), sql);
    return rows.substr(0, rows.find('\n'));
  }

  std::string CreateOrganisation(const std::string& kind, const std::string& name, const std::string& territory) {
    ExecSql(db_->url(), "INSERT INTO organisations (kind, name, territory_id, created_at) VALUES ('" + kind + "', '" +
                            name + "', " + territory + ", '2026-11-25T00:00:00Z')");
    return Scalar("SELECT MAX(id) FROM organisations");
  }

  void Join(const std::string& organisation, const std::string& email, const std::string& role) {
    ExecSql(db_->url(), "INSERT INTO memberships (organisation_id, user_id, role, created_at) SELECT " + organisation +
                            ", id, '" + role + "', '2026-11-25T00:00:00Z' FROM users WHERE email = '" + email + "'");
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
};

TEST_F(PolicyHttp, EveryRouteAllowsOrRefusesEachRoleAsTheTableSays) {
  std::set<std::string> names;
  for (const web::Route& route : MountedRoutes(db_->url())) {
    names.insert(route.name);
    EXPECT_TRUE(kExamples.count(route.name)) << "no example request for route " << route.name << " (" << route.pattern << ")";
  }
  for (const auto& [name, example] : kExamples) EXPECT_TRUE(names.count(name)) << "example for a route that does not exist: " << name;

  std::map<Role, FormBrowser> browsers;
  browsers.emplace(Role::kVisitor, FormBrowser(server_->port()));
  browsers.emplace(Role::kMember, SignedIn("membre@example.fr", false));
  browsers.emplace(Role::kOrganisationAdmin, SignedIn("responsable@example.fr", false));
  browsers.emplace(Role::kOtherMember, SignedIn("ailleurs@example.fr", false));
  browsers.emplace(Role::kPlatformAdmin, SignedIn("admin@example.fr", true));
  ASSERT_EQ(browsers.size(), std::size(accounts::kAllRoles)) << "every role is enumerated";
  // API writes are a program's: they go with the role's API token (its cookie is ignored).
  for (auto& [role, browser] : browsers) {
    if (role != Role::kVisitor) {
      ASSERT_FALSE(CreateApiToken(browser).empty());
    }
  }
  // The owner, and another organisation.
  const std::string owner = CreateOrganisation("collectivite", "Joinville", "'commune:52250'");
  const std::string other = CreateOrganisation("operateur", "Cerema", "NULL");
  ExecSql(db_->url(), "INSERT INTO users (email, display_name, password_hash, confirmed_at, created_at) VALUES"
                      " ('cible@example.fr', 'Cible', 'x', '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z')");
  Join(owner, "membre@example.fr", "member");
  Join(owner, "responsable@example.fr", "admin");
  Join(owner, "cible@example.fr", "member");
  Join(other, "ailleurs@example.fr", "admin");
  const std::string target = Scalar("SELECT id FROM users WHERE email = 'cible@example.fr'");
  ExecSql(db_->url(), "INSERT INTO projects (organisation_id, name, territory_id, stage, is_public, created_at, updated_at)"
                      " VALUES (" + owner + ", 'Projet public', 'commune:52250', 'preop', 1, '2026-11-25T00:00:00Z',"
                      " '2026-11-25T00:00:00Z')");
  const std::string project = Scalar("SELECT MAX(id) FROM projects");
  ExecSql(db_->url(), "INSERT INTO requests (workflow, organisation_id, territory_id, departement_id, title, state,"
                      " created_at, updated_at, state_since) VALUES ('anct', " + owner + ", 'commune:52250',"
                      " 'departement:52', 'Demande', 'brouillon', '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z',"
                      " '2026-11-25T00:00:00Z')");
  const std::string request_id = Scalar("SELECT MAX(id) FROM requests");
  // A programme piloted by the owner (its members run it).
  ExecSql(db_->url(), "INSERT INTO programmes (slug, type, title, year, organisation_id, created_at) VALUES"
                      " ('fabrique-politique', 'fabrique', 'Fabrique', 2026, " + owner + ", '2026-11-25T00:00:00Z')");
  const std::string programme = Scalar("SELECT MAX(id) FROM programmes");
  auto fill = [&](std::string text) {
    for (const auto& [placeholder, value] : {std::pair<std::string, std::string>{"{org}", owner}, {"{target}", target}, {"{project}", project}, {"{request}", request_id},
                                             {"{programme}", programme}}) {
      for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder)) {
        text.replace(at, placeholder.size(), value);
      }
    }
    return text;
  };
  for (auto& [role, browser] : browsers) {
    for (const auto& [name, example] : kExamples) {
      if (name == "logout" || name == "api_token_revoke_current") continue;  // below, last: they end the identity
      const auto access = accounts::AccessFor(name);
      ASSERT_TRUE(access.has_value()) << name;
      browser.Get("/compte/connexion");  // a page with a form: the role's CSRF token
      const std::string target_url = fill(example.target);
      const bool api_write = example.method != "GET" && target_url.rfind("/api/", 0) == 0;
      const HttpResponse r = example.method == "GET" ? browser.Get(target_url)
                             : api_write             ? browser.SendJson(example.method, target_url, fill(example.body))
                                                     : browser.Post(target_url, fill(example.body));
      EXPECT_EQ(RefusedByPolicy(r), !accounts::Allows(*access, role))
          << name << " as " << accounts::RoleName(role) << ": " << r.status << " " << r.body.substr(0, 300);
    }
    const HttpResponse revoked = browser.SendJson("DELETE", "/api/v1/me/token");
    EXPECT_EQ(RefusedByPolicy(revoked), !accounts::Allows(*accounts::AccessFor("api_token_revoke_current"), role))
        << accounts::RoleName(role) << ": " << revoked.status;
    browser.Get("/compte/connexion");
    const HttpResponse out = browser.Post("/compte/deconnexion", "");
    EXPECT_EQ(RefusedByPolicy(out), !accounts::Allows(*accounts::AccessFor("logout"), role)) << accounts::RoleName(role);
  }
}

TEST(PolicyTable, GuardsWhatMustBeGuarded) {
  EXPECT_EQ(accounts::AccessFor("account_page"), accounts::Access::kSignedIn);
  EXPECT_EQ(accounts::AccessFor("logout"), accounts::Access::kSignedIn);
  EXPECT_EQ(accounts::AccessFor("offer_search_page"), accounts::Access::kEveryone);
  EXPECT_FALSE(accounts::AccessFor("no_such_route").has_value());
  EXPECT_EQ(accounts::AccessFor("organisation_page"), accounts::Access::kOwnerMembers);
  EXPECT_EQ(accounts::AccessFor("invite_member"), accounts::Access::kOwnerAdmins);
  EXPECT_EQ(accounts::AccessFor("remove_member"), accounts::Access::kOwnerAdmins);
  EXPECT_EQ(accounts::AccessFor("create_organisation"), accounts::Access::kPlatformAdmins);
  // The owner-relative roles decide as DOMAIN.md says.
  using accounts::Access;
  EXPECT_TRUE(accounts::Allows(Access::kOwnerMembers, Role::kMember));
  EXPECT_FALSE(accounts::Allows(Access::kOwnerMembers, Role::kOtherMember));
  EXPECT_FALSE(accounts::Allows(Access::kOwnerAdmins, Role::kMember));
  EXPECT_TRUE(accounts::Allows(Access::kOwnerAdmins, Role::kOrganisationAdmin));
  EXPECT_TRUE(accounts::Allows(Access::kOwnerAdmins, Role::kPlatformAdmin));
  EXPECT_FALSE(accounts::Allows(Access::kPlatformAdmins, Role::kOrganisationAdmin));
  EXPECT_FALSE(accounts::Allows(Access::kSignedIn, Role::kVisitor));
}

}  // namespace
}  // namespace boussole::testing
