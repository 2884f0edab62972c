#include "markov_text.h"

#include <cctype>
#include <sstream>

namespace boussole::bench {
namespace {

bool HasLetterOrDigit(const std::string& token) {
  for (unsigned char c : token) {
    if (c >= 0x80 || std::isalnum(c)) return true;  // any UTF-8 lead byte counts as a letter
  }
  return false;
}

bool IsNoise(const std::string& token) {
  return !HasLetterOrDigit(token) || token.find("http") != std::string::npos ||
         token.find("www.") != std::string::npos || token.find('@') != std::string::npos;
}

bool EndsSentence(const std::string& token) {
  const char last = token.back();
  return last == '.' || last == '!' || last == '?';
}

}  // namespace

std::uint32_t MarkovText::Id(const std::string& token) {
  auto [it, inserted] = ids_.emplace(token, static_cast<std::uint32_t>(tokens_.size()));
  if (inserted) {
    tokens_.push_back(token);
    next_.emplace_back();
  }
  return it->second;
}

void MarkovText::Learn(std::string_view passage) {
  std::istringstream in{std::string(passage)};
  bool sentence_start = true;
  std::int64_t previous = -1;
  for (std::string token; in >> token;) {
    // Markdown emphasis and headings of the seeds are layout, not words.
    std::erase(token, '*');
    if (token.empty() || token.front() == '#' || IsNoise(token)) continue;
    const std::uint32_t id = Id(token);
    if (sentence_start) starts_.push_back(id);
    if (previous >= 0) next_[static_cast<std::size_t>(previous)].push_back(id);
    previous = id;
    sentence_start = EndsSentence(token);
  }
}

std::string MarkovText::Generate(Random& random, std::size_t words, bool sentences) const {
  std::string text;
  if (starts_.empty()) return text;
  std::uint32_t token = random.Pick(starts_);
  const std::size_t limit = words + (sentences ? 25 : 0);  // room to finish the sentence
  for (std::size_t n = 0; n < limit; ++n) {
    if (!text.empty()) text += ' ';
    text += tokens_[token];
    const bool done = n + 1 >= words && (!sentences || EndsSentence(tokens_[token]));
    if (done) break;
    const auto& next = next_[token];
    // A dead end (the last word of a passage): start a new sentence.
    token = next.empty() ? random.Pick(starts_) : random.Pick(next);
  }
  if (!sentences) {
    while (!text.empty() && (text.back() == ',' || text.back() == ';' || text.back() == ':' || text.back() == '.')) {
      text.pop_back();
    }
  } else if (!EndsSentence(text.substr(text.size() - 1))) {
    text += '.';
  }
  return text;
}

}  // namespace boussole::bench
