// Notifications on every backend: a project's history event reaches its organisation's
// members but its author, each person's pace, periods claimed once across servers, and a
// refused mail that gives its notifications back.
#include <atomic>
#include <mutex>
#include <thread>

#include "domain/notifications/notification_service.h"
#include "store_fixture.h"
#include "support/recording_mailer.h"

namespace boussole::testing {
namespace {

using notifications::Frequency;

class NotificationStoreTest : public StoreTest {
 protected:
  std::int64_t ConfirmedUser(const std::string& email) {
    const auto user = store_->CreateUser({email, "Personne", "h"}, "2026-12-01T08:00:00Z");
    EXPECT_TRUE(user.ok());
    store_->StoreToken("t-" + email, user.value().id, accounts::TokenPurpose::kConfirmEmail, "2026-12-01T08:00:00Z",
                       "2026-12-02T08:00:00Z");
    EXPECT_TRUE(store_->ConfirmEmailWithToken("t-" + email, "2026-12-01T08:01:00Z"));
    return user.value().id;
  }

  std::int64_t Organisation(const std::string& name, const std::string& commune) {
    organisations::NewOrganisation org;
    org.kind = organisations::Kind::kCollectivite;
    org.name = name;
    org.territory = territories::TerritoryId{territories::Kind::kCommune, commune};
    return store_->CreateOrganisation(org, "2026-12-01T08:00:00Z").id;
  }

  void SetUp() override {
    StoreTest::SetUp();
    joinville_ = Organisation("Commune de Joinville", "52250");
    other_ = Organisation("Commune de Chaumont", "52121");
    author_ = ConfirmedUser("auteur@joinville.fr");
    colleague_ = ConfirmedUser("collegue@joinville.fr");
    outsider_ = ConfirmedUser("agent@chaumont.fr");
    ASSERT_TRUE(store_->AddMember(joinville_, author_, organisations::MemberRole::kAdmin, "2026-12-01T08:02:00Z").ok());
    ASSERT_TRUE(
        store_->AddMember(joinville_, colleague_, organisations::MemberRole::kMember, "2026-12-01T08:02:00Z").ok());
    ASSERT_TRUE(store_->AddMember(other_, outsider_, organisations::MemberRole::kMember, "2026-12-01T08:02:00Z").ok());
  }

  projects::Project NewProject(const std::string& now) {
    projects::Project p;
    p.organisation_id = joinville_;
    p.name = "Halles du centre";
    p.territory = "commune:52250";
    p.stage = "preop";
    p.created_by = author_;
    return store_->CreateProject(p, now);
  }

  std::int64_t joinville_ = 0, other_ = 0, author_ = 0, colleague_ = 0, outsider_ = 0;
};

TEST_P(NotificationStoreTest, AProjectEventReachesTheOtherMembersOnly) {
  const auto project = NewProject("2026-12-05T09:00:00Z");
  const auto colleague = store_->RecentNotifications(colleague_, 10);
  ASSERT_EQ(colleague.size(), 1u);
  EXPECT_EQ(colleague[0].topic, "project");
  EXPECT_EQ(colleague[0].subject, "Projet « Halles du centre » : Projet créé");
  EXPECT_EQ(colleague[0].link, "/projets/" + std::to_string(project.id));
  EXPECT_EQ(colleague[0].created_at, "2026-12-05T09:00:00Z");
  EXPECT_FALSE(colleague[0].delivered);
  EXPECT_TRUE(store_->RecentNotifications(author_, 10).empty()) << "the author knows";
  EXPECT_TRUE(store_->RecentNotifications(outsider_, 10).empty()) << "another organisation";
  // A write by the colleague reaches the author.
  store_->SaveProjectOffer({project.id, "atelier-des-territoires", "a_etudier", "", "", ""}, colleague_,
                           "2026-12-05T09:10:00Z");
  ASSERT_EQ(store_->RecentNotifications(author_, 10).size(), 1u);
  EXPECT_EQ(store_->RecentNotifications(colleague_, 10).size(), 1u);
}

TEST_P(NotificationStoreTest, EachPersonChoosesThePace) {
  EXPECT_EQ(store_->NotificationFrequency(colleague_), Frequency::kDaily) << "the default";
  store_->SetNotificationFrequency(colleague_, Frequency::kWeekly);
  EXPECT_EQ(Reopen()->NotificationFrequency(colleague_), Frequency::kWeekly);
  NewProject("2026-12-05T09:00:00Z");
  EXPECT_TRUE(store_->UsersToNotify(Frequency::kDaily, "2026-12-05").empty());
  EXPECT_EQ(store_->UsersToNotify(Frequency::kWeekly, "2026-W49"), std::vector<std::int64_t>{colleague_});
  store_->SetNotificationFrequency(colleague_, Frequency::kNone);
  EXPECT_TRUE(store_->UsersToNotify(Frequency::kWeekly, "2026-W49").empty());
}

TEST_P(NotificationStoreTest, ADigestPeriodIsClaimedOnceAndLaterNewsWaitForTheNext) {
  NewProject("2026-12-05T09:00:00Z");
  auto delivery = store_->ClaimNotifications(colleague_, "2026-12-05", "2026-12-05T10:00:00Z");
  ASSERT_TRUE(delivery);
  EXPECT_EQ(delivery->email, "collegue@joinville.fr");
  ASSERT_EQ(delivery->items.size(), 1u);
  EXPECT_FALSE(Reopen()->ClaimNotifications(colleague_, "2026-12-05", "2026-12-05T10:00:01Z")) << "claimed once";
  store_->FinishNotifications(*delivery, true, "", "2026-12-05T10:00:02Z");
  EXPECT_TRUE(store_->RecentNotifications(colleague_, 10)[0].delivered);
  // News of the afternoon: not today any more, tomorrow.
  const auto project = store_->ProjectsOf(joinville_).front();
  store_->SaveProjectOffer({project.id, "atelier-des-territoires", "a_etudier", "", "", ""}, author_,
                           "2026-12-05T15:00:00Z");
  EXPECT_TRUE(store_->UsersToNotify(Frequency::kDaily, "2026-12-05").empty());
  auto tomorrow = store_->ClaimNotifications(colleague_, "2026-12-06", "2026-12-06T00:01:00Z");
  ASSERT_TRUE(tomorrow);
  ASSERT_EQ(tomorrow->items.size(), 1u) << "only what is new";
  EXPECT_NE(tomorrow->items[0].subject.find("atelier-des-territoires"), std::string::npos);
  EXPECT_FALSE(store_->ClaimNotifications(colleague_, "2026-12-07", "2026-12-07T00:01:00Z")) << "nothing waits";
}

TEST_P(NotificationStoreTest, ServersRunningTheJobTogetherSendOneMail) {
  NewProject("2026-12-05T09:00:00Z");
  store_->SetNotificationFrequency(colleague_, Frequency::kImmediate);
  RecordingMailer mailer;
  std::vector<std::unique_ptr<storage::Store>> servers;
  for (int i = 0; i < 4; ++i) servers.push_back(Reopen());
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      try {
        // Two seconds apart in pairs: two "immediate" periods, still one mail.
        notifications::NotificationService service(*servers[i], mailer, "https://boussole.example");
        service.SendDue(i % 2 ? "2026-12-05T09:00:01Z" : "2026-12-05T09:00:02Z");
      } catch (const std::exception&) {
        ++errors;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors, 0);
  const auto sent = mailer.Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].to, "collegue@joinville.fr");
  EXPECT_EQ(sent[0].subject, "Boussole : Projet « Halles du centre » : Projet créé");
  EXPECT_NE(sent[0].text.find("https://boussole.example/projets/"), std::string::npos) << sent[0].text;
  EXPECT_NE(sent[0].text.find("https://boussole.example/compte#notifications"), std::string::npos);
}

TEST_P(NotificationStoreTest, ARefusedMailGivesItsNotificationsBack) {
  NewProject("2026-12-05T09:00:00Z");
  RecordingMailer mailer;
  notifications::NotificationService service(*store_, mailer, "https://boussole.example");
  mailer.Fail(true);
  EXPECT_EQ(service.SendDue("2026-12-05T10:00:00Z").failed, 1u);
  EXPECT_FALSE(store_->RecentNotifications(colleague_, 10)[0].delivered);
  mailer.Fail(false);
  EXPECT_EQ(service.SendDue("2026-12-05T11:00:00Z").sent, 0u) << "today's period is spent";
  EXPECT_EQ(service.SendDue("2026-12-06T08:00:00Z").sent, 1u) << "tomorrow's digest carries it";
  ASSERT_EQ(mailer.Sent().size(), 1u);
  EXPECT_NE(mailer.Sent()[0].text.find("Halles du centre"), std::string::npos);
  store_->SetNotificationFrequency(colleague_, Frequency::kNone);
  const auto project = store_->ProjectsOf(joinville_).front();
  store_->SaveProjectOffer({project.id, "atelier-des-territoires", "a_etudier", "", "", ""}, author_,
                           "2026-12-07T15:00:00Z");
  EXPECT_EQ(service.SendDue("2026-12-08T08:00:00Z").sent, 0u) << "none: never mailed";
  EXPECT_EQ(store_->RecentNotifications(colleague_, 10).size(), 2u) << "still listed";
}

TEST(NotificationPeriods, DaysWeeksAndSeconds) {
  EXPECT_EQ(notifications::DeliveryPeriod(Frequency::kDaily, "2026-12-05T23:59:59Z"), "2026-12-05");
  EXPECT_EQ(notifications::DeliveryPeriod(Frequency::kWeekly, "2026-12-05T10:00:00Z"), "2026-W49");
  EXPECT_EQ(notifications::DeliveryPeriod(Frequency::kImmediate, "2026-12-05T10:00:00Z"),
            "immediate-2026-12-05T10:00:00Z");
  EXPECT_EQ(notifications::DeliveryPeriod(Frequency::kNone, "2026-12-05T10:00:00Z"), "");
  EXPECT_EQ(notifications::DeliveryPeriod(Frequency::kDaily, "demain"), "");
  EXPECT_EQ(notifications::ParseFrequency("weekly"), Frequency::kWeekly);
  EXPECT_FALSE(notifications::ParseFrequency("mensuelle"));
}

INSTANTIATE_TEST_SUITE_P(Backends, NotificationStoreTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
