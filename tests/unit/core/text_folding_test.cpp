#include "core/text_folding.h"

#include <gtest/gtest.h>

namespace boussole {
namespace {

TEST(FoldForSearch, RemovesAccentsCaseAndPunctuation) {
  EXPECT_EQ(FoldForSearch("Saint-Étienne"), "saint etienne");
  EXPECT_EQ(FoldForSearch("  L'Haÿ-les-Roses "), "l hay les roses");
  EXPECT_EQ(FoldForSearch("Aménagement"), "amenagement");
}

TEST(FoldForSearch, ExpandsLigaturesAndTypographicApostrophes) {
  EXPECT_EQ(FoldForSearch("Action cœur de ville"), "action coeur de ville");
  EXPECT_EQ(FoldForSearch("l’ANCT"), "l anct");
  EXPECT_EQ(FoldForSearch("ŒUVRE"), "oeuvre");
}

TEST(FoldForSearch, EmptyAndSymbolsOnly) {
  EXPECT_EQ(FoldForSearch(""), "");
  EXPECT_EQ(FoldForSearch(" -'’ "), "");
}

TEST(IsDigits, ChecksLengthWhenGiven) {
  EXPECT_TRUE(IsDigits("73000"));
  EXPECT_TRUE(IsDigits("73000", 5));
  EXPECT_FALSE(IsDigits("73000", 9));
  EXPECT_FALSE(IsDigits("2A004"));
  EXPECT_FALSE(IsDigits(""));
}

}  // namespace
}  // namespace boussole
