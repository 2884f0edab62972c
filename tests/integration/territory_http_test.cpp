// The territory pages and API over real HTTP, on a copy of the real reference data.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/shared_server.h"

namespace boussole::testing {
namespace {

using nlohmann::json;

class TerritoryHttp : public SharedServerTest<TerritoryHttp> {
 protected:
  static json GetJson(const std::string& target, int expected_status = 200) {
    HttpResponse r = HttpGet(port(), target);
    EXPECT_EQ(r.status, expected_status) << target << " " << r.body;
    return json::parse(r.body);
  }
};

TEST_F(TerritoryHttp, ParisByBareCodeWithPopulationAndDepartement) {
  json paris = GetJson("/api/v1/territories/75056");
  EXPECT_EQ(paris["id"], "commune:75056");
  EXPECT_EQ(paris["name"], "Paris");
  EXPECT_GT(paris["population"].get<long>(), 2000000);
  EXPECT_EQ(paris["departement"]["code"], "75");
  EXPECT_EQ(paris["region"]["code"], "11");
  EXPECT_EQ(paris["epci"]["code"], "200054781");
  EXPECT_EQ(paris["children_counts"]["arrondissement"], 20);
}

TEST_F(TerritoryHttp, TypedIdsDisambiguateCodes) {
  EXPECT_EQ(GetJson("/api/v1/territories/departement:75")["name"], "Paris");
  EXPECT_EQ(GetJson("/api/v1/territories/region:75")["name"], "Nouvelle-Aquitaine");
  EXPECT_EQ(GetJson("/api/v1/territories/75")["kind"], "departement");
  EXPECT_EQ(GetJson("/api/v1/territories/75101")["kind"], "arrondissement");
  EXPECT_EQ(GetJson("/api/v1/territories/200057867")["kind"], "ept");
}

TEST_F(TerritoryHttp, StraddlingEpciHasSeveralDepartements) {
  // The hierarchy is a graph: CC d'Aire-sur-l'Adour lies in the Landes and the Gers.
  json epci = GetJson("/api/v1/territories/200030435");
  EXPECT_EQ(epci["kind"], "epci");
  EXPECT_TRUE(epci["departement"].is_null());  // not a single one
  std::vector<std::string> parents;
  for (const auto& p : epci["parents"]) parents.push_back(p["id"]);
  EXPECT_EQ(parents, (std::vector<std::string>{"departement:32", "departement:40"}));
  EXPECT_GT(epci["children_counts"]["commune"].get<int>(), 1);
  // …and queryable both ways: each département lists it among its EPCI.
  for (const char* d : {"32", "40"}) {
    HttpResponse page = HttpGet(port(), std::string("/territoires/departement:") + d);
    EXPECT_NE(page.body.find("/territoires/epci:200030435"), std::string::npos) << d;
  }
}

TEST_F(TerritoryHttp, SearchIsCaseAndAccentInsensitive) {
  json result = GetJson("/api/v1/territories?q=saint%20etienne");
  ASSERT_FALSE(result["items"].empty());
  EXPECT_EQ(result["items"][0]["code"], "42218");
  EXPECT_EQ(GetJson("/api/v1/territories?q=SAINT-%C3%89TIENNE")["items"][0]["code"], "42218");
}

TEST_F(TerritoryHttp, SearchByPostalCodeAndInseeCode) {
  EXPECT_EQ(GetJson("/api/v1/territories?q=73000")["items"][0]["name"], "Chambéry");
  EXPECT_EQ(GetJson("/api/v1/territories?q=42218")["items"][0]["name"], "Saint-Étienne");
  EXPECT_EQ(GetJson("/api/v1/territories?q=2A004")["items"][0]["name"], "Ajaccio");
  EXPECT_EQ(GetJson("/api/v1/territories?q=2a")["items"][0]["id"], "departement:2A");
}

TEST_F(TerritoryHttp, BadInputGetsProblemDetails) {
  HttpResponse missing = HttpGet(port(), "/api/v1/territories");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.headers["content-type"], "application/problem+json");
  EXPECT_EQ(json::parse(missing.body)["status"], 400);

  HttpResponse unknown = HttpGet(port(), "/api/v1/territories/99999");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(json::parse(unknown.body)["detail"].get<std::string>().find("99999"), std::string::npos);

  EXPECT_EQ(HttpGet(port(), "/api/v1/territories/pas-un-code").status, 400);
  EXPECT_EQ(HttpGet(port(), "/api/v1/territories?q=paris&limit=1000").status, 400);
  EXPECT_EQ(HttpGet(port(), "/api/v1/territories?q=" + std::string(300, 'a')).status, 400);
}

TEST_F(TerritoryHttp, SearchPageWorksWithoutJavaScript) {
  HttpResponse page = HttpGet(port(), "/territoires?q=saint+etienne");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.headers["content-type"], "text/html; charset=utf-8");
  const auto first = page.body.find("/territoires/commune:42218");
  ASSERT_NE(first, std::string::npos);
  EXPECT_LT(first, page.body.find("Saint-Étienne-du-Rouvray"));
  EXPECT_NE(page.body.find("<form method=\"get\" action=\"/territoires\""), std::string::npos);
}

TEST_F(TerritoryHttp, TerritoryPageShowsFactsParentsAndChildren) {
  HttpResponse page = HttpGet(port(), "/territoires/commune:73065");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1 class=\"fr-mt-4w\">Chambéry</h1>"), std::string::npos);
  EXPECT_NE(page.body.find("73000"), std::string::npos);
  EXPECT_NE(page.body.find("/territoires/departement:73"), std::string::npos);
  EXPECT_NE(page.body.find("/territoires/region:84"), std::string::npos);
  EXPECT_NE(page.body.find("/offres?territoire=commune:73065"), std::string::npos);

  HttpResponse departement = HttpGet(port(), "/territoires/departement:73");
  EXPECT_NE(departement.body.find("/territoires/commune:73065"), std::string::npos);
}

TEST_F(TerritoryHttp, UnknownTerritoryPageIsAFrench404) {
  HttpResponse page = HttpGet(port(), "/territoires/commune:99999");
  EXPECT_EQ(page.status, 404);
  EXPECT_NE(page.body.find("Page introuvable"), std::string::npos);
  EXPECT_NE(page.body.find("lang=\"fr\""), std::string::npos);
}

TEST_F(TerritoryHttp, PageEscapesWhatPeopleType) {
  HttpResponse page = HttpGet(port(), "/territoires?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace boussole::testing
