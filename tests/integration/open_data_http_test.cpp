// Open data over real HTTP (issue 8, item 7): every dataset in CSV, XLSX and JSON with the
// columns its description lists, row counts equal to direct counts in the database, the
// LISEZMOI.md and the weekly full dump; and the files open in LibreOffice (headless
// conversion) with the documented columns.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/shared_server.h"

namespace boussole::testing {
namespace {

using nlohmann::json;

const std::vector<std::string> kOfferColumns = {
    "slug",       "nom",        "porteurs",        "types",   "etapes",      "depenses",
    "beneficiaires", "thematiques", "programmes",   "perimetre", "date_limite", "appel_a_projets",
    "payante",    "url_origine", "publiee_le",     "url",     "sources"};

std::string Joined(const std::vector<std::string>& names, char separator) {
  std::string line;
  for (const auto& n : names) line += (line.empty() ? "" : std::string(1, separator)) + n;
  return line;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// LibreOffice converts `file` to CSV (comma-separated, UTF-8) in `out`; the converted text.
std::string ConvertedByLibreOffice(const TempDir& dir, const std::filesystem::path& file, const std::string& in_filter) {
  const auto out = dir.path() / "converted";
  std::filesystem::create_directories(out);
  const std::string command = "soffice -env:UserInstallation=file://" + (dir.path() / "profile").string() +
                              " --headless " + in_filter + " --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76'" +
                              " --outdir " + out.string() + " " + file.string() + " > " + (dir.path() / "soffice.log").string() +
                              " 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << ReadFile(dir.path() / "soffice.log");
  return ReadFile(out / (file.stem().string() + ".csv"));
}

class OpenDataHttp : public SharedServerTest<OpenDataHttp> {
 protected:
  static std::int64_t Sql(const std::string& sql) { return std::stoll(QueryRows(database_url(), sql)); }
};

TEST_F(OpenDataHttp, ThePageDescribesEveryColumnOfEveryDataset) {
  HttpResponse page = HttpGet(port(), "/donnees");
  ASSERT_EQ(page.status, 200);
  for (const auto& column : kOfferColumns) EXPECT_NE(page.body.find("<code>" + column + "</code>"), std::string::npos) << column;
  EXPECT_NE(page.body.find("href=\"/donnees/projetotheque.xlsx\""), std::string::npos);
  HttpResponse readme = HttpGet(port(), "/donnees/LISEZMOI.md");
  ASSERT_EQ(readme.status, 200);
  EXPECT_EQ(readme.headers["content-type"], "text/markdown; charset=utf-8");
  for (const auto& column : kOfferColumns) EXPECT_NE(readme.body.find("| `" + column + "` |"), std::string::npos) << column;
  EXPECT_NE(readme.body.find("| `temoignage` |"), std::string::npos);
}

TEST_F(OpenDataHttp, TheCatalogueInEveryFormatHasEveryPublishedOffer) {
  const std::int64_t offers = Sql("SELECT COUNT(*) FROM offers WHERE status = 'published'");
  HttpResponse csv = HttpGet(port(), "/donnees/offres.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF" + Joined(kOfferColumns, ';') + "\r\n", 0), 0u) << csv.body.substr(0, 300);
  EXPECT_NE(csv.body.find("\r\natelier-des-territoires-local;"), std::string::npos);
  const json doc = json::parse(HttpGet(port(), "/donnees/offres.json").body);
  ASSERT_EQ(doc["items"].size(), static_cast<std::size_t>(offers));
  ASSERT_EQ(doc["columns"].size(), kOfferColumns.size());
  for (std::size_t i = 0; i < kOfferColumns.size(); ++i) EXPECT_EQ(doc["columns"][i]["name"], kOfferColumns[i]);
  for (const auto& item : doc["items"]) {
    EXPECT_EQ(item.size(), kOfferColumns.size());
    EXPECT_EQ(item["url"], "/offres/" + item["slug"].get<std::string>());
  }
  const json dump = json::parse(HttpGet(port(), "/donnees/boussole-complet.json").body);
  ASSERT_EQ(dump["datasets"].size(), 2u);
  EXPECT_EQ(dump["datasets"][0]["items"].size(), static_cast<std::size_t>(offers));
  EXPECT_EQ(dump["datasets"][1]["dataset"], "projetotheque");
  EXPECT_EQ(dump["datasets"][1]["items"].size(),
            static_cast<std::size_t>(Sql("SELECT COUNT(*) FROM projects WHERE published_at IS NOT NULL AND is_public = 1")));
  EXPECT_FALSE(dump["week"].get<std::string>().empty());
  EXPECT_EQ(HttpGet(port(), "/donnees/offres.pdf").status, 404);
  EXPECT_EQ(HttpGet(port(), "/donnees/inconnu.csv").status, 404);
}

TEST_F(OpenDataHttp, LibreOfficeOpensTheFilesWithTheDocumentedColumns) {
  TempDir dir;
  const auto xlsx = dir.path() / "offres.xlsx";
  std::ofstream(xlsx, std::ios::binary) << HttpGet(port(), "/donnees/offres.xlsx").body;
  const std::string from_xlsx = ConvertedByLibreOffice(dir, xlsx, "");
  EXPECT_EQ(from_xlsx.substr(0, from_xlsx.find('\n')), Joined(kOfferColumns, ','));
  const std::int64_t offers = Sql("SELECT COUNT(*) FROM offers WHERE status = 'published'");
  EXPECT_NE(from_xlsx.find("\natelier-des-territoires-local,"), std::string::npos);
  EXPECT_EQ(std::count(from_xlsx.begin(), from_xlsx.end(), '\n'), offers + 1) << "a line per offer";
  TempDir other;
  const auto csv = other.path() / "offres.csv";
  std::ofstream(csv, std::ios::binary) << HttpGet(port(), "/donnees/offres.csv").body;
  // Read as the page says it is written: ';' separated, UTF-8 (76).
  const std::string from_csv = ConvertedByLibreOffice(other, csv, "--infilter='CSV:59,34,76'");
  const std::string header = from_csv.substr(0, from_csv.find('\n'));
  EXPECT_NE(header.find(Joined(kOfferColumns, ',')), std::string::npos) << header;
}

}  // namespace
}  // namespace boussole::testing
