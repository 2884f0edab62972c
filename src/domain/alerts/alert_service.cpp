#include "domain/alerts/alert_service.h"

#include <ctime>

#include "core/clock.h"
#include "domain/accounts/account_service.h"
#include "domain/accounts/secrets.h"

namespace boussole::alerts {
namespace {

Error InvalidInput(std::string message, std::string field) {
  return Error{"invalid_input", std::move(message), std::move(field)};
}

std::string FrequencyLabel(std::string_view frequency) {
  return frequency == "weekly" ? "chaque semaine" : "chaque jour";
}

}  // namespace

std::string PeriodKey(std::string_view frequency, std::string_view now) {
  const auto time = ParseUtc(now);
  if (!time) return {};
  std::tm utc{};
  gmtime_r(&*time, &utc);
  char text[16];
  // %G-W%V: the ISO 8601 week and its year, so that a week straddling 1 January has one key.
  const char* format = frequency == "daily" ? "%Y-%m-%d" : frequency == "weekly" ? "%G-W%V" : nullptr;
  if (!format || std::strftime(text, sizeof text, format, &utc) == 0) return {};
  return text;
}

AlertService::AlertService(AlertRepository& repository, mail::Mailer& mailer, std::string public_url)
    : repository_(repository), mailer_(mailer), public_url_(std::move(public_url)) {
  while (!public_url_.empty() && public_url_.back() == '/') public_url_.pop_back();
}

Result<Alert> AlertService::Create(const AlertForm& form, std::string_view now) {
  const std::string email = accounts::NormaliseEmail(form.email);
  if (email.empty()) return InvalidInput("Saisissez une adresse électronique valide, par exemple nom@mairie.fr.", "email");
  if (form.frequency != "daily" && form.frequency != "weekly") {
    return InvalidInput("Choisissez une fréquence : chaque jour ou chaque semaine.", "frequency");
  }
  if (form.query.size() > kMaxQueryBytes) return InvalidInput("Cette recherche est trop longue pour une alerte.", "query");
  const std::string confirm = accounts::RandomToken();
  const std::string unsubscribe = accounts::RandomToken();
  Alert alert = repository_.CreateAlert({email, form.user_id, form.query, form.frequency,
                                         accounts::TokenHash(confirm), accounts::TokenHash(unsubscribe)},
                                        now);
  mail::MailMessage message;
  message.to = email;
  message.subject = "Confirmez votre alerte Boussole";
  message.text = "Bonjour,\n\n"
                 "Vous avez demandé à recevoir " + FrequencyLabel(form.frequency) +
                 " les nouvelles offres de cette recherche :\n" + public_url_ + "/offres/recherche?" + form.query +
                 "\n\nPour activer l'alerte, ouvrez ce lien :\n" + public_url_ +
                 "/alertes/confirmation?jeton=" + confirm +
                 "\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message : sans confirmation,"
                 " aucune alerte ne sera envoyée.\n\nPour ne plus rien recevoir : " + public_url_ +
                 "/alertes/desinscription?jeton=" + unsubscribe + "\n";
  if (auto sent = mailer_.Send(message); !sent) {
    return Error{"mail_failed", "Le courriel de confirmation n'a pas pu être envoyé. Réessayez plus tard.", ""};
  }
  return alert;
}

Result<Alert> AlertService::Confirm(std::string_view token, std::string_view now) {
  if (auto alert = repository_.ConfirmAlert(accounts::TokenHash(token), now)) return *alert;
  return Error{"invalid_token", "Ce lien de confirmation n'est pas valide ou a déjà été utilisé.", ""};
}

Result<Alert> AlertService::Unsubscribe(std::string_view token, std::string_view now) {
  if (auto alert = repository_.UnsubscribeAlert(accounts::TokenHash(token), now)) return *alert;
  return Error{"invalid_token", "Ce lien de désinscription n'est pas valide ou l'alerte est déjà supprimée.", ""};
}

DigestReport AlertService::SendDigests(const SearchMatcher& matcher, std::string_view now) {
  return SendDigests(matcher, now, PeriodKey("daily", now), PeriodKey("weekly", now));
}

DigestReport AlertService::SendDigests(const SearchMatcher& matcher, std::string_view now,
                                       std::string_view daily_period, std::string_view weekly_period) {
  DigestReport report;
  // The offers of the alert's search published or changed since `mark`.
  auto listed_since = [&](const Alert& alert, const std::string& mark) {
    std::vector<ChangedOffer> listed;
    const auto changed = repository_.OffersChangedSince(mark);
    if (changed.empty()) return listed;
    const auto matching = matcher(alert.query);
    for (const auto& offer : changed) {
      if (matching.count(offer.slug)) listed.push_back(offer);
    }
    return listed;
  };
  for (const auto& [frequency, period] : {std::pair{"daily", daily_period}, std::pair{"weekly", weekly_period}}) {
    for (const Alert& due : repository_.AlertsWithoutDelivery(frequency, period)) {
      // Nothing new: no claim, so that an offer published later in the period still goes
      // out in this period's digest.
      if (listed_since(due, due.last_digest_at).empty()) {
        ++report.empty;
        continue;
      }
      const std::string unsubscribe = accounts::RandomToken();
      auto claim = repository_.ClaimDelivery(due.id, period, accounts::TokenHash(unsubscribe), now);
      if (!claim) continue;  // another server has it
      // Again with the mark read with the claim: the one no other delivery of this alert
      // can move under us.
      const auto listed = listed_since(claim->alert, claim->alert.last_digest_at);
      std::vector<std::string> slugs;
      for (const auto& offer : listed) slugs.push_back(offer.slug);
      if (listed.empty()) {
        repository_.FinishDelivery(*claim, DeliveryOutcome::kEmpty, now, slugs, "", now);
        ++report.empty;
        continue;
      }
      mail::MailMessage message;
      message.to = claim->alert.email;
      message.subject = listed.size() == 1 ? "Boussole : 1 offre nouvelle ou modifiée"
                                           : "Boussole : " + std::to_string(listed.size()) +
                                                 " offres nouvelles ou modifiées";
      message.text = "Bonjour,\n\nVoici les offres publiées ou modifiées depuis votre dernière alerte"
                     " pour cette recherche :\n" + public_url_ + "/offres/recherche?" + claim->alert.query + "\n\n";
      for (const auto& offer : listed) {
        message.text += "- " + offer.name + "\n  " + public_url_ + "/offres/" + offer.slug + "\n";
      }
      message.text += "\nPour ne plus recevoir cette alerte : " + public_url_ + "/alertes/desinscription?jeton=" +
                      unsubscribe + "\n";
      // At most once: a crash before FinishDelivery leaves the period claimed and unsent;
      // the mark has not moved, so the next period lists these offers again.
      if (auto sent = mailer_.Send(message); !sent) {
        repository_.FinishDelivery(*claim, DeliveryOutcome::kFailed, now, slugs, sent.error().message, now);
        ++report.failed;
        continue;
      }
      repository_.FinishDelivery(*claim, DeliveryOutcome::kSent, now, slugs, "", now);
      ++report.sent;
    }
  }
  return report;
}

}  // namespace boussole::alerts
