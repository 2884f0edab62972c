// The import commands, run as a person runs them: the real binary on a real SQLite file.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/database.h"

namespace boussole::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kCogDir = fs::path(BOUSSOLE_SOURCE_DIR) / "node_modules/@etalab/decoupage-administratif/data";
const fs::path kOffersDir = fs::path(BOUSSOLE_SOURCE_DIR) / "data/offers";

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void CopyFolder(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& entry : fs::directory_iterator(from)) {
    fs::copy_file(entry.path(), to / entry.path().filename(), fs::copy_options::overwrite_existing);
  }
}

// Rewrites one offer file of a copied catalogue.
template <typename Edit>
void EditOffer(const fs::path& folder, const std::string& slug, Edit edit) {
  const fs::path file = folder / (slug + ".json");
  json doc = json::parse(ReadText(file));
  edit(doc);
  std::ofstream(file) << doc.dump(2);
}

// Everything the API says about the catalogue and about Paris: what must not change.
std::string Observe(const std::string& database) {
  ServerProcess server(database);
  return HttpGet(server.port(), "/api/v1/offers?per_page=100").body +
         HttpGet(server.port(), "/api/v1/territories/75056").body;
}

TEST(ImportTerritories, LoadsEveryScaleThenSkipsUnchangedData) {
  TempDir dir;
  TestDatabase fresh = TestDatabase::Empty(dir);
  const std::string& db = fresh.url();
  CommandResult first = RunBoussole({"--database", db, "import", "territories"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("34969 communes actuelles, 45 arrondissements municipaux, 1255 EPCI, 11 EPT, "
                           "109 départements, 26 régions"),
            std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("territoires : 35000 / "), std::string::npos) << "progress is shown";

  CommandResult second = RunBoussole({"--database", db, "import", "territories"});
  ASSERT_EQ(second.exit_code, 0);
  EXPECT_NE(second.out.find("déjà à jour"), std::string::npos) << second.out;
}

TEST(ImportTerritories, KilledImportLeavesPreviousDataIntactAndRerunUpdatesInPlace) {
  TempDir dir;
  TestDatabase reference = TestDatabase::Reference(dir);
  const std::string& db = reference.url();
  const std::string before = Observe(db);
  ASSERT_NE(before.find("\"name\":\"Paris\""), std::string::npos);

  // A new edition of the COG in which Paris is renamed.
  const fs::path edition = dir.path() / "cog";
  CopyFolder(kCogDir, edition);
  std::string communes = ReadText(edition / "communes.json");
  const std::string paris = R"("code":"75056","nom":"Paris")";
  const auto at = communes.find(paris);
  ASSERT_NE(at, std::string::npos);
  communes.replace(at, paris.size(), R"("code":"75056","nom":"Lutèce")");
  std::ofstream(edition / "communes.json", std::ios::binary) << communes;

  ChildProcess import({"--database", db, "import", "territories", "--from", edition.string()},
                      {{"BOUSSOLE_FAULT_IMPORT_DELAY_MS", "3000"}});
  ASSERT_TRUE(import.WaitForOutput("territoires : 10000 /"));
  import.Kill(SIGKILL);
  CommandResult killed = import.Wait();
  ASSERT_EQ(killed.signal, SIGKILL) << "the import must have been killed midway";
  EXPECT_EQ(Observe(db), before);

  CommandResult rerun = RunBoussole({"--database", db, "import", "territories", "--from", edition.string()});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  const std::string after = Observe(db);
  EXPECT_NE(after.find("\"name\":\"Lutèce\""), std::string::npos);
  EXPECT_NE(rerun.out.find("34969 communes actuelles"), std::string::npos);
}

TEST(ImportTerritories, DamagedDataChangesNothing) {
  TempDir dir;
  TestDatabase reference = TestDatabase::Reference(dir);
  const std::string& db = reference.url();
  const std::string before = Observe(db);
  const fs::path edition = dir.path() / "cog";
  CopyFolder(kCogDir, edition);
  std::ofstream(edition / "epci.json") << "[{\"code\": \"123\"}]";
  CommandResult r = RunBoussole({"--database", db, "import", "territories", "--from", edition.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("epci.json"), std::string::npos) << r.err;
  EXPECT_EQ(Observe(db), before);
}

TEST(ImportOffers, WrongEnumerationRefusesTheWholeBatch) {
  TempDir dir;
  TestDatabase reference = TestDatabase::Reference(dir);
  const std::string& db = reference.url();
  const std::string before = Observe(db);
  const fs::path offers = dir.path() / "offers";
  CopyFolder(kOffersDir, offers);
  EditOffer(offers, "atelier-des-territoires-flash", [](json& doc) { doc["mobilization_steps"] = {"construction"}; });
  // A valid change in another file must not land either: the batch is all or nothing.
  EditOffer(offers, "france-services", [](json& doc) { doc["short_title"] = "Titre changé"; });

  CommandResult r = RunBoussole({"--database", db, "import", "offers", "--from", offers.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("atelier-des-territoires-flash.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mobilization_steps"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("construction"), std::string::npos) << r.err;
  EXPECT_EQ(Observe(db), before);
}

TEST(ImportOffers, UnknownPerimeterIsRefused) {
  TempDir dir;
  TestDatabase reference = TestDatabase::Reference(dir);
  const std::string& db = reference.url();
  const fs::path offers = dir.path() / "offers";
  CopyFolder(kOffersDir, offers);
  EditOffer(offers, "france-services", [](json& doc) { doc["perimeter"] = "commune:99999"; });
  CommandResult r = RunBoussole({"--database", db, "import", "offers", "--from", offers.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("france-services.json — champ « perimeter »"), std::string::npos) << r.err;
}

TEST(ImportOffers, RerunUpdatesBySlugAndReportsUnchanged) {
  TempDir dir;
  TestDatabase reference = TestDatabase::Reference(dir);
  const std::string& db = reference.url();
  const fs::path offers = dir.path() / "offers";
  CopyFolder(kOffersDir, offers);
  EditOffer(offers, "france-services", [](json& doc) {
    ASSERT_FALSE(doc["short_title"].get<std::string>().empty()) << "backed by a source already";
    doc["short_title"] = "France Services (titre court)";
  });
  CommandResult r = RunBoussole({"--database", db, "import", "offers", "--from", offers.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("0 créée(s), 1 mise(s) à jour"), std::string::npos) << r.out;
  ServerProcess server(db);
  json offer = json::parse(HttpGet(server.port(), "/api/v1/offers/france-services").body);
  EXPECT_EQ(offer["short_title"], "France Services (titre court)");
}

}  // namespace
}  // namespace boussole::testing
