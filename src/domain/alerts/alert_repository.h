#pragma once
// What alerts need from storage. Implemented by every Store backend.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace boussole::alerts {

//! What an alert searches: the catalogue ("offers", the search of /offres/recherche) or the
//! projetothèque ("projects", the search of /projetotheque).
inline constexpr const char* kAlertTargets[] = {"offers", "projects"};

//! A saved search, replayed for its digests.
struct Alert {
  std::int64_t id = 0;
  std::string email;
  std::optional<std::int64_t> user_id;
  std::string query;      //!< the search's query string, as ParseSearch reads it
  std::string frequency;  //!< "daily" or "weekly"
  std::string created_at;
  std::string confirmed_at;     //!< "" until the link of the confirmation mail is followed
  std::string unsubscribed_at;  //!< "" while subscribed
  std::string last_digest_at;   //!< high-water mark: newer offers go in the next digest
  std::string target = "offers";
};

struct NewAlert {
  std::string email;
  std::optional<std::int64_t> user_id;
  std::string query;
  std::string frequency;
  std::string confirm_token_hash;
  std::string unsubscribe_token_hash;
  std::string target = "offers";
};

//! A period of one alert claimed by this server: it alone sends that digest.
struct DeliveryClaim {
  Alert alert;  //!< as read in the claiming transaction (its high-water mark included)
  std::string period;
};

//! How a claimed delivery ended.
enum class DeliveryOutcome { kSent, kEmpty, kFailed };

//! A published offer or case sheet, as a digest lists it.
struct ChangedItem {
  std::string key;  //!< the offer's slug, the project's id
  std::string name;
};

class AlertRepository {
 public:
  virtual ~AlertRepository() = default;

  //! Stores an unconfirmed alert whose high-water mark is `now`.
  virtual Alert CreateAlert(const NewAlert& alert, std::string_view now) = 0;
  virtual std::optional<Alert> FindAlert(std::int64_t id) = 0;

  //! Confirms the alert whose confirmation link has this hash; the link then stops working.
  //! The high-water mark moves to `now`: the first digest lists what comes after. nullopt
  //! for an unknown or already used link.
  virtual std::optional<Alert> ConfirmAlert(std::string_view confirm_token_hash, std::string_view now) = 0;
  //! Unsubscribes the alert whose unsubscribe link (of the confirmation mail or of any
  //! digest) has this hash. nullopt for an unknown
  //! link or an alert already unsubscribed.
  virtual std::optional<Alert> UnsubscribeAlert(std::string_view unsubscribe_token_hash, std::string_view now) = 0;

  //! Unsubscribes alert `id`; nullopt when there is none or it is already unsubscribed.
  virtual std::optional<Alert> EndAlert(std::int64_t id, std::string_view now) = 0;

  //! Confirmed, subscribed alerts of `frequency` with no delivery for `period` yet.
  virtual std::vector<Alert> AlertsWithoutDelivery(std::string_view frequency, std::string_view period) = 0;

  //! Claims `period` of an alert and reads its high-water mark in the same transaction.
  //! nullopt when another server (or an earlier run) claimed it, or when the alert is no
  //! longer confirmed and subscribed. Each period is claimed once, ever. The digest's
  //! unsubscribe link has the hash `unsubscribe_token_hash`.
  virtual std::optional<DeliveryClaim> ClaimDelivery(std::int64_t alert_id, std::string_view period,
                                                     std::string_view unsubscribe_token_hash,
                                                     std::string_view now) = 0;
  //! Records the end of a claimed delivery. Sent or empty: the high-water mark moves to
  //! `mark`. Failed: it stays, so that the next period lists those offers again.
  virtual void FinishDelivery(const DeliveryClaim& claim, DeliveryOutcome outcome, std::string_view mark,
                              const std::vector<std::string>& offer_slugs, std::string_view detail,
                              std::string_view now) = 0;

  //! Published offers whose publication or last change is after `since`, by name.
  virtual std::vector<ChangedItem> OffersChangedSince(std::string_view since) = 0;
  //! Published case sheets of public projects published or changed after `since`, by name.
  virtual std::vector<ChangedItem> CaseSheetsChangedSince(std::string_view since) = 0;

  //! The alerts of a person: those created while signed in and those of their address,
  //! newest first, unsubscribed ones included.
  virtual std::vector<Alert> AlertsOf(std::int64_t user_id, std::string_view email) = 0;
  //! Alerts created for `email` since `since` and not confirmed: the bound on the mails
  //! anyone can make Boussole send to an address.
  virtual std::size_t UnconfirmedAlertsSince(std::string_view email, std::string_view since) = 0;
  //! Deletes alerts never confirmed and created before `before`; returns how many.
  virtual std::size_t PurgeUnconfirmedAlerts(std::string_view before) = 0;
};

}  // namespace boussole::alerts
