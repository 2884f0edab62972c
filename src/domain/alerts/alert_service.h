#pragma once
// Alerts (issue 5, item 6): a saved offer or projetothèque search, confirmed by e-mail,
// that mails a digest of the offers or case sheets new or changed since the previous one.
// No HTTP here; the web layer validates the query string and runs the searches.
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

//! Confirmation mails one address may be sent in a day for alerts it has not confirmed:
//! anyone can type any address, so this bounds what Boussole can be made to send to it.
constexpr std::size_t kMaxUnconfirmedPerDay = 3;
//! Alerts never confirmed are deleted after this many days.
constexpr int kUnconfirmedDays = 7;

struct AlertForm {
  std::string email;
  std::string query;      //!< query string of the search, already validated by the caller
  std::string frequency;  //!< "daily" or "weekly"
  std::optional<std::int64_t> user_id;
  std::string target = "offers";  //!< kAlertTargets
};

//! The keys (offer slugs, project ids) of what the search `query` of `target` matches;
//! the web layer runs the indexes.
using SearchMatcher = std::function<std::set<std::string>(std::string_view target, const std::string& query)>;

//! The page of the search an alert replays: "/offres/recherche?…" or "/projetotheque?…".
std::string SearchPath(std::string_view target, std::string_view query);

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
  //! field) for a bad address, frequency, target or an oversized query; too_many when the
  //! address already has kMaxUnconfirmedPerDay unconfirmed alerts of the last 24 hours;
  //! mail_failed when the mail cannot be sent.
  Result<Alert> Create(const AlertForm& form, std::string_view now);
  //! invalid_token when the link is unknown or already used.
  Result<Alert> Confirm(std::string_view token, std::string_view now);
  //! invalid_token when the link is unknown or the alert already unsubscribed.
  Result<Alert> Unsubscribe(std::string_view token, std::string_view now);
  //! Ends an alert from its owner's account ("Mes alertes"): not_found unless it is one of
  //! AlertsOf(user_id, email) still subscribed.
  Result<Alert> UnsubscribeOwn(std::int64_t alert_id, std::int64_t user_id, std::string_view email,
                               std::string_view now);

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
