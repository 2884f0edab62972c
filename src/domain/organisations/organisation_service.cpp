#include "domain/organisations/organisation_service.h"

#include <algorithm>
#include <ctime>

#include "core/clock.h"
#include "core/plain_text.h"
#include "domain/accounts/account_service.h"
#include "domain/accounts/secrets.h"

namespace boussole::organisations {
namespace {

constexpr std::size_t kMaxTerritoryLength = 40;

Error Fail(std::string code, std::string message, std::string field = {}) {
  return Error{std::move(code), std::move(message), std::move(field)};
}

Error Forbidden() { return Fail("forbidden", "Votre compte ne permet pas de faire cela."); }
Error NoOrganisation() { return NotFound("Cette organisation n'existe pas."); }

// "une commune, une intercommunalité ou un département" for the allowed kinds.
std::string KindsInFrench(const std::vector<territories::Kind>& kinds) {
  std::string text;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    std::string_view word;
    switch (kinds[i]) {
      case territories::Kind::kCommune: word = "une commune"; break;
      case territories::Kind::kEpci: word = "une intercommunalité (EPCI)"; break;
      case territories::Kind::kDepartement: word = "un département"; break;
      case territories::Kind::kRegion: word = "une région"; break;
      default: word = territories::KindKey(kinds[i]); break;
    }
    if (i > 0) text += i + 1 == kinds.size() ? " ou " : ", ";
    text += word;
  }
  return text;
}

bool Allowed(const std::vector<territories::Kind>& kinds, territories::Kind kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

Error InvalidInvitation() {
  return Fail("invalid_token",
              "Cette invitation n'est pas valable : elle a déjà servi, elle a expiré ou le lien est incomplet. "
              "Demandez une nouvelle invitation à un administrateur de l'organisation.");
}

}  // namespace

OrganisationService::OrganisationService(OrganisationRepository& repository,
                                         territories::TerritoryRepository& territories, mail::Mailer& mailer,
                                         std::string public_url, std::chrono::hours invitation_lifetime)
    : repository_(repository),
      territories_(territories),
      mailer_(mailer),
      public_url_(std::move(public_url)),
      invitation_lifetime_(invitation_lifetime) {
  while (!public_url_.empty() && public_url_.back() == '/') public_url_.pop_back();
}

std::vector<Error> OrganisationService::ValidateOrganisation(const OrganisationForm& form, NewOrganisation* out) {
  std::vector<Error> errors;
  const auto kind = KindFromKey(form.kind);
  if (!kind) errors.push_back(InvalidInput("Choisissez un type d'organisation dans la liste.", "kind"));
  const std::string name = Trim(form.name);
  if (name.empty()) {
    errors.push_back(InvalidInput("Indiquez le nom de l'organisation.", "name"));
  } else if (name.size() > kMaxOrganisationNameLength || HasControlCharacters(name)) {
    errors.push_back(InvalidInput("Le nom est trop long (" + std::to_string(kMaxOrganisationNameLength) +
                                      " caractères au plus) ou contient des caractères invisibles.",
                                  "name"));
  }
  const std::string code = Trim(form.territory);
  std::optional<territories::TerritoryId> territory;
  if (kind) {
    const auto allowed = AllowedTerritoryKinds(*kind);
    if (allowed.empty() && !code.empty()) {
      errors.push_back(InvalidInput("Une organisation de type « " + std::string(KindLabel(*kind)) +
                                        " » n'est pas rattachée à un territoire : laissez ce champ vide.",
                                    "territory"));
    } else if (!allowed.empty() && code.empty()) {
      errors.push_back(InvalidInput("Indiquez le territoire de l'organisation : " + KindsInFrench(allowed) + ".",
                                    "territory"));
    } else if (!allowed.empty()) {
      // A bare code may mean several territories (ARCHITECTURE.md): the first that exists
      // and suits the organisation kind wins; a typed id means itself only.
      const auto candidates = code.size() > kMaxTerritoryLength ? std::vector<territories::TerritoryId>{}
                                                                 : territories::CandidateIds(code);
      std::optional<territories::Territory> found_other_kind;
      for (const auto& id : candidates) {
        auto found = territories_.FindTerritory(id);
        if (!found) continue;
        if (Allowed(allowed, found->id.kind)) {
          territory = found->id;
          break;
        }
        if (!found_other_kind) found_other_kind = std::move(found);
      }
      if (!territory && found_other_kind) {
        errors.push_back(InvalidInput("« " + found_other_kind->name + " » (" + found_other_kind->id.ToString() +
                                          ") ne convient pas : une organisation de type « " +
                                          std::string(KindLabel(*kind)) + " » est rattachée à " +
                                          KindsInFrench(allowed) + ".",
                                      "territory"));
      } else if (!territory) {
        errors.push_back(InvalidInput("Aucun territoire n'a le code « " + code +
                                          " » (attendu : un code INSEE de commune, un SIREN d'intercommunalité, "
                                          "un code de département ou un identifiant comme region:44).",
                                      "territory"));
      }
    }
  }
  if (errors.empty() && out != nullptr) *out = NewOrganisation{*kind, name, territory};
  return errors;
}

Result<Organisation> OrganisationService::CreateOrganisation(const accounts::User& actor, const OrganisationForm& form) {
  if (!actor.platform_admin) return Forbidden();
  NewOrganisation organisation;
  if (auto errors = ValidateOrganisation(form, &organisation); !errors.empty()) return errors.front();
  return repository_.CreateOrganisation(organisation, NowUtc());
}

std::optional<Organisation> OrganisationService::FindOrganisation(std::int64_t id) {
  return repository_.FindOrganisation(id);
}

std::vector<Organisation> OrganisationService::ListOrganisations() { return repository_.ListOrganisations(); }

std::optional<MemberRole> OrganisationService::RoleOf(std::int64_t organisation_id, std::int64_t user_id) {
  return repository_.FindMembership(organisation_id, user_id);
}

std::vector<Membership> OrganisationService::ListMemberships(std::int64_t user_id) {
  return repository_.ListMemberships(user_id);
}

std::vector<Member> OrganisationService::ListMembers(std::int64_t organisation_id) {
  return repository_.ListMembers(organisation_id);
}

std::vector<Invitation> OrganisationService::PendingInvitationsFor(const accounts::User& user) {
  return repository_.PendingInvitationsFor(user.email, NowUtc());
}

std::vector<Invitation> OrganisationService::PendingInvitationsOf(std::int64_t organisation_id) {
  return repository_.PendingInvitationsOf(organisation_id, NowUtc());
}

bool OrganisationService::MayAdminister(const accounts::User& actor, std::int64_t organisation_id) {
  return actor.platform_admin || repository_.FindMembership(organisation_id, actor.id) == MemberRole::kAdmin;
}

Status OrganisationService::Invite(const accounts::User& actor, std::int64_t organisation_id, std::string_view email_text,
                                   std::string_view role_key) {
  const auto organisation = repository_.FindOrganisation(organisation_id);
  if (!organisation) return NoOrganisation();
  if (!MayAdminister(actor, organisation_id)) return Forbidden();
  const std::string email = accounts::NormaliseEmail(email_text);
  if (email.empty()) {
    return InvalidInput(Trim(email_text).empty()
                            ? "Indiquez l'adresse électronique de la personne à inviter."
                            : "L'adresse électronique n'est pas valide (format attendu : nom@domaine.fr).",
                        "email");
  }
  const auto role = RoleFromKey(role_key);
  if (!role) return InvalidInput("Choisissez le rôle de la personne invitée : membre ou administrateur.", "role");
  for (const Member& member : repository_.ListMembers(organisation_id)) {
    if (member.email == email) {
      return Fail("conflict", email + " est déjà membre de cette organisation.", "email");
    }
  }
  const std::string token = accounts::RandomToken();
  const std::time_t now = std::time(nullptr);
  Invitation invitation;
  invitation.token_hash = accounts::TokenHash(token);
  invitation.organisation_id = organisation_id;
  invitation.email = email;
  invitation.role = *role;
  invitation.invited_by = actor.id;
  invitation.created_at = FormatUtc(now);
  invitation.expires_at =
      FormatUtc(now + static_cast<std::time_t>(std::chrono::duration_cast<std::chrono::seconds>(invitation_lifetime_).count()));
  repository_.StoreInvitation(invitation);

  mail::MailMessage message;
  message.to = email;
  message.subject = "Invitation à rejoindre « " + organisation->name + " » sur Boussole";
  message.text = "Bonjour,\n\n" + actor.display_name + " vous invite à rejoindre « " + organisation->name +
                 " » sur Boussole, en tant que " + (*role == MemberRole::kAdmin ? "administrateur" : "membre") +
                 ".\n\nPour accepter, ouvrez ce lien dans les 7 jours (il ne sert qu'une fois) :\n\n" + public_url_ +
                 "/organisations/invitation?jeton=" + token +
                 "\n\nVous devrez vous connecter avec un compte Boussole ouvert à cette adresse (" + email +
                 ") ; si vous n'en avez pas, créez-le d'abord : " + public_url_ +
                 "/compte/inscription\n\nSi vous ne vous attendiez pas à cette invitation, ignorez ce message.\n";
  auto sent = mailer_.Send(message);
  if (!sent) return Fail("mail_failed", "L'invitation n'a pas pu être envoyée : " + sent.error().message);
  return Ok();
}

Result<Invitation> OrganisationService::ReadInvitation(const accounts::User& user, std::string_view token) {
  if (token.empty() || token.size() > 128) return InvalidInvitation();
  auto invitation = repository_.FindInvitation(accounts::TokenHash(token));
  if (!invitation || !invitation->accepted_at.empty() || invitation->expires_at < NowUtc()) return InvalidInvitation();
  // The link may have been forwarded: only the invited address may use it.
  if (invitation->email != user.email) {
    return Fail("wrong_recipient", "Cette invitation a été envoyée à " + invitation->email +
                                       ", et vous êtes connecté avec " + user.email +
                                       ". Connectez-vous avec le compte de l'adresse invitée (ou créez-le), puis "
                                       "ouvrez de nouveau le lien.");
  }
  return *invitation;
}

Result<Invitation> OrganisationService::AcceptInvitation(const accounts::User& user, std::string_view token) {
  if (auto invitation = ReadInvitation(user, token); !invitation) return invitation.error();
  auto accepted = repository_.AcceptInvitation(accounts::TokenHash(token), user.id, user.email, NowUtc());
  if (!accepted) return InvalidInvitation();  // used in the meantime
  return accepted;
}

Status OrganisationService::ChangeRole(const accounts::User& actor, std::int64_t organisation_id, std::int64_t user_id,
                                       std::string_view role_key) {
  if (!repository_.FindOrganisation(organisation_id)) return NoOrganisation();
  if (!MayAdminister(actor, organisation_id)) return Forbidden();
  const auto role = RoleFromKey(role_key);
  if (!role) return InvalidInput("Choisissez un rôle : membre ou administrateur.", "role");
  return repository_.ChangeMemberRole(organisation_id, user_id, *role);
}

Status OrganisationService::RemoveMember(const accounts::User& actor, std::int64_t organisation_id,
                                         std::int64_t user_id) {
  if (!repository_.FindOrganisation(organisation_id)) return NoOrganisation();
  if (!MayAdminister(actor, organisation_id)) return Forbidden();
  return repository_.RemoveMember(organisation_id, user_id);
}

Status OrganisationService::LeaveOrganisation(const accounts::User& user, std::int64_t organisation_id) {
  auto left = repository_.RemoveMember(organisation_id, user.id);
  if (!left && left.error().code == "last_admin") {
    return Fail("last_admin",
                "Vous êtes le dernier administrateur de cette organisation : nommez d'abord un autre administrateur.");
  }
  if (!left && left.error().code == "not_found") return NotFound("Vous n'êtes pas membre de cette organisation.");
  return left;
}

}  // namespace boussole::organisations
