// The ANCT's annual engineering envelopes (issue 6, item 4), on every backend.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace boussole::testing {
namespace {

class BudgetRepositoryTest : public StoreTest {};

TEST_P(BudgetRepositoryTest, SetsOneEnvelopePerYearAndKeepsWhoSetItLast) {
  EXPECT_TRUE(store_->ListEngineeringBudgets().empty());
  const auto user = store_->CreateUser({"anct@example.fr", "Agent ANCT", "h"}, "2026-11-25T10:00:00Z");
  ASSERT_TRUE(user.ok());
  store_->SetEngineeringBudget({2027, 25'000'000, user.value().id, "", ""}, "2026-11-25T10:01:00Z");
  store_->SetEngineeringBudget({2026, 20'000'000, 0, "", ""}, "2026-11-25T10:02:00Z");
  // Again for 2027: replaced, not added.
  store_->SetEngineeringBudget({2027, 30'000'000'000, user.value().id, "", ""}, "2026-11-25T10:03:00Z");
  const auto budgets = Reopen()->ListEngineeringBudgets();
  ASSERT_EQ(budgets.size(), 2u);
  EXPECT_EQ(budgets[0].year, 2026);
  EXPECT_EQ(budgets[0].amount_euros, 20'000'000);
  EXPECT_EQ(budgets[0].updated_by, 0);
  EXPECT_EQ(budgets[0].updated_by_name, "");
  EXPECT_EQ(budgets[1].year, 2027);
  EXPECT_EQ(budgets[1].amount_euros, 30'000'000'000) << "beyond 32 bits";
  EXPECT_EQ(budgets[1].updated_by, user.value().id);
  EXPECT_EQ(budgets[1].updated_by_name, "Agent ANCT");
  EXPECT_EQ(budgets[1].updated_at, "2026-11-25T10:03:00Z");
}

INSTANTIATE_TEST_SUITE_P(Backends, BudgetRepositoryTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
