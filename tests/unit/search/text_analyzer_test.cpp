#include "search/text_analyzer.h"

#include <gtest/gtest.h>

#include "search/query_parser.h"
#include "search/spelling.h"
#include "search/synonyms.h"

namespace boussole::search {
namespace {

using Words = std::vector<std::string>;

TEST(TextAnalyzerTest, TokenizeFoldsAndSplitsOnPunctuation) {
  EXPECT_EQ(Tokenize("Cœur de Ville (ACV)"), (Words{"coeur", "de", "ville", "acv"}));
  EXPECT_EQ(Tokenize("d’agglomération, DDT(M)"), (Words{"d", "agglomeration", "ddt", "m"}));
  EXPECT_TRUE(Tokenize("  ").empty());
}

TEST(TextAnalyzerTest, StopWordsAreFolded) {
  EXPECT_TRUE(IsStopWord("de"));
  EXPECT_TRUE(IsStopWord("l"));
  EXPECT_TRUE(IsStopWord("a"));  // à
  EXPECT_FALSE(IsStopWord("ville"));
}

TEST(TextAnalyzerTest, StemsMatchPluralsAndDerivedForms) {
  EXPECT_EQ(Stem("amenagements"), Stem("amenagement"));
  EXPECT_EQ(Stem("territoires"), Stem("territoire"));
  EXPECT_EQ(AnalyzeTerms("L'aménagement des territoires"),
            (Words{Stem("amenagement"), Stem("territoires")}));
}

TEST(SynonymsTest, ParsesClassesAndFindsTheLongestTerm) {
  auto synonyms = Synonyms::Parse("# comment\n\nacv = action cœur de ville = coeur de ville\nville = cité\n");
  ASSERT_TRUE(synonyms.ok()) << synonyms.error().message;
  ASSERT_EQ(synonyms.value().size(), 2u);
  const Words tokens = Tokenize("programme coeur de ville");
  EXPECT_EQ(synonyms.value().LongestAt(tokens, 0).length, 0u);
  const auto match = synonyms.value().LongestAt(tokens, 1);
  EXPECT_EQ(match.length, 3u);
  EXPECT_EQ(match.class_index, 0u);
  EXPECT_EQ(synonyms.value().LongestAt(tokens, 3).class_index, 1u);
  EXPECT_NE(synonyms.value().ClassOf(Tokenize("Action Cœur de Ville")), nullptr);
}

TEST(SynonymsTest, RefusesSingleTermsAndTermsOnTwoLines) {
  EXPECT_FALSE(Synonyms::Parse("acv\n").ok());
  auto twice = Synonyms::Parse("a b = c\nc = d\n");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.error().message.find("ligne 2"), std::string::npos);
}

TEST(SynonymsTest, ReadsTheProjectFile) {
  auto synonyms = Synonyms::Read(BOUSSOLE_SOURCE_DIR "/data/search/synonyms.txt");
  ASSERT_TRUE(synonyms.ok()) << synonyms.error().message;
  EXPECT_GT(synonyms.value().size(), 40u);
}

TEST(QueryParserTest, QuotedPhraseIsOneWord) {
  const ParsedQuery parsed = ParseQuery("\"ingénierie sur mesure\" élus", Synonyms{});
  ASSERT_EQ(parsed.words.size(), 2u);
  EXPECT_EQ(parsed.words[0].alternatives, (std::vector<Words>{{Stem("ingenierie"), Stem("mesure")}}));
  EXPECT_FALSE(parsed.words[0].prefix);
  EXPECT_TRUE(parsed.words[1].prefix);
}

TEST(QueryParserTest, SynonymClassIsOneWordWithEveryTerm) {
  auto synonyms = Synonyms::Parse("acv = action cœur de ville = coeur de ville\n");
  ASSERT_TRUE(synonyms.ok());
  const ParsedQuery parsed = ParseQuery("ACV de la commune ", synonyms.value());
  ASSERT_EQ(parsed.words.size(), 2u);  // "de", "la" are stop words
  EXPECT_EQ(parsed.words[0].alternatives.size(), 3u);
  EXPECT_EQ(parsed.words[0].alternatives[1], (Words{Stem("action"), Stem("coeur"), Stem("ville")}));
  EXPECT_FALSE(parsed.words[1].prefix);  // ended by a space: the word is complete
}

TEST(SpellingTest, EditDistanceCountsTranspositions) {
  EXPECT_EQ(EditDistance("teritoires", "territoires", 2), 1u);
  EXPECT_EQ(EditDistance("frnace", "france", 2), 1u);
  EXPECT_EQ(EditDistance("abc", "xyzuvw", 2), 3u);
}

TEST(SpellingTest, ClosestPrefersFewerEditsThenFrequency) {
  Spelling spelling;
  spelling.Add("demain", 3);
  spelling.Add("domaine", 9);
  spelling.Add("de", 50);
  EXPECT_EQ(spelling.Closest("demin"), "demain");
  EXPECT_EQ(spelling.Closest("xyzzy"), std::nullopt);
  EXPECT_EQ(spelling.Closest("dd"), std::nullopt);
}

}  // namespace
}  // namespace boussole::search
