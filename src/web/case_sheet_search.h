#pragma once
// The projetothèque's index as the web layer holds it: built from the store's published
// sheets, rebuilt on the first search after the change feed moves (publishing,
// unpublishing or editing a published sheet record a change), like OfferSearch.
#include <cstdint>
#include <memory>
#include <mutex>

#include "search/case_sheet_index.h"
#include "storage/store.h"

namespace boussole::web {

class CaseSheetSearch {
 public:
  explicit CaseSheetSearch(storage::Store& store) : store_(store) {}

  //! The index, at least as new as the change feed's position read by this call.
  std::shared_ptr<const search::CaseSheetIndex> Current();

  //! A fresh index, without caching (for contexts without a shared CaseSheetSearch).
  static std::shared_ptr<const search::CaseSheetIndex> Build(storage::Store& store);

 private:
  storage::Store& store_;
  std::mutex mutex_;
  std::int64_t position_ = -1;                           // GUARDED_BY(mutex_)
  std::shared_ptr<const search::CaseSheetIndex> index_;  // GUARDED_BY(mutex_)
};

}  // namespace boussole::web
