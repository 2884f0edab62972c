#pragma once
// "Vouliez-vous dire …": the closest indexed word to a misspelled one.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::search {

//! Optimal string alignment distance (Levenshtein plus adjacent transpositions), or
//! `limit + 1` as soon as it exceeds `limit`.
std::size_t EditDistance(std::string_view a, std::string_view b, std::size_t limit);

class Spelling {
 public:
  //! Adds an indexed (folded) word and how many offers hold its stem.
  void Add(std::string word, std::size_t frequency);
  //! The closest word within 1 edit (words of ≤ 4 letters) or 2 edits, the most frequent
  //! on ties; nothing for words shorter than 3 letters or digits.
  std::optional<std::string> Closest(std::string_view word) const;

 private:
  struct Entry {
    std::string word;
    std::size_t frequency;
  };
  std::vector<Entry> entries_;
};

}  // namespace boussole::search
