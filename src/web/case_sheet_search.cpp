#include "web/case_sheet_search.h"

#include <map>
#include <string>
#include <vector>

namespace boussole::web {

std::shared_ptr<const search::CaseSheetIndex> CaseSheetSearch::Current() {
  // Read before the sheets: data read afterwards is at least as new as this position.
  const std::int64_t position = store_.LatestChange();
  std::lock_guard lock(mutex_);
  if (index_ && position == position_) return index_;
  index_ = Build(store_);
  position_ = position;
  return index_;
}

std::shared_ptr<const search::CaseSheetIndex> CaseSheetSearch::Build(storage::Store& store) {
  std::vector<projects::Project> sheets = store.PublishedProjects();
  std::map<std::string, std::vector<std::string>> ancestors;
  for (const auto& p : sheets) {
    if (ancestors.contains(p.territory)) continue;
    std::vector<std::string>& list = ancestors[p.territory];
    auto id = territories::TerritoryId::Parse(p.territory);
    if (!id) continue;
    for (const auto& ancestor : store.Ancestors(id.value())) list.push_back(ancestor.ToString());
  }
  return std::make_shared<const search::CaseSheetIndex>(std::move(sheets), std::move(ancestors));
}

}  // namespace boussole::web
