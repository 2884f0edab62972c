#pragma once
// The projetothèque's index (issue 5, item 5): the published case sheets, searchable by
// text, theme and territory, with theme and territory-kind facets. It shares the French
// analysis of the offer index (text_analyzer.h: folding, stop words, Snowball stems) so
// that a word finds the same stems in both; it is small and separate because sheets are
// few and have none of the offers' publication rules.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/projects/project.h"

namespace boussole::search {

struct CaseSheetQuery {
  std::string text;                 //!< every analysed word must appear
  std::vector<std::string> themes;  //!< any of them (OR); empty: all
  std::string territory;            //!< typed id: the project's territory is it or inside it
  std::size_t page = 1;             //!< from 1
  std::size_t per_page = 20;
};

struct CaseSheetResults {
  std::vector<const projects::Project*> items;  //!< this page, newest publication first
  std::size_t total = 0;
  //! Theme slug → sheets matching the other filters (text, territory) with that theme.
  std::map<std::string, std::size_t> theme_counts;
  //! Territory kind ("commune", "epci"…) of the project → matching sheets, every filter applied.
  std::map<std::string, std::size_t> kind_counts;
};

class CaseSheetIndex {
 public:
  //! `ancestors`: for each project territory, its ancestors (typed ids).
  CaseSheetIndex(std::vector<projects::Project> sheets, std::map<std::string, std::vector<std::string>> ancestors);

  CaseSheetResults Search(const CaseSheetQuery& query) const;
  const projects::Project* Find(std::int64_t project_id) const;
  std::size_t size() const { return sheets_.size(); }

 private:
  struct Entry {
    std::vector<std::string> terms;     // sorted, unique
    std::vector<std::string> covering;  // the territory and its ancestors
  };
  std::vector<projects::Project> sheets_;  // newest publication first
  std::vector<Entry> entries_;
};

}  // namespace boussole::search
