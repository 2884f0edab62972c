// The organisation tables, on every backend: one membership per person and organisation,
// never an organisation without its last admin, single-use invitations (also under
// concurrent use) that expire.
#include <atomic>
#include <thread>
#include <vector>

#include "store_fixture.h"

namespace boussole::testing {
namespace {

using organisations::Invitation;
using organisations::MemberRole;

constexpr const char* kNow = "2026-11-25T10:00:00Z";

class OrganisationStoreTest : public StoreTest {
 protected:
  accounts::User NewUser(const std::string& email) {
    auto created = store_->CreateUser({email, "Agent " + email, "hash"}, kNow);
    EXPECT_TRUE(created.ok());
    return created.value();
  }
  organisations::Organisation Joinville() {
    return store_->CreateOrganisation({organisations::Kind::kCollectivite, "Joinville", territories::TerritoryId{territories::Kind::kCommune, "52250"}},
                                      kNow);
  }
  void Invite(const std::string& hash, std::int64_t organisation_id, const std::string& email,
              const std::string& expires_at = "2026-12-02T10:00:00Z") {
    Invitation invitation;
    invitation.token_hash = hash;
    invitation.organisation_id = organisation_id;
    invitation.email = email;
    invitation.role = MemberRole::kAdmin;
    invitation.created_at = kNow;
    invitation.expires_at = expires_at;
    store_->StoreInvitation(invitation);
  }
};

TEST_P(OrganisationStoreTest, OrganisationsKeepTheirKindAndTerritory) {
  const auto joinville = Joinville();
  EXPECT_GT(joinville.id, 0);
  const auto anct = store_->CreateOrganisation({organisations::Kind::kAnct, "ANCT", std::nullopt}, kNow);
  const auto found = store_->FindOrganisation(joinville.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->kind, organisations::Kind::kCollectivite);
  EXPECT_EQ(found->name, "Joinville");
  ASSERT_TRUE(found->territory.has_value());
  EXPECT_EQ(found->territory->ToString(), "commune:52250");
  EXPECT_FALSE(store_->FindOrganisation(anct.id)->territory.has_value());
  EXPECT_FALSE(store_->FindOrganisation(anct.id + 100).has_value());
  const auto all = store_->ListOrganisations();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "ANCT");
}

TEST_P(OrganisationStoreTest, APersonIsMemberOfAnOrganisationOnce) {
  const auto org = Joinville();
  const auto user = NewUser("a@example.fr");
  ASSERT_TRUE(store_->AddMember(org.id, user.id, MemberRole::kMember, kNow).ok());
  auto again = store_->AddMember(org.id, user.id, MemberRole::kAdmin, kNow);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_EQ(store_->FindMembership(org.id, user.id), MemberRole::kMember);
  EXPECT_EQ(store_->AddMember(org.id + 100, user.id, MemberRole::kMember, kNow).error().code, "not_found");
  EXPECT_EQ(store_->AddMember(org.id, user.id + 100, MemberRole::kMember, kNow).error().code, "not_found");
  const auto memberships = store_->ListMemberships(user.id);
  ASSERT_EQ(memberships.size(), 1u);
  EXPECT_EQ(memberships[0].organisation.name, "Joinville");
  EXPECT_EQ(memberships[0].role, MemberRole::kMember);
}

TEST_P(OrganisationStoreTest, TheLastAdminCannotBeDemotedOrRemoved) {
  const auto org = Joinville();
  const auto first = NewUser("first@example.fr");
  const auto second = NewUser("second@example.fr");
  const auto member = NewUser("member@example.fr");
  ASSERT_TRUE(store_->AddMember(org.id, first.id, MemberRole::kAdmin, kNow).ok());
  ASSERT_TRUE(store_->AddMember(org.id, member.id, MemberRole::kMember, kNow).ok());
  EXPECT_EQ(store_->ChangeMemberRole(org.id, first.id, MemberRole::kMember).error().code, "last_admin");
  EXPECT_EQ(store_->RemoveMember(org.id, first.id).error().code, "last_admin");
  EXPECT_TRUE(store_->ChangeMemberRole(org.id, first.id, MemberRole::kAdmin).ok()) << "staying admin is no loss";
  EXPECT_EQ(store_->RemoveMember(org.id, second.id).error().code, "not_found");
  ASSERT_TRUE(store_->AddMember(org.id, second.id, MemberRole::kAdmin, kNow).ok());
  EXPECT_TRUE(store_->ChangeMemberRole(org.id, first.id, MemberRole::kMember).ok());
  EXPECT_EQ(store_->RemoveMember(org.id, second.id).error().code, "last_admin");
  EXPECT_TRUE(store_->RemoveMember(org.id, member.id).ok());
  const auto members = store_->ListMembers(org.id);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].email, "second@example.fr") << "admins first";
  EXPECT_EQ(members[0].role, MemberRole::kAdmin);
  EXPECT_EQ(members[1].role, MemberRole::kMember);
}

TEST_P(OrganisationStoreTest, TwoAdminsDemotingEachOtherAtOnceLeaveOneAdmin) {
  const auto org = Joinville();
  const auto a = NewUser("a@example.fr");
  const auto b = NewUser("b@example.fr");
  ASSERT_TRUE(store_->AddMember(org.id, a.id, MemberRole::kAdmin, kNow).ok());
  ASSERT_TRUE(store_->AddMember(org.id, b.id, MemberRole::kAdmin, kNow).ok());
  auto other = Reopen();
  std::atomic<int> successes{0};
  std::vector<std::thread> threads;
  threads.emplace_back([&] { successes += store_->ChangeMemberRole(org.id, a.id, MemberRole::kMember).ok(); });
  threads.emplace_back([&] { successes += other->RemoveMember(org.id, b.id).ok(); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(successes.load(), 1);
  const auto members = store_->ListMembers(org.id);
  ASSERT_FALSE(members.empty());
  EXPECT_EQ(members[0].role, MemberRole::kAdmin);
}

TEST_P(OrganisationStoreTest, AnInvitationIsAcceptedOnceByItsAddressBeforeItExpires) {
  const auto org = Joinville();
  const auto user = NewUser("maire@joinville.fr");
  Invite("inv-1", org.id, "maire@joinville.fr");
  Invite("inv-late", org.id, "maire@joinville.fr", "2026-11-25T11:00:00Z");
  const auto pending = store_->PendingInvitationsFor("maire@joinville.fr", "2026-11-25T12:00:00Z");
  ASSERT_EQ(pending.size(), 1u) << "the expired one is not pending";
  EXPECT_EQ(pending[0].organisation_name, "Joinville");
  EXPECT_EQ(store_->PendingInvitationsOf(org.id, "2026-11-25T10:30:00Z").size(), 2u);

  EXPECT_EQ(store_->AcceptInvitation("inv-late", user.id, "maire@joinville.fr", "2026-11-25T12:00:00Z").error().code,
            "invalid_token")
      << "expired";
  EXPECT_FALSE(store_->AcceptInvitation("inv-1", user.id, "autre@joinville.fr", "2026-11-25T12:00:00Z").ok())
      << "another address";
  auto accepted = store_->AcceptInvitation("inv-1", user.id, "maire@joinville.fr", "2026-11-25T12:00:00Z");
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ(accepted.value().accepted_at, "2026-11-25T12:00:00Z");
  EXPECT_EQ(store_->FindMembership(org.id, user.id), MemberRole::kAdmin);
  EXPECT_FALSE(store_->AcceptInvitation("inv-1", user.id, "maire@joinville.fr", "2026-11-25T12:01:00Z").ok()) << "used";
  EXPECT_TRUE(store_->PendingInvitationsFor("maire@joinville.fr", "2026-11-25T10:30:00Z").size() == 1u)
      << "only the unused (later expired) one";
  EXPECT_EQ(store_->FindInvitation("inv-1")->accepted_at, "2026-11-25T12:00:00Z");
}

TEST_P(OrganisationStoreTest, AnInvitationNeverDemotesAnAdmin) {
  const auto org = Joinville();
  const auto user = NewUser("admin@joinville.fr");
  ASSERT_TRUE(store_->AddMember(org.id, user.id, MemberRole::kAdmin, kNow).ok());
  Invitation invitation;
  invitation.token_hash = "as-member";
  invitation.organisation_id = org.id;
  invitation.email = "admin@joinville.fr";
  invitation.role = MemberRole::kMember;
  invitation.invited_by = user.id;
  invitation.created_at = kNow;
  invitation.expires_at = "2026-12-02T10:00:00Z";
  store_->StoreInvitation(invitation);
  EXPECT_EQ(store_->FindInvitation("as-member")->invited_by, user.id);
  ASSERT_TRUE(store_->AcceptInvitation("as-member", user.id, "admin@joinville.fr", kNow).ok());
  EXPECT_EQ(store_->FindMembership(org.id, user.id), MemberRole::kAdmin);
}

TEST_P(OrganisationStoreTest, TwoConcurrentAcceptsOfOneInvitationSucceedOnce) {
  const auto org = Joinville();
  const auto user = NewUser("race@joinville.fr");
  Invite("race", org.id, "race@joinville.fr");
  auto other = Reopen();
  std::atomic<int> successes{0};
  std::vector<std::thread> threads;
  for (storage::Store* s : {store_.get(), other.get()}) {
    threads.emplace_back([&successes, s, &user] {
      if (s->AcceptInvitation("race", user.id, "race@joinville.fr", "2026-11-25T10:10:00Z").ok()) ++successes;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(successes.load(), 1);
  EXPECT_EQ(store_->ListMembers(org.id).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrganisationStoreTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
