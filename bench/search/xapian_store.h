#pragma once
// The Xapian engine: a glass database on disk whose documents carry Boussole's stems
// (engine_text.h) with per-field wdf increments, boolean terms for every facet value and
// for the perimeter and its ancestors, and one value slot packing what the facet counts
// need; a search runs one match for the page, the total and the counts of the facets
// without a filter, plus one match per selected filter for that facet's counts (they are
// taken under the OTHER filters).
#include <xapian.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "world.h"

namespace boussole::bench {

struct XapianBuildTimes {
  double analyse_s = 0;  //!< Boussole's analysis of the texts into stems
  double index_s = 0;    //!< documents added and committed
  double compact_s = 0;  //!< xapian-compact into the database that is queried
};
//! Builds `folder`/build, compacts it into `folder`/db (what Database opens) and removes
//! the first.
XapianBuildTimes BuildXapian(const std::filesystem::path& folder, const World& world);

struct XapianResult {
  std::vector<std::string> page;  //!< slugs
  std::size_t total = 0;
  std::size_t counted = 0;  //!< documents the main match's spy saw (must equal total)
  std::map<std::string, std::map<std::string, std::size_t>> facets;
};

class XapianSearcher {
 public:
  explicit XapianSearcher(const std::filesystem::path& db);
  //! `covering`: the territory and its ancestors; dates YYYY-MM-DD.
  XapianResult Search(const BenchQuery& query, const std::vector<std::string>& covering, const std::string& today,
                      const std::string& closing_limit);

 private:
  Xapian::Database db_;
  std::vector<std::vector<std::string>> names_;  //!< per facet: value id → value
};

}  // namespace boussole::bench
