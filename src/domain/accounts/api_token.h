#pragma once
// Personal API tokens: a person gives a program (a préfecture's tool, a partner's
// information system) the right to act for them on the JSON API. The token is shown once;
// the store keeps its SHA-256 only, like sessions.
#include <cstdint>
#include <string>

namespace boussole::accounts {

struct ApiToken {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;          //!< what the person called it ("Tableur de la DDT")
  std::string token_hash;    //!< hex SHA-256 of the token
  std::string created_at;
  std::string expires_at;
  std::string last_used_at;  //!< "" when never used
  std::string revoked_at;    //!< "" while not revoked

  //! Whether it may still be used at `now` (ISO 8601 UTC).
  bool ActiveAt(const std::string& now) const { return revoked_at.empty() && expires_at > now; }
};

}  // namespace boussole::accounts
