// The change feed and the shared job schedule, on every backend.
#include <atomic>
#include <set>
#include <thread>

#include "store_fixture.h"

namespace boussole::testing {
namespace {

class JobStoreTest : public StoreTest {};

TEST_P(JobStoreTest, EveryOfferWriteAdvancesTheChangeFeed) {
  const std::int64_t start = store_->LatestChange();
  ASSERT_TRUE(store_->ImportOffers({MakeOffer("a", "Alpha", "")}).ok());
  const std::int64_t after_import = store_->LatestChange();
  EXPECT_GT(after_import, start);
  ASSERT_TRUE(store_->ImportOffers({MakeOffer("a", "Alpha", "")}).ok());
  EXPECT_EQ(store_->LatestChange(), after_import) << "an unchanged import writes nothing";
  ASSERT_TRUE(store_->SaveOfferEdit(MakeOffer("a", "Alpha édité", "")).ok());
  EXPECT_GT(store_->LatestChange(), after_import);
}

TEST_P(JobStoreTest, WaitForChangeWakesOnAWriteFromAnotherConnection) {
  const std::int64_t start = store_->LatestChange();
  auto other = Reopen();
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ASSERT_TRUE(other->ImportOffers({MakeOffer("b", "Bêta", "")}).ok());
  });
  const auto begin = std::chrono::steady_clock::now();
  const std::int64_t seen = store_->WaitForChange(start, std::chrono::seconds(5));
  const auto waited = std::chrono::steady_clock::now() - begin;
  writer.join();
  EXPECT_GT(seen, start);
  EXPECT_LT(waited, std::chrono::seconds(5)) << "woken by the write, not by the timeout";
  EXPECT_EQ(store_->WaitForChange(seen, std::chrono::milliseconds(200)), seen) << "no change: times out";
}

TEST_P(JobStoreTest, ClosesOffersWhoseDeadlinePassedOnce) {
  auto past = MakeOffer("passee", "Passée", "");
  past.submission_deadline = "2020-06-30";
  past.sources[0].fields.push_back("submission_deadline");
  auto future = MakeOffer("future", "Future", "");
  future.submission_deadline = "2099-01-01";
  future.sources[0].fields.push_back("submission_deadline");
  ASSERT_TRUE(store_->ImportOffers({past, future, MakeOffer("permanente", "Permanente", "")}).ok());
  EXPECT_EQ(store_->CloseOffersPastDeadline("2026-11-25", "2026-11-25T10:00:00Z"), std::vector<std::string>{"passee"});
  EXPECT_EQ(store_->FindOffer("passee")->closed_at, "2026-11-25T10:00:00Z");
  EXPECT_EQ(store_->FindOffer("future")->closed_at, "");
  EXPECT_TRUE(store_->CloseOffersPastDeadline("2026-11-25", "2026-11-25T11:00:00Z").empty()) << "idempotent";
}

TEST_P(JobStoreTest, AJobIsDueOnceAndMovesToItsNextOccurrence) {
  ASSERT_TRUE(store_->EnsureJob("nettoyage", 60, "2026-11-25T10:00:00Z").ok());
  EXPECT_FALSE(store_->ClaimDueJob("s1", "2026-11-25T09:59:59Z")) << "not due yet";
  auto claim = store_->ClaimDueJob("s1", "2026-11-25T10:03:30Z");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->due_at, "2026-11-25T10:00:00Z");
  EXPECT_FALSE(store_->ClaimDueJob("s2", "2026-11-25T10:03:30Z")) << "missed occurrences are not replayed";
  auto next = store_->ClaimDueJob("s2", "2026-11-25T10:04:00Z");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->due_at, "2026-11-25T10:04:00Z");
  store_->FinishJob(*next, "ok", "2026-11-25T10:04:01Z");
  // Registering again keeps the schedule.
  ASSERT_TRUE(store_->EnsureJob("nettoyage", 60, "2030-01-01T00:00:00Z").ok());
  EXPECT_TRUE(store_->ClaimDueJob("s1", "2026-11-25T10:05:00Z"));
}

TEST_P(JobStoreTest, ConcurrentServersClaimEachOccurrenceExactlyOnce) {
  ASSERT_TRUE(store_->EnsureJob("tic", 1, "2026-11-25T10:00:00Z").ok());
  std::vector<std::unique_ptr<storage::Store>> servers;
  for (int i = 0; i < 4; ++i) servers.push_back(Reopen());
  std::mutex mutex;
  std::vector<std::string> claimed;
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      // Each "server" keeps asking as time advances one second per round.
      for (int second = 0; second < 30; ++second) {
        const std::string now = "2026-11-25T10:00:" + std::string(second < 10 ? "0" : "") + std::to_string(second) + "Z";
        try {
          if (auto claim = servers[i]->ClaimDueJob("s" + std::to_string(i), now)) {
            std::lock_guard lock(mutex);
            claimed.push_back(claim->due_at);
          }
        } catch (const std::exception&) {
          ++errors;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors, 0);
  std::set<std::string> unique(claimed.begin(), claimed.end());
  EXPECT_EQ(unique.size(), claimed.size()) << "an occurrence was claimed twice";
  EXPECT_GE(claimed.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobStoreTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
