// Two `boussole serve` processes on one database: what one instance knows, both serve, and
// the shared schedule runs each due job once.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "support/database.h"

namespace boussole::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kOfferFiles = fs::path(BOUSSOLE_SOURCE_DIR) / "data/offers";

json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

fs::path CopyOffers(const TempDir& dir) {
  const fs::path copy = dir.path() / "offers";
  fs::create_directories(copy);
  for (const auto& entry : fs::directory_iterator(kOfferFiles)) {
    fs::copy_file(entry.path(), copy / entry.path().filename());
  }
  return copy;
}

// Polls `target` on `port` until `accept(body)` holds or `limit` passes; returns the wait.
template <typename Accept>
std::chrono::milliseconds WaitUntil(int port, const std::string& target, std::chrono::milliseconds limit,
                                    Accept accept) {
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < limit) {
    HttpResponse r = HttpGet(port, target);
    if (r.status == 200 && accept(json::parse(r.body))) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

TEST(MultiServer, AnImportIsVisibleThroughBothServersWithinOneSecond) {
  TempDir dir;
  TestDatabase db = TestDatabase::Reference(dir);
  ServerProcess a(db.url());
  ServerProcess b(db.url());
  // Warm both servers' response caches with the old version first.
  for (ServerProcess* server : {&a, &b}) {
    for (int i = 0; i < 2; ++i) {
      ASSERT_EQ(HttpGet(server->port(), "/api/v1/offers/france-services").status, 200);
      ASSERT_EQ(HttpGet(server->port(), "/offres/france-services").status, 200);
    }
    const std::string metrics = HttpGet(server->port(), "/metrics").body;
    EXPECT_NE(metrics.find("boussole_response_cache{kind=\"hits\"} 2"), std::string::npos) << metrics;
  }
  const fs::path offers = CopyOffers(dir);
  json doc = ReadJson(offers / "france-services.json");
  const std::string renamed = doc["name"].get<std::string>() + " (mis à jour)";
  doc["name"] = renamed;
  std::ofstream(offers / "france-services.json") << doc.dump(2);

  CommandResult import = RunBoussole({"--database", db.url(), "import", "offers", "--from", offers.string()});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  // Never stale: the very first request after the write already sees it, cache or not.
  for (ServerProcess* server : {&a, &b}) {
    EXPECT_EQ(json::parse(HttpGet(server->port(), "/api/v1/offers/france-services").body)["name"], renamed);
  }
  for (ServerProcess* server : {&a, &b}) {
    const auto waited = WaitUntil(server->port(), "/api/v1/offers/france-services", std::chrono::seconds(5),
                                  [&](const json& offer) { return offer["name"] == renamed; });
    EXPECT_LE(waited, std::chrono::seconds(1)) << "server on port " << server->port();
    EXPECT_NE(HttpGet(server->port(), "/offres/france-services").body.find("(mis à jour)"), std::string::npos);
  }
}

TEST(MultiServer, ServersStartingTogetherMigrateOnce) {
  TempDir dir;
  TestDatabase db = TestDatabase::Empty(dir);
  std::vector<std::unique_ptr<ChildProcess>> starts;
  for (int i = 0; i < 4; ++i) {
    starts.push_back(std::make_unique<ChildProcess>(std::vector<std::string>{"--database", db.url(), "migrate"}));
  }
  for (auto& start : starts) {
    CommandResult result = start->Wait();
    EXPECT_EQ(result.exit_code, 0) << result.out;
  }
  const std::string versions = QueryRows(db.url(), "SELECT version FROM schema_migrations ORDER BY version");
  // Every migration of the source tree, once each, in order. By their file numbers, not a
  // count: branches may leave a gap (0009_alerts was written while 0008 was elsewhere).
  std::set<long> numbers;
  const auto migrations = std::filesystem::path(BOUSSOLE_SOURCE_DIR) / "src/storage/sqlite/migrations";
  for (const auto& entry : std::filesystem::directory_iterator(migrations)) {
    numbers.insert(std::stol(entry.path().filename().string()));
  }
  std::string expected;
  for (long v : numbers) expected += std::to_string(v) + "\n";
  EXPECT_EQ(versions, expected);
}

TEST(MultiServer, TheClosingJobRunsOnceAcrossServersAndClosesExpiredOffers) {
  TempDir dir;
  TestDatabase db = TestDatabase::Reference(dir);
  // An offer whose deadline has passed (the seeds give no deadline, so the fixture adds one).
  const fs::path offers = CopyOffers(dir);
  json doc = ReadJson(offers / "pass-numerique.json");
  doc["submission_deadline"] = "2021-12-31";
  doc["sources"][0]["fields"].push_back("submission_deadline");
  std::ofstream(offers / "pass-numerique.json") << doc.dump(2);
  CommandResult import = RunBoussole({"--database", db.url(), "import", "offers", "--from", offers.string()});
  ASSERT_EQ(import.exit_code, 0) << import.err;

  const std::map<std::string, std::string> fast{{"BOUSSOLE_SCHEDULER_TICK_MS", "50"},
                                                {"BOUSSOLE_JOB_CLOSE_EXPIRED_OFFERS_SECONDS", "1"}};
  ServerProcess a(db.url(), fast);
  ServerProcess b(db.url(), fast);
  for (ServerProcess* server : {&a, &b}) {
    WaitUntil(server->port(), "/api/v1/offers/pass-numerique", std::chrono::seconds(10),
              [](const json& offer) { return !offer["closed_at"].is_null(); });
    json offer = json::parse(HttpGet(server->port(), "/api/v1/offers/pass-numerique").body);
    EXPECT_FALSE(offer["closed_at"].is_null());
    EXPECT_TRUE(json::parse(HttpGet(server->port(), "/api/v1/offers/france-services").body)["closed_at"].is_null());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  a.Stop();
  b.Stop();

  const std::string runs = QueryRows(db.url(), "SELECT due_at, server, result FROM job_runs WHERE job = "
                                               "'close_expired_offers' ORDER BY due_at");
  std::istringstream lines(runs);
  std::set<std::string> due_times;
  std::set<std::string> servers;
  int count = 0;
  for (std::string line; std::getline(lines, line);) {
    ++count;
    due_times.insert(line.substr(0, line.find('|')));
    servers.insert(line.substr(line.find('|') + 1, line.rfind('|') - line.find('|') - 1));
  }
  EXPECT_GE(count, 3) << runs;
  EXPECT_EQ(due_times.size(), static_cast<std::size_t>(count)) << "an occurrence ran twice:\n" << runs;
  EXPECT_NE(runs.find("1 offre(s) clôturée(s)"), std::string::npos) << runs;
  EXPECT_EQ(a.Logs().find("scheduler:"), std::string::npos) << a.Logs();
  EXPECT_EQ(b.Logs().find("scheduler:"), std::string::npos) << b.Logs();
}

}  // namespace
}  // namespace boussole::testing
