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

bool KnownTarget(std::string_view target) {
  for (const char* known : kAlertTargets) {
    if (target == known) return true;
  }
  return false;
}

bool Projects(std::string_view target) { return target == "projects"; }

// What the mails call the items of a target, and where each one lives.
std::string ItemPath(std::string_view target, const std::string& key) {
  return Projects(target) ? "/projetotheque/" + key : "/offres/" + key;
}

std::string DigestSubject(std::string_view target, std::size_t n) {
  const std::string count = std::to_string(n);
  if (Projects(target)) {
    return n == 1 ? "Boussole : 1 fiche de la projetothèque nouvelle ou modifiée"
                  : "Boussole : " + count + " fiches de la projetothèque nouvelles ou modifiées";
  }
  return n == 1 ? "Boussole : 1 offre nouvelle ou modifiée" : "Boussole : " + count + " offres nouvelles ou modifiées";
}

}  // namespace

std::string SearchPath(std::string_view target, std::string_view query) {
  return std::string(Projects(target) ? "/projetotheque?" : "/offres/recherche?") + std::string(query);
}

std::string PeriodKey(std::string_view frequency, std::string_view now) {
  if (frequency != "daily" && frequency != "weekly") return {};
  return DigestPeriod(now, frequency == "weekly");
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
  if (!KnownTarget(form.target)) {
    return InvalidInput("Une alerte suit une recherche d'offres ou de la projetothèque.", "target");
  }
  if (const auto at = ParseUtc(now); at && repository_.UnconfirmedAlertsSince(email, FormatUtc(*at - 24 * 3600)) >=
                                               kMaxUnconfirmedPerDay) {
    return Error{"too_many",
                 "Cette adresse a déjà " + std::to_string(kMaxUnconfirmedPerDay) +
                     " alertes en attente de confirmation depuis hier : confirmez-les depuis votre messagerie,"
                     " ou réessayez demain.",
                 "email"};
  }
  const std::string confirm = accounts::RandomToken();
  const std::string unsubscribe = accounts::RandomToken();
  Alert alert = repository_.CreateAlert({email, form.user_id, form.query, form.frequency,
                                         accounts::TokenHash(confirm), accounts::TokenHash(unsubscribe), form.target},
                                        now);
  mail::MailMessage message;
  message.to = email;
  message.subject = "Confirmez votre alerte Boussole";
  message.text = "Bonjour,\n\n"
                 "Vous avez demandé à recevoir " + FrequencyLabel(form.frequency) +
                 (Projects(form.target) ? " les nouvelles fiches de la projetothèque" : " les nouvelles offres") +
                 " de cette recherche :\n" + public_url_ + SearchPath(form.target, form.query) +
                 "\n\nPour activer l'alerte, ouvrez ce lien :\n" + public_url_ +
                 "/alertes/confirmation?jeton=" + confirm +
                 "\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message : sans confirmation,"
                 " aucune alerte ne sera envoyée et elle sera effacée dans " + std::to_string(kUnconfirmedDays) +
                 " jours.\n\nPour ne plus rien recevoir : " + public_url_ +
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

Result<Alert> AlertService::UnsubscribeOwn(std::int64_t alert_id, std::int64_t user_id, std::string_view email,
                                           std::string_view now) {
  for (const Alert& alert : repository_.AlertsOf(user_id, email)) {
    if (alert.id != alert_id || !alert.unsubscribed_at.empty()) continue;
    if (auto ended = repository_.EndAlert(alert_id, now)) return *ended;
  }
  return Error{"not_found", "Cette alerte n'existe pas, n'est pas la vôtre ou est déjà supprimée.", ""};
}

DigestReport AlertService::SendDigests(const SearchMatcher& matcher, std::string_view now) {
  return SendDigests(matcher, now, PeriodKey("daily", now), PeriodKey("weekly", now));
}

DigestReport AlertService::SendDigests(const SearchMatcher& matcher, std::string_view now,
                                       std::string_view daily_period, std::string_view weekly_period) {
  DigestReport report;
  // What the alert's search finds published or changed since `mark`.
  auto listed_since = [&](const Alert& alert, const std::string& mark) {
    std::vector<ChangedItem> listed;
    const auto changed =
        Projects(alert.target) ? repository_.CaseSheetsChangedSince(mark) : repository_.OffersChangedSince(mark);
    if (changed.empty()) return listed;
    const auto matching = matcher(alert.target, alert.query);
    for (const auto& item : changed) {
      if (matching.count(item.key)) listed.push_back(item);
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
      for (const auto& item : listed) slugs.push_back(item.key);
      if (listed.empty()) {
        repository_.FinishDelivery(*claim, DeliveryOutcome::kEmpty, now, slugs, "", now);
        ++report.empty;
        continue;
      }
      mail::MailMessage message;
      message.to = claim->alert.email;
      const std::string& target = claim->alert.target;
      message.subject = DigestSubject(target, listed.size());
      message.text = std::string("Bonjour,\n\nVoici ") +
                     (Projects(target) ? "les fiches de la projetothèque publiées" : "les offres publiées") +
                     " ou modifiées depuis votre dernière alerte pour cette recherche :\n" + public_url_ +
                     SearchPath(target, claim->alert.query) + "\n\n";
      for (const auto& item : listed) {
        message.text += "- " + item.name + "\n  " + public_url_ + ItemPath(target, item.key) + "\n";
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
