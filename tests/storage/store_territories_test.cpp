#include <algorithm>

#include "core/text_folding.h"
#include "store_fixture.h"
#include "storage/migration.h"
#include "support/database.h"

namespace boussole::testing {
namespace {

using territories::Kind;
using territories::TerritoryId;

const auto kNoProgress = [](std::string_view, std::size_t, std::size_t) {};

std::vector<std::string> Codes(const std::vector<territories::Territory>& rows) {
  std::vector<std::string> codes;
  for (const auto& t : rows) codes.push_back(t.id.code);
  return codes;
}

TEST_P(StoreTest, MigratesToTheLatestSchema) {
  EXPECT_GE(store_->SchemaVersion(), 2);
  EXPECT_EQ(store_->SchemaVersion(), store_->LatestSchemaVersion());
  EXPECT_TRUE(store_->Ping().ok());
  // Opening again applies nothing twice.
  EXPECT_EQ(Reopen()->SchemaVersion(), store_->SchemaVersion());
}

TEST_P(StoreTest, AMigrationMissingBelowTheHighestIsStillApplied) {
  // A database that got 0010 before 0009 (branches landing out of order): forget 0009 and
  // what it made, reopen: 0009 runs, nothing else runs twice.
  ASSERT_GT(store_->LatestSchemaVersion(), 9);
  ExecSql(url_, "DELETE FROM schema_migrations WHERE version = 9");
  ExecSql(url_, "DROP TABLE alert_deliveries");
  ExecSql(url_, "DROP TABLE alerts");
  auto reopened = Reopen();
  EXPECT_EQ(reopened->SchemaVersion(), reopened->LatestSchemaVersion());
  EXPECT_EQ(QueryRows(url_, "SELECT COUNT(*) FROM schema_migrations WHERE version = 9"), "1\n");
  EXPECT_EQ(QueryRows(url_, "SELECT COUNT(*) FROM alerts"), "0\n");
  // Every known migration once (numbers may have gaps while branches land: 0013 before 0011).
  const auto& known = GetParam() == "sqlite" ? storage::SqliteMigrations() : storage::PostgresMigrations();
  EXPECT_EQ(QueryRows(url_, "SELECT COUNT(*) FROM schema_migrations"), std::to_string(known.size()) + "\n");
}

TEST(Migrations, PendingAreEveryMissingNumberInOrder) {
  const std::vector<storage::Migration> all = {{1, "a", ""}, {2, "b", ""}, {3, "c", ""}, {4, "d", ""}};
  std::vector<int> pending;
  for (const auto* m : storage::PendingMigrations(all, {1, 3})) pending.push_back(m->version);
  EXPECT_EQ(pending, (std::vector<int>{2, 4}));
  EXPECT_TRUE(storage::PendingMigrations(all, {1, 2, 3, 4}).empty());
}

TEST_P(StoreTest, ReplacesTerritoriesAndRecordsTheFingerprint) {
  EXPECT_FALSE(store_->ImportFingerprint("territories").has_value());
  ASSERT_TRUE(store_->ReplaceTerritories(SmallSnapshot(), "v1", kNoProgress).ok());
  EXPECT_EQ(store_->ImportFingerprint("territories"), "v1");
  auto counts = store_->CountTerritories();
  EXPECT_EQ(counts.communes, 3u);
  EXPECT_EQ(counts.epci, 1u);
  EXPECT_EQ(counts.departements, 2u);
  auto chambery = store_->FindTerritory({Kind::kCommune, "73065"});
  ASSERT_TRUE(chambery);
  EXPECT_EQ(chambery->name, "Chambéry");
  EXPECT_EQ(chambery->population, 59964);
  EXPECT_EQ(chambery->postal_codes, std::vector<std::string>{"73000"});
  EXPECT_FALSE(store_->FindTerritory({Kind::kRegion, "73"}));
}

TEST_P(StoreTest, RerunUpdatesInPlaceAndRemovesVanishedRows) {
  ASSERT_TRUE(store_->ReplaceTerritories(SmallSnapshot(), "v1", kNoProgress).ok());
  auto next = SmallSnapshot();
  next.territories[4].name = "Chambéry-Nouvelle";
  next.territories.erase(next.territories.begin() + 5);  // Barberaz merged away
  next.links.erase(std::remove_if(next.links.begin(), next.links.end(),
                                  [](const auto& l) { return l.child.code == "73029"; }),
                   next.links.end());
  ASSERT_TRUE(store_->ReplaceTerritories(next, "v2", kNoProgress).ok());
  EXPECT_EQ(store_->FindTerritory({Kind::kCommune, "73065"})->name, "Chambéry-Nouvelle");
  EXPECT_FALSE(store_->FindTerritory({Kind::kCommune, "73029"}));
  EXPECT_EQ(store_->CountChildren({Kind::kEpci, "200000001"}, Kind::kCommune), 1u);
}

TEST_P(StoreTest, AncestorsFollowTheGraph) {
  ASSERT_TRUE(store_->ReplaceTerritories(SmallSnapshot(), "v1", kNoProgress).ok());
  std::vector<std::string> ids;
  for (const auto& id : store_->Ancestors({Kind::kCommune, "73029"})) ids.push_back(id.ToString());
  std::sort(ids.begin(), ids.end());
  // Not département 01: the EPCI spans it, the commune does not lie in it.
  EXPECT_EQ(ids, (std::vector<std::string>{"departement:73", "epci:200000001", "pays:FR", "region:84"}));
  ids.clear();
  for (const auto& id : store_->Ancestors({Kind::kEpci, "200000001"})) ids.push_back(id.ToString());
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"departement:01", "departement:73", "pays:FR", "region:84"}));
  EXPECT_EQ(Codes(store_->Parents({Kind::kEpci, "200000001"})), (std::vector<std::string>{"01", "73"}));
  EXPECT_EQ(Codes(store_->Children({Kind::kDepartement, "73"}, Kind::kEpci, 10)),
            std::vector<std::string>{"200000001"});
}

TEST_P(StoreTest, RankByPopulationFollowsTheTreeDownToThePeers) {
  ASSERT_TRUE(store_->ReplaceTerritories(SmallSnapshot(), "v1", kNoProgress).ok());
  const auto rank = [&](TerritoryId scope, TerritoryId member) {
    const auto found = store_->RankByPopulation(scope, member);
    return found ? std::to_string(found->rank) + "/" + std::to_string(found->of) : "none";
  };
  const TerritoryId chambery{Kind::kCommune, "73065"}, barberaz{Kind::kCommune, "73029"};
  EXPECT_EQ(rank({Kind::kDepartement, "73"}, chambery), "1/2");
  // A région's communes are its départements' (Ambérieu-en-Bugey, 60 000, is in the Ain).
  EXPECT_EQ(rank({Kind::kRegion, "84"}, chambery), "2/3");
  EXPECT_EQ(rank({Kind::kPays, "FR"}, barberaz), "3/3");
  EXPECT_EQ(rank({Kind::kEpci, "200000001"}, barberaz), "2/2");
  // The EPCI spans two départements of the région: one peer, not two.
  EXPECT_EQ(rank({Kind::kPays, "FR"}, {Kind::kEpci, "200000001"}), "1/1");
  EXPECT_EQ(rank({Kind::kRegion, "84"}, {Kind::kDepartement, "73"}), "1/2");
  EXPECT_EQ(rank({Kind::kPays, "FR"}, {Kind::kDepartement, "01"}), "2/2");
  EXPECT_EQ(rank({Kind::kPays, "FR"}, {Kind::kRegion, "84"}), "1/1");
  EXPECT_EQ(rank({Kind::kDepartement, "01"}, chambery), "none") << "not among the Ain's communes";
  EXPECT_EQ(rank({Kind::kDepartement, "73"}, {Kind::kCommune, "73999"}), "none") << "no such commune";
}

TEST_P(StoreTest, SearchRanksExactNamesThenPopulation) {
  ASSERT_TRUE(store_->ReplaceTerritories(SmallSnapshot(), "v1", kNoProgress).ok());
  EXPECT_EQ(Codes(store_->SearchTerritories(FoldForSearch("CHAMBERY"), 10)), std::vector<std::string>{"73065"});
  EXPECT_EQ(Codes(store_->SearchTerritories("73000", 10)), (std::vector<std::string>{"73065", "73029"}));
  EXPECT_EQ(Codes(store_->SearchTerritories("73", 10)).front(), "73");
  EXPECT_EQ(Codes(store_->SearchTerritories(FoldForSearch("bugey amb"), 10)), std::vector<std::string>{"01004"});
  EXPECT_TRUE(store_->SearchTerritories("eu", 10).empty()) << "word prefixes only";
  EXPECT_TRUE(store_->SearchTerritories("%", 10).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
