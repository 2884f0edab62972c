#include "store_fixture.h"

namespace boussole::testing {
namespace {

class OfferStoreTest : public StoreTest {};

TEST_P(OfferStoreTest, ImportCreatesUpdatesAndKeepsUnchanged) {
  auto first = store_->ImportOffers({MakeOffer("a", "Alpha", "pays:FR"), MakeOffer("b", "Bêta", "region:84")});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value().created, 2u);
  auto second = store_->ImportOffers({MakeOffer("a", "Alpha 2", "pays:FR"), MakeOffer("b", "Bêta", "region:84")});
  EXPECT_EQ(second.value().updated, 1u);
  EXPECT_EQ(second.value().unchanged, 1u);
  EXPECT_EQ(store_->FindOffer("a")->name, "Alpha 2");
  EXPECT_EQ(store_->CountOffers(), 2u);
}

TEST_P(OfferStoreTest, AnOfferEditedInTheApplicationIsNotOverwritten) {
  ASSERT_TRUE(store_->ImportOffers({MakeOffer("a", "Alpha", "pays:FR")}).ok());
  auto edited = MakeOffer("a", "Alpha corrigé par l'ANCT", "pays:FR");
  ASSERT_TRUE(store_->SaveOfferEdit(edited).ok());
  auto report = store_->ImportOffers({MakeOffer("a", "Alpha du fichier", "pays:FR"), MakeOffer("c", "Gamma", "")});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report.value().kept_app_edits, std::vector<std::string>{"a"});
  EXPECT_EQ(store_->FindOffer("a")->name, "Alpha corrigé par l'ANCT");
  EXPECT_EQ(store_->SaveOfferEdit(MakeOffer("zzz", "Z", "")).error().code, "not_found");
}

TEST_P(OfferStoreTest, ReportsOffersNoFileDescribesAnyMore) {
  ASSERT_TRUE(store_->ImportOffers({MakeOffer("a", "Alpha", ""), MakeOffer("b", "Bêta", "")}).ok());
  auto report = store_->ImportOffers({MakeOffer("a", "Alpha", "")});
  EXPECT_EQ(report.value().not_in_files, std::vector<std::string>{"b"});
  EXPECT_TRUE(store_->FindOffer("b")) << "kept, only reported";
}

TEST_P(OfferStoreTest, ListsByPerimeterWithAStableOrder) {
  ASSERT_TRUE(store_->ImportOffers({MakeOffer("c", "Cas", "departement:73"), MakeOffer("a", "Alpha", "pays:FR"),
                                    MakeOffer("b", "Bêta", "region:11"), MakeOffer("d", "Alpha", "pays:FR")})
                  .ok());
  catalogue::OfferQuery query;
  query.perimeters = std::vector<std::string>{"pays:FR", "departement:73"};
  query.limit = 2;
  auto page = store_->ListOffers(query);
  EXPECT_EQ(page.total, 3u);
  ASSERT_EQ(page.offers.size(), 2u);
  EXPECT_EQ(page.offers[0].slug, "a");
  EXPECT_EQ(page.offers[1].slug, "d");
  query.offset = 2;
  EXPECT_EQ(store_->ListOffers(query).offers.at(0).slug, "c");
  query.perimeters = std::vector<std::string>{};
  EXPECT_EQ(store_->ListOffers(query).total, 0u);
}

TEST_P(OfferStoreTest, ConcurrentReadersSeeCommittedWrites) {
  ASSERT_TRUE(store_->ImportOffers({MakeOffer("a", "Alpha", "")}).ok());
  auto other = Reopen();
  EXPECT_EQ(other->FindOffer("a")->name, "Alpha");
  ASSERT_TRUE(other->ImportOffers({MakeOffer("a", "Alpha bis", "")}).ok());
  EXPECT_EQ(store_->FindOffer("a")->name, "Alpha bis");
}

INSTANTIATE_TEST_SUITE_P(Backends, OfferStoreTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
