// The audit log and personal data, on every backend (issue 9): events recorded, listed
// latest first with their account's name, purged by age; a person's data exported section by
// section; an account deleted into a tombstone that keeps what points to it.
#include <map>
#include <string>

#include "domain/accounts/rate_limits.h"
#include "store_fixture.h"

namespace boussole::testing {
namespace {

class PrivacyStoreTest : public StoreTest {
 protected:
  accounts::User NewUser(const std::string& email) {
    auto created = store_->CreateUser({email, "Nom de " + email, "hash-of-" + email}, "2026-11-25T10:00:00Z");
    EXPECT_TRUE(created.ok());
    return created.value();
  }
  static std::map<std::string, std::size_t> Counts(const std::vector<accounts::PersonalDataSection>& sections) {
    std::map<std::string, std::size_t> counts;
    for (const auto& s : sections) counts[s.name] = s.rows.size();
    return counts;
  }
};

TEST_P(PrivacyStoreTest, SecurityEventsAreListedLatestFirstAndPurgedByAge) {
  const auto user = NewUser("a@example.fr");
  store_->RecordSecurityEvent({0, "2025-01-01T00:00:00Z", "connexion_reussie", user.id, "", "127.0.0.1", ""});
  store_->RecordSecurityEvent({0, "2026-11-25T10:00:00Z", "connexion_echouee", std::nullopt, "", "10.0.0.1", "x=1"});
  auto events = store_->ListSecurityEvents(10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, "connexion_echouee");
  EXPECT_FALSE(events[0].user_id.has_value());
  EXPECT_EQ(events[0].detail, "x=1");
  EXPECT_EQ(events[1].user_id, user.id);
  EXPECT_EQ(events[1].user_name, "Nom de a@example.fr");
  EXPECT_EQ(store_->ListSecurityEvents(1).size(), 1u);
  EXPECT_EQ(store_->PurgeSecurityEvents("2026-01-01T00:00:00Z"), 1u);
  ASSERT_EQ(store_->ListSecurityEvents(10).size(), 1u);
}

TEST_P(PrivacyStoreTest, ExportHoldsThePersonsRowsOnly) {
  const auto a = NewUser("a@example.fr");
  const auto b = NewUser("b@example.fr");
  store_->RecordSecurityEvent({0, "2026-11-25T10:00:00Z", "connexion_reussie", a.id, "", "127.0.0.1", ""});
  store_->RecordSecurityEvent({0, "2026-11-25T10:00:00Z", "connexion_reussie", b.id, "", "127.0.0.1", ""});
  const auto sections = store_->ExportPersonalData(a.id);
  const auto counts = Counts(sections);
  EXPECT_EQ(counts.at("compte"), 1u);
  EXPECT_EQ(counts.at("journal_securite"), 1u);
  EXPECT_EQ(counts.at("adhesions"), 0u);
  const auto& account = sections.front();
  ASSERT_EQ(account.name, "compte");
  std::map<std::string, std::string> row(account.rows[0].begin(), account.rows[0].end());
  EXPECT_EQ(row.at("email"), "a@example.fr");
  EXPECT_EQ(row.count("password_hash"), 0u);
  EXPECT_EQ(row.at("id"), std::to_string(a.id));
}

TEST_P(PrivacyStoreTest, DeletionLeavesATombstoneAndEndsSessions) {
  const auto a = NewUser("a@example.fr");
  store_->CreateSession({"hash-1", a.id, "csrf", "2026-11-25T10:00:00Z", "2026-12-09T10:00:00Z"});
  store_->RecordFailedLogin("compte:a@example.fr", "2026-11-25T10:00:00Z");
  store_->RecordSecurityEvent({0, "2026-11-25T10:00:00Z", "connexion_reussie", a.id, "", "127.0.0.1", ""});
  store_->DeleteAccount(a.id, "2026-11-26T10:00:00Z");
  EXPECT_FALSE(store_->FindSession("hash-1", "2026-11-25T11:00:00Z").has_value());
  EXPECT_FALSE(store_->FindUserByEmail("a@example.fr").has_value());
  const auto tombstone = store_->FindUserById(a.id);
  ASSERT_TRUE(tombstone.has_value());
  EXPECT_EQ(tombstone->email, "compte-supprime-" + std::to_string(a.id) + "@invalid");
  EXPECT_EQ(tombstone->display_name, "Compte supprimé");
  EXPECT_EQ(tombstone->password_hash, "");
  EXPECT_FALSE(tombstone->confirmed());
  EXPECT_EQ(store_->CountFailedLogins("compte:a@example.fr", "2026-01-01T00:00:00Z"), 0u);
  // The log keeps its events, pointing to the tombstone.
  EXPECT_EQ(store_->ListSecurityEvents(10).at(0).user_name, "Compte supprimé");
}

TEST_P(PrivacyStoreTest, RateLimitsCountAttemptsPerAddressAndAction) {
  accounts::RateLimits limits;
  limits.search = {2, std::chrono::seconds(3600)};
  limits.sign_up = {0, std::chrono::seconds(60)};
  accounts::RateLimiter limiter(*store_, limits);
  EXPECT_FALSE(limiter.Attempt(accounts::LimitedAction::kSearch, "10.0.0.1").has_value());
  EXPECT_FALSE(limiter.Attempt(accounts::LimitedAction::kSearch, "10.0.0.1").has_value());
  EXPECT_EQ(limiter.Attempt(accounts::LimitedAction::kSearch, "10.0.0.1"), std::chrono::seconds(3600));
  EXPECT_FALSE(limiter.Attempt(accounts::LimitedAction::kSearch, "10.0.0.2").has_value()) << "another address";
  EXPECT_FALSE(limiter.Attempt(accounts::LimitedAction::kPasswordReset, "10.0.0.1").has_value()) << "another action";
  for (int i = 0; i < 50; ++i) {
    EXPECT_FALSE(limiter.Attempt(accounts::LimitedAction::kSignUp, "10.0.0.1").has_value()) << "0: no limit";
  }
}

TEST(RateLimitSetting, ReadsNamedLimitsAndRefusesTheRest) {
  auto limits = accounts::ParseRateLimits("recherche=10/60, inscription=0/3600");
  ASSERT_TRUE(limits.ok());
  EXPECT_EQ(limits.value().search.max, 10u);
  EXPECT_EQ(limits.value().search.window, std::chrono::seconds(60));
  EXPECT_EQ(limits.value().sign_up.max, 0u);
  EXPECT_EQ(limits.value().sign_in.max, accounts::RateLimits{}.sign_in.max) << "unnamed: the default";
  for (const char* bad : {"recherche", "recherche=10", "recherche=x/60", "recherche=10/0", "recherche=10/90000",
                          "autre=1/60", "recherche=-1/60", "recherche=10/60s"}) {
    auto refused = accounts::ParseRateLimits(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_NE(refused.error().message.find("BOUSSOLE_RATE_LIMITS invalide"), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, PrivacyStoreTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
