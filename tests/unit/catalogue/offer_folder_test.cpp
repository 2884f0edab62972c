#include "domain/catalogue/offer_folder.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace boussole::catalogue {
namespace {

namespace fs = std::filesystem;

class OfferFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("offers-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  static std::string Offer(const std::string& slug) {
    return R"({"slug": ")" + slug + R"(", "name": "Nom", "sources": [{"seed": "004_b5224686867642cb.txt", "quote": "Atelier", "fields": ["name"]}]})";
  }
  fs::path dir_;
};

TEST_F(OfferFolderTest, ReadsValidFilesSortedBySlug) {
  Write("b.json", Offer("b"));
  Write("a.json", Offer("a"));
  Write("README.md", "not an offer");
  OfferBatch batch = ReadOfferFolder(dir_);
  ASSERT_TRUE(batch.errors.empty());
  ASSERT_EQ(batch.offers.size(), 2u);
  EXPECT_EQ(batch.offers[0].slug, "a");
}

TEST_F(OfferFolderTest, ReportsFileAndField) {
  Write("a.json", Offer("a"));
  Write("b.json", Offer("pas-b"));
  Write("c.json", "{ not json");
  OfferBatch batch = ReadOfferFolder(dir_);
  ASSERT_EQ(batch.errors.size(), 2u);
  EXPECT_EQ(batch.errors[0].file, "b.json");
  EXPECT_EQ(batch.errors[0].field, "slug");
  EXPECT_EQ(batch.errors[1].file, "c.json");
}

TEST_F(OfferFolderTest, EmptyOrMissingFolderIsAnError) {
  EXPECT_FALSE(ReadOfferFolder(dir_).errors.empty());
  EXPECT_FALSE(ReadOfferFolder(dir_ / "absent").errors.empty());
}

}  // namespace
}  // namespace boussole::catalogue
