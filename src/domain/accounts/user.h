#pragma once
// People who sign in (DOMAIN.md, "Actors and roles"). A person acts for organisations;
// platform admins run the instance.
#include <cstdint>
#include <string>

namespace boussole::accounts {

struct User {
  std::int64_t id = 0;
  std::string email;          //!< lower-cased, unique
  std::string display_name;
  std::string password_hash;  //!< Argon2id, libsodium's encoded string
  std::string confirmed_at;   //!< when the address was confirmed; "" until then
  std::string created_at;
  bool platform_admin = false;

  bool confirmed() const { return !confirmed_at.empty(); }
};

//! A signed-in browser. The cookie holds a random token; the store keeps only its hash, so
//! that a leaked database does not hand out sessions.
struct Session {
  std::string id_hash;     //!< hex SHA-256 of the cookie token
  std::int64_t user_id = 0;
  std::string csrf_token;  //!< the forms of this session carry it
  std::string created_at;
  std::string expires_at;
};

//! What a single-use link by e-mail is for.
enum class TokenPurpose { kConfirmEmail, kResetPassword };

}  // namespace boussole::accounts
