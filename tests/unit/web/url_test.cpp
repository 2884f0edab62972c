#include "web/http/url.h"

#include <gtest/gtest.h>

namespace boussole::web {
namespace {

TEST(PercentDecodeTest, DecodesEscapesAndKeepsOtherCharacters) {
  auto decoded = PercentDecode("/territoires/Saint-%C3%89tienne%20x", false);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded.value(), "/territoires/Saint-Étienne x");
}

TEST(PercentDecodeTest, PlusIsASpaceOnlyInQueries) {
  EXPECT_EQ(PercentDecode("eau+potable", true).value(), "eau potable");
  EXPECT_EQ(PercentDecode("eau+potable", false).value(), "eau+potable");
  EXPECT_EQ(PercentDecode("1%2B1", true).value(), "1+1");
}

TEST(PercentDecodeTest, AcceptsLowerCaseHexAndRawUtf8) {
  EXPECT_EQ(PercentDecode("%c3%a9", false).value(), "é");
  EXPECT_EQ(PercentDecode("cœur", false).value(), "cœur");
}

TEST(PercentDecodeTest, RejectsMalformedEscapes) {
  for (const char* text : {"%", "%2", "abc%", "%zz", "%2g", "%%41", "a%-1"}) {
    auto decoded = PercentDecode(text, false);
    ASSERT_FALSE(decoded.ok()) << text;
    EXPECT_EQ(decoded.error().code, "invalid_input");
    EXPECT_FALSE(decoded.error().message.empty());
  }
}

TEST(PercentDecodeTest, RejectsNulBytes) {
  EXPECT_FALSE(PercentDecode("a%00b", false).ok());
  EXPECT_FALSE(PercentDecode(std::string_view("a\0b", 3), false).ok());
}

TEST(PercentDecodeTest, RejectsInvalidUtf8) {
  for (const char* text : {"%C3%28", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "%FF", "%E2%82",
                           "%80"}) {
    EXPECT_FALSE(PercentDecode(text, false).ok()) << text;
  }
}

TEST(IsValidUtf8Test, AcceptsTheWholeRange) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("ascii"));
  EXPECT_TRUE(IsValidUtf8("\xC2\x80"));          // U+0080
  EXPECT_TRUE(IsValidUtf8("\xE2\x80\x99"));      // ’
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // emoji
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\x80"));     // overlong
}

TEST(ParseQueryTest, KeepsOrderRepeatsAndEmptyValues) {
  auto pairs = ParseQuery("q=eau+potable&theme=eau&theme=climat&&flag&vide=");
  ASSERT_TRUE(pairs.ok());
  const QueryPairs expected = {
      {"q", "eau potable"}, {"theme", "eau"}, {"theme", "climat"}, {"flag", ""}, {"vide", ""}};
  EXPECT_EQ(pairs.value(), expected);
}

TEST(ParseQueryTest, DecodesNamesAndValuesAndKeepsEqualsInValues) {
  auto pairs = ParseQuery("a%5B%5D=x%3Dy&b=1=2");
  ASSERT_TRUE(pairs.ok());
  const QueryPairs expected = {{"a[]", "x=y"}, {"b", "1=2"}};
  EXPECT_EQ(pairs.value(), expected);
}

TEST(ParseQueryTest, FailsOnAMalformedPiece) {
  EXPECT_FALSE(ParseQuery("a=1&b=%zz").ok());
  EXPECT_FALSE(ParseQuery("%=1").ok());
}

TEST(ParseTargetTest, SplitsPathAndQuery) {
  auto target = ParseTarget("/offres/recherche?q=r%C3%A9novation&page=2");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target.value().path, "/offres/recherche");
  const QueryPairs expected = {{"q", "rénovation"}, {"page", "2"}};
  EXPECT_EQ(target.value().query, expected);
}

TEST(ParseTargetTest, PathWithoutQueryAndEmptyQuery) {
  EXPECT_EQ(ParseTarget("/").value().path, "/");
  EXPECT_TRUE(ParseTarget("/offres?").value().query.empty());
  EXPECT_EQ(ParseTarget("/a+b").value().path, "/a+b");  // '+' is literal in paths
}

TEST(ParseTargetTest, DropsTheFragment) {
  auto target = ParseTarget("/offres?q=a#resultats");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target.value().path, "/offres");
  EXPECT_EQ(target.value().query, (QueryPairs{{"q", "a"}}));
}

TEST(ParseTargetTest, RejectsNonOriginFormsAndMalformedParts) {
  EXPECT_FALSE(ParseTarget("").ok());
  EXPECT_FALSE(ParseTarget("*").ok());
  EXPECT_FALSE(ParseTarget("http://example.org/").ok());
  EXPECT_FALSE(ParseTarget("/a%zz").ok());
  EXPECT_FALSE(ParseTarget("/a?q=%C3").ok());
  EXPECT_FALSE(ParseTarget("/a%00b").ok());
}

TEST(PercentEncodeTest, EncodesAllButUnreservedAndRoundTrips) {
  EXPECT_EQ(PercentEncode("Saint-Étienne & co/~x_y.z"),
            "Saint-%C3%89tienne%20%26%20co%2F~x_y.z");
  const std::string text = "a b+c=d&é’";
  EXPECT_EQ(PercentDecode(PercentEncode(text), true).value(), text);
}

}  // namespace
}  // namespace boussole::web
