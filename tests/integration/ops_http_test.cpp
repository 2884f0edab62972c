// Operations endpoints over real HTTP: liveness, readiness, Prometheus metrics.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/shared_server.h"

namespace boussole::testing {
namespace {

using nlohmann::json;

class OpsHttp : public SharedServerTest<OpsHttp> {};

TEST_F(OpsHttp, ReadyWhenDatabaseAndSchemaAreThere) {
  HttpResponse r = HttpGet(port(), "/readyz");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = json::parse(r.body);
  EXPECT_EQ(body["status"], "ready");
  EXPECT_EQ(body["checks"]["database"]["status"], "ok");
  EXPECT_EQ(body["checks"]["database"]["backend"], TestBackend());
  EXPECT_EQ(body["checks"]["migrations"]["status"], "ok");
  EXPECT_GE(body["checks"]["catalogue"]["offers"].get<int>(), 35);
}

TEST_F(OpsHttp, MetricsCountRequestsByRouteAndStatus) {
  HttpGet(port(), "/offres");
  HttpGet(port(), "/offres/n-existe-pas");
  HttpGet(port(), "/offres/n-existe-pas");
  HttpResponse r = HttpGet(port(), "/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"].rfind("text/plain; version=0.0.4", 0), 0u);
  EXPECT_NE(r.body.find("boussole_http_requests_total{route=\"offer_list\",status=\"200\"} 1"), std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("boussole_http_requests_total{route=\"offer_page\",status=\"404\"} 2"), std::string::npos);
  EXPECT_NE(r.body.find("boussole_http_request_duration_seconds_bucket{route=\"offer_list\",le=\"+Inf\"} 1"),
            std::string::npos);
  EXPECT_NE(r.body.find("boussole_db_pool_connections{state=\"limit\"} 8"), std::string::npos);
  EXPECT_NE(r.body.find("boussole_catalogue_offers "), std::string::npos);
}

}  // namespace
}  // namespace boussole::testing
