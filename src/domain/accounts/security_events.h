#pragma once
// The audit log of security events (issue 9, item 5): who signed in or failed to, who was
// throttled, asked for or set a new password, signed out, deleted their account, downloaded
// their data, changed a membership or a role, or acted as platform admin on an offer. Platform
// admins read it. It never holds a password, a token or an e-mail address: the person is
// named by their account id, and `detail` only by route parameters and chosen fields.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::accounts {

struct SecurityEvent {
  std::int64_t id = 0;
  std::string at;                   //!< ISO 8601 UTC
  std::string kind;                 //!< "connexion_reussie", "connexion_echouee"… (SecurityEventLabel)
  std::optional<std::int64_t> user_id;  //!< the account concerned, when known
  std::string user_name;            //!< read only: its display name ("Compte supprimé" once deleted)
  std::string address;              //!< the client's address
  std::string detail;               //!< e.g. "organisation=3 membre=12 role=admin"
};

//! The French label of an event kind, for the page ("" for an unknown kind).
std::string_view SecurityEventLabel(std::string_view kind);

class SecurityEventRepository {
 public:
  virtual ~SecurityEventRepository() = default;
  virtual void RecordSecurityEvent(const SecurityEvent& event) = 0;
  //! The latest events first, at most `limit`.
  virtual std::vector<SecurityEvent> ListSecurityEvents(std::size_t limit) = 0;
  //! Deletes the events before `before`; returns how many went.
  virtual std::size_t PurgeSecurityEvents(std::string_view before) = 0;
};

//! How long the log keeps an event (the privacy page says so; the purge job applies it).
inline constexpr int kSecurityEventRetentionDays = 365;

}  // namespace boussole::accounts
