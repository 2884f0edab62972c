#pragma once
// What a search asks and what it answers (issue 4): text, filters (AND across facets, OR
// within one), sort, page; hits, total, facet counts and a "did you mean" suggestion.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::search {

//! The facets, named as the API's query parameters.
enum class Facet {
  kAudience,
  kType,
  kTypeGroup,        //!< "financial", "engineering", "support"
  kStage,            //!< mobilization_steps
  kDestination,
  kTheme,
  kCategory,
  kBacker,           //!< porteur names
  kProgramme,
  kRecurrence,
  kStatus,           //!< "open" (closing included), "closing" (≤ 30 days), "closed"
  kCallForProjects,  //!< the only value: "true"
  kFree,             //!< the only value: "true" (is_charged == false, or free for the
                     //!< chosen territory by a population condition)
};
inline constexpr std::size_t kFacetCount = 13;
static_assert(static_cast<std::size_t>(Facet::kFree) + 1 == kFacetCount);

//! "audience", "type", "type_group", "stage", "destination", "theme", "category",
//! "backer", "programme", "recurrence", "status", "call_for_projects", "free".
std::string_view FacetKey(Facet facet);

//! The type group key of an offer type: "financial", "engineering" or "support".
std::string_view TypeGroupKey(std::string_view type);

enum class Sort { kRelevance, kDeadline, kName, kNarrowestPerimeter, kNewest };

struct SearchQuery {
  std::string text;
  //! Typed id of the chosen territory ("" for none) and its covering perimeters: itself
  //! and all its ancestors (Ancestry::Covering). Offers without a perimeter never match a
  //! territory; offers whose perimeter lies inside it match and are marked local.
  std::string territory;
  std::vector<std::string> covering;
  //! The chosen territory's population (nullopt: unknown or no territory), checked against
  //! the offers' population conditions for territories of its kind (the prefix of
  //! `territory`): "eligibility" ones exclude offers, "free" ones make them free.
  std::optional<std::int64_t> territory_population;
  //! Selected values per facet (index: static_cast<size_t>(Facet)); empty: no filter.
  std::array<std::vector<std::string>, kFacetCount> selected;
  std::string deadline_before;  //!< YYYY-MM-DD: offers with a deadline on or before it
  std::string published_after;  //!< YYYY-MM-DD: offers published on that day or later
  std::string today;            //!< YYYY-MM-DD, for the status facet
  Sort sort = Sort::kRelevance;
  std::size_t page = 1;         //!< 1-based
  std::size_t per_page = 20;

  std::vector<std::string>& Selected(Facet facet) { return selected[static_cast<std::size_t>(facet)]; }
};

struct Hit {
  std::size_t offer = 0;   //!< index in the offers the index was built from
  std::string slug;
  double score = 0;        //!< relevance; 0 without text
  std::size_t matched_words = 0;
  bool local = false;      //!< perimeter strictly inside the searched territory
};

struct SearchResult {
  std::vector<Hit> hits;   //!< the requested page
  std::size_t total = 0;   //!< matches over all pages
  //! facet key → value → number of offers matching the text and every OTHER active filter.
  std::map<std::string, std::map<std::string, std::size_t>> facets;
  std::string suggestion;  //!< "" or the query with misspelled words corrected (folded)
};

}  // namespace boussole::search
