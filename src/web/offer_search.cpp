#include "web/offer_search.h"

#include "domain/catalogue/availability.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace boussole::web {

OfferSearch::OfferSearch(storage::Store& store, search::Synonyms synonyms)
    : store_(store), synonyms_(std::move(synonyms)) {}

std::shared_ptr<const search::OfferIndex> OfferSearch::Current() {
  // Read before the offers: data read afterwards is at least as new as this position.
  const std::int64_t position = store_.LatestChange();
  std::lock_guard lock(mutex_);
  if (index_ && position == position_) return index_;
  index_ = Build();
  position_ = position;
  ++builds_;
  return index_;
}

std::uint64_t OfferSearch::builds() const {
  std::lock_guard lock(mutex_);
  return builds_;
}

// An offer naming a loaded programme list applies to its members only (issue 8, item 3).
void OfferSearch::ApplyMembershipLists(std::vector<catalogue::Offer>& offers) {
  std::map<std::string, memberships::MembershipList> loaded;
  for (auto& list : store_.MembershipLists()) loaded.emplace(list.slug, std::move(list));
  if (loaded.empty()) return;
  for (auto& offer : offers) {
    const auto list = loaded.find(offer.membership_list);
    if (offer.membership_list.empty() || list == loaded.end()) continue;
    offer.perimeter.clear();
    offer.adhoc_perimeter = {list->second.name, store_.MembershipEntries(list->first)};
  }
}

std::shared_ptr<const search::OfferIndex> OfferSearch::Build() {
  catalogue::OfferQuery query;
  query.limit = 1000000;
  std::vector<catalogue::Offer> offers = store_.ListOffers(query).offers;
  ApplyMembershipLists(offers);
  std::map<std::string, std::vector<std::string>> ancestors;
  for (const auto& offer : offers) {
    for (const std::string& member : catalogue::PerimeterTerritories(offer)) {
      if (ancestors.contains(member)) continue;
      std::vector<std::string>& list = ancestors[member];
      auto id = territories::TerritoryId::Parse(member);
      if (!id) continue;  // refused by the importer; nothing to find above it
      for (const auto& ancestor : store_.Ancestors(id.value())) list.push_back(ancestor.ToString());
    }
  }
  return search::OfferIndex::Build(std::move(offers), std::move(ancestors), synonyms_);
}

}  // namespace boussole::web
