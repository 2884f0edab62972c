// `boussole dump` and `boussole load`, run as a person runs them: the real binary, real SQLite
// files and real PostgreSQL databases. Every test uses both backends whatever
// BOUSSOLE_TEST_BACKEND says, so this suite is registered once (see CMakeLists.txt).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <sstream>

#include "support/database.h"

namespace boussole::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::vector<std::string> kBackends = {"sqlite", "postgresql"};

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteText(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

// The documented comparison: everything but the header line (which names the backend and
// the time of the dump).
std::string AfterHeader(const std::string& dump) { return dump.substr(dump.find('\n') + 1); }

// "" when equal, else the first line that differs (dumps are megabytes: never print them).
std::string FirstDifference(const std::string& a, const std::string& b) {
  const auto la = Lines(a), lb = Lines(b);
  for (std::size_t i = 0; i < std::max(la.size(), lb.size()); ++i) {
    const std::string x = i < la.size() ? la[i] : "<absent>", y = i < lb.size() ? lb[i] : "<absent>";
    if (x != y) return "line " + std::to_string(i + 2) + ":\n  " + x.substr(0, 300) + "\n  " + y.substr(0, 300);
  }
  return "";
}

std::string Dump(const std::string& database, const fs::path& to) {
  CommandResult r = RunBoussole({"--database", database, "dump", "--to", to.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return ReadText(to);
}

json EndCounts(const std::string& dump) {
  const auto lines = Lines(dump);
  return json::parse(lines.back()).at("tables");
}

// Rows of `table`, asked of the database itself rather than through dump.
std::int64_t CountRows(const std::string& url, const std::string& table, const std::string& where = "") {
  const std::string sql = "SELECT count(*) FROM " + table + (where.empty() ? "" : " WHERE " + where);
  if (url.rfind("sqlite://", 0) == 0) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(url.substr(9).c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* stmt = nullptr;
    std::int64_t count = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
      count = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return count;
  }
  pqxx::connection connection(url);
  pqxx::nontransaction tx(connection);
  return tx.exec(sql)[0][0].as<std::int64_t>();
}

void ExpectEmpty(const std::string& url, const json& tables) {
  for (const auto& [table, count] : tables.items()) EXPECT_EQ(CountRows(url, table), 0) << table << " in " << url;
}

// The dump of the SQLite reference database (real territories and catalogue).
struct ReferenceDump {
  TempDir dir;
  TestDatabase reference = TestDatabase::Reference(dir, "sqlite");
  fs::path path = dir.path() / "reference.jsonl";
  std::string text = Dump(reference.url(), path);
};

TEST(DumpRoundTrip, SqliteToPostgresqlToSqliteIsIdenticalAfterTheHeader) {
  ReferenceDump a;
  TempDir dir;
  TestDatabase postgres = TestDatabase::Empty(dir, "postgresql");
  CommandResult load_b = RunBoussole({"--database", postgres.url(), "load", "--from", a.path.string()});
  ASSERT_EQ(load_b.exit_code, 0) << load_b.err;
  EXPECT_NE(load_b.out.find("territories : 36416 ligne(s)"), std::string::npos) << load_b.out;
  const std::string b = Dump(postgres.url(), dir.path() / "b.jsonl");

  TestDatabase sqlite = TestDatabase::Empty(dir, "sqlite");
  CommandResult load_c = RunBoussole({"--database", sqlite.url(), "load", "--from", (dir.path() / "b.jsonl").string()});
  ASSERT_EQ(load_c.exit_code, 0) << load_c.err;
  const std::string c = Dump(sqlite.url(), dir.path() / "c.jsonl");

  EXPECT_EQ(FirstDifference(AfterHeader(a.text), AfterHeader(b)), "");
  EXPECT_EQ(FirstDifference(AfterHeader(b), AfterHeader(c)), "");
  const json header_a = json::parse(Lines(a.text).front()), header_b = json::parse(Lines(b).front());
  EXPECT_EQ(header_a["format"], "boussole-dump");
  EXPECT_EQ(header_a["backend"], "sqlite");
  EXPECT_EQ(header_b["backend"], "postgresql");
  EXPECT_EQ(header_a["schema_version"], header_b["schema_version"]);

  // Every row of the reference is in each database, counted by the databases themselves.
  const json counts = EndCounts(a.text);
  ASSERT_GE(counts.size(), 5u);
  for (const auto& [table, count] : counts.items()) {
    const auto expected = CountRows(a.reference.url(), table);
    EXPECT_EQ(count.get<std::int64_t>(), expected) << table;
    EXPECT_EQ(CountRows(postgres.url(), table), expected) << table;
    EXPECT_EQ(CountRows(sqlite.url(), table), expected) << table;
  }
  EXPECT_EQ(CountRows(postgres.url(), "territories", "kind = 'commune'"), 34969);
  EXPECT_EQ(CountRows(sqlite.url(), "territories", "kind = 'commune'"), 34969);
  EXPECT_EQ(CountRows(postgres.url(), "territory_links"), 71560);
  EXPECT_GT(CountRows(sqlite.url(), "offers"), 0);
}

TEST(DumpLoadRefusal, NonEmptyTargetIsRefusedAndKeepsItsData) {
  ReferenceDump a;
  for (const auto& backend : kBackends) {
    TempDir dir;
    TestDatabase target = TestDatabase::Reference(dir, backend);
    const std::string before = Dump(target.url(), dir.path() / "before.jsonl");
    CommandResult r = RunBoussole({"--database", target.url(), "load", "--from", a.path.string()});
    EXPECT_EQ(r.exit_code, 1) << backend;
    EXPECT_NE(r.err.find("La base cible n'est pas vide"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Aucune donnée n'a été modifiée"), std::string::npos) << r.err;
    const std::string after = Dump(target.url(), dir.path() / "after.jsonl");
    EXPECT_EQ(FirstDifference(AfterHeader(before), AfterHeader(after)), "") << backend;
  }
}

TEST(DumpLoadRefusal, TruncatedDumpNamesTheLineAndChangesNothing) {
  ReferenceDump a;
  // Cut in the middle of a line, and cut cleanly before the end line.
  const std::string half = a.text.substr(0, a.text.size() / 2);
  const std::size_t cut_line = static_cast<std::size_t>(std::count(half.begin(), half.end(), '\n')) + 1;
  auto lines = Lines(a.text);
  lines.pop_back();
  const std::size_t last_line = lines.size();
  TempDir dir;
  WriteText(dir.path() / "half.jsonl", half);
  WriteText(dir.path() / "no-end.jsonl", Join(lines));
  for (const auto& backend : kBackends) {
    TestDatabase target = TestDatabase::Empty(dir, backend);
    CommandResult r = RunBoussole({"--database", target.url(), "load", "--from", (dir.path() / "half.jsonl").string()});
    EXPECT_EQ(r.exit_code, 1) << backend;
    EXPECT_NE(r.err.find("ligne " + std::to_string(cut_line) + " : ligne illisible"), std::string::npos) << r.err;
    r = RunBoussole({"--database", target.url(), "load", "--from", (dir.path() / "no-end.jsonl").string()});
    EXPECT_EQ(r.exit_code, 1) << backend;
    EXPECT_NE(r.err.find("ligne " + std::to_string(last_line) + " : la copie s'arrête ici"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("tronqué"), std::string::npos) << r.err;
    ExpectEmpty(target.url(), EndCounts(a.text));
  }
}

std::size_t FindLine(const std::vector<std::string>& lines, const std::string& prefix) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind(prefix, 0) == 0) return i;
  }
  ADD_FAILURE() << "no line starts with " << prefix;
  return 0;
}

TEST(DumpLoadRefusal, CorruptedRowNamesTheLineAndChangesNothing) {
  ReferenceDump a;
  const auto lines = Lines(a.text);
  // A value of the wrong type (caught by load), deep in the territories.
  auto wrong_type = lines;
  const std::size_t paris = FindLine(lines, "[\"commune:75056\",");
  json row = json::parse(lines[paris]);
  row[5] = "beaucoup";
  wrong_type[paris] = row.dump();
  // A link to a territory that does not exist (refused by the database, inside a batch).
  auto dangling = lines;
  const std::size_t link = FindLine(lines, "[\"commune:75056\",\"departement:75\"]");
  dangling[link] = "[\"commune:75056\",\"departement:00\"]";
  TempDir dir;
  WriteText(dir.path() / "wrong-type.jsonl", Join(wrong_type));
  WriteText(dir.path() / "dangling.jsonl", Join(dangling));
  for (const auto& backend : kBackends) {
    TestDatabase target = TestDatabase::Empty(dir, backend);
    CommandResult r =
        RunBoussole({"--database", target.url(), "load", "--from", (dir.path() / "wrong-type.jsonl").string()});
    EXPECT_EQ(r.exit_code, 1) << backend;
    EXPECT_NE(r.err.find("ligne " + std::to_string(paris + 1) + " : colonne « population » : nombre entier attendu"),
              std::string::npos)
        << r.err;
    r = RunBoussole({"--database", target.url(), "load", "--from", (dir.path() / "dangling.jsonl").string()});
    EXPECT_EQ(r.exit_code, 1) << backend;
    EXPECT_NE(r.err.find("ligne " + std::to_string(link + 1) + " : la base refuse cette ligne"), std::string::npos)
        << r.err;
    ExpectEmpty(target.url(), EndCounts(a.text));
  }
}

TEST(DumpLoadRefusal, OtherSchemaVersionIsRefused) {
  ReferenceDump a;
  auto lines = Lines(a.text);
  json header = json::parse(lines.front());
  header["schema_version"] = 999;
  lines.front() = header.dump();
  TempDir dir;
  WriteText(dir.path() / "future.jsonl", Join(lines));
  TestDatabase target = TestDatabase::Empty(dir, "sqlite");
  CommandResult r = RunBoussole({"--database", target.url(), "load", "--from", (dir.path() / "future.jsonl").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("La copie est au schéma 999"), std::string::npos) << r.err;
}

TEST(DumpCommand, UnwritablePathFailsInFrenchAndLeavesNoFile) {
  TempDir dir;
  TestDatabase source = TestDatabase::Reference(dir, "sqlite");
  WriteText(dir.path() / "a-file", "not a folder");
  const fs::path under_file = dir.path() / "a-file" / "dump.jsonl";
  CommandResult r = RunBoussole({"--database", source.url(), "dump", "--to", under_file.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Impossible d'écrire le fichier « " + under_file.string() +
                       " » : un élément du chemin n'est pas un dossier"),
            std::string::npos)
      << r.err;
  const fs::path missing_folder = dir.path() / "missing" / "dump.jsonl";
  r = RunBoussole({"--database", source.url(), "dump", "--to", missing_folder.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("dossier ou fichier inexistant"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Aucune copie n'a été écrite"), std::string::npos) << r.err;
}

TEST(DumpCommand, UnknownTableFailsLoudlyOnBothBackends) {
  for (const auto& backend : kBackends) {
    TempDir dir;
    TestDatabase source = TestDatabase::Reference(dir, backend);
    ASSERT_EQ(RunBoussole({"--database", source.url(), "migrate"}).exit_code, 0);
    if (backend == "sqlite") {
      sqlite3* db = nullptr;
      sqlite3_open(source.url().substr(9).c_str(), &db);
      ASSERT_EQ(
          sqlite3_exec(db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT) STRICT", nullptr, nullptr, nullptr),
          SQLITE_OK);
      sqlite3_close(db);
    } else {
      pqxx::connection connection(source.url());
      pqxx::nontransaction(connection).exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
    }
    const fs::path to = dir.path() / "dump.jsonl";
    CommandResult r = RunBoussole({"--database", source.url(), "dump", "--to", to.string()});
    EXPECT_EQ(r.exit_code, 1) << backend;
    EXPECT_NE(r.err.find("des tables que la copie ne connaît pas : « notes »"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(to)) << backend;
    EXPECT_FALSE(fs::exists(dir.path() / "dump.jsonl.tmp")) << backend;
  }
}

}  // namespace
}  // namespace boussole::testing
