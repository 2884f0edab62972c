#pragma once
// What alerts need from storage. Implemented by every Store backend.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace boussole::alerts {

//! A saved offer search, replayed for its digests.
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
};

struct NewAlert {
  std::string email;
  std::optional<std::int64_t> user_id;
  std::string query;
  std::string frequency;
  std::string confirm_token_hash;
  std::string unsubscribe_token_hash;
};

//! A period of one alert claimed by this server: it alone sends that digest.
struct DeliveryClaim {
  Alert alert;  //!< as read in the claiming transaction (its high-water mark included)
  std::string period;
};

//! How a claimed delivery ended.
enum class DeliveryOutcome { kSent, kEmpty, kFailed };

//! A published offer, as a digest lists it.
struct ChangedOffer {
  std::string slug;
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
  virtual std::vector<ChangedOffer> OffersChangedSince(std::string_view since) = 0;
};

}  // namespace boussole::alerts
