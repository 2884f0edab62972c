// GET /offres/recherche over real HTTP, on a copy of the real reference data: the search
// page renders facets with counts, ranks, keeps every filter in its links, suggests
// corrections and refuses bad parameters with the French error page.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/database.h"
#include "support/shared_server.h"

namespace boussole::testing {
namespace {

class SearchPage : public SharedServerTest<SearchPage> {
 protected:
  static std::string Page(const std::string& query) {
    HttpResponse r = HttpGet(port(), "/offres/recherche" + (query.empty() ? "" : "?" + query));
    EXPECT_EQ(r.status, 200) << query << " " << r.body.substr(0, 600);
    EXPECT_NE(r.headers["content-type"].find("text/html"), std::string::npos) << query;
    return r.body;
  }
  // The href of the n-th result card (0-based), or "" when there are fewer.
  static std::string CardLink(const std::string& html, std::size_t n) {
    std::size_t at = html.find("id=\"resultats\"");
    const std::string marker = "fr-card__title\"><a href=\"";
    for (std::size_t i = 0; at != std::string::npos; ++i) {
      at = html.find(marker, at);
      if (at == std::string::npos) break;
      at += marker.size();
      if (i == n) return html.substr(at, html.find('"', at) - at);
    }
    return {};
  }
  static std::string LinkTo(const std::string& html, const std::string& title) {
    const std::size_t at = html.find("title=\"" + title + "\"");
    if (at == std::string::npos) return {};
    const std::size_t href = html.rfind("href=\"", at);
    return html.substr(href + 6, html.find('"', href + 6) - href - 6);
  }
};

TEST_F(SearchPage, RendersTheFormWithFacetsAndCounts) {
  const std::string html = Page("");
  EXPECT_NE(html.find("<form method=\"get\" action=\"/offres/recherche\""), std::string::npos);
  for (const char* legend : {"Public", "Nature de l'offre", "Type d'offre", "Étape du projet", "Thématique", "Porteur", "État"}) {
    EXPECT_NE(html.find(std::string("\">") + legend + "</legend>"), std::string::npos) << legend;
  }
  for (const char* name : {"audience", "type_group", "type", "stage", "theme", "backer", "status", "call_for_projects", "free"}) {
    EXPECT_NE(html.find(std::string("type=\"checkbox\" id=\"filtre-") + name), std::string::npos) << name;
  }
  EXPECT_NE(html.find("name=\"sort\""), std::string::npos);
  EXPECT_NE(html.find("name=\"territory\""), std::string::npos);
  EXPECT_NE(html.find("<span class=\"boussole-count\">("), std::string::npos);
  EXPECT_NE(html.find("<p role=\"status\"><strong>"), std::string::npos);
  EXPECT_FALSE(CardLink(html, 0).empty());
  // The literal route wins over /offres/{slug}; the home page's project form leads here.
  EXPECT_NE(HttpGet(port(), "/").body.find("action=\"/offres/recherche\""), std::string::npos);
}

TEST_F(SearchPage, RanksActionCoeurDeVilleFirst) {
  const std::string html = Page("q=coeur+de+ville");
  EXPECT_EQ(CardLink(html, 0), "/offres/action-coeur-de-ville");
  EXPECT_NE(html.find("pour « coeur de ville »"), std::string::npos);
}

TEST_F(SearchPage, KeepsEveryFilterInItsLinks) {
  const std::string html = Page("type_group=engineering&sort=name&per_page=2&territory=73065");
  EXPECT_NE(html.find("value=\"engineering\" checked"), std::string::npos);
  EXPECT_NE(html.find("value=\"name\" selected"), std::string::npos);
  EXPECT_NE(html.find("value=\"73065\""), std::string::npos);
  const std::string next = LinkTo(html, "Page 2");
  ASSERT_FALSE(next.empty()) << html.substr(html.find("role=\"status\""), 300);
  for (const char* part : {"/offres/recherche?", "territory=73065", "type_group=engineering", "sort=name", "per_page=2", "page=2"}) {
    EXPECT_NE(next.find(part), std::string::npos) << part << " in " << next;
  }
  // The link is the search: following it gives page 2 of the same results.
  std::string target = next;
  for (std::size_t at; (at = target.find("&amp;")) != std::string::npos;) target.replace(at, 5, "&");
  const std::string second = Page(target.substr(std::string("/offres/recherche?").size()));
  EXPECT_NE(second.find("— page 2 sur"), std::string::npos);
  EXPECT_NE(CardLink(second, 0), CardLink(html, 0));
  EXPECT_NE(second.find("value=\"engineering\" checked"), std::string::npos);
}

TEST_F(SearchPage, SuggestsACorrectionForAMisspelling) {
  const std::string html = Page("q=revitalisaton+centre+ville&type_group=engineering");
  const std::size_t at = html.find("Vouliez-vous dire « <a href=\"");
  ASSERT_NE(at, std::string::npos) << html.substr(html.find("role=\"status\""), 300);
  const std::string link = html.substr(at, html.find("</p>", at) - at);
  EXPECT_NE(link.find("q=revitalisation"), std::string::npos) << link;
  EXPECT_NE(link.find("type_group=engineering"), std::string::npos) << link;
  EXPECT_EQ(Page("q=coeur+de+ville").find("Vouliez-vous dire"), std::string::npos);
}

TEST_F(SearchPage, BadParametersGetTheFrenchErrorPage) {
  for (const std::string& query : std::vector<std::string>{"audience=martiens", "page=-1", "sort=random", "q=" + std::string(10000, 'b')}) {
    HttpResponse r = HttpGet(port(), "/offres/recherche?" + query);
    EXPECT_EQ(r.status, 400) << query.substr(0, 40);
    EXPECT_NE(r.headers["content-type"].find("text/html"), std::string::npos) << query.substr(0, 40);
    EXPECT_NE(r.body.find("lang=\"fr\""), std::string::npos);
    EXPECT_NE(r.body.find("Le paramètre « "), std::string::npos) << query.substr(0, 40) << r.body.substr(0, 400);
  }
  EXPECT_NE(HttpGet(port(), "/offres/recherche?audience=martiens").body.find("« audience »"), std::string::npos);
  const HttpResponse unknown = HttpGet(port(), "/offres/recherche?territory=commune:99999");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("territoire inconnu : « commune:99999 »"), std::string::npos) << unknown.body.substr(0, 400);
}

}  // namespace
}  // namespace boussole::testing
