// Territory portraits and maps over real HTTP (issue 8, items 1 and 4): every figure is
// checked against a direct count in the database or against another route computing it
// another way (the store's offer listing for the offers).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "support/shared_server.h"

namespace boussole::testing {
namespace {

using nlohmann::json;

class PortraitHttp : public SharedServerTest<PortraitHttp> {
 protected:
  static json GetJson(const std::string& target, int expected_status = 200) {
    HttpResponse r = HttpGet(port(), target);
    EXPECT_EQ(r.status, expected_status) << target << " " << r.body.substr(0, 2000);
    return json::parse(r.body);
  }
  static std::int64_t Sql(const std::string& sql) { return std::stoll(QueryRows(database_url(), sql)); }
  // The rank of a territory among `peers` (an SQL set of ids) by population.
  static std::int64_t RankAmong(std::int64_t population, const std::string& peers) {
    return Sql("SELECT COUNT(*) FROM territories WHERE id IN (" + peers + ") AND population > " +
               std::to_string(population)) +
           1;
  }
  static json RankIn(const json& portrait, const std::string& scope) {
    for (const auto& rank : portrait["ranks"]) {
      if (rank["scope"]["id"] == scope) return rank;
    }
    ADD_FAILURE() << "no rank in " << scope;
    return json::object();
  }
};

TEST_F(PortraitHttp, ACommuneRanksAmongTheCommunesOfItsDepartementRegionAndFrance) {
  const json p = GetJson("/api/v1/territories/52250/portrait");
  EXPECT_EQ(p["territory"]["id"], "commune:52250");
  const std::int64_t population = p["territory"]["population"];
  EXPECT_EQ(population, Sql("SELECT population FROM territories WHERE id = 'commune:52250'"));
  const std::string in_52 = "SELECT child_id FROM territory_links WHERE parent_id = 'departement:52' AND child_id LIKE 'commune:%'";
  const std::string in_44 =
      "SELECT child_id FROM territory_links WHERE child_id LIKE 'commune:%' AND parent_id IN"
      " (SELECT child_id FROM territory_links WHERE parent_id = 'region:44')";
  const std::string in_france = "SELECT id FROM territories WHERE id LIKE 'commune:%'";
  json rank = RankIn(p, "departement:52");
  EXPECT_EQ(rank["of"], Sql("SELECT COUNT(*) FROM (" + in_52 + ") x"));
  EXPECT_EQ(rank["rank"], RankAmong(population, in_52));
  EXPECT_EQ(rank["peers_label"], "communes");
  rank = RankIn(p, "region:44");
  EXPECT_EQ(rank["of"], Sql("SELECT COUNT(*) FROM (" + in_44 + ") x"));
  EXPECT_EQ(rank["rank"], RankAmong(population, in_44));
  rank = RankIn(p, "pays:FR");
  EXPECT_EQ(rank["of"], Sql("SELECT COUNT(*) FROM (" + in_france + ") x"));
  EXPECT_EQ(rank["rank"], RankAmong(population, in_france));

  // Offers: the index's count equals the store's listing of offers covering the commune
  // (none is closed in the reference catalogue), and each type's count sums to it.
  const json listed = GetJson("/api/v1/offers?territory=commune:52250&limit=1");
  EXPECT_EQ(p["offers"]["total"], listed["total"]);
  EXPECT_GT(p["offers"]["total"].get<int>(), 0);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM offers WHERE closed_at IS NOT NULL"), 0);
  for (const auto& type : p["offers"]["by_type"]) {
    const json search = GetJson("/api/v1/offers/search?territory=commune:52250&status=open&per_page=1&type=" +
                                type["value"].get<std::string>());
    EXPECT_EQ(type["count"], search["total"]) << type["value"];
  }
  // Programme lists are not loaded: "non disponible", never 0.
  EXPECT_EQ(p["memberships"]["available"], false);
  EXPECT_EQ(p["memberships"]["text"], "non disponible");
  // Comparison: the commune, its département, its région, France.
  ASSERT_EQ(p["comparison"].size(), 4u);
  EXPECT_EQ(p["comparison"][1]["territory"]["id"], "departement:52");
  EXPECT_EQ(p["comparison"][3]["territory"]["id"], "pays:FR");
  EXPECT_EQ(p["comparison"][3]["offers"], Sql("SELECT COUNT(*) FROM offers WHERE status = 'published'"));
}

TEST_F(PortraitHttp, AnEpciAndADepartementHaveTheirOwnPeers) {
  const json epci = GetJson("/api/v1/territories/epci:200068096/portrait");
  const json france = RankIn(epci, "pays:FR");
  EXPECT_EQ(france["of"], Sql("SELECT COUNT(*) FROM territories WHERE id LIKE 'epci:%'")) << "straddling EPCIs counted once";
  const json departement = GetJson("/api/v1/territories/departement:52/portrait");
  const json region = RankIn(departement, "region:44");
  EXPECT_EQ(region["of"], Sql("SELECT COUNT(*) FROM territory_links WHERE parent_id = 'region:44'"));
  const std::int64_t population = departement["territory"]["population"];
  EXPECT_EQ(region["rank"], RankAmong(population,
                                      "SELECT child_id FROM territory_links WHERE parent_id = 'region:44'"));
  EXPECT_EQ(RankIn(departement, "pays:FR")["of"], Sql("SELECT COUNT(*) FROM territories WHERE id LIKE 'departement:%'"));
}

TEST_F(PortraitHttp, BadCodesAreRefusedWithProblems) {
  HttpResponse r = HttpGet(port(), "/api/v1/territories/pas-un-code/portrait");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("n'est pas un code de territoire"), std::string::npos);
  r = HttpGet(port(), "/api/v1/territories/commune:99999/portrait");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.headers["content-type"].find("application/problem+json"), std::string::npos);
}

TEST_F(PortraitHttp, ThePageShowsThePortrait) {
  HttpResponse r = HttpGet(port(), "/territoires/commune:52250");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Comparaison avec les échelons supérieurs"), std::string::npos);
  EXPECT_NE(r.body.find("sur 426 communes"), std::string::npos) << "Haute-Marne has 426 communes in the COG 2025";
  EXPECT_NE(r.body.find("non disponible"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/api/v1/territories/commune:52250/portrait\""), std::string::npos);
}

TEST_F(PortraitHttp, MapsLinkEachDepartementAndAgreeWithTheirTableAndCsv) {
  HttpResponse page = HttpGet(port(), "/cartes/offres");
  ASSERT_EQ(page.status, 200);
  const std::int64_t in_52 = GetJson("/api/v1/territories/departement:52/portrait")["offers"]["total"];
  const std::string label = "Haute-Marne : " + std::to_string(in_52) + " offres";
  EXPECT_NE(page.body.find("<a href=\"/offres/recherche?territory=departement%3A52\" aria-label=\"" + label + "\""),
            std::string::npos);
  EXPECT_NE(page.body.find("aria-label=\"La Réunion : "), std::string::npos) << "an overseas inset";
  EXPECT_NE(page.body.find("<td>52</td><td>" + std::to_string(in_52) + "</td>"), std::string::npos);
  // Every département of the COG, overseas collectivités included (as insets), once, in the
  // map, the table and the CSV.
  const std::int64_t departements = Sql("SELECT COUNT(*) FROM territories WHERE id LIKE 'departement:%'");
  const std::regex area(R"re(<a href="/offres/recherche\?territory=departement%3A[0-9AB]+" aria-label=)re");
  EXPECT_EQ(std::distance(std::sregex_iterator(page.body.begin(), page.body.end(), area), std::sregex_iterator()),
            departements);
  HttpResponse csv = HttpGet(port(), "/cartes/offres?echelle=departements&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("\r\n52;Haute-Marne;" + std::to_string(in_52) + "\r\n"), std::string::npos);
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), departements + 1);
  HttpResponse regions = HttpGet(port(), "/cartes/projetotheque?echelle=regions&format=csv");
  EXPECT_EQ(std::count(regions.body.begin(), regions.body.end(), '\n'),
            Sql("SELECT COUNT(*) FROM territories WHERE id LIKE 'region:%'") + 1);
  EXPECT_EQ(HttpGet(port(), "/cartes/offres?echelle=communes").status, 400);
  EXPECT_EQ(HttpGet(port(), "/cartes/offres?format=pdf").status, 400);
  EXPECT_EQ(HttpGet(port(), "/cartes/inconnue").status, 404);
}

TEST_F(PortraitHttp, ProgrammesAndRequestsOfATerritoryAreCountedOnPortraitsAndMaps) {
  // The historic Fabrique "Sites industriels de demain" counts a Gard EPCI: the EPCI, one of
  // its communes and the Gard all show it.
  const std::string epci = "epci:200034692";
  const std::string commune = QueryRows(database_url(), "SELECT child_id FROM territory_links WHERE parent_id = '" +
                                                             epci + "' AND child_id LIKE 'commune:%' LIMIT 1");
  for (const std::string& id : {epci, commune.substr(0, commune.size() - 1), std::string("departement:30")}) {
    const json p = GetJson("/api/v1/territories/" + id + "/portrait");
    bool found = false;
    for (const auto& programme : p["programmes"]) found |= programme["title"] == "Sites industriels de demain";
    EXPECT_TRUE(found) << id;
    EXPECT_EQ(p["requests"]["total"], 0) << id;
  }
  const json elsewhere = GetJson("/api/v1/territories/commune:52250/portrait");
  EXPECT_TRUE(elsewhere["programmes"].empty());
  // The map counts each programme once per département it touches, as a direct count does.
  const std::int64_t gard = Sql(
      "SELECT COUNT(DISTINCT t.programme_id) FROM programme_territories t JOIN territory_links l ON l.child_id = t.territory_id"
      " WHERE l.parent_id = 'departement:30'");
  EXPECT_GT(gard, 0);
  HttpResponse csv = HttpGet(port(), "/cartes/programmes?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("\r\n30;Gard;" + std::to_string(gard) + "\r\n"), std::string::npos) << csv.body.substr(0, 600);
  EXPECT_EQ(HttpGet(port(), "/cartes/demandes").status, 200);
  EXPECT_NE(HttpGet(port(), "/territoires/departement:30").body.find("Sites industriels de demain"), std::string::npos);
}

TEST_F(PortraitHttp, TheRequestsMapCountsByState) {
  ExecSql(database_url(), "INSERT INTO organisations (kind, name, territory_id, created_at) VALUES"
                          " ('collectivite', 'Commune de Langres', 'commune:52269', '2026-12-05T00:00:00Z')");
  ExecSql(database_url(), "INSERT INTO requests (workflow, organisation_id, territory_id, departement_id, title, state,"
                          " created_at, updated_at, state_since) SELECT 'anct', id, 'commune:52269', 'departement:52',"
                          " 'Halles', 'deposee', '2026-12-05T00:00:00Z', '2026-12-05T00:00:00Z', '2026-12-05T00:00:00Z'"
                          " FROM organisations WHERE name = 'Commune de Langres'");
  const std::string filed = HttpGet(port(), "/cartes/demandes?format=csv&etat=deposee").body;
  EXPECT_NE(filed.find("\r\n52;Haute-Marne;1\r\n"), std::string::npos) << filed.substr(0, 400);
  const std::string drafts = HttpGet(port(), "/cartes/demandes?format=csv&etat=brouillon&echelle=regions").body;
  EXPECT_NE(drafts.find("\r\n44;Grand Est;0\r\n"), std::string::npos);
  const json langres = GetJson("/api/v1/territories/commune:52269/portrait");
  EXPECT_EQ(langres["requests"]["total"], 1);
  EXPECT_EQ(langres["requests"]["by_state"][0]["state"], "Déposée");
  HttpResponse page = HttpGet(port(), "/cartes/demandes?etat=deposee");
  EXPECT_NE(page.body.find("<option value=\"deposee\" selected>"), std::string::npos);
  EXPECT_EQ(HttpGet(port(), "/cartes/demandes?etat=inconnu").status, 400);
  EXPECT_EQ(HttpGet(port(), "/cartes/offres?etat=deposee").status, 400);
}

}  // namespace
}  // namespace boussole::testing
