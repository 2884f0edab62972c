#include "search/query_parser.h"

#include "search/text_analyzer.h"

namespace boussole::search {
namespace {

QueryWord ClassWord(const std::vector<std::string>& terms) {
  QueryWord word;
  for (const std::string& term : terms) {
    std::vector<std::string> stems = AnalyzeTerms(term);
    if (!stems.empty()) word.alternatives.push_back(std::move(stems));
  }
  return word;
}

void ParseUnquoted(std::string_view segment, const Synonyms& synonyms, ParsedQuery& parsed) {
  const std::vector<std::string> tokens = Tokenize(segment);
  std::size_t at = 0;
  while (at < tokens.size()) {
    const Synonyms::Match match = synonyms.LongestAt(tokens, at);
    if (match.length > 0) {
      std::string text;
      for (std::size_t i = at; i < at + match.length; ++i) text += (i > at ? " " : "") + tokens[i];
      parsed.pieces.push_back({text, false});
      QueryWord word = ClassWord(synonyms.Class(match.class_index));
      if (!word.alternatives.empty()) parsed.words.push_back(std::move(word));
      at += match.length;
      continue;
    }
    parsed.pieces.push_back({tokens[at], false});
    if (!IsStopWord(tokens[at])) {
      QueryWord word;
      word.alternatives.push_back({Stem(tokens[at])});
      word.plain = tokens[at];
      word.piece = parsed.pieces.size() - 1;
      parsed.words.push_back(std::move(word));
    }
    ++at;
  }
}

void ParseQuoted(std::string_view segment, const Synonyms& synonyms, ParsedQuery& parsed) {
  const std::vector<std::string> tokens = Tokenize(segment);
  if (tokens.empty()) return;
  std::string text;
  for (const std::string& token : tokens) text += (text.empty() ? "" : " ") + token;
  parsed.pieces.push_back({text, true});
  QueryWord word;
  if (const auto* terms = synonyms.ClassOf(tokens)) {
    word = ClassWord(*terms);
  } else {
    std::vector<std::string> stems = AnalyzeTerms(segment);
    if (!stems.empty()) word.alternatives.push_back(std::move(stems));
  }
  if (!word.alternatives.empty()) parsed.words.push_back(std::move(word));
}

}  // namespace

ParsedQuery ParseQuery(std::string_view text, const Synonyms& synonyms) {
  ParsedQuery parsed;
  std::size_t start = 0;
  bool quoted = false;
  bool last_segment_unquoted = true;
  std::size_t words_before_last = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('"', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view segment = text.substr(start, end - start);
    words_before_last = parsed.words.size();
    if (quoted) {
      ParseQuoted(segment, synonyms, parsed);
    } else {
      ParseUnquoted(segment, synonyms, parsed);
    }
    last_segment_unquoted = !quoted;
    quoted = !quoted;
    start = end + 1;
  }
  // Autocomplete: the last word typed, unless the person already ended it with a space.
  const bool ends_open = !text.empty() && text.back() != ' ' && text.back() != '"';
  if (last_segment_unquoted && ends_open && parsed.words.size() > words_before_last &&
      !parsed.words.back().plain.empty() && parsed.words.back().piece + 1 == parsed.pieces.size()) {
    parsed.words.back().prefix = true;
  }
  return parsed;
}

}  // namespace boussole::search
