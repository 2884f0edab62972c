#include "domain/catalogue/eligibility.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "core/files.h"

namespace boussole::catalogue {
namespace {

using nlohmann::json;

constexpr std::string_view kTitlePrefix = "Test d'éligibilité — ";
constexpr std::size_t kMaxQuote = 300;

// Counts code points, not bytes: the README's limit is in characters.
std::size_t Utf8Length(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool IsBlank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

// Reads the document into `out`, reporting type errors and unknown keys: the schema is closed.
class EligibilityReader {
 public:
  EligibilityReader(std::vector<FileError>& errors, std::string file) : errors_(errors), file_(std::move(file)) {}

  void Fail(const std::string& field, const std::string& message) { errors_.push_back({file_, field, message}); }

  void Keys(const json& object, const std::string& where, std::initializer_list<std::string_view> allowed) {
    for (const auto& item : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
        Fail(where.empty() ? item.key() : where + "." + item.key(), "champ inconnu.");
      }
    }
  }

  std::string String(const json& object, const std::string& key, const std::string& field) {
    auto it = object.find(key);
    if (it == object.end()) {
      Fail(field, "champ obligatoire manquant.");
      return {};
    }
    if (!it->is_string()) {
      Fail(field, "une chaîne de caractères est attendue.");
      return {};
    }
    std::string value = it->get<std::string>();
    if (IsBlank(value)) Fail(field, "ne doit pas être vide.");
    return value;
  }

  const json* Array(const json& object, const std::string& key, const std::string& field) {
    auto it = object.find(key);
    if (it == object.end()) {
      Fail(field, "champ obligatoire manquant.");
      return nullptr;
    }
    if (!it->is_array()) {
      Fail(field, "une liste est attendue.");
      return nullptr;
    }
    if (it->empty()) Fail(field, "la liste ne doit pas être vide.");
    return &*it;
  }

 private:
  std::vector<FileError>& errors_;
  std::string file_;
};

EligibilityQuestion ParseQuestion(EligibilityReader& reader, const json& node, const std::string& where) {
  EligibilityQuestion q;
  if (!node.is_object()) {
    reader.Fail(where, "un objet est attendu.");
    return q;
  }
  reader.Keys(node, where, {"id", "text", "answers", "expected", "if_not", "source"});
  q.id = reader.String(node, "id", where + ".id");
  q.text = reader.String(node, "text", where + ".text");
  q.if_not = reader.String(node, "if_not", where + ".if_not");
  if (const json* answers = reader.Array(node, "answers", where + ".answers")) {
    for (std::size_t i = 0; i < answers->size(); ++i) {
      const std::string at = where + ".answers[" + std::to_string(i) + "]";
      const json& a = (*answers)[i];
      if (!a.is_object()) {
        reader.Fail(at, "un objet {id, label} est attendu.");
        continue;
      }
      reader.Keys(a, at, {"id", "label"});
      q.answers.push_back({reader.String(a, "id", at + ".id"), reader.String(a, "label", at + ".label")});
    }
  }
  if (const json* expected = reader.Array(node, "expected", where + ".expected")) {
    for (const auto& e : *expected) {
      if (!e.is_string()) {
        reader.Fail(where + ".expected", "une liste d'identifiants de réponses est attendue.");
        continue;
      }
      q.expected.push_back(e.get<std::string>());
    }
  }
  auto source = node.find("source");
  if (source == node.end() || !source->is_object()) {
    reader.Fail(where + ".source", "un objet {seed, quote} est attendu.");
  } else {
    reader.Keys(*source, where + ".source", {"seed", "quote"});
    q.seed = reader.String(*source, "seed", where + ".source.seed");
    q.quote = reader.String(*source, "quote", where + ".source.quote");
  }
  return q;
}

Questionnaire ParseQuestionnaire(EligibilityReader& reader, const json& document) {
  Questionnaire t;
  if (!document.is_object()) {
    reader.Fail("", "un objet JSON est attendu.");
    return t;
  }
  reader.Keys(document, "", {"id", "offers", "title", "questions", "success", "failure"});
  t.id = reader.String(document, "id", "id");
  t.title = reader.String(document, "title", "title");
  t.success = reader.String(document, "success", "success");
  t.failure = reader.String(document, "failure", "failure");
  if (const json* offers = reader.Array(document, "offers", "offers")) {
    for (const auto& o : *offers) {
      if (o.is_string()) {
        t.offers.push_back(o.get<std::string>());
      } else {
        reader.Fail("offers", "une liste d'identifiants d'offres est attendue.");
      }
    }
  }
  if (const json* questions = reader.Array(document, "questions", "questions")) {
    for (std::size_t i = 0; i < questions->size(); ++i) {
      t.questions.push_back(ParseQuestion(reader, (*questions)[i], "questions[" + std::to_string(i) + "]"));
    }
  }
  return t;
}

}  // namespace

const EligibilityAnswer* EligibilityQuestion::FindAnswer(const std::string& answer_id) const {
  for (const auto& a : answers) {
    if (a.id == answer_id) return &a;
  }
  return nullptr;
}

bool EligibilityQuestion::IsExpected(const std::string& answer_id) const {
  return std::find(expected.begin(), expected.end(), answer_id) != expected.end();
}

const EligibilityQuestion* Questionnaire::FindQuestion(const std::string& question_id) const {
  for (const auto& q : questions) {
    if (q.id == question_id) return &q;
  }
  return nullptr;
}

const Questionnaire* QuestionnaireBatch::ForOffer(const std::string& offer_slug) const {
  for (const auto& t : questionnaires) {
    if (std::find(t.offers.begin(), t.offers.end(), offer_slug) != t.offers.end()) return &t;
  }
  return nullptr;
}

std::vector<FileError> ValidateQuestionnaire(const Questionnaire& t, const std::string& file) {
  std::vector<FileError> errors;
  auto fail = [&](const std::string& field, const std::string& message) { errors.push_back({file, field, message}); };
  static const std::regex kSlug("[a-z0-9]+(-[a-z0-9]+)*");
  static const std::regex kAnswerId("[a-z0-9_]+");
  if (!t.id.empty() && !std::regex_match(t.id, kSlug)) {
    fail("id", "« " + t.id + " » n'est pas un identifiant valide (minuscules, chiffres et tirets).");
  }
  std::set<std::string> offers;
  for (const auto& slug : t.offers) {
    if (!std::regex_match(slug, kSlug)) fail("offers", "« " + slug + " » n'est pas un identifiant d'offre valide.");
    if (!offers.insert(slug).second) fail("offers", "« " + slug + " » est cité deux fois.");
  }
  if (!t.title.empty() && t.title.rfind(kTitlePrefix, 0) != 0) {
    fail("title", "doit commencer par « " + std::string(kTitlePrefix) + "».");
  }
  for (std::size_t i = 0; i < t.questions.size(); ++i) {
    const EligibilityQuestion& q = t.questions[i];
    const std::string where = "questions[" + std::to_string(i) + "]";
    const std::string want = "q" + std::to_string(i + 1);
    if (q.id != want && !q.id.empty()) fail(where + ".id", "« " + q.id + " » trouvé, « " + want + " » attendu.");
    if (!q.text.empty() && q.text.back() != '?') fail(where + ".text", "une question doit finir par « ? ».");
    if (q.answers.size() < 2 || q.answers.size() > 4) fail(where + ".answers", "de 2 à 4 réponses sont attendues.");
    std::set<std::string> ids;
    for (std::size_t j = 0; j < q.answers.size(); ++j) {
      const std::string& id = q.answers[j].id;
      const std::string at = where + ".answers[" + std::to_string(j) + "].id";
      if (!id.empty() && !std::regex_match(id, kAnswerId)) fail(at, "« " + id + " » : minuscules, chiffres et « _ » seulement.");
      if (!ids.insert(id).second) fail(at, "« " + id + " » est déjà une réponse de cette question.");
    }
    std::set<std::string> expected;
    for (const auto& e : q.expected) {
      if (q.FindAnswer(e) == nullptr) fail(where + ".expected", "« " + e + " » n'est pas une réponse de la question.");
      if (!expected.insert(e).second) fail(where + ".expected", "« " + e + " » est cité deux fois.");
    }
    if (!q.answers.empty() && expected.size() >= ids.size() && !expected.empty()) {
      fail(where + ".expected", "toutes les réponses ne peuvent pas être attendues.");
    }
    if (Utf8Length(q.quote) > kMaxQuote) fail(where + ".source.quote", "300 caractères au plus.");
    if (!q.seed.empty() && (q.seed.find('/') != std::string::npos || q.seed.find("..") != std::string::npos)) {
      fail(where + ".source.seed", "un nom de fichier de ../shared/seeds/ est attendu.");
    }
  }
  return errors;
}

QuestionnaireBatch ReadEligibilityFolder(const std::filesystem::path& folder, const std::set<std::string>* known_offers) {
  QuestionnaireBatch batch;
  auto listed = ListFiles(folder, ".json");
  if (!listed) {
    batch.errors.push_back({folder.string(), "", listed.error().message});
    return batch;
  }
  const std::vector<std::filesystem::path>& files = listed.value();
  if (files.empty()) {
    batch.errors.push_back({folder.string(), "", "aucun test d'éligibilité (*.json)."});
    return batch;
  }
  std::map<std::string, std::string> served_by;  // offer slug → file
  for (const auto& path : files) {
    const std::string file = path.filename().string();
    auto text = ReadWholeFile(path);
    if (!text) {
      batch.errors.push_back({file, "", text.error().message});
      continue;
    }
    json document = json::parse(text.value(), nullptr, false);
    if (document.is_discarded()) {
      batch.errors.push_back({file, "", "JSON invalide."});
      continue;
    }
    std::vector<FileError> errors;
    EligibilityReader reader(errors, file);
    Questionnaire t = ParseQuestionnaire(reader, document);
    for (auto& e : ValidateQuestionnaire(t, file)) errors.push_back(std::move(e));
    if (!t.id.empty() && t.id != path.stem().string()) {
      errors.push_back({file, "id", "« " + t.id + " » diffère du nom du fichier (« " + path.stem().string() + " » attendu)."});
    }
    for (const auto& slug : t.offers) {
      if (known_offers && known_offers->count(slug) == 0) {
        errors.push_back({file, "offers", "aucune offre ne porte l'identifiant « " + slug + " »."});
      }
      auto [it, inserted] = served_by.emplace(slug, file);
      if (!inserted) {
        errors.push_back({file, "offers", "l'offre « " + slug + " » a déjà un test (" + it->second + ")."});
      }
    }
    if (errors.empty()) {
      batch.questionnaires.push_back(std::move(t));
    } else {
      for (auto& e : errors) batch.errors.push_back(std::move(e));
    }
  }
  return batch;
}

Result<EligibilityVerdict> Evaluate(const Questionnaire& t, const std::vector<std::pair<std::string, std::string>>& answers) {
  std::map<std::string, std::string> given;
  for (const auto& [name, value] : answers) {
    const EligibilityQuestion* q = t.FindQuestion(name);
    if (q == nullptr) return InvalidInput("Le paramètre « " + name + " » n'est pas une question de ce test.", name);
    if (q->FindAnswer(value) == nullptr) {
      std::string allowed;
      for (const auto& a : q->answers) allowed += (allowed.empty() ? "« " : ", « ") + a.id + " »";
      return InvalidInput("La réponse « " + value + " » n'existe pas pour la question " + name + " (réponses possibles : " +
                              allowed + ").",
                          name);
    }
    if (!given.emplace(name, value).second) {
      return InvalidInput("La question " + name + " a reçu plusieurs réponses : une seule est attendue.", name);
    }
  }
  EligibilityVerdict verdict;
  for (const auto& q : t.questions) {
    auto it = given.find(q.id);
    if (it == given.end()) {
      verdict.missing.push_back(q.id);
      continue;
    }
    verdict.answers.emplace_back(q.id, it->second);
    if (!q.IsExpected(it->second)) verdict.reasons.emplace_back(q.id, q.if_not);
  }
  verdict.eligible = verdict.missing.empty() && verdict.reasons.empty();
  return verdict;
}

}  // namespace boussole::catalogue
