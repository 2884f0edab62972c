#pragma once
// Parses the text of a search into query words (data/search/README.md, "Intended
// matching"): quoted phrases, synonym classes, stop words, stems, the autocomplete prefix.
#include <string>
#include <string_view>
#include <vector>

#include "search/synonyms.h"

namespace boussole::search {

//! One query word: the offer matches it when it holds any of the alternatives. A synonym
//! class is one word with one alternative per term; a quoted phrase is one word.
struct QueryWord {
  std::vector<std::vector<std::string>> alternatives;  //!< each: consecutive stems
  //! For a single unquoted word outside any synonym: its folded form (for the
  //! misspelling suggestion) and the index of its piece in ParsedQuery::pieces.
  std::string plain;
  std::size_t piece = 0;
  bool prefix = false;  //!< the query's last word, not followed by a space: autocomplete
};

struct ParsedQuery {
  std::vector<QueryWord> words;
  //! The query as folded pieces (one per unquoted token, one per quoted phrase) to write
  //! a "did you mean" suggestion with some words replaced.
  struct Piece {
    std::string text;
    bool quoted = false;
  };
  std::vector<Piece> pieces;
};

ParsedQuery ParseQuery(std::string_view text, const Synonyms& synonyms);

}  // namespace boussole::search
