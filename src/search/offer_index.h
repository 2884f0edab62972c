#pragma once
// The offer index (issue 4): an immutable in-memory index of the catalogue for French
// full-text and faceted search. Built once from the offers; rebuild to take changes
// (the index is a cache of the store, ARCHITECTURE.md).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "domain/catalogue/offer.h"
#include "search/search_query.h"
#include "search/synonyms.h"

namespace boussole::search {

class OfferIndex {
 public:
  virtual ~OfferIndex() = default;

  //! Indexes `offers` (title fields above description, then eligibility).
  //! `perimeter_ancestors` maps each offer perimeter to its ancestors' typed ids
  //! (Ancestry::ForPerimeters): how a search for a wide territory finds the offers inside
  //! it. `synonyms` are expanded at query time.
  static std::unique_ptr<OfferIndex> Build(
      std::vector<catalogue::Offer> offers,
      std::map<std::string, std::vector<std::string>> perimeter_ancestors, Synonyms synonyms);

  //! Runs a search. Thread-safe (the index is never modified after Build). Never fails:
  //! a page past the end yields no hits, unknown facet values match nothing (the caller
  //! validates parameters).
  virtual SearchResult Search(const SearchQuery& query) const = 0;

  //! The offers, in the order Hit::offer refers to.
  virtual const std::vector<catalogue::Offer>& offers() const = 0;
};

}  // namespace boussole::search
