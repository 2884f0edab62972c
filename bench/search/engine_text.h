#pragma once
// What the FTS5 and Xapian engines index and search: Boussole's own analysis
// (search::AnalyzeTerms: folding, stop words, Snowball French stems), so that the three
// in-process engines see the same terms and differ only in how they store and rank them.
// FTS5 has no French stemmer and Xapian's would fold differently; indexing our stems
// compares the engines, not the analysers.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/catalogue/offer.h"

namespace boussole::bench {

//! The stems of an offer's three weighted fields, each joined by spaces.
struct AnalyzedOffer {
  std::string title;  //!< name, short title, initial name
  std::string description;
  std::string eligibility;
};
//! Analyses offers, remembering each whitespace-separated chunk's stems.
class TextAnalyser {
 public:
  AnalyzedOffer Offer(const catalogue::Offer& offer);
  //! The stems of `text`, joined by spaces.
  std::string Stems(std::string_view text);

 private:
  std::unordered_map<std::string, std::string> chunks_;
};

//! The terms of a query text: the stems of its whole words (distinct, stop words dropped)
//! and, when the text does not end with a space, its last word folded and unstemmed
//! (`prefix`), to be completed; its own stem is then in `stems` too, as the index does.
struct MatchTerms {
  std::vector<std::string> stems;
  std::string prefix;
};
MatchTerms AnalyzeQuery(const std::string& text);

}  // namespace boussole::bench
