#pragma once
// Accounts (issue 5, item 1): sign-up with a confirmation link by e-mail, login with
// throttling, logout, password reset. No HTTP here: the web layer turns the results into
// pages and cookies.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/accounts/account_repository.h"
#include "mail/mailer.h"

namespace boussole::accounts {

struct SignUpForm {
  std::string email;
  std::string display_name;
  std::string password;
  std::string password_confirmation;
};

//! A new session: the token goes into the cookie, never into the store.
struct NewSession {
  std::string token;
  Session session;
  User user;
};

struct SignedIn {
  User user;
  Session session;
};

struct AccountPolicy {
  std::chrono::hours session_lifetime{24 * 14};
  std::chrono::hours confirmation_lifetime{48};
  std::chrono::minutes reset_lifetime{60};
  //! Failed logins tolerated within `throttle_window`, per account and per address.
  std::size_t max_failures_per_account = 5;
  std::size_t max_failures_per_address = 30;
  std::chrono::minutes throttle_window{15};
};

constexpr std::size_t kMinPasswordLength = 12;   // ANSSI's floor for passwords alone
constexpr std::size_t kMaxPasswordBytes = 256;   // bounds the hashing work an attacker can ask for

//! Trimmed and lower-cased; "" when it is not a plausible address.
std::string NormaliseEmail(std::string_view email);

//! Every problem of a sign-up form, each naming its field ("email", "display_name",
//! "password", "password_confirmation"); empty when the form is acceptable.
std::vector<Error> ValidateSignUp(const SignUpForm& form);
//! The problems of a new password and its confirmation.
std::vector<Error> ValidateNewPassword(std::string_view password, std::string_view confirmation);

class AccountService {
 public:
  //! `public_url` prefixes the links sent by e-mail ("https://boussole.example").
  AccountService(AccountRepository& repository, mail::Mailer& mailer, std::string public_url,
                 AccountPolicy policy = {});

  //! Creates the account and mails a confirmation link. When the address already has an
  //! account, mails its owner instead and answers the same (no account enumeration).
  //! Fails with invalid_input (the first problem of ValidateSignUp) or when the mail cannot
  //! be sent ("mail_failed").
  Status SignUp(const SignUpForm& form);
  //! Sends a new confirmation link to an unconfirmed account; silent otherwise.
  Status ResendConfirmation(std::string_view email);
  //! Confirms the address of the token's account; "invalid_token" when the link is
  //! unknown, used or expired.
  Result<User> ConfirmEmail(std::string_view token);

  //! Opens a session. "too_many_attempts" when this account or address failed too often
  //! lately; "bad_credentials" for a wrong address or password (same message for both);
  //! "unconfirmed" when the address is not confirmed yet.
  Result<NewSession> LogIn(std::string_view email, std::string_view password, std::string_view address);
  //! Ends the session of this cookie token (nothing when there is none).
  void LogOut(std::string_view token);
  //! The user and session of a cookie token, unless unknown or expired.
  std::optional<SignedIn> Identify(std::string_view token);

  //! Mails a reset link when the address has an account; answers the same otherwise.
  Status RequestPasswordReset(std::string_view email);
  //! Sets a new password from a reset link and ends every session of the account.
  //! invalid_input (password problems) or "invalid_token". The account's id.
  Result<std::int64_t> ResetPassword(std::string_view token, std::string_view password, std::string_view confirmation);

 private:
  Status MailLink(const User& user, TokenPurpose purpose);

  AccountRepository& repository_;
  mail::Mailer& mailer_;
  std::string public_url_;
  AccountPolicy policy_;
};

}  // namespace boussole::accounts
