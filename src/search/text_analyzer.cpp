#include "search/text_analyzer.h"

#include <libstemmer.h>

#include <array>
#include <stdexcept>

#include "core/text_folding.h"

namespace boussole::search {
namespace {

// Short on purpose: articles, prepositions, pronouns and auxiliaries, folded (à → a).
// Words that carry meaning in the catalogue ("plus", "sans", "entre") are kept.
constexpr std::array<std::string_view, 58> kStopWords = {
    "a",    "au",   "aux",  "avec", "c",     "ce",    "ces",   "cet",  "cette", "d",
    "dans", "de",   "des",  "du",   "elle",  "elles", "en",    "est",  "et",    "il",
    "ils",  "j",    "l",    "la",   "le",    "les",   "leur",  "leurs", "lui",  "m",
    "ma",   "mes",  "mon",  "n",    "ne",    "nos",   "notre", "ou",   "par",   "pour",
    "qu",   "que",  "qui",  "s",    "sa",    "se",    "ses",   "son",  "sont",  "sur",
    "t",    "un",   "une",  "vos",  "votre", "y",     "on",    "nous"};

class Stemmer {
 public:
  Stemmer() : handle_(sb_stemmer_new("french", "UTF_8")) {
    if (handle_ == nullptr) throw std::runtime_error("Snowball: French stemmer unavailable");
  }
  ~Stemmer() { sb_stemmer_delete(handle_); }
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  std::string Run(std::string_view word) {
    const sb_symbol* out = sb_stemmer_stem(handle_, reinterpret_cast<const sb_symbol*>(word.data()),
                                           static_cast<int>(word.size()));
    if (out == nullptr) return std::string(word);
    return std::string(reinterpret_cast<const char*>(out),
                       static_cast<std::size_t>(sb_stemmer_length(handle_)));
  }

 private:
  sb_stemmer* handle_;
};

}  // namespace

std::vector<std::string> Tokenize(std::string_view text) {
  std::vector<std::string> words;
  const std::string folded = FoldForSearch(text);
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) words.emplace_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

bool IsStopWord(std::string_view folded_word) {
  for (std::string_view stop : kStopWords) {
    if (stop == folded_word) return true;
  }
  return false;
}

std::string Stem(std::string_view folded_word) {
  thread_local Stemmer stemmer;  // one handle per thread: Snowball handles are not shared
  return stemmer.Run(folded_word);
}

std::vector<std::string> AnalyzeTerms(std::string_view text) {
  std::vector<std::string> terms;
  for (const std::string& word : Tokenize(text)) {
    if (!IsStopWord(word)) terms.push_back(Stem(word));
  }
  return terms;
}

}  // namespace boussole::search
