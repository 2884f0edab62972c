#include "web/views/resource_view.h"

namespace boussole::web {

std::vector<directory::Resource> AllResources(const WebContext& context) {
  std::vector<directory::Resource> all = directory::SeededResources();
  for (auto& r : context.store.ListResources()) all.push_back(std::move(r));
  return all;
}

std::set<std::string> PlaceOf(const WebContext& context, const std::string& territory) {
  std::set<std::string> place{territory};
  if (auto id = territories::TerritoryId::Parse(territory)) {
    for (const auto& ancestor : context.store.Ancestors(id.value())) place.insert(ancestor.ToString());
  }
  return place;
}

nlohmann::json ResourceJson(const directory::Resource& r) {
  nlohmann::json themes = nlohmann::json::array();
  for (const auto& t : r.themes) themes.push_back(std::string(catalogue::LabelOf(catalogue::Themes(), t)));
  std::string territories;
  for (const auto& t : r.territories) territories += (territories.empty() ? "" : ", ") + t;
  return {{"id", r.id},
          {"name", r.name},
          {"kind", std::string(catalogue::LabelOf(directory::ResourceKinds(), r.kind))},
          {"themes", themes},
          {"engineering", r.engineering},
          {"territories", r.national ? "France entière" : territories},
          {"contact", r.contact},
          {"source", r.source}};
}

}  // namespace boussole::web
