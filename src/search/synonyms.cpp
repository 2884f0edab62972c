#include "search/synonyms.h"

#include <algorithm>

#include "core/files.h"
#include "search/text_analyzer.h"

namespace boussole::search {
namespace {

std::string Join(const std::vector<std::string>& tokens, std::size_t from, std::size_t count) {
  std::string joined;
  for (std::size_t i = from; i < from + count; ++i) {
    if (!joined.empty()) joined += ' ';
    joined += tokens[i];
  }
  return joined;
}

std::vector<std::string> SplitTerms(std::string_view line) {
  std::vector<std::string> terms;
  constexpr std::string_view kSeparator = " = ";
  std::size_t start = 0;
  while (true) {
    std::size_t end = line.find(kSeparator, start);
    terms.emplace_back(line.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + kSeparator.size();
  }
  return terms;
}

}  // namespace

Result<Synonyms> Synonyms::Parse(std::string_view text) {
  Synonyms synonyms;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') continue;
    std::vector<std::string> terms = SplitTerms(line);
    if (terms.size() < 2) {
      return InvalidInput("synonymes, ligne " + std::to_string(line_number) +
                          " : au moins deux termes séparés par « = » sont attendus.");
    }
    const std::size_t index = synonyms.classes_.size();
    for (const std::string& term : terms) {
      std::vector<std::string> tokens = Tokenize(term);
      if (tokens.empty()) {
        return InvalidInput("synonymes, ligne " + std::to_string(line_number) + " : terme vide.");
      }
      auto [it, inserted] = synonyms.class_of_term_.emplace(Join(tokens, 0, tokens.size()), index);
      if (!inserted && it->second != index) {
        return InvalidInput("synonymes, ligne " + std::to_string(line_number) + " : le terme « " +
                            term + " » figure déjà sur une autre ligne.");
      }
      if (tokens.size() > synonyms.longest_term_) synonyms.longest_term_ = tokens.size();
    }
    synonyms.classes_.push_back(std::move(terms));
  }
  return synonyms;
}

Result<Synonyms> Synonyms::Read(const std::filesystem::path& file) {
  auto text = ReadWholeFile(file);
  if (!text) return text.error();
  return Parse(text.value());
}

Synonyms::Match Synonyms::LongestAt(const std::vector<std::string>& tokens, std::size_t at) const {
  const std::size_t available = tokens.size() - at;
  for (std::size_t length = std::min(longest_term_, available); length > 0; --length) {
    auto it = class_of_term_.find(Join(tokens, at, length));
    if (it != class_of_term_.end()) return {length, it->second};
  }
  return {};
}

const std::vector<std::string>* Synonyms::ClassOf(const std::vector<std::string>& tokens) const {
  if (tokens.empty()) return nullptr;
  auto it = class_of_term_.find(Join(tokens, 0, tokens.size()));
  return it == class_of_term_.end() ? nullptr : &classes_[it->second];
}

}  // namespace boussole::search
