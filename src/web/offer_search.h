#pragma once
// The offer index of issue 4 as the web layer holds it: built from the store, rebuilt on
// the first search after the store's change feed moves (an import, an edit, a closing, by
// any server or command), so that the very next search sees every committed write.
#include <cstdint>
#include <memory>
#include <mutex>

#include "search/offer_index.h"
#include "search/synonyms.h"
#include "storage/store.h"

namespace boussole::web {

class OfferSearch {
 public:
  OfferSearch(storage::Store& store, search::Synonyms synonyms);

  //! The index, at least as new as the change feed's position read by this call (which
  //! starts after the caller's request arrived). Rebuilds it, under a mutex, when the feed
  //! moved since the last build. Throws when the store cannot be read.
  std::shared_ptr<const search::OfferIndex> Current();

  //! How many times the index was built (for tests and metrics).
  std::uint64_t builds() const;

 private:
  std::shared_ptr<const search::OfferIndex> Build();
  void ApplyMembershipLists(std::vector<catalogue::Offer>& offers);

  storage::Store& store_;
  const search::Synonyms synonyms_;
  mutable std::mutex mutex_;
  std::int64_t position_ = -1;                      // GUARDED_BY(mutex_)
  std::shared_ptr<const search::OfferIndex> index_;  // GUARDED_BY(mutex_)
  std::uint64_t builds_ = 0;                         // GUARDED_BY(mutex_)
};

}  // namespace boussole::web
