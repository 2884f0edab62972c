#include "domain/accounts/account_service.h"

#include <algorithm>
#include <ctime>

#include "core/clock.h"
#include "core/plain_text.h"
#include "domain/accounts/secrets.h"

namespace boussole::accounts {
namespace {

constexpr std::size_t kMaxEmailLength = 254;
constexpr std::size_t kMaxNameLength = 120;

Error Fail(std::string code, std::string message, std::string field = {}) {
  return Error{std::move(code), std::move(message), std::move(field)};
}

std::string AccountKey(std::string_view email) { return "compte:" + std::string(email); }
std::string AddressKey(std::string_view address) { return "adresse:" + std::string(address); }

}  // namespace

std::string NormaliseEmail(std::string_view email) {
  std::string text = Trim(email);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c); });
  const auto at = text.find('@');
  if (text.empty() || text.size() > kMaxEmailLength || at == std::string::npos || at == 0 ||
      text.find('@', at + 1) != std::string::npos || HasControlCharacters(text) ||
      text.find_first_of(" ,;:<>()[]\\\"") != std::string::npos) {
    return {};
  }
  const std::string domain = text.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || domain.back() == '.' || domain.find("..") != std::string::npos) return {};
  return text;
}

std::vector<Error> ValidateNewPassword(std::string_view password, std::string_view confirmation) {
  std::vector<Error> errors;
  if (password.size() > kMaxPasswordBytes) {
    errors.push_back(InvalidInput("Le mot de passe est trop long (" + std::to_string(kMaxPasswordBytes) +
                                      " octets au plus).",
                                  "password"));
  } else if (password.size() < kMinPasswordLength) {
    errors.push_back(InvalidInput("Le mot de passe doit compter au moins " + std::to_string(kMinPasswordLength) +
                                      " caractères.",
                                  "password"));
  }
  if (confirmation != password) {
    errors.push_back(InvalidInput("La confirmation ne correspond pas au mot de passe.", "password_confirmation"));
  }
  return errors;
}

std::vector<Error> ValidateSignUp(const SignUpForm& form) {
  std::vector<Error> errors;
  if (Trim(form.email).empty()) {
    errors.push_back(InvalidInput("Indiquez votre adresse électronique.", "email"));
  } else if (NormaliseEmail(form.email).empty()) {
    errors.push_back(InvalidInput("L'adresse électronique n'est pas valide (format attendu : nom@domaine.fr).", "email"));
  }
  const std::string name = Trim(form.display_name);
  if (name.empty()) {
    errors.push_back(InvalidInput("Indiquez vos prénom et nom.", "display_name"));
  } else if (name.size() > kMaxNameLength || HasControlCharacters(name)) {
    errors.push_back(InvalidInput("Le nom est trop long (" + std::to_string(kMaxNameLength) +
                                      " caractères au plus) ou contient des caractères invisibles.",
                                  "display_name"));
  }
  for (Error& e : ValidateNewPassword(form.password, form.password_confirmation)) errors.push_back(std::move(e));
  return errors;
}

AccountService::AccountService(AccountRepository& repository, mail::Mailer& mailer, std::string public_url,
                               AccountPolicy policy)
    : repository_(repository), mailer_(mailer), public_url_(std::move(public_url)), policy_(policy) {
  while (!public_url_.empty() && public_url_.back() == '/') public_url_.pop_back();
}

Status AccountService::MailLink(const User& user, TokenPurpose purpose) {
  const std::string token = RandomToken();
  const bool confirm = purpose == TokenPurpose::kConfirmEmail;
  const auto lifetime = confirm ? std::chrono::duration_cast<std::chrono::seconds>(policy_.confirmation_lifetime)
                                : std::chrono::duration_cast<std::chrono::seconds>(policy_.reset_lifetime);
  repository_.StoreToken(TokenHash(token), user.id, purpose, NowUtc(), UtcFromNow(lifetime));
  mail::MailMessage message;
  message.to = user.email;
  if (confirm) {
    message.subject = "Confirmez votre adresse électronique sur Boussole";
    message.text = "Bonjour " + user.display_name + ",\n\n" +
                   "Pour activer votre compte Boussole, ouvrez ce lien dans les 48 heures :\n\n" + public_url_ +
                   "/compte/confirmation?jeton=" + token + "\n\n" +
                   "Si vous n'avez pas créé de compte, ignorez ce message : aucun compte ne sera activé.\n";
  } else {
    message.subject = "Choisissez un nouveau mot de passe pour Boussole";
    message.text = "Bonjour " + user.display_name + ",\n\n" +
                   "Pour choisir un nouveau mot de passe, ouvrez ce lien dans l'heure (il ne sert qu'une fois) :\n\n" +
                   public_url_ + "/compte/nouveau-mot-de-passe?jeton=" + token + "\n\n" +
                   "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.\n";
  }
  auto sent = mailer_.Send(message);
  if (!sent) return Fail("mail_failed", "Le message n'a pas pu être envoyé : " + sent.error().message);
  return Ok();
}

Status AccountService::SignUp(const SignUpForm& form) {
  if (auto errors = ValidateSignUp(form); !errors.empty()) return errors.front();
  const std::string email = NormaliseEmail(form.email);
  if (auto existing = repository_.FindUserByEmail(email)) {
    if (!existing->confirmed()) return MailLink(*existing, TokenPurpose::kConfirmEmail);
    mail::MailMessage message;
    message.to = existing->email;
    message.subject = "Une inscription a été tentée avec votre adresse sur Boussole";
    message.text = "Bonjour " + existing->display_name + ",\n\n" +
                   "Quelqu'un, peut-être vous, a voulu créer un compte Boussole avec cette adresse, qui en a déjà un.\n"
                   "Pour vous connecter : " + public_url_ + "/compte/connexion\n"
                   "Mot de passe oublié : " + public_url_ + "/compte/mot-de-passe-oublie\n";
    auto sent = mailer_.Send(message);
    if (!sent) return Fail("mail_failed", "Le message n'a pas pu être envoyé : " + sent.error().message);
    return Ok();
  }
  auto created = repository_.CreateUser({email, Trim(form.display_name), HashPassword(form.password)}, NowUtc());
  if (!created) return created.error();
  return MailLink(created.value(), TokenPurpose::kConfirmEmail);
}

Status AccountService::ResendConfirmation(std::string_view email) {
  auto user = repository_.FindUserByEmail(NormaliseEmail(email));
  if (!user || user->confirmed()) return Ok();
  return MailLink(*user, TokenPurpose::kConfirmEmail);
}

Result<User> AccountService::ConfirmEmail(std::string_view token) {
  const auto user_id = repository_.ConfirmEmailWithToken(TokenHash(token), NowUtc());
  if (!user_id) {
    return Fail("invalid_token",
                "Ce lien de confirmation n'est pas valable : il a déjà servi, il a expiré ou il est incomplet. "
                "Demandez-en un nouveau depuis la page de connexion.");
  }
  auto user = repository_.FindUserById(*user_id);
  if (!user) return NotFound("Ce compte n'existe plus.");
  return *user;
}

Result<NewSession> AccountService::LogIn(std::string_view email_text, std::string_view password,
                                         std::string_view address) {
  const std::string email = NormaliseEmail(email_text);
  const std::string since = UtcFromNow(-std::chrono::duration_cast<std::chrono::seconds>(policy_.throttle_window));
  if ((!email.empty() && repository_.CountFailedLogins(AccountKey(email), since) >= policy_.max_failures_per_account) ||
      repository_.CountFailedLogins(AddressKey(address), since) >= policy_.max_failures_per_address) {
    return Fail("too_many_attempts", "Trop de tentatives de connexion ont échoué. Réessayez dans " +
                                         std::to_string(policy_.throttle_window.count()) +
                                         " minutes, ou choisissez un nouveau mot de passe.");
  }
  const auto user = email.empty() || password.size() > kMaxPasswordBytes ? std::nullopt
                                                                          : repository_.FindUserByEmail(email);
  // Verify even without an account, so that the time taken does not tell which addresses exist.
  const bool good = VerifyPassword(password.substr(0, kMaxPasswordBytes),
                                   user ? user->password_hash : DecoyPasswordHash()) && user.has_value();
  if (!good) {
    const std::string now = NowUtc();
    if (!email.empty()) repository_.RecordFailedLogin(AccountKey(email), now);
    repository_.RecordFailedLogin(AddressKey(address), now);
    return Fail("bad_credentials", "Adresse électronique ou mot de passe incorrect.");
  }
  if (!user->confirmed()) {
    return Fail("unconfirmed",
                "Votre adresse électronique n'est pas encore confirmée : ouvrez le lien que nous vous avons envoyé, "
                "ou demandez-en un nouveau.");
  }
  repository_.ClearFailedLogins(AccountKey(email));
  NewSession opened;
  opened.token = RandomToken();
  opened.session.id_hash = TokenHash(opened.token);
  opened.session.user_id = user->id;
  opened.session.csrf_token = RandomToken();
  opened.session.created_at = NowUtc();
  opened.session.expires_at =
      UtcFromNow(std::chrono::duration_cast<std::chrono::seconds>(policy_.session_lifetime));
  repository_.CreateSession(opened.session);
  opened.user = *user;
  return opened;
}

void AccountService::LogOut(std::string_view token) {
  if (!token.empty()) repository_.DeleteSession(TokenHash(token));
}

std::optional<SignedIn> AccountService::Identify(std::string_view token) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  auto session = repository_.FindSession(TokenHash(token), NowUtc());
  if (!session) return std::nullopt;
  auto user = repository_.FindUserById(session->user_id);
  if (!user) return std::nullopt;
  return SignedIn{std::move(*user), std::move(*session)};
}

Status AccountService::RequestPasswordReset(std::string_view email) {
  auto user = repository_.FindUserByEmail(NormaliseEmail(email));
  if (!user) return Ok();
  return MailLink(*user, TokenPurpose::kResetPassword);
}

Result<std::int64_t> AccountService::ResetPassword(std::string_view token, std::string_view password,
                                     std::string_view confirmation) {
  if (auto errors = ValidateNewPassword(password, confirmation); !errors.empty()) return errors.front();
  const auto user_id = repository_.ResetPasswordWithToken(TokenHash(token), HashPassword(password), NowUtc());
  if (!user_id) {
    return Fail("invalid_token",
                "Ce lien de changement de mot de passe n'est pas valable : il a déjà servi, il a expiré ou il est "
                "incomplet. Demandez-en un nouveau.");
  }
  return *user_id;
}

}  // namespace boussole::accounts
