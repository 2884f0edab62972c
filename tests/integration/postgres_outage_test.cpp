// PostgreSQL goes away under a running server, then comes back: the server keeps serving
// what needs no database, /readyz says why it is not ready, and it recovers by itself.
// This test runs its own cluster, so that pausing it disturbs no other test.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/process.h"

namespace boussole::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class Cluster {
 public:
  explicit Cluster(const TempDir& dir) : state_(dir.path() / "pg") { Run("start"); }
  ~Cluster() { Run("stop"); }
  void Run(const std::string& action) {
    const std::string command = std::string(BOUSSOLE_SOURCE_DIR) + "/scripts/pg-test-cluster.sh " + action + " " +
                                state_.string() + " >/dev/null";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("pg-test-cluster.sh " + action + " failed");
  }
  std::string Url() const {
    std::ifstream in(state_ / "postgres.url");
    std::string url;
    in >> url;
    return url;
  }

 private:
  fs::path state_;
};

int WaitForReadyz(int port, int expected, std::string* body) {
  HttpResponse r;
  for (int i = 0; i < 100; ++i) {
    r = HttpGet(port, "/readyz");
    if (r.status == expected) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  *body = r.body;
  return r.status;
}

TEST(PostgresOutage, ReadyzReportsTheOutageAndTheServerRecovers) {
  TempDir dir;
  Cluster cluster(dir);
  CommandResult import = RunBoussole({"--database", cluster.Url(), "import", "offers"});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  ServerProcess server(cluster.Url());
  std::string body;
  ASSERT_EQ(WaitForReadyz(server.port(), 200, &body), 200) << body;

  cluster.Run("pause");
  ASSERT_EQ(WaitForReadyz(server.port(), 503, &body), 503) << body;
  json ready = json::parse(body);
  EXPECT_EQ(ready["checks"]["database"]["status"], "error");
  EXPECT_NE(ready["checks"]["database"]["detail"].get<std::string>().find("injoignable"), std::string::npos);
  EXPECT_EQ(HttpGet(server.port(), "/healthz").status, 200) << "the server keeps running";
  EXPECT_EQ(HttpGet(server.port(), "/metrics").status, 200);
  HttpResponse offers_down = HttpGet(server.port(), "/api/v1/offers");
  EXPECT_EQ(offers_down.status, 503) << offers_down.body;
  EXPECT_EQ(offers_down.headers["retry-after"], "5");
  EXPECT_NE(offers_down.body.find("indisponible"), std::string::npos);
  HttpResponse page_down = HttpGet(server.port(), "/offres");
  EXPECT_EQ(page_down.status, 503);
  EXPECT_NE(page_down.body.find("Service indisponible"), std::string::npos) << "a French page";

  cluster.Run("resume");
  ASSERT_EQ(WaitForReadyz(server.port(), 200, &body), 200) << body;
  HttpResponse offers = HttpGet(server.port(), "/api/v1/offers");
  EXPECT_EQ(offers.status, 200);
  EXPECT_GE(json::parse(offers.body)["total"].get<int>(), 35);
}

TEST(PostgresOutage, AServerStartedBeforeItsDatabaseWaitsForIt) {
  TempDir dir;
  Cluster cluster(dir);
  ASSERT_EQ(RunBoussole({"--database", cluster.Url(), "import", "offers"}).exit_code, 0);
  cluster.Run("pause");
  std::thread comeback([&] {
    std::this_thread::sleep_for(std::chrono::seconds(3));
    cluster.Run("resume");
  });
  std::unique_ptr<ServerProcess> server;
  try {
    server = std::make_unique<ServerProcess>(cluster.Url());
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what();
  }
  comeback.join();
  ASSERT_TRUE(server);
  std::string body;
  EXPECT_EQ(WaitForReadyz(server->port(), 200, &body), 200) << body;
  EXPECT_NE(server->Logs().find("injoignable"), std::string::npos) << "it waited, and said so";
}

}  // namespace
}  // namespace boussole::testing
