// Organisation pages (issue 5, item 2): all organisations and their creation (platform
// admins), "my organisations" with pending invitations, one organisation's members with the
// admin forms (invite, change a role, remove), and the invitation link. Plain HTML forms
// (POST, CSRF token); every POST answers 303 on success, or the page again with its errors.
// Who may call each route is the policy table's business (web/access.cpp); the service
// checks again.
#include <nlohmann/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/organisations/organisation_service.h"
#include "web/form.h"
#include "web/params.h"
#include "web/http/url.h"
#include "web/pages/form_view.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using organisations::MemberRole;
using organisations::Organisation;

Response OrganisationRedirect(std::string location) { return Response::Redirect(303, std::move(location)); }

std::optional<std::int64_t> RowIdInPath(const Request& request, const char* name) {
  auto it = request.path_params.find(name);
  return it == request.path_params.end() ? std::nullopt : ParseRowId(it->second);
}

// The policy let only signed-in people through: the user is there.
const accounts::User& SignedInUser() { return CurrentViewer().account->user; }

// The status of a refusal by the service.
int StatusOf(const Error& e) {
  if (e.code == "forbidden" || e.code == "wrong_recipient") return 403;
  if (e.code == "not_found") return 404;
  if (e.code == "mail_failed") return 503;
  return 400;
}

json Options(const std::vector<std::pair<std::string, std::string>>& values, const std::string& selected) {
  json list = json::array();
  for (const auto& [value, label] : values) list.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  return list;
}

json SelectField(const std::string& name, const std::string& label, const std::vector<std::pair<std::string, std::string>>& values,
                 const std::string& selected, const std::string& hint = {}) {
  json field = FormField(name, label, "select", "", selected, hint);
  field["options"] = Options(values, selected);
  return field;
}

std::vector<std::pair<std::string, std::string>> KindValues() {
  std::vector<std::pair<std::string, std::string>> values{{"", "Choisir un type"}};
  for (auto kind : organisations::kAllKinds) {
    values.emplace_back(organisations::KindKey(kind), organisations::KindLabel(kind));
  }
  return values;
}

std::vector<std::pair<std::string, std::string>> RoleValues() {
  return {{"member", "Membre"}, {"admin", "Administrateur"}};
}

json OrganisationView(const WebContext& context, const Organisation& organisation) {
  json view{{"id", organisation.id},
            {"url", "/organisations/" + std::to_string(organisation.id)},
            {"name", organisation.name},
            {"kind", organisations::KindLabel(organisation.kind)}};
  if (organisation.territory) {
    const auto territory = context.store.FindTerritory(*organisation.territory);
    view["territory"] = {{"name", territory ? territory->name : organisation.territory->ToString()},
                         {"url", "/territoires/" + organisation.territory->ToString()}};
  }
  return view;
}

// A French date from a stored timestamp: "2026-12-02T10:00:00Z" → "02/12/2026".
std::string FrenchDate(const std::string& timestamp) {
  if (timestamp.size() < 10) return timestamp;
  return timestamp.substr(8, 2) + "/" + timestamp.substr(5, 2) + "/" + timestamp.substr(0, 4);
}

Response Message(const WebContext& context, int status, const std::string& title, const std::string& text,
                 const std::string& link_label, const std::string& link_url) {
  json view{{"title", title}, {"message", text}, {"error", status >= 400}, {"link_label", link_label},
            {"link_url", link_url}};
  return RenderPage(context, status, "organisation_message", view, {title, {}, ""});
}

// ---- all organisations (platform admins) ------------------------------------------------

Response OrganisationsPage(const WebContext& context, int status, const organisations::OrganisationForm& form,
                           const std::vector<Error>& errors) {
  json list = json::array();
  for (const Organisation& organisation : context.organisations->ListOrganisations()) {
    list.push_back(OrganisationView(context, organisation));
  }
  json view{{"csrf", CurrentCsrfToken()},
            {"organisations", list},
            {"has_organisations", !list.empty()},
            {"kind", SelectField("kind", "Type d'organisation", KindValues(), form.kind)},
            {"name", FormField("name", "Nom", "text", "organization", form.name,
                               "Par exemple : Commune de Joinville, Préfecture de la Haute-Marne.")},
            {"territory", FormField("territory", "Territoire", "text", "off", form.territory,
                                    "Obligatoire pour une collectivité (code INSEE de commune, SIREN d'intercommunalité, "
                                    "code de département ou identifiant comme region:44) et pour une délégation "
                                    "territoriale (code de département). Laissez vide pour les autres types.")}};
  view["territory"]["optional"] = true;
  AddFormErrors(view, errors, "L'organisation n'a pas été créée");
  return RenderPage(context, status, "organisations", view, {"Organisations", {}, ""});
}

Response ListAll(const WebContext& context, const Request&) { return OrganisationsPage(context, 200, {}, {}); }

Response Create(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  organisations::OrganisationForm input{form.value().Get("kind"), form.value().Get("name"), form.value().Get("territory")};
  std::vector<Error> errors = context.organisations->ValidateOrganisation(input);
  if (errors.empty()) {
    auto created = context.organisations->CreateOrganisation(SignedInUser(), input);
    if (created) return OrganisationRedirect("/organisations/" + std::to_string(created.value().id));
    errors.push_back(created.error());
  }
  return OrganisationsPage(context, StatusOf(errors.front()), input, errors);
}

// ---- my organisations ---------------------------------------------------------------------

Response MyOrganisationsPage(const WebContext& context, int status, const std::vector<Error>& errors) {
  json memberships = json::array();
  for (const auto& membership : context.organisations->ListMemberships(SignedInUser().id)) {
    json item = OrganisationView(context, membership.organisation);
    item["role"] = organisations::RoleLabel(membership.role);
    memberships.push_back(item);
  }
  json invitations = json::array();
  for (const auto& invitation : context.organisations->PendingInvitationsFor(SignedInUser())) {
    invitations.push_back({{"organisation", invitation.organisation_name},
                           {"role", organisations::RoleLabel(invitation.role)},
                           {"expires_on", FrenchDate(invitation.expires_at)}});
  }
  json view{{"csrf", CurrentCsrfToken()},
            {"memberships", memberships},
            {"has_memberships", !memberships.empty()},
            {"invitations", invitations},
            {"has_invitations", !invitations.empty()},
            {"platform_admin", SignedInUser().platform_admin}};
  AddFormErrors(view, errors, "Vous n'avez pas quitté l'organisation");
  return RenderPage(context, status, "my_organisations", view, {"Mes organisations", {{"Mon compte", "/compte"}}, ""});
}

Response MyOrganisations(const WebContext& context, const Request&) { return MyOrganisationsPage(context, 200, {}); }

Response Leave(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const auto id = ParseRowId(form.value().Get("organisation"));
  if (!id) return RenderError(context, request, 400, "Le formulaire ne dit pas quelle organisation quitter.");
  auto left = context.organisations->LeaveOrganisation(SignedInUser(), *id);
  if (!left) return MyOrganisationsPage(context, StatusOf(left.error()), {left.error()});
  return OrganisationRedirect("/mes-organisations");
}

// ---- one organisation ---------------------------------------------------------------------

struct InviteForm {
  std::string email;
  std::string role = "member";
};

Response OrganisationPage(const WebContext& context, const Request& request, int status, const InviteForm& invite,
                          const std::vector<Error>& errors) {
  const auto id = RowIdInPath(request, "id");
  const auto organisation = id ? context.organisations->FindOrganisation(*id) : std::nullopt;
  if (!organisation) return RenderError(context, request, 404, "Cette organisation n'existe pas.");
  const bool admin = context.organisations->MayAdminister(SignedInUser(), *id);
  json members = json::array();
  for (const auto& member : context.organisations->ListMembers(*id)) {
    const std::string base = "/organisations/" + std::to_string(*id) + "/membres/" + std::to_string(member.user_id);
    members.push_back({{"user_id", member.user_id},
                       {"name", member.display_name},
                       {"email", member.email},
                       {"role", organisations::RoleLabel(member.role)},
                       {"is_me", member.user_id == SignedInUser().id},
                       {"role_action", base + "/role"},
                       {"remove_action", base + "/retrait"},
                       {"role_options", Options(RoleValues(), std::string(organisations::RoleKey(member.role)))}});
  }
  json view = OrganisationView(context, *organisation);
  view["csrf"] = CurrentCsrfToken();
  view["admin"] = admin;
  view["members"] = members;
  view["member_count"] = members.size();
  view["sent"] = request.Query("invitation").value_or("") == "envoyee";
  view["member"] = context.organisations->RoleOf(*id, SignedInUser().id).has_value();
  if (admin) {
    json pending = json::array();
    for (const auto& invitation : context.organisations->PendingInvitationsOf(*id)) {
      pending.push_back({{"email", invitation.email},
                         {"role", organisations::RoleLabel(invitation.role)},
                         {"expires_on", FrenchDate(invitation.expires_at)}});
    }
    view["pending"] = pending;
    view["has_pending"] = !pending.empty();
    view["invite_action"] = "/organisations/" + std::to_string(*id) + "/invitations";
    view["email"] = FormField("email", "Adresse électronique de la personne invitée", "email", "off", invite.email,
                              "Format attendu : nom@domaine.fr");
    view["role"] = SelectField("role", "Rôle", RoleValues(), invite.role);
  }
  AddFormErrors(view, errors, "L'opération n'a pas été faite");
  return RenderPage(context, status, "organisation", view, {organisation->name, {}, ""});
}

Response ShowOrganisation(const WebContext& context, const Request& request) {
  return OrganisationPage(context, request, 200, {}, {});
}

// Answers a refused admin action: the page again with the message, or an error page when
// there is no page to show.
Response Refused(const WebContext& context, const Request& request, const Error& error, const InviteForm& invite = {}) {
  const int status = StatusOf(error);
  if (status == 404 || status == 403) return RenderError(context, request, status, error.message);
  return OrganisationPage(context, request, status, invite, {error});
}

Response Invite(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const auto id = RowIdInPath(request, "id");
  if (!id) return RenderError(context, request, 404, "Cette organisation n'existe pas.");
  InviteForm input{form.value().Get("email"), form.value().Get("role")};
  auto sent = context.organisations->Invite(SignedInUser(), *id, input.email, input.role);
  if (!sent) return Refused(context, request, sent.error(), input);
  return OrganisationRedirect("/organisations/" + std::to_string(*id) + "?invitation=envoyee");
}

Response ChangeRole(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const auto id = RowIdInPath(request, "id");
  const auto user = RowIdInPath(request, "user");
  if (!id || !user) return RenderError(context, request, 404, "Cette organisation ou ce membre n'existe pas.");
  auto changed = context.organisations->ChangeRole(SignedInUser(), *id, *user, form.value().Get("role"));
  if (!changed) return Refused(context, request, changed.error());
  // Someone who gave up their own admin role may no longer see the page.
  return OrganisationRedirect(context.organisations->MayAdminister(SignedInUser(), *id) || context.organisations->RoleOf(*id, SignedInUser().id)
                      ? "/organisations/" + std::to_string(*id)
                      : "/mes-organisations");
}

Response Remove(const WebContext& context, const Request& request) {
  const auto id = RowIdInPath(request, "id");
  const auto user = RowIdInPath(request, "user");
  if (!id || !user) return RenderError(context, request, 404, "Cette organisation ou ce membre n'existe pas.");
  auto removed = context.organisations->RemoveMember(SignedInUser(), *id, *user);
  if (!removed) return Refused(context, request, removed.error());
  return OrganisationRedirect(context.organisations->MayAdminister(SignedInUser(), *id) ? "/organisations/" + std::to_string(*id)
                                                                  : "/mes-organisations");
}

// ---- invitation link ----------------------------------------------------------------------

Response InvitationRefused(const WebContext& context, const Error& error) {
  return Message(context, StatusOf(error), "Invitation non valable", error.message, "Mes organisations",
                 "/mes-organisations");
}

Response InvitationPage(const WebContext& context, const Request& request) {
  // A GET only shows a button: mail scanners that open links must not use them up.
  const std::string token = request.Query("jeton").value_or("");
  auto invitation = context.organisations->ReadInvitation(SignedInUser(), token);
  if (!invitation) return InvitationRefused(context, invitation.error());
  json view{{"csrf", CurrentCsrfToken()},
            {"token", token},
            {"organisation", invitation.value().organisation_name},
            {"role", invitation.value().role == MemberRole::kAdmin ? "administrateur" : "membre"},
            {"email", invitation.value().email},
            {"expires_on", FrenchDate(invitation.value().expires_at)}};
  return RenderPage(context, 200, "invitation", view, {"Invitation", {{"Mes organisations", "/mes-organisations"}}, ""});
}

Response Accept(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  auto accepted = context.organisations->AcceptInvitation(SignedInUser(), form.value().Get("jeton"));
  if (!accepted) return InvitationRefused(context, accepted.error());
  return OrganisationRedirect("/organisations/" + std::to_string(accepted.value().organisation_id));
}

}  // namespace

void RegisterOrganisationPages(Router& router, const WebContext& context) {
  if (context.organisations == nullptr || context.accounts == nullptr) return;
  auto add = [&](const char* method, const char* pattern, const char* name, PageHandler page) {
    AddPage(router, context, method, pattern, name, page);
  };
  add("GET", "/organisations", "organisations_page", ListAll);
  add("POST", "/organisations", "create_organisation", Create);
  add("GET", "/mes-organisations", "my_organisations_page", MyOrganisations);
  add("POST", "/mes-organisations/quitter", "leave_organisation", Leave);
  add("GET", "/organisations/invitation", "invitation_page", InvitationPage);
  add("POST", "/organisations/invitation", "accept_invitation", Accept);
  add("GET", "/organisations/{id}", "organisation_page", ShowOrganisation);
  add("POST", "/organisations/{id}/invitations", "invite_member", Invite);
  add("POST", "/organisations/{id}/membres/{user}/role", "change_member_role", ChangeRole);
  add("POST", "/organisations/{id}/membres/{user}/retrait", "remove_member", Remove);
}

}  // namespace boussole::web
