#pragma once
// The synonyms file (data/search/README.md): equivalence classes of terms, matched word
// for word (folded, unstemmed, stop words kept) against the query's tokens.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace boussole::search {

class Synonyms {
 public:
  //! Parses the file's text; a line with fewer than two terms is an error (French message
  //! with the line number), as is a term that sits on two lines.
  static Result<Synonyms> Parse(std::string_view text);
  //! Reads and parses a file.
  static Result<Synonyms> Read(const std::filesystem::path& file);

  //! The longest term starting at `tokens[at]`: its length in tokens and its class index,
  //! or length 0 when none starts there.
  struct Match {
    std::size_t length = 0;
    std::size_t class_index = 0;
  };
  Match LongestAt(const std::vector<std::string>& tokens, std::size_t at) const;

  //! The class of a whole token sequence (a quoted phrase), when it is a term.
  const std::vector<std::string>* ClassOf(const std::vector<std::string>& tokens) const;

  //! Every term of a class, as written in the file.
  const std::vector<std::string>& Class(std::size_t index) const { return classes_[index]; }
  std::size_t size() const { return classes_.size(); }

 private:
  std::vector<std::vector<std::string>> classes_;
  std::map<std::string, std::size_t> class_of_term_;  //!< folded tokens joined by ' '
  std::size_t longest_term_ = 0;                      //!< in tokens
};

}  // namespace boussole::search
