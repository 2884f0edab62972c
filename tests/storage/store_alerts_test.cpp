// Alerts on every backend: links, periods claimed once, the high-water mark, and the
// digest service over a real store with a recording mailer.
#include <atomic>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "domain/alerts/alert_service.h"
#include "domain/accounts/secrets.h"
#include "store_fixture.h"
#include "support/recording_mailer.h"

namespace boussole::testing {
namespace {

using alerts::AlertService;
using alerts::DeliveryOutcome;

// The token of the link to `path` in a mail.
std::string TokenOf(const std::string& text, const std::string& path) {
  const auto at = text.find(path + "?jeton=");
  if (at == std::string::npos) return {};
  const auto begin = at + path.size() + 7;
  return text.substr(begin, text.find('\n', begin) - begin);
}

// Every search matches every offer: matching is the web layer's (tested over HTTP).
std::set<std::string> MatchAll(std::string_view, const std::string&) { return {"alpha", "beta", "gamma"}; }

class AlertStoreTest : public StoreTest {
 protected:
  alerts::Alert NewConfirmed(const std::string& frequency, const std::string& now) {
    auto alert = store_->CreateAlert({"a@mairie.fr", std::nullopt, "q=eau", frequency, "c-" + frequency,
                                      "u-" + frequency},
                                     now);
    EXPECT_TRUE(store_->ConfirmAlert("c-" + frequency, now));
    return *store_->FindAlert(alert.id);
  }
};

TEST_P(AlertStoreTest, ConfirmAndUnsubscribeLinksWorkOnce) {
  auto alert = store_->CreateAlert({"a@mairie.fr", std::nullopt, "q=eau&statut=ouvert", "daily", "c1", "u1"},
                                   "2026-11-25T10:00:00Z");
  EXPECT_EQ(alert.query, "q=eau&statut=ouvert");
  EXPECT_EQ(alert.confirmed_at, "");
  EXPECT_EQ(alert.last_digest_at, "2026-11-25T10:00:00Z");
  EXPECT_TRUE(store_->AlertsWithoutDelivery("daily", "2026-11-25").empty()) << "unconfirmed";
  auto confirmed = store_->ConfirmAlert("c1", "2026-11-25T11:00:00Z");
  ASSERT_TRUE(confirmed);
  EXPECT_EQ(confirmed->confirmed_at, "2026-11-25T11:00:00Z");
  EXPECT_EQ(confirmed->last_digest_at, "2026-11-25T11:00:00Z");
  EXPECT_FALSE(store_->ConfirmAlert("c1", "2026-11-25T12:00:00Z")) << "a used link";
  EXPECT_FALSE(store_->ConfirmAlert("inconnu", "2026-11-25T12:00:00Z"));
  EXPECT_EQ(store_->AlertsWithoutDelivery("daily", "2026-11-25").size(), 1u);
  EXPECT_TRUE(store_->AlertsWithoutDelivery("weekly", "2026-W48").empty());
  EXPECT_TRUE(store_->UnsubscribeAlert("u1", "2026-11-25T13:00:00Z"));
  EXPECT_FALSE(store_->UnsubscribeAlert("u1", "2026-11-25T13:00:00Z")) << "already unsubscribed";
  EXPECT_TRUE(store_->AlertsWithoutDelivery("daily", "2026-11-25").empty());
}

TEST_P(AlertStoreTest, APeriodIsClaimedOnceAndFailuresKeepTheMark) {
  auto alert = NewConfirmed("daily", "2026-11-25T10:00:00Z");
  auto claim = store_->ClaimDelivery(alert.id, "2026-11-25", "d1", "2026-11-25T12:00:00Z");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->alert.last_digest_at, "2026-11-25T10:00:00Z");
  EXPECT_FALSE(Reopen()->ClaimDelivery(alert.id, "2026-11-25", "d2", "2026-11-25T12:00:01Z")) << "claimed once";
  EXPECT_TRUE(store_->AlertsWithoutDelivery("daily", "2026-11-25").empty());
  store_->FinishDelivery(*claim, DeliveryOutcome::kFailed, "2026-11-25T12:00:00Z", {"alpha"}, "panne", "2026-11-25T12:00:02Z");
  EXPECT_EQ(store_->FindAlert(alert.id)->last_digest_at, "2026-11-25T10:00:00Z") << "failed: mark kept";
  auto next = store_->ClaimDelivery(alert.id, "2026-11-26", "d3", "2026-11-26T12:00:00Z");
  ASSERT_TRUE(next);
  store_->FinishDelivery(*next, DeliveryOutcome::kSent, "2026-11-26T12:00:00Z", {"alpha"}, "", "2026-11-26T12:00:01Z");
  EXPECT_EQ(store_->FindAlert(alert.id)->last_digest_at, "2026-11-26T12:00:00Z");
  // Every digest's link unsubscribes.
  EXPECT_TRUE(store_->UnsubscribeAlert("d3", "2026-11-27T00:00:00Z"));
  EXPECT_FALSE(store_->ClaimDelivery(alert.id, "2026-11-27", "d4", "2026-11-27T12:00:00Z")) << "unsubscribed";
}

TEST_P(AlertStoreTest, ConcurrentServersClaimAPeriodExactlyOnce) {
  auto alert = NewConfirmed("weekly", "2026-11-25T10:00:00Z");
  std::vector<std::unique_ptr<storage::Store>> servers;
  for (int i = 0; i < 4; ++i) servers.push_back(Reopen());
  std::atomic<int> claims{0};
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      try {
        if (servers[i]->ClaimDelivery(alert.id, "2026-W48", "t" + std::to_string(i), "2026-11-25T12:00:00Z")) ++claims;
      } catch (const std::exception&) {
        ++errors;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(claims, 1);
}

TEST_P(AlertStoreTest, PeriodKeysAreUtcDaysAndIsoWeeks) {
  EXPECT_EQ(alerts::PeriodKey("daily", "2026-11-25T23:59:59Z"), "2026-11-25");
  EXPECT_EQ(alerts::PeriodKey("weekly", "2026-11-25T10:00:00Z"), "2026-W48");
  EXPECT_EQ(alerts::PeriodKey("weekly", "2027-01-01T10:00:00Z"), "2026-W53") << "ISO year of the week";
  EXPECT_EQ(alerts::PeriodKey("monthly", "2026-11-25T10:00:00Z"), "");
  EXPECT_EQ(alerts::PeriodKey("daily", "demain"), "");
}

// The done-when of the issue, at the service level with real timestamps: one mail naming
// the offer however often the job runs and on however many servers, then a mail naming only
// the second offer, then nothing after unsubscribing.
TEST_P(AlertStoreTest, DigestsListOnlyWhatIsNewSinceTheLastOne) {
  RecordingMailer mailer;
  AlertService service(*store_, mailer, "https://boussole.example/");
  EXPECT_EQ(service.Create({"pas-une-adresse", "q=eau", "daily", std::nullopt}, NowUtc()).error().field, "email");
  EXPECT_EQ(service.Create({"a@mairie.fr", "q=eau", "monthly", std::nullopt}, NowUtc()).error().field, "frequency");
  EXPECT_EQ(service.Create({"a@mairie.fr", std::string(alerts::kMaxQueryBytes + 1, 'x'), "daily", std::nullopt},
                           NowUtc())
                .error()
                .field,
            "query");
  ASSERT_TRUE(service.Create({" A@Mairie.fr ", "q=eau", "daily", std::nullopt}, NowUtc()));
  ASSERT_EQ(mailer.Sent().size(), 1u);
  EXPECT_EQ(mailer.Sent()[0].to, "a@mairie.fr");
  const std::string confirm = TokenOf(mailer.Sent()[0].text, "https://boussole.example/alertes/confirmation");
  ASSERT_FALSE(confirm.empty()) << mailer.Sent()[0].text;
  EXPECT_FALSE(service.SendDigests(MatchAll, NowUtc(), "j1", "s1").sent) << "not confirmed yet";
  ASSERT_TRUE(service.Confirm(confirm, NowUtc()));
  EXPECT_EQ(service.Confirm(confirm, NowUtc()).error().code, "invalid_token");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // timestamps have seconds

  ASSERT_TRUE(store_->ImportOffers({MakeOffer("alpha", "Fonds Alpha", "")}).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto other = Reopen();
  AlertService other_server(*other, mailer, "https://boussole.example");
  for (int run = 0; run < 2; ++run) {
    service.SendDigests(MatchAll, NowUtc(), "j1", "s1");
    other_server.SendDigests(MatchAll, NowUtc(), "j1", "s1");
  }
  auto sent = mailer.Sent();
  ASSERT_EQ(sent.size(), 2u) << "one confirmation, one digest";
  EXPECT_NE(sent[1].text.find("Fonds Alpha"), std::string::npos);
  EXPECT_NE(sent[1].text.find("https://boussole.example/offres/alpha"), std::string::npos);

  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(store_->ImportOffers({MakeOffer("alpha", "Fonds Alpha", ""), MakeOffer("beta", "Prêt Bêta", "")}).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  service.SendDigests(MatchAll, NowUtc(), "j2", "s1");
  other_server.SendDigests(MatchAll, NowUtc(), "j2", "s1");
  sent = mailer.Sent();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_NE(sent[2].text.find("Prêt Bêta"), std::string::npos);
  EXPECT_EQ(sent[2].text.find("Fonds Alpha"), std::string::npos) << "only what is new: " << sent[2].text;

  // Nothing new: no mail.
  EXPECT_EQ(service.SendDigests(MatchAll, NowUtc(), "j3", "s1").empty, 1u);
  EXPECT_EQ(mailer.Sent().size(), 3u);

  // A failed mail records the failure, sends nothing twice, and lists the offer next time.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(store_->ImportOffers({MakeOffer("alpha", "Fonds Alpha", ""), MakeOffer("beta", "Prêt Bêta", ""),
                                    MakeOffer("gamma", "Aide Gamma", "")})
                  .ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  mailer.Fail(true);
  EXPECT_EQ(service.SendDigests(MatchAll, NowUtc(), "j4", "s1").failed, 1u);
  mailer.Fail(false);
  EXPECT_EQ(service.SendDigests(MatchAll, NowUtc(), "j4", "s1").sent, 0u) << "the failed period is not retried";
  EXPECT_EQ(service.SendDigests(MatchAll, NowUtc(), "j5", "s1").sent, 1u);
  sent = mailer.Sent();
  ASSERT_EQ(sent.size(), 4u);
  EXPECT_NE(sent[3].text.find("Aide Gamma"), std::string::npos);

  // The digest's own link unsubscribes; a second use is refused.
  const std::string unsubscribe = TokenOf(sent[3].text, "https://boussole.example/alertes/desinscription");
  ASSERT_TRUE(service.Unsubscribe(unsubscribe, NowUtc()));
  EXPECT_EQ(service.Unsubscribe(unsubscribe, NowUtc()).error().code, "invalid_token");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(store_->SaveOfferEdit(MakeOffer("gamma", "Aide Gamma modifiée", "")).ok());
  service.SendDigests(MatchAll, NowUtc(), "j6", "s1");
  EXPECT_EQ(mailer.Sent().size(), 4u) << "unsubscribed";
}

// Search matching is the caller's: offers the search does not match are left out.
TEST_P(AlertStoreTest, DigestsListOnlyOffersTheSearchMatches) {
  RecordingMailer mailer;
  AlertService service(*store_, mailer, "https://boussole.example");
  ASSERT_TRUE(service.Create({"a@mairie.fr", "q=eau", "weekly", std::nullopt}, NowUtc()));
  ASSERT_TRUE(service.Confirm(TokenOf(mailer.Sent()[0].text, "/alertes/confirmation"), NowUtc()));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(store_->ImportOffers({MakeOffer("alpha", "Fonds Alpha", ""), MakeOffer("beta", "Prêt Bêta", "")}).ok());
  std::string asked;
  service.SendDigests(
      [&](std::string_view, const std::string& query) {
        asked = query;
        return std::set<std::string>{"beta"};
      },
      NowUtc(), "j1", "s1");
  EXPECT_EQ(asked, "q=eau");
  ASSERT_EQ(mailer.Sent().size(), 2u);
  EXPECT_NE(mailer.Sent()[1].text.find("Prêt Bêta"), std::string::npos);
  EXPECT_EQ(mailer.Sent()[1].text.find("Fonds Alpha"), std::string::npos);
}

TEST_P(AlertStoreTest, UnconfirmedAlertsAreBoundedPerAddressAndPurged) {
  RecordingMailer mailer;
  AlertService service(*store_, mailer, "https://boussole.example");
  const std::string now = NowUtc();
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(service.Create({"Cible@Mairie.fr", "q=eau" + std::to_string(i), "daily", std::nullopt}, now).ok());
  }
  const auto refused = service.Create({"cible@mairie.fr", "q=voirie", "daily", std::nullopt}, now);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "too_many");
  EXPECT_EQ(mailer.Sent().size(), 3u) << "no fourth mail";
  EXPECT_EQ(store_->UnconfirmedAlertsSince("cible@mairie.fr", "2000-01-01T00:00:00Z"), 3u);
  EXPECT_TRUE(service.Create({"autre@mairie.fr", "q=eau", "daily", std::nullopt}, now).ok()) << "per address";
  // A day later, or once confirmed, the address may ask again.
  const std::string tomorrow = FormatUtc(*ParseUtc(now) + 24 * 3600 + 1);
  EXPECT_TRUE(service.Create({"cible@mairie.fr", "q=voirie", "daily", std::nullopt}, tomorrow).ok());
  EXPECT_EQ(service.Create({"cible@mairie.fr", "q=eau", "daily", std::nullopt, "aides"}, tomorrow).error().field,
            "target");

  // Never confirmed for a week: deleted; a confirmed one stays.
  auto kept = store_->CreateAlert({"garde@mairie.fr", std::nullopt, "q=eau", "daily", "ck", "uk"},
                                  "2026-11-01T10:00:00Z");
  ASSERT_TRUE(store_->ConfirmAlert("ck", "2026-11-01T10:05:00Z"));
  store_->CreateAlert({"oubli@mairie.fr", std::nullopt, "q=eau", "daily", "co", "uo"}, "2026-11-01T10:00:00Z");
  EXPECT_EQ(store_->PurgeUnconfirmedAlerts("2026-11-08T10:00:00Z"), 1u);
  EXPECT_TRUE(store_->FindAlert(kept.id));
  EXPECT_TRUE(store_->AlertsOf(0, "oubli@mairie.fr").empty());
}

TEST_P(AlertStoreTest, APersonSeesAndEndsTheirOwnAlertsOnly) {
  RecordingMailer mailer;
  AlertService service(*store_, mailer, "https://boussole.example");
  const auto user = store_->CreateUser({"agent@mairie.fr", "Agent", "h"}, "2026-11-25T10:00:00Z").value();
  auto by_account = store_->CreateAlert({"perso@gmail.example", user.id, "q=eau", "daily", "c1", "u1"},
                                        "2026-11-25T10:00:00Z");
  auto by_address = store_->CreateAlert({"agent@mairie.fr", std::nullopt, "q=voirie", "weekly", "c2", "u2", "projects"},
                                        "2026-11-25T11:00:00Z");
  auto someone_else = store_->CreateAlert({"autre@mairie.fr", std::nullopt, "q=eau", "daily", "c3", "u3"},
                                          "2026-11-25T12:00:00Z");
  const auto mine = store_->AlertsOf(user.id, "agent@mairie.fr");
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, by_address.id) << "newest first";
  EXPECT_EQ(mine[0].target, "projects");
  EXPECT_EQ(mine[1].id, by_account.id);
  EXPECT_EQ(service.UnsubscribeOwn(someone_else.id, user.id, "agent@mairie.fr", NowUtc()).error().code, "not_found");
  EXPECT_TRUE(store_->FindAlert(someone_else.id)->unsubscribed_at.empty());
  EXPECT_TRUE(service.UnsubscribeOwn(by_account.id, user.id, "agent@mairie.fr", NowUtc()).ok());
  EXPECT_FALSE(service.UnsubscribeOwn(by_account.id, user.id, "agent@mairie.fr", NowUtc()).ok()) << "once";
  EXPECT_FALSE(store_->FindAlert(by_account.id)->unsubscribed_at.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, AlertStoreTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
