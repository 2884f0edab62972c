// The eligibility tests (« Test d'éligibilité »): reading and validating a folder, the
// evaluation of answers, and the real data/eligibility checked against its seeds and offers.
#include "domain/catalogue/eligibility.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include <unistd.h>

#include "domain/catalogue/offer_folder.h"
#include "support/seeds.h"

namespace boussole::catalogue {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json ValidEligibilityDocument() {
  return json::parse(R"({
    "id": "essai",
    "offers": ["offre-a", "offre-b"],
    "title": "Test d'éligibilité — Essai",
    "questions": [
      {"id": "q1", "text": "Êtes-vous une commune ?",
       "answers": [{"id": "oui", "label": "Oui"}, {"id": "non", "label": "Non"}],
       "expected": ["oui"], "if_not": "Réservé aux communes.",
       "source": {"seed": "003_x.txt", "quote": "communes"}},
      {"id": "q2", "text": "Quelle taille ?",
       "answers": [{"id": "petite", "label": "Petite"}, {"id": "moyenne", "label": "Moyenne"},
                   {"id": "grande", "label": "Grande"}],
       "expected": ["petite", "moyenne"], "if_not": "Trop grande.",
       "source": {"seed": "003_x.txt", "quote": "taille"}}
    ],
    "success": "Éligible.",
    "failure": "Pas éligible."
  })");
}

class EligibilityFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("boussole-eligibility-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  // The errors of a folder holding only `document` as essai.json, as "field: message" lines.
  std::vector<FileError> ErrorsOf(const json& document, const std::set<std::string>* known = nullptr) {
    Write("essai.json", document.dump());
    return ReadEligibilityFolder(dir_, known).errors;
  }
  static bool Names(const std::vector<FileError>& errors, const std::string& field) {
    return std::any_of(errors.begin(), errors.end(), [&](const FileError& e) { return e.field == field; });
  }
  fs::path dir_;
};

TEST_F(EligibilityFolder, ReadsAValidFile) {
  Write("essai.json", ValidEligibilityDocument().dump());
  QuestionnaireBatch batch = ReadEligibilityFolder(dir_);
  ASSERT_TRUE(batch.errors.empty()) << batch.errors[0].field << " " << batch.errors[0].message;
  ASSERT_EQ(batch.questionnaires.size(), 1u);
  const Questionnaire& t = batch.questionnaires[0];
  EXPECT_EQ(t.id, "essai");
  ASSERT_EQ(t.questions.size(), 2u);
  EXPECT_EQ(t.questions[1].answers[2].label, "Grande");
  EXPECT_EQ(t.questions[0].seed, "003_x.txt");
  EXPECT_EQ(batch.ForOffer("offre-b"), &t);
  EXPECT_EQ(batch.ForOffer("autre"), nullptr);
}

TEST_F(EligibilityFolder, MissingOrEmptyFolderIsAnError) {
  EXPECT_FALSE(ReadEligibilityFolder(dir_ / "absent").errors.empty());
  EXPECT_FALSE(ReadEligibilityFolder(dir_).errors.empty());
}

TEST_F(EligibilityFolder, BadJsonNamesTheFile) {
  Write("essai.json", "{ pas du json");
  auto errors = ReadEligibilityFolder(dir_).errors;
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].file, "essai.json");
  EXPECT_EQ(errors[0].message, "JSON invalide.");
}

TEST_F(EligibilityFolder, EachRuleNamesFileAndField) {
  struct Case {
    std::string pointer;  // JSON pointer to change
    json value;
    std::string field;    // field the error must name
  };
  const std::vector<Case> cases = {
      {"/id", "autre", "id"},
      {"/id", "Pas Bon", "id"},
      {"/offers", json::array(), "offers"},
      {"/offers/0", "Offre A", "offers"},
      {"/title", "Questionnaire", "title"},
      {"/questions", json::array(), "questions"},
      {"/questions/0/id", "q2", "questions[0].id"},
      {"/questions/1/text", "Quelle taille.", "questions[1].text"},
      {"/questions/0/answers", json::parse(R"([{"id":"oui","label":"Oui"}])"), "questions[0].answers"},
      {"/questions/0/answers/1/id", "oui", "questions[0].answers[1].id"},
      {"/questions/0/answers/1/id", "Non!", "questions[0].answers[1].id"},
      {"/questions/0/expected", json::array(), "questions[0].expected"},
      {"/questions/0/expected", json::parse(R"(["oui","non"])"), "questions[0].expected"},
      {"/questions/0/expected", json::parse(R"(["peut-etre"])"), "questions[0].expected"},
      {"/questions/0/if_not", "", "questions[0].if_not"},
      {"/questions/0/source/quote", std::string(301, 'a'), "questions[0].source.quote"},
      {"/questions/0/source/seed", "../secret", "questions[0].source.seed"},
      {"/questions/0/couleur", "bleu", "questions[0].couleur"},
      {"/success", 3, "success"},
  };
  for (const auto& c : cases) {
    json document = ValidEligibilityDocument();
    document[json::json_pointer(c.pointer)] = c.value;
    auto errors = ErrorsOf(document);
    EXPECT_TRUE(Names(errors, c.field)) << c.pointer << " → expected an error on " << c.field;
    for (const auto& e : errors) {
      EXPECT_EQ(e.file, "essai.json");
      EXPECT_FALSE(e.message.empty());
    }
  }
  json document = ValidEligibilityDocument();
  document.erase("failure");
  EXPECT_TRUE(Names(ErrorsOf(document), "failure"));
}

TEST_F(EligibilityFolder, UnknownOfferAndOfferWithTwoTests) {
  const std::set<std::string> known{"offre-a"};
  auto errors = ErrorsOf(ValidEligibilityDocument(), &known);
  ASSERT_TRUE(Names(errors, "offers"));
  json second = ValidEligibilityDocument();
  second["id"] = "second";
  Write("essai.json", ValidEligibilityDocument().dump());
  Write("second.json", second.dump());
  QuestionnaireBatch batch = ReadEligibilityFolder(dir_);
  ASSERT_FALSE(batch.errors.empty());
  EXPECT_EQ(batch.errors[0].file, "second.json");
  EXPECT_EQ(batch.errors[0].field, "offers");
}

Questionnaire Essai() {
  static const Questionnaire t = [] {
    // One folder per process: CTest runs each test in its own process, several at once, and
    // a shared folder removed by one while another reads it made this fixture flaky.
    const fs::path dir = fs::temp_directory_path() / ("boussole-eligibility-essai-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "essai.json") << ValidEligibilityDocument().dump();
    QuestionnaireBatch batch = ReadEligibilityFolder(dir);
    fs::remove_all(dir);
    return batch.questionnaires.at(0);
  }();
  return t;
}

TEST(EligibilityEvaluate, EligibleWhenEveryAnswerIsExpected) {
  auto verdict = Evaluate(Essai(), {{"q1", "oui"}, {"q2", "moyenne"}});
  ASSERT_TRUE(verdict) << verdict.error().message;
  EXPECT_TRUE(verdict.value().complete());
  EXPECT_TRUE(verdict.value().eligible);
  EXPECT_TRUE(verdict.value().reasons.empty());
}

TEST(EligibilityEvaluate, EveryUnexpectedAnswerGivesItsReasonInQuestionOrder) {
  auto verdict = Evaluate(Essai(), {{"q2", "grande"}, {"q1", "non"}});
  ASSERT_TRUE(verdict);
  EXPECT_FALSE(verdict.value().eligible);
  const std::vector<std::pair<std::string, std::string>> expected = {{"q1", "Réservé aux communes."},
                                                                     {"q2", "Trop grande."}};
  EXPECT_EQ(verdict.value().reasons, expected);
  auto one = Evaluate(Essai(), {{"q1", "oui"}, {"q2", "grande"}});
  ASSERT_TRUE(one);
  ASSERT_EQ(one.value().reasons.size(), 1u);
  EXPECT_EQ(one.value().reasons[0].second, "Trop grande.");
}

TEST(EligibilityEvaluate, MissingAnswersAreReportedWithoutVerdict) {
  auto verdict = Evaluate(Essai(), {{"q2", "petite"}});
  ASSERT_TRUE(verdict);
  EXPECT_FALSE(verdict.value().complete());
  EXPECT_FALSE(verdict.value().eligible);
  EXPECT_EQ(verdict.value().missing, std::vector<std::string>{"q1"});
  EXPECT_EQ(Evaluate(Essai(), {}).value().missing, (std::vector<std::string>{"q1", "q2"}));
}

TEST(EligibilityEvaluate, UnknownQuestionOrAnswerOrTwoAnswersAreInvalid) {
  auto unknown = Evaluate(Essai(), {{"q9", "oui"}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "invalid_input");
  EXPECT_EQ(unknown.error().field, "q9");
  EXPECT_NE(unknown.error().message.find("« q9 »"), std::string::npos);
  auto bad = Evaluate(Essai(), {{"q1", "peut-etre"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "q1");
  EXPECT_NE(bad.error().message.find("« peut-etre »"), std::string::npos);
  EXPECT_FALSE(Evaluate(Essai(), {{"q1", "oui"}, {"q1", "non"}}));
  EXPECT_FALSE(Evaluate(Essai(), {{"q1", ""}}));
}

// The real questionnaires, against the catalogue and the seeds they were written from.
std::set<std::string> OfferSlugs() {
  std::set<std::string> slugs;
  for (const auto& entry : fs::directory_iterator(fs::path(BOUSSOLE_SOURCE_DIR) / "data/offers")) {
    if (entry.path().extension() == ".json") slugs.insert(entry.path().stem().string());
  }
  return slugs;
}

TEST(EligibilityData, EveryFileIsValidAndNamesExistingOffers) {
  const std::set<std::string> slugs = OfferSlugs();
  ASSERT_GE(slugs.size(), 35u);
  QuestionnaireBatch batch = ReadEligibilityFolder(fs::path(BOUSSOLE_SOURCE_DIR) / "data/eligibility", &slugs);
  for (const auto& e : batch.errors) ADD_FAILURE() << e.file << " " << e.field << ": " << e.message;
  EXPECT_GE(batch.questionnaires.size(), 16u);
  const Questionnaire* atelier = batch.ForOffer("atelier-des-territoires-local");
  ASSERT_NE(atelier, nullptr);
  EXPECT_EQ(atelier, batch.ForOffer("atelier-des-territoires-flash"));
  EXPECT_EQ(atelier->questions.size(), 6u);
}

TEST(EligibilityData, EveryQuoteAppearsWordForWordInItsSeed) {
  const auto& seeds = testing::CollapsedSeeds();
  ASSERT_FALSE(seeds.empty()) << "seeds not found in " << BOUSSOLE_SEEDS_DIR;
  QuestionnaireBatch batch = ReadEligibilityFolder(fs::path(BOUSSOLE_SOURCE_DIR) / "data/eligibility");
  ASSERT_TRUE(batch.errors.empty());
  std::size_t quotes = 0;
  for (const auto& t : batch.questionnaires) {
    for (const auto& q : t.questions) {
      auto seed = seeds.find(q.seed);
      if (seed == seeds.end()) {
        ADD_FAILURE() << t.id << " " << q.id << ": unknown seed " << q.seed;
        continue;
      }
      EXPECT_NE(seed->second.find(testing::CollapseWhitespace(q.quote)), std::string::npos)
          << t.id << " " << q.id << ": quote not in " << q.seed << ": " << q.quote;
      ++quotes;
    }
  }
  EXPECT_GE(quotes, 50u);
}

}  // namespace
}  // namespace boussole::catalogue
