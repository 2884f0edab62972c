// GET /api/v1/offers/search.csv and .xlsx over real HTTP: the whole result set of a search
// (the same total as the search API), CSV quoting, the XLSX container, and validation.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/database.h"
#include "support/shared_server.h"

namespace boussole::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::vector<std::string> Lines(const std::string& body) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < body.size()) {
    const std::size_t end = body.find("\r\n", start);
    if (end == std::string::npos) {
      lines.push_back(body.substr(start));
      break;
    }
    lines.push_back(body.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

class ExportHttp : public SharedServerTest<ExportHttp> {};

TEST_F(ExportHttp, CsvHasAHeaderAndOneLinePerResultOfTheWholeSet) {
  for (const std::string query : {"", "q=tiers%20lieux", "type_group=engineering&per_page=1&page=2"}) {
    const HttpResponse search = HttpGet(port(), "/api/v1/offers/search?" + query);
    ASSERT_EQ(search.status, 200) << search.body;
    const std::size_t total = json::parse(search.body)["total"];
    const HttpResponse csv = HttpGet(port(), "/api/v1/offers/search.csv?" + query);
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.headers.at("content-type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv.headers.at("content-disposition"), "attachment; filename=\"offres-boussole.csv\"");
    ASSERT_TRUE(csv.body.starts_with(kBom));
    const auto lines = Lines(csv.body.substr(kBom.size()));
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0],
              "slug;nom;porteurs;types;étapes;dépenses;bénéficiaires;thématiques;périmètre;date limite;"
              "statut;local;URL");
    EXPECT_EQ(lines.size(), total + 1) << query;
  }
}

TEST_F(ExportHttp, CsvRowsCarryLabelsStatusAndUrl) {
  const HttpResponse csv = HttpGet(port(), "/api/v1/offers/search.csv?q=tiers%20lieux");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("\r\nfabriques-de-territoire;"), std::string::npos) << csv.body.substr(0, 600);
  EXPECT_NE(csv.body.find(";/offres/fabriques-de-territoire\r\n"), std::string::npos);
  for (const auto& line : Lines(csv.body.substr(kBom.size()))) {
    if (line.starts_with("slug;")) continue;
    const bool known = line.find(";ouverte;") != std::string::npos || line.find(";bientôt close;") != std::string::npos ||
                       line.find(";clôturée;") != std::string::npos;
    EXPECT_TRUE(known) << line;
  }
}

TEST_F(ExportHttp, XlsxIsAZipWorkbook) {
  const HttpResponse xlsx = HttpGet(port(), "/api/v1/offers/search.xlsx?q=tiers%20lieux");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.headers.at("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.headers.at("content-disposition"), "attachment; filename=\"offres-boussole.xlsx\"");
  ASSERT_TRUE(xlsx.body.starts_with("PK"));
  EXPECT_GT(xlsx.body.size(), 3000u);

  ASSERT_EQ(std::system("command -v unzip >/dev/null 2>&1"), 0) << "unzip is installed by scripts/install-deps.sh";
  TempDir dir;
  const fs::path file = dir.path() / "export.xlsx";
  std::ofstream(file, std::ios::binary) << xlsx.body;
  const fs::path out = dir.path() / "sheet.xml";
  const std::string command = "unzip -p '" + file.string() + "' xl/worksheets/sheet1.xml xl/sharedStrings.xml > '" +
                              out.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream in(out);
  std::stringstream xml;
  xml << in.rdbuf();
  EXPECT_NE(xml.str().find("fabriques-de-territoire"), std::string::npos);
  EXPECT_NE(xml.str().find("bénéficiaires"), std::string::npos);
}

TEST_F(ExportHttp, BadParametersAreProblems) {
  for (const char* target : {"/api/v1/offers/search.csv?type=licorne", "/api/v1/offers/search.xlsx?type=licorne",
                             "/api/v1/offers/search.csv?page=-1"}) {
    const HttpResponse r = HttpGet(port(), target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.headers.at("content-type"), "application/problem+json") << target;
    const json problem = json::parse(r.body);
    EXPECT_EQ(problem["status"], 400);
    EXPECT_FALSE(problem["detail"].get<std::string>().empty());
  }
}

TEST(ExportQuoting, ASemicolonOrAQuoteIsQuoted) {
  TempDir dir;
  TestDatabase db = TestDatabase::Reference(dir);
  ServerProcess server(db.url());
  const fs::path offers = dir.path() / "offers";
  fs::create_directories(offers);
  for (const auto& entry : fs::directory_iterator(fs::path(BOUSSOLE_SOURCE_DIR) / "data/offers")) {
    fs::copy_file(entry.path(), offers / entry.path().filename());
  }
  json doc;
  {
    std::ifstream in(offers / "france-services.json");
    doc = json::parse(in);
  }
  doc["name"] = "France \"services\"; zorglubienne";
  std::ofstream(offers / "france-services.json") << doc.dump(2);
  CommandResult import = RunBoussole({"--database", db.url(), "import", "offers", "--from", offers.string()});
  ASSERT_EQ(import.exit_code, 0) << import.err;

  const HttpResponse csv = HttpGet(server.port(), "/api/v1/offers/search.csv?q=zorglubienne");
  ASSERT_EQ(csv.status, 200) << csv.body;
  const auto lines = Lines(csv.body.substr(kBom.size()));
  ASSERT_EQ(lines.size(), 2u) << csv.body;
  EXPECT_TRUE(lines[1].starts_with("france-services;\"France \"\"services\"\"; zorglubienne\";")) << lines[1];
}

}  // namespace
}  // namespace boussole::testing
