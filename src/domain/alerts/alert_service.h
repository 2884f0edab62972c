#pragma once
// Alerts on new offers (issue 5, item 6): a saved offer search, confirmed by e-mail, that
// mails a digest of the offers new or changed since the previous one. No HTTP here; the
// web layer validates the query string (web::ParseSearch) and runs the searches.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/alerts/alert_repository.h"
#include "mail/mailer.h"

namespace boussole::alerts {

//! Long enough for any search form, short enough to keep a bound on what one alert stores.
constexpr std::size_t kMaxQueryBytes = 2000;

//! The period of a digest at `now` (ISO 8601 UTC): the UTC day "2026-11-25" for "daily",
//! the ISO week "2026-W48" for "weekly". "" when `now` or `frequency` is malformed.
std::string PeriodKey(std::string_view frequency, std::string_view now);

struct AlertForm {
  std::string email;
  std::string query;      //!< query string of an offer search, already validated by the caller
  std::string frequency;  //!< "daily" or "weekly"
  std::optional<std::int64_t> user_id;
};

//! The slugs of the published offers a search matches (the web layer runs the index).
using SearchMatcher = std::function<std::set<std::string>(const std::string& query)>;

struct DigestReport {
  std::size_t sent = 0;
  std::size_t empty = 0;
  std::size_t failed = 0;
};

class AlertService {
 public:
  //! `public_url` prefixes the links sent by e-mail ("https://boussole.example").
  AlertService(AlertRepository& repository, mail::Mailer& mailer, std::string public_url);

  //! Stores an unconfirmed alert and mails its confirmation link. invalid_input (naming the
  //! field) for a bad address, frequency or an empty or oversized query; mail_failed when
  //! the mail cannot be sent.
  Result<Alert> Create(const AlertForm& form, std::string_view now);
  //! invalid_token when the link is unknown or already used.
  Result<Alert> Confirm(std::string_view token, std::string_view now);
  //! invalid_token when the link is unknown or the alert already unsubscribed.
  Result<Alert> Unsubscribe(std::string_view token, std::string_view now);

  //! Sends the digests due at `now`: for each confirmed alert without a delivery for its
  //! current period whose search matches offers published or changed since the high-water
  //! mark, claims the period, mails those offers and moves the mark to `now`. Nothing new:
  //! no mail, no claim (a later run of the same period may still send). A period is claimed once across servers and
  //! restarts; when the mail fails or the server dies after the claim, that period sends
  //! nothing (at most once) and the next one lists those offers again.
  DigestReport SendDigests(const SearchMatcher& matcher, std::string_view now);
  //! The same with the periods given (tests move through days without waiting for them).
  DigestReport SendDigests(const SearchMatcher& matcher, std::string_view now, std::string_view daily_period,
                           std::string_view weekly_period);

 private:
  AlertRepository& repository_;
  mail::Mailer& mailer_;
  std::string public_url_;
};

}  // namespace boussole::alerts
