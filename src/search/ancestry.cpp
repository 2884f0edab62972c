#include "search/ancestry.h"

#include <set>

namespace boussole::search {

Ancestry::Ancestry(const territories::Snapshot& snapshot) {
  for (const auto& territory : snapshot.territories) parents_[territory.id.ToString()];
  for (const auto& link : snapshot.links) {
    parents_[link.child.ToString()].push_back(link.parent.ToString());
  }
}

bool Ancestry::Knows(const std::string& typed_id) const { return parents_.count(typed_id) > 0; }

std::vector<std::string> Ancestry::Ancestors(const std::string& typed_id) const {
  std::vector<std::string> ancestors;
  if (!Knows(typed_id)) return ancestors;
  std::set<std::string> seen{typed_id};
  std::vector<std::string> frontier{typed_id};
  while (!frontier.empty()) {
    std::vector<std::string> next;
    for (const std::string& id : frontier) {
      auto it = parents_.find(id);
      if (it == parents_.end()) continue;
      for (const std::string& parent : it->second) {
        if (seen.insert(parent).second) {
          ancestors.push_back(parent);
          next.push_back(parent);
        }
      }
    }
    frontier = std::move(next);
  }
  // The snapshot links stop at régions: every territory lies in France.
  if (typed_id != "pays:FR" && !seen.count("pays:FR")) ancestors.push_back("pays:FR");
  return ancestors;
}

std::vector<std::string> Ancestry::Covering(const std::string& typed_id) const {
  std::vector<std::string> covering{typed_id};
  for (std::string& ancestor : Ancestors(typed_id)) covering.push_back(std::move(ancestor));
  return covering;
}

std::map<std::string, std::vector<std::string>> Ancestry::ForPerimeters(
    const std::vector<std::string>& perimeters) const {
  std::map<std::string, std::vector<std::string>> result;
  for (const std::string& perimeter : perimeters) {
    if (!perimeter.empty() && !result.count(perimeter)) result[perimeter] = Ancestors(perimeter);
  }
  return result;
}

}  // namespace boussole::search
