#include "web/views/territory_view.h"

#include <algorithm>

#include "domain/territories/labels.h"

namespace boussole::web {

using territories::Kind;
using territories::Territory;

namespace {

int ScaleRank(Kind kind) {
  switch (kind) {
    case Kind::kArrondissement: return 0;
    case Kind::kCommune: return 1;
    case Kind::kEpt: return 2;
    case Kind::kEpci: return 3;
    case Kind::kDepartement: return 4;
    case Kind::kRegion: return 5;
    case Kind::kPays: return 6;
  }
  return 7;
}

constexpr Kind kAllKinds[] = {Kind::kArrondissement, Kind::kCommune, Kind::kEpt, Kind::kEpci,
                              Kind::kDepartement, Kind::kRegion};

}  // namespace

std::string FormatFrenchNumber(std::int64_t number) {
  std::string digits = std::to_string(number < 0 ? -number : number);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202F";
    out += digits[i];
  }
  return number < 0 ? "-" + out : out;
}

nlohmann::json TerritorySummary(const Territory& t) {
  nlohmann::json j;
  j["id"] = t.id.ToString();
  j["kind"] = territories::KindKey(t.id.kind);
  j["kind_label"] = territories::KindLabel(t.id.kind);
  j["code"] = t.id.code;
  j["name"] = t.name;
  j["population"] = t.population ? nlohmann::json(*t.population) : nlohmann::json(nullptr);
  j["population_text"] = t.population ? FormatFrenchNumber(*t.population) : "";
  j["nature"] = t.nature.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.nature);
  j["nature_label"] = t.nature.empty() ? nlohmann::json(nullptr)
                                       : nlohmann::json(territories::NatureLabel(t.nature));
  j["url"] = "/territoires/" + t.id.ToString();
  return j;
}

nlohmann::json TerritoryDetail(const Territory& t, territories::TerritoryRepository& repository) {
  nlohmann::json j = TerritorySummary(t);
  j["siren"] = t.siren.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.siren);
  j["postal_codes"] = t.postal_codes;
  j["chef_lieu"] = t.chef_lieu.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.chef_lieu);
  j["zone"] = t.zone.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.zone);

  // Direct parents give the single département, région and EPCI of a commune. Ancestors
  // are wider: through a straddling EPCI a commune reaches other départements.
  const std::vector<Territory> direct = repository.Parents(t.id);
  nlohmann::json parents = nlohmann::json::array();
  for (const Territory& p : direct) parents.push_back(TerritorySummary(p));
  j["parents"] = parents;
  j["departement"] = nullptr;
  j["region"] = nullptr;
  j["epci"] = nullptr;
  j["ept"] = nullptr;
  auto single = [&](Kind kind) -> const Territory* {
    const Territory* found = nullptr;
    for (const Territory& p : direct) {
      if (p.id.kind != kind) continue;
      if (found) return nullptr;  // several: no single answer, see "parents"
      found = &p;
    }
    return found;
  };
  if (const Territory* epci = single(Kind::kEpci)) j["epci"] = TerritorySummary(*epci);
  if (const Territory* ept = single(Kind::kEpt)) j["ept"] = TerritorySummary(*ept);
  const Territory* region = single(Kind::kRegion);
  if (const Territory* departement = single(Kind::kDepartement)) {
    j["departement"] = TerritorySummary(*departement);
    for (const Territory& p : repository.Parents(departement->id)) {
      if (p.id.kind == Kind::kRegion) j["region"] = TerritorySummary(p);
    }
  }
  if (region) j["region"] = TerritorySummary(*region);

  std::vector<Territory> ancestors;
  for (const auto& id : repository.Ancestors(t.id)) {
    if (auto a = repository.FindTerritory(id)) ancestors.push_back(std::move(*a));
  }
  std::sort(ancestors.begin(), ancestors.end(), [](const Territory& a, const Territory& b) {
    return ScaleRank(a.id.kind) != ScaleRank(b.id.kind) ? ScaleRank(a.id.kind) < ScaleRank(b.id.kind)
                                                        : a.id.code < b.id.code;
  });
  nlohmann::json all = nlohmann::json::array();
  for (const Territory& a : ancestors) all.push_back(TerritorySummary(a));
  j["ancestors"] = all;

  nlohmann::json counts = nlohmann::json::object();
  for (Kind kind : kAllKinds) {
    const std::size_t n = repository.CountChildren(t.id, kind);
    if (n > 0) counts[std::string(territories::KindKey(kind))] = n;
  }
  j["children_counts"] = counts;
  return j;
}

std::optional<Territory> ResolveTerritory(std::string_view text,
                                          territories::TerritoryRepository& repository) {
  for (const auto& id : territories::CandidateIds(text)) {
    if (auto t = repository.FindTerritory(id)) return t;
  }
  return std::nullopt;
}

}  // namespace boussole::web
