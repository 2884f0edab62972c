// Programme membership lists (issue 8, item 3) through the real command and the real
// server: a file with bad lines is refused line by line and imports nothing; a good one
// becomes the ad-hoc perimeter of the offers naming it (Petites villes de demain applies to
// its members only) and shows on portraits.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/database.h"
#include "support/form_browser.h"
#include "support/process.h"

namespace boussole::testing {
namespace {

using nlohmann::json;

constexpr const char* kPvd = "petites-villes-de-demain";

class MembershipImport : public ::testing::Test {
 protected:
  void SetUp() override { db_.emplace(TestDatabase::Reference(dir_)); }

  CommandResult Import(const std::string& csv) {
    const auto file = dir_.path() / "liste.csv";
    std::ofstream(file, std::ios::binary) << csv;
    return RunBoussole({"--database", db_->url(), "import", "membership", "--from", file.string(), "--list", kPvd,
                        "--name", "Petites villes de demain", "--source", "fichier de test"});
  }

  // Whether an open-offers search at `territory` finds the PVD offer.
  static bool PvdOfferedAt(int port, const std::string& territory) {
    HttpResponse r = HttpGet(port, "/api/v1/offers/search?per_page=50&territory=" + territory);
    EXPECT_EQ(r.status, 200) << r.body;
    const json found = json::parse(r.body);  // kept: a range-for over a temporary's member dangles
    for (const auto& item : found["items"]) {
      if (item["slug"] == kPvd) return true;
    }
    return false;
  }

  TempDir dir_;
  std::optional<TestDatabase> db_;
};

TEST_F(MembershipImport, AFileWithBadLinesIsRefusedLineByLineAndImportsNothing) {
  const CommandResult r = Import(
      "\xEF\xBB\xBF" "code;nom\r\n"
      "52250;Joinville\r\n"
      "99999;Nulle part\r\n"
      "52250;Joinville encore\r\n"
      ";sans code\r\n"
      "abc;pas un code\r\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("rien n'a été importé"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ligne 3 : Aucun territoire du Code officiel géographique ne porte le code « 99999 »"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("ligne 4 : « 52250 » (Joinville) figure déjà plus haut"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ligne 5 : La colonne « code » est vide."), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ligne 6 : « abc » n'est pas un code"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("ligne 2 "), std::string::npos) << "the good line is not reported";
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM membership_lists"), "0\n");
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM membership_entries"), "0\n");

  EXPECT_EQ(Import("nom;commune\nJoinville;52250\n").exit_code, 1) << "no code column";
  const CommandResult bad_slug = RunBoussole({"--database", db_->url(), "import", "membership", "--from",
                                              (dir_.path() / "liste.csv").string(), "--list", "PVD !", "--name", "x"});
  EXPECT_EQ(bad_slug.exit_code, 1);
  EXPECT_NE(bad_slug.err.find("lettres minuscules"), std::string::npos);
}

TEST_F(MembershipImport, ALoadedListBecomesThePerimeterOfItsOffersAndShowsOnPortraits) {
  {
    ServerProcess before(db_->url());
    EXPECT_TRUE(PvdOfferedAt(before.port(), "commune:52250"));
    EXPECT_TRUE(PvdOfferedAt(before.port(), "commune:52332")) << "small enough, no list loaded yet";
    const json portrait = json::parse(HttpGet(before.port(), "/api/v1/territories/commune:52250/portrait").body);
    EXPECT_EQ(portrait["memberships"]["text"], "non disponible");
  }
  // Two communes of Haute-Marne, comma-separated this time.
  const CommandResult r = Import("code,nom\n52250,Joinville\n52269,Langres\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 territoire(s)"), std::string::npos);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT territory_id FROM membership_entries ORDER BY territory_id"),
            "commune:52250\ncommune:52269\n");

  ServerProcess server(db_->url());
  EXPECT_TRUE(PvdOfferedAt(server.port(), "commune:52250"));
  EXPECT_FALSE(PvdOfferedAt(server.port(), "commune:52332")) << "not a member";
  const json member = json::parse(HttpGet(server.port(), "/api/v1/territories/commune:52250/portrait").body);
  EXPECT_EQ(member["memberships"]["available"], true);
  EXPECT_EQ(member["memberships"]["text"], "Petites villes de demain");
  ASSERT_EQ(member["memberships"]["lists"].size(), 1u);
  EXPECT_EQ(member["memberships"]["lists"][0]["source"], "fichier de test");
  const json other = json::parse(HttpGet(server.port(), "/api/v1/territories/commune:52332/portrait").body);
  EXPECT_EQ(other["memberships"]["text"], "aucune des listes chargées (Petites villes de demain)");
  EXPECT_NE(HttpGet(server.port(), "/territoires/commune:52250").body.find("Petites villes de demain"),
            std::string::npos);

  // A new edition replaces the list; the running server's search follows the change feed.
  ASSERT_EQ(Import("code\n52332\n").exit_code, 0);
  EXPECT_FALSE(PvdOfferedAt(server.port(), "commune:52250"));
  EXPECT_TRUE(PvdOfferedAt(server.port(), "commune:52332"));
}

}  // namespace
}  // namespace boussole::testing
