// A membership list CSV (domain/memberships/membership_csv.h), checked against a small
// fake territory repository: every well-formed id whose code does not end with '9' exists.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/memberships/membership_csv.h"

using namespace boussole::territories;

namespace {

class FakeTerritories : public TerritoryRepository {
 public:
  std::optional<Territory> FindTerritory(const TerritoryId& id) override {
    if (id.code.empty() || id.code.back() == '9') return std::nullopt;
    return Territory{id, "Territoire " + id.code, {}, {}, {}, {}, {}, {}};
  }
  std::vector<Territory> SearchTerritories(std::string_view, std::size_t) override { return {}; }
  std::vector<Territory> Parents(const TerritoryId&) override { return {}; }
  std::vector<Territory> Children(const TerritoryId&, Kind, std::size_t) override { return {}; }
  std::size_t CountChildren(const TerritoryId&, Kind) override { return 0; }
  std::vector<TerritoryId> Ancestors(const TerritoryId&) override { return {}; }
  std::optional<PopulationRank> RankByPopulation(const TerritoryId&, const TerritoryId&) override { return {}; }
  Counts CountTerritories() override { return {}; }
  boussole::Status ReplaceTerritories(const Snapshot&, std::string_view, const ProgressFn&) override {
    return boussole::Ok();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static FakeTerritories territories;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)boussole::memberships::ParseMembershipCsv(text, territories);
  (void)boussole::memberships::ValidListSlug(text);
  return 0;
}
