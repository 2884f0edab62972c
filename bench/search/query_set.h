#pragma once
// The fixed queries, the same for the in-process index, the HTTP API and PostgreSQL. Four
// families: text only, facets only, text + 3 facets + territory, autocomplete prefix.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalogue_model.h"
#include "search/search_query.h"
#include "territory_pool.h"

namespace boussole::bench {

enum class Family { kText, kFacets, kCombined, kPrefix };
inline constexpr Family kFamilies[] = {Family::kText, Family::kFacets, Family::kCombined, Family::kPrefix};

//! "text", "facets", "text+3facets+territory", "prefix".
std::string_view FamilyKey(Family family);

struct BenchQuery {
  Family family = Family::kText;
  //! As typed. Whole-word queries end with a space: the engine then completes no word,
  //! as when the person has finished typing; prefix queries end inside their last word.
  std::string text;
  std::string territory;  //!< typed id or ""
  std::vector<std::pair<search::Facet, std::string>> facets;
};

inline constexpr std::size_t kQueriesPerFamily = 24;

//! The same queries on every run (their own seeded stream, apart from the corpus').
std::vector<BenchQuery> MakeQueries(const CatalogueModel& model, const TerritoryPool& pool);

//! The words of a query, split as PostgreSQL's parser would see them (spaces, hyphens,
//! apostrophes), for a to_tsquery expression.
std::vector<std::string> PlainWords(std::string_view text);

}  // namespace boussole::bench
