// The account tables, on every backend: unique addresses, sessions that expire, single-use
// links (also under concurrent use), and the failed-login counter.
#include <atomic>
#include <thread>
#include <vector>

#include "domain/accounts/secrets.h"
#include "store_fixture.h"

namespace boussole::testing {
namespace {

using accounts::Session;
using accounts::TokenPurpose;

class AccountStoreTest : public StoreTest {
 protected:
  accounts::User NewUser(const std::string& email) {
    auto created = store_->CreateUser({email, "Camille Martin", "hash-of-" + email}, "2026-11-25T10:00:00Z");
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.value();
  }
};

TEST_P(AccountStoreTest, AnAddressHasOneAccount) {
  const auto user = NewUser("camille@mairie-joinville.fr");
  EXPECT_GT(user.id, 0);
  EXPECT_FALSE(user.confirmed());
  auto again = store_->CreateUser({"camille@mairie-joinville.fr", "Autre", "h"}, "2026-11-25T10:01:00Z");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_EQ(store_->FindUserByEmail("camille@mairie-joinville.fr")->display_name, "Camille Martin");
  EXPECT_EQ(store_->FindUserById(user.id)->email, "camille@mairie-joinville.fr");
  EXPECT_FALSE(store_->FindUserByEmail("personne@example.fr").has_value());
}

TEST_P(AccountStoreTest, SessionsAreFoundUntilTheyExpireOrAreDeleted) {
  const auto user = NewUser("a@example.fr");
  store_->CreateSession(Session{"hash-1", user.id, "csrf-1", "2026-11-25T10:00:00Z", "2026-12-09T10:00:00Z"});
  auto found = store_->FindSession("hash-1", "2026-11-26T10:00:00Z");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user_id, user.id);
  EXPECT_EQ(found->csrf_token, "csrf-1");
  EXPECT_FALSE(store_->FindSession("hash-1", "2026-12-09T10:00:00Z").has_value()) << "expired";
  EXPECT_FALSE(store_->FindSession("hash-2", "2026-11-26T10:00:00Z").has_value());
  store_->DeleteSession("hash-1");
  EXPECT_FALSE(store_->FindSession("hash-1", "2026-11-26T10:00:00Z").has_value());
}

TEST_P(AccountStoreTest, AConfirmationLinkWorksOnceBeforeItExpires) {
  const auto user = NewUser("b@example.fr");
  store_->StoreToken("t-confirm", user.id, TokenPurpose::kConfirmEmail, "2026-11-25T10:00:00Z", "2026-11-27T10:00:00Z");
  store_->StoreToken("t-late", user.id, TokenPurpose::kConfirmEmail, "2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z");
  EXPECT_FALSE(store_->ConfirmEmailWithToken("t-late", "2026-11-25T12:00:00Z").has_value()) << "expired";
  EXPECT_FALSE(store_->ResetPasswordWithToken("t-confirm", "new", "2026-11-25T12:00:00Z").has_value())
      << "a confirmation link does not reset a password";
  EXPECT_EQ(store_->ConfirmEmailWithToken("t-confirm", "2026-11-25T12:00:00Z"), user.id);
  EXPECT_EQ(store_->FindUserById(user.id)->confirmed_at, "2026-11-25T12:00:00Z");
  EXPECT_FALSE(store_->ConfirmEmailWithToken("t-confirm", "2026-11-25T12:01:00Z").has_value()) << "used";
}

TEST_P(AccountStoreTest, AResetLinkSetsThePasswordEndsSessionsAndVoidsOtherLinks) {
  const auto user = NewUser("c@example.fr");
  store_->CreateSession(Session{"s-1", user.id, "x", "2026-11-25T10:00:00Z", "2026-12-25T10:00:00Z"});
  store_->StoreToken("r-1", user.id, TokenPurpose::kResetPassword, "2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z");
  store_->StoreToken("r-2", user.id, TokenPurpose::kResetPassword, "2026-11-25T10:05:00Z", "2026-11-25T11:05:00Z");
  EXPECT_EQ(store_->ResetPasswordWithToken("r-1", "new-hash", "2026-11-25T10:30:00Z"), user.id);
  const auto after = store_->FindUserById(user.id);
  EXPECT_EQ(after->password_hash, "new-hash");
  EXPECT_TRUE(after->confirmed()) << "the link proves the address";
  EXPECT_FALSE(store_->FindSession("s-1", "2026-11-25T10:31:00Z").has_value());
  EXPECT_FALSE(store_->ResetPasswordWithToken("r-1", "again", "2026-11-25T10:32:00Z").has_value());
  EXPECT_FALSE(store_->ResetPasswordWithToken("r-2", "again", "2026-11-25T10:32:00Z").has_value());
  EXPECT_EQ(store_->FindUserById(user.id)->password_hash, "new-hash");
}

TEST_P(AccountStoreTest, TwoConcurrentUsesOfOneLinkSucceedOnce) {
  const auto user = NewUser("d@example.fr");
  store_->StoreToken("race", user.id, TokenPurpose::kResetPassword, "2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z");
  auto other = Reopen();
  std::atomic<int> successes{0};
  std::vector<std::thread> threads;
  for (storage::Store* s : {store_.get(), other.get()}) {
    threads.emplace_back([&successes, s] {
      if (s->ResetPasswordWithToken("race", "h", "2026-11-25T10:10:00Z")) ++successes;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(successes.load(), 1);
}

TEST_P(AccountStoreTest, FailedLoginsAreCountedInTheirWindowAndCleared) {
  store_->RecordFailedLogin("compte:e@example.fr", "2026-11-25T10:00:00Z");
  store_->RecordFailedLogin("compte:e@example.fr", "2026-11-25T10:10:00Z");
  store_->RecordFailedLogin("adresse:127.0.0.1", "2026-11-25T10:10:00Z");
  EXPECT_EQ(store_->CountFailedLogins("compte:e@example.fr", "2026-11-25T09:55:00Z"), 2u);
  EXPECT_EQ(store_->CountFailedLogins("compte:e@example.fr", "2026-11-25T10:05:00Z"), 1u);
  store_->ClearFailedLogins("compte:e@example.fr");
  EXPECT_EQ(store_->CountFailedLogins("compte:e@example.fr", "2026-11-25T09:00:00Z"), 0u);
  EXPECT_EQ(store_->CountFailedLogins("adresse:127.0.0.1", "2026-11-25T09:00:00Z"), 1u);
}

TEST_P(AccountStoreTest, ExpiredSessionsLinksAndOldFailuresArePurged) {
  const auto user = NewUser("p@example.fr");
  store_->CreateSession(Session{"old", user.id, "x", "2026-11-01T00:00:00Z", "2026-11-15T00:00:00Z"});
  store_->CreateSession(Session{"live", user.id, "y", "2026-11-20T00:00:00Z", "2026-12-04T00:00:00Z"});
  store_->StoreToken("t-old", user.id, TokenPurpose::kResetPassword, "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z");
  store_->StoreToken("t-live", user.id, TokenPurpose::kConfirmEmail, "2026-11-25T00:00:00Z", "2026-11-27T00:00:00Z");
  store_->RecordFailedLogin("compte:p@example.fr", "2026-11-23T00:00:00Z");
  store_->RecordFailedLogin("compte:p@example.fr", "2026-11-25T09:00:00Z");
  EXPECT_EQ(store_->PurgeExpiredAccountData("2026-11-25T10:00:00Z", "2026-11-24T10:00:00Z"), 3u);
  EXPECT_TRUE(store_->FindSession("live", "2026-11-25T10:00:00Z").has_value());
  EXPECT_EQ(store_->ConfirmEmailWithToken("t-live", "2026-11-25T10:00:00Z"), user.id);
  EXPECT_EQ(store_->CountFailedLogins("compte:p@example.fr", "2026-01-01T00:00:00Z"), 1u);
  // A used link stays until it expires: the same refusal either way, and nothing to gain.
  EXPECT_EQ(store_->PurgeExpiredAccountData("2026-11-25T10:00:00Z", "2026-11-24T10:00:00Z"), 0u);
  EXPECT_EQ(store_->PurgeExpiredAccountData("2026-11-28T10:00:00Z", "2026-11-24T10:00:00Z"), 1u);
}

TEST(Secrets, PasswordsAreArgon2idAndTokensAreRandom) {
  const std::string hash = accounts::HashPassword("correct horse battery");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  // libsodium's interactive costs, 64 MiB and 2 passes (test accounts are seeded cheaper,
  // tests/support/signed_in.cpp, but nothing lowers what the product hashes with).
  EXPECT_NE(hash.find("$m=65536,t=2,p=1$"), std::string::npos) << hash;
  EXPECT_TRUE(accounts::VerifyPassword("correct horse battery", hash));
  EXPECT_FALSE(accounts::VerifyPassword("correct horse batterY", hash));
  EXPECT_NE(accounts::HashPassword("correct horse battery"), hash) << "salted";
  const std::string a = accounts::RandomToken();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, accounts::RandomToken());
  EXPECT_EQ(accounts::TokenHash(a).size(), 64u);
  EXPECT_EQ(accounts::TokenHash(a), accounts::TokenHash(a));
  EXPECT_TRUE(accounts::SameSecret(a, a));
  EXPECT_FALSE(accounts::SameSecret(a, a.substr(1)));
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountStoreTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
