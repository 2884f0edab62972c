#include "web/security_audit.h"

#include <spdlog/spdlog.h>

#include <optional>

#include "core/clock.h"
#include "domain/accounts/account_service.h"
#include "web/form.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

thread_local std::optional<std::int64_t> noted_user;

std::optional<std::int64_t> TakeNotedUser() {
  auto user = noted_user;
  noted_user.reset();
  return user;
}

std::optional<std::int64_t> AuditViewerId() {
  const Viewer& viewer = CurrentViewer();
  if (!viewer.signed_in()) return std::nullopt;
  return viewer.account->user.id;
}

// The account of the address a form names, if there is one (the address itself is not kept).
std::optional<std::int64_t> AccountOfFormEmail(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return std::nullopt;
  const std::string email = accounts::NormaliseEmail(form.value().Get("email"));
  if (email.empty()) return std::nullopt;
  const auto user = context.store.FindUserByEmail(email);
  if (!user) return std::nullopt;
  return user->id;
}

std::string Param(const Request& request, const char* name) {
  auto it = request.path_params.find(name);
  return it == request.path_params.end() ? "" : it->second;
}

// A form field whose values are a closed list (a role, a state): kept only when short and plain.
std::string PlainField(const Request& request, std::string_view name) {
  auto form = Form::Read(request);
  if (!form) return "";
  std::string value = form.value().Get(name);
  if (value.size() > 40 || value.find_first_not_of("abcdefghijklmnopqrstuvwxyz_-0123456789") != std::string::npos) {
    return "?";
  }
  return value;
}

bool Succeeded(const Response& response) { return response.status >= 200 && response.status < 400; }

}  // namespace

void NoteAuditedUser(std::int64_t user_id) { noted_user = user_id; }

void RecordSecurityEvent(const WebContext& context, const Request& request, std::string_view kind,
                         std::optional<std::int64_t> user_id, std::string detail) {
  try {
    accounts::SecurityEvent event;
    event.at = NowUtc();
    event.kind = std::string(kind);
    event.user_id = user_id;
    event.address = request.remote_address;
    event.detail = std::move(detail);
    context.store.RecordSecurityEvent(event);
  } catch (const std::exception& e) {
    spdlog::error("request_id={} audit: event {} not recorded: {}", request.request_id, kind, e.what());
  }
}

void AuditSecurityEvent(const WebContext& context, const Route& route, const Request& request,
                        const Response& response) {
  const auto noted = TakeNotedUser();
  if (request.method == "GET" && route.name != "my_data_export") return;
  const std::string& name = route.name;
  const bool ok = Succeeded(response);
  try {
    if (name == "login") {
      const auto user = noted ? noted : AccountOfFormEmail(context, request);
      if (ok) return RecordSecurityEvent(context, request, "connexion_reussie", user, "");
      if (response.status == 429) return RecordSecurityEvent(context, request, "connexion_bloquee", user, "");
      return RecordSecurityEvent(context, request, "connexion_echouee", user,
                                 response.status == 403 ? "adresse non confirmée" : "");
    }
    if (!ok) return;
    if (name == "logout") return RecordSecurityEvent(context, request, "deconnexion", AuditViewerId(), "");
    if (name == "forgot_password") {
      return RecordSecurityEvent(context, request, "reinitialisation_demandee", AccountOfFormEmail(context, request), "");
    }
    if (name == "new_password") return RecordSecurityEvent(context, request, "mot_de_passe_change", noted, "");
    if (name == "account_delete") return RecordSecurityEvent(context, request, "compte_supprime", AuditViewerId(), "");
    if (name == "my_data_export") return RecordSecurityEvent(context, request, "donnees_exportees", AuditViewerId(), "");
    if (name == "api_token_create") return RecordSecurityEvent(context, request, "jeton_api_cree", AuditViewerId(), "");
    if (name == "api_token_revoke" || name == "api_token_revoke_current") {
      return RecordSecurityEvent(context, request, "jeton_api_revoque", AuditViewerId(), "jeton=" + Param(request, "token"));
    }
    if (name == "create_organisation") return RecordSecurityEvent(context, request, "organisation_creee", AuditViewerId(), "");
    if (name == "invite_member") {
      return RecordSecurityEvent(context, request, "membre_invite", AuditViewerId(),
                                 "organisation=" + Param(request, "id") + " role=" + PlainField(request, "role"));
    }
    if (name == "accept_invitation") return RecordSecurityEvent(context, request, "invitation_acceptee", AuditViewerId(), "");
    if (name == "change_member_role") {
      return RecordSecurityEvent(context, request, "role_change", AuditViewerId(),
                                 "organisation=" + Param(request, "id") + " membre=" + Param(request, "user") +
                                     " role=" + PlainField(request, "role"));
    }
    if (name == "remove_member") {
      return RecordSecurityEvent(context, request, "membre_retire", AuditViewerId(),
                                 "organisation=" + Param(request, "id") + " membre=" + Param(request, "user"));
    }
    if (name == "leave_organisation") {
      return RecordSecurityEvent(context, request, "organisation_quittee", AuditViewerId(),
                                 "organisation=" + PlainField(request, "organisation"));
    }
    if (name == "offer_admin_save") {
      return RecordSecurityEvent(context, request, "offre_modifiee", AuditViewerId(), "offre=" + Param(request, "slug"));
    }
    if (name == "offer_admin_move") {
      return RecordSecurityEvent(context, request, "offre_deplacee", AuditViewerId(),
                                 "offre=" + Param(request, "slug") + " de=" + PlainField(request, "from") +
                                     " vers=" + PlainField(request, "to"));
    }
  } catch (const std::exception& e) {
    spdlog::error("request_id={} audit of {} failed: {}", request.request_id, name, e.what());
  }
}

}  // namespace boussole::web
