#pragma once
// French text for the synthetic offers: a word-bigram chain learnt from real French
// (the seeds and the real offers). Each generated text is a walk through words that
// really follow each other there, so word frequencies, stop words, accents, apostrophes
// and punctuation look like the catalogue's without copying whole sentences.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "random.h"

namespace boussole::bench {

class MarkovText {
 public:
  //! Learns from one passage: a line of a seed, a name, a paragraph of a description.
  void Learn(std::string_view passage);

  //! About `words` words (whole sentences when `sentences`, else cut at `words`).
  std::string Generate(Random& random, std::size_t words, bool sentences) const;

  std::size_t vocabulary_size() const { return tokens_.size(); }

 private:
  std::uint32_t Id(const std::string& token);

  std::vector<std::string> tokens_;
  std::unordered_map<std::string, std::uint32_t> ids_;
  //! By token id: the tokens seen after it, repeated as often as seen (a draw by frequency).
  std::vector<std::vector<std::uint32_t>> next_;
  std::vector<std::uint32_t> starts_;  //!< first tokens of passages and sentences
};

}  // namespace boussole::bench
