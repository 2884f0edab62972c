#pragma once
// Eligibility tests (« Test d'éligibilité »): the questionnaires of data/eligibility/*.json
// (format in data/eligibility/README.md), read as one batch, and their evaluation.
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "domain/catalogue/offer_folder.h"

namespace boussole::catalogue {

struct EligibilityAnswer {
  std::string id;     //!< e.g. "oui"
  std::string label;  //!< French
};

struct EligibilityQuestion {
  std::string id;                          //!< "q1", "q2"… in order
  std::string text;                        //!< French question, ends with '?'
  std::vector<EligibilityAnswer> answers;  //!< 2 to 4
  std::vector<std::string> expected;       //!< answer ids that keep the collectivité eligible
  std::string if_not;                      //!< reason shown when the answer is not expected
  std::string seed;                        //!< seed file name
  std::string quote;                       //!< words of the seed the question rests on

  const EligibilityAnswer* FindAnswer(const std::string& answer_id) const;
  bool IsExpected(const std::string& answer_id) const;
};

struct Questionnaire {
  std::string id;
  std::vector<std::string> offers;  //!< slugs of the offers it serves
  std::string title;
  std::vector<EligibilityQuestion> questions;
  std::string success;
  std::string failure;

  const EligibilityQuestion* FindQuestion(const std::string& question_id) const;
};

struct QuestionnaireBatch {
  std::vector<Questionnaire> questionnaires;  //!< sorted by id
  std::vector<FileError> errors;              //!< non-empty: the batch must not be used

  //! The test serving `offer_slug`, or nullptr. Valid while the batch lives.
  const Questionnaire* ForOffer(const std::string& offer_slug) const;
};

//! Reads every `*.json` of `folder` with the rules of data/eligibility/README.md. When
//! `known_offers` is given, every slug named must be in it. An offer served by two tests,
//! an empty or missing folder are errors. Seeds' quotes are not checked here (tests do).
QuestionnaireBatch ReadEligibilityFolder(const std::filesystem::path& folder,
                                         const std::set<std::string>* known_offers = nullptr);

//! Checks one parsed document; errors name the field (e.g. "questions[2].expected").
std::vector<FileError> ValidateQuestionnaire(const Questionnaire& questionnaire, const std::string& file);

struct EligibilityVerdict {
  //! Question ids left unanswered, in question order. Non-empty: no verdict.
  std::vector<std::string> missing;
  bool eligible = false;             //!< meaningful only when `missing` is empty
  //! (question id, `if_not`) of every answer outside `expected`, in question order.
  std::vector<std::pair<std::string, std::string>> reasons;
  //! The valid answers given, question id → answer id, in question order.
  std::vector<std::pair<std::string, std::string>> answers;

  bool complete() const { return missing.empty(); }
};

//! Evaluates `answers` (query parameters: question id → answer id). An unknown question
//! id, an unknown answer or a question answered twice is an `invalid_input` error whose
//! field is the parameter name.
Result<EligibilityVerdict> Evaluate(const Questionnaire& questionnaire,
                                    const std::vector<std::pair<std::string, std::string>>& answers);

}  // namespace boussole::catalogue
