// Reads the real COG files of @etalab/decoupage-administratif 6.0.0 (installed by npm ci)
// and checks the figures the issue states, then refuses damaged copies.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "domain/territories/cog_reader.h"

namespace boussole::territories {
namespace {

namespace fs = std::filesystem;

const fs::path kCogDir = fs::path(BOUSSOLE_SOURCE_DIR) / "node_modules/@etalab/decoupage-administratif/data";

std::map<Kind, int> CountByKind(const Snapshot& s) {
  std::map<Kind, int> counts;
  for (const auto& t : s.territories) ++counts[t.id.kind];
  return counts;
}

const Snapshot& RealSnapshot() {
  static const Snapshot snapshot = [] {
    auto read = ReadCogSnapshot(kCogDir);
    if (!read) throw std::runtime_error(read.error().message);
    return std::move(read).value();
  }();
  return snapshot;
}

const Territory* Find(const Snapshot& s, Kind kind, const std::string& code) {
  for (const auto& t : s.territories) {
    if (t.id.kind == kind && t.id.code == code) return &t;
  }
  return nullptr;
}

std::vector<TerritoryId> ParentsOf(const Snapshot& s, const TerritoryId& id) {
  std::vector<TerritoryId> parents;
  for (const auto& l : s.links) {
    if (l.child == id) parents.push_back(l.parent);
  }
  return parents;
}

TEST(CogReader, CountsEveryScaleOfTheReferenceData) {
  auto counts = CountByKind(RealSnapshot());
  EXPECT_EQ(counts[Kind::kCommune], 34969);
  EXPECT_EQ(counts[Kind::kArrondissement], 45);
  EXPECT_EQ(counts[Kind::kEpci], 1255);
  EXPECT_EQ(counts[Kind::kEpt], 11);
  EXPECT_EQ(counts[Kind::kDepartement], 109);
  EXPECT_EQ(counts[Kind::kRegion], 26);
  EXPECT_EQ(counts[Kind::kPays], 1);
}

TEST(CogReader, EveryTerritoryIdParsesBack) {
  // Wallis-et-Futuna (986) and the other overseas collectivities are territories an offer
  // may name: their typed ids must be accepted wherever a territory is read.
  for (const auto& t : RealSnapshot().territories) {
    auto parsed = TerritoryId::Parse(t.id.ToString());
    EXPECT_TRUE(parsed.ok()) << t.id.ToString();
  }
}

TEST(CogReader, ParisHasPopulationDepartementAndGroupings) {
  const Snapshot& s = RealSnapshot();
  const Territory* paris = Find(s, Kind::kCommune, "75056");
  ASSERT_NE(paris, nullptr);
  EXPECT_EQ(paris->name, "Paris");
  ASSERT_TRUE(paris->population.has_value());
  EXPECT_GT(*paris->population, 2000000);
  auto parents = ParentsOf(s, paris->id);
  EXPECT_NE(std::find(parents.begin(), parents.end(), TerritoryId{Kind::kDepartement, "75"}), parents.end());
  EXPECT_NE(std::find(parents.begin(), parents.end(), TerritoryId{Kind::kEpci, "200054781"}), parents.end());
  // Municipal arrondissements hang under their commune.
  auto arrondissement = ParentsOf(s, {Kind::kArrondissement, "75101"});
  EXPECT_NE(std::find(arrondissement.begin(), arrondissement.end(), paris->id), arrondissement.end());
}

TEST(CogReader, SomeEpciStraddleDepartements) {
  const Snapshot& s = RealSnapshot();
  int straddling = 0;
  for (const auto& t : s.territories) {
    if (t.id.kind != Kind::kEpci) continue;
    int departements = 0;
    for (const auto& parent : ParentsOf(s, t.id)) departements += parent.kind == Kind::kDepartement;
    straddling += departements > 1;
  }
  EXPECT_EQ(straddling, 89);  // ARCHITECTURE.md: 89 EPCI straddle départements
}

TEST(CogReader, WiderScalesSumTheirCommunes) {
  const Snapshot& s = RealSnapshot();
  const Territory* loire = Find(s, Kind::kDepartement, "42");
  const Territory* france = Find(s, Kind::kPays, "FR");
  ASSERT_TRUE(loire && france);
  std::int64_t sum = 0;
  for (const auto& t : s.territories) {
    if (t.id.kind != Kind::kCommune || !t.population) continue;
    for (const auto& parent : ParentsOf(s, t.id)) {
      if (parent == loire->id) sum += *t.population;
    }
  }
  EXPECT_EQ(loire->population, sum);
  EXPECT_GT(*france->population, 60000000);
}

class DamagedCog : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cog-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    for (const auto& entry : fs::directory_iterator(kCogDir)) {
      fs::copy_file(entry.path(), dir_ / entry.path().filename(), fs::copy_options::overwrite_existing);
    }
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  fs::path dir_;
};

TEST_F(DamagedCog, MissingFileIsNamed) {
  fs::remove(dir_ / "epci.json");
  auto read = ReadCogSnapshot(dir_);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().message.find("epci.json"), std::string::npos);
}

TEST_F(DamagedCog, TruncatedJsonIsRefused) {
  Write("regions.json", R"([{"code": "84", "nom": "Auvergne)");
  auto read = ReadCogSnapshot(dir_);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().message.find("regions.json"), std::string::npos);
}

TEST_F(DamagedCog, UnknownMemberIsRefusedWithItsEntry) {
  Write("ept.json", R"([{"code":"200057867","nom":"Plaine Commune","type":"EPT","membres":[{"code":"99999"}]}])");
  auto read = ReadCogSnapshot(dir_);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().message.find("ept.json, entrée 1"), std::string::npos);
  EXPECT_NE(read.error().message.find("99999"), std::string::npos);
}

TEST(CogFingerprint, ChangesWithTheBytes) {
  auto a = FingerprintCogFiles(kCogDir);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value(), FingerprintCogFiles(kCogDir).value());
  EXPECT_FALSE(FingerprintCogFiles("/nonexistent").ok());
}

}  // namespace
}  // namespace boussole::territories
