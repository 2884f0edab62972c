#include "engine_text.h"

#include <algorithm>

#include "search/text_analyzer.h"

namespace boussole::bench {
namespace {

std::string Joined(const std::vector<std::string>& terms) {
  std::string joined;
  for (const std::string& term : terms) joined += (joined.empty() ? "" : " ") + term;
  return joined;
}

void AddDistinct(std::vector<std::string>& terms, std::string term) {
  if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
}

}  // namespace

std::string TextAnalyser::Stems(std::string_view text) {
  // Folding splits on punctuation and spaces only, so a text's terms are those of its
  // whitespace-separated chunks in order: catalogues repeat their words, and ICU then runs
  // once per distinct chunk (what OfferIndex::Build does too).
  std::string stems;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" \t\n\r", start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) {
      const std::string chunk(text.substr(start, end - start));
      auto found = chunks_.find(chunk);
      if (found == chunks_.end()) found = chunks_.emplace(chunk, Joined(search::AnalyzeTerms(chunk))).first;
      if (!found->second.empty()) stems += (stems.empty() ? "" : " ") + found->second;
    }
    start = end + 1;
  }
  return stems;
}

AnalyzedOffer TextAnalyser::Offer(const catalogue::Offer& offer) {
  return {Stems(offer.name + " " + offer.short_title + " " + offer.initial_name), Stems(offer.description),
          Stems(offer.eligibility)};
}

MatchTerms AnalyzeQuery(const std::string& text) {
  MatchTerms terms;
  const std::vector<std::string> words = search::Tokenize(text);
  const bool completing = !text.empty() && text.back() != ' ';
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (search::IsStopWord(words[i])) continue;
    AddDistinct(terms.stems, search::Stem(words[i]));
    if (completing && i + 1 == words.size()) terms.prefix = words[i];
  }
  return terms;
}

}  // namespace boussole::bench
