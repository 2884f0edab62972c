#include "store_fixture.h"

namespace boussole::testing {

using territories::Kind;
using territories::Territory;
using territories::TerritoryId;

std::vector<std::string> StoreBackends() { return {"sqlite", "postgresql"}; }

void StoreTest::SetUp() {
  database_.emplace(TestDatabase::Empty(dir_, GetParam()));
  url_ = database_->url();
  auto opened = storage::OpenStore(url_);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  store_ = std::move(opened).value();
}

std::unique_ptr<storage::Store> StoreTest::Reopen() { return std::move(storage::OpenStore(url_)).value(); }

namespace {

Territory Make(Kind kind, std::string code, std::string name, std::optional<std::int64_t> population,
               std::vector<std::string> postal_codes = {}) {
  Territory t;
  t.id = TerritoryId{kind, std::move(code)};
  t.name = std::move(name);
  t.population = population;
  t.postal_codes = std::move(postal_codes);
  return t;
}

territories::Link Edge(Kind child_kind, std::string child, Kind parent_kind, std::string parent) {
  territories::Link link;
  link.child = TerritoryId{child_kind, std::move(child)};
  link.parent = TerritoryId{parent_kind, std::move(parent)};
  return link;
}

}  // namespace

territories::Snapshot SmallSnapshot() {
  territories::Snapshot s;
  s.territories = {
      Make(Kind::kPays, "FR", "France", 125000),
      Make(Kind::kRegion, "84", "Auvergne-Rhône-Alpes", 125000),
      Make(Kind::kDepartement, "73", "Savoie", 65000),
      Make(Kind::kDepartement, "01", "Ain", 60000),
      Make(Kind::kCommune, "73065", "Chambéry", 59964, {"73000"}),
      Make(Kind::kCommune, "73029", "Barberaz", 5306, {"73000"}),
      Make(Kind::kCommune, "01004", "Ambérieu-en-Bugey", 60000, {"01500"}),
      Make(Kind::kEpci, "200000001", "CC des Deux Rives", 65270),
  };
  s.links = {
      Edge(Kind::kRegion, "84", Kind::kPays, "FR"),
      Edge(Kind::kDepartement, "73", Kind::kRegion, "84"),
      Edge(Kind::kDepartement, "01", Kind::kRegion, "84"),
      Edge(Kind::kCommune, "73065", Kind::kDepartement, "73"),
      Edge(Kind::kCommune, "73029", Kind::kDepartement, "73"),
      Edge(Kind::kCommune, "01004", Kind::kDepartement, "01"),
      Edge(Kind::kCommune, "73029", Kind::kEpci, "200000001"),
      Edge(Kind::kCommune, "01004", Kind::kEpci, "200000001"),
      Edge(Kind::kEpci, "200000001", Kind::kDepartement, "73"),
      Edge(Kind::kEpci, "200000001", Kind::kDepartement, "01"),
  };
  return s;
}

catalogue::Offer MakeOffer(const std::string& slug, const std::string& name, const std::string& perimeter) {
  catalogue::Offer offer;
  offer.slug = slug;
  offer.name = name;
  offer.perimeter = perimeter;
  offer.sources.push_back({"004_b5224686867642cb.txt", "Atelier", {"name", "perimeter"}});
  return offer;
}

}  // namespace boussole::testing
