// The « Test d'éligibilité » over real HTTP (page and API), on a copy of the reference data.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/shared_server.h"

namespace boussole::testing {
namespace {

using nlohmann::json;

class EligibilityHttp : public SharedServerTest<EligibilityHttp> {
 protected:
  static constexpr const char* kPage = "/offres/atelier-des-territoires-local/eligibilite";
  static constexpr const char* kApi = "/api/v1/offers/atelier-des-territoires-local/eligibility";
  static constexpr const char* kEligible = "q1=oui&q2=oui&q3=oui&q4=oui&q5=oui&q6=fonctionnement";
  static constexpr const char* kNotDdt = "q1=oui&q2=oui&q3=non&q4=oui&q5=oui&q6=fonctionnement";
  static constexpr const char* kReasonDdt = "établie avec les services de la DDT(M) et/ou de la DREAL";

  static std::size_t Count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
  }
};

TEST_F(EligibilityHttp, OfferPageLinksToItsTest) {
  for (const char* slug : {"atelier-des-territoires-local", "atelier-des-territoires-flash"}) {
    HttpResponse r = HttpGet(port(), std::string("/offres/") + slug);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("Test d'éligibilité"), std::string::npos);
    EXPECT_NE(r.body.find(std::string("href=\"/offres/") + slug + "/eligibilite\""), std::string::npos);
  }
}

TEST_F(EligibilityHttp, PageShowsTheQuestionnaireAsOneGetForm) {
  HttpResponse r = HttpGet(port(), kPage);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("method=\"get\""), std::string::npos);
  EXPECT_EQ(Count(r.body, "<fieldset"), 6u);
  EXPECT_EQ(Count(r.body, "<legend"), 6u);
  EXPECT_EQ(Count(r.body, "type=\"radio\""), 12u);
  EXPECT_EQ(Count(r.body, " required"), 12u);
  EXPECT_NE(r.body.find("name=\"q6\" value=\"fonctionnement\""), std::string::npos);
  EXPECT_NE(r.body.find("DDT(M)"), std::string::npos);
  EXPECT_EQ(r.body.find("Résultat"), std::string::npos);
  EXPECT_EQ(r.body.find("fr-fieldset--error"), std::string::npos);
}

TEST_F(EligibilityHttp, AnsweredToBeEligible) {
  HttpResponse r = HttpGet(port(), std::string(kPage) + "?" + kEligible);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("fr-alert--success"), std::string::npos);
  EXPECT_NE(r.body.find("Résultat : éligible"), std::string::npos);
  EXPECT_NE(r.body.find("Votre collectivité remplit les critères de l&apos;Atelier des territoires"), std::string::npos);
  EXPECT_EQ(r.body.find(kReasonDdt), std::string::npos);
  EXPECT_NE(r.body.find("Copier le lien"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"oui\" required checked"), std::string::npos);

  json api = json::parse(HttpGet(port(), std::string(kApi) + "?" + kEligible).body);
  EXPECT_EQ(api["result"]["complete"], true);
  EXPECT_EQ(api["result"]["eligible"], true);
  EXPECT_TRUE(api["result"]["reasons"].empty());
  EXPECT_EQ(api["result"]["conclusion"], api["success"]);
}

TEST_F(EligibilityHttp, AnsweredNotToBeEligibleGivesTheReason) {
  HttpResponse r = HttpGet(port(), std::string(kPage) + "?" + kNotDdt);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("fr-alert--error"), std::string::npos);
  EXPECT_NE(r.body.find("Résultat : non éligible"), std::string::npos);
  EXPECT_NE(r.body.find(kReasonDdt), std::string::npos);
  EXPECT_EQ(r.body.find("L'Atelier des territoires couvre des dépenses de fonctionnement"), std::string::npos);

  HttpResponse two = HttpGet(port(), std::string(kPage) + "?q1=oui&q2=non&q3=non&q4=oui&q5=oui&q6=investissement");
  ASSERT_EQ(two.status, 200);
  EXPECT_NE(two.body.find(kReasonDdt), std::string::npos);
  EXPECT_NE(two.body.find("pas leur mise en œuvre"), std::string::npos);
  EXPECT_NE(two.body.find("pas des dépenses d&apos;investissement"), std::string::npos);

  json api = json::parse(HttpGet(port(), std::string(kApi) + "?" + kNotDdt).body);
  EXPECT_EQ(api["result"]["eligible"], false);
  ASSERT_EQ(api["result"]["reasons"].size(), 1u);
  EXPECT_EQ(api["result"]["reasons"][0]["question"], "q3");
  EXPECT_NE(api["result"]["reasons"][0]["text"].get<std::string>().find(kReasonDdt), std::string::npos);
}

TEST_F(EligibilityHttp, MissingAnswersAreShownOnTheirFieldsets) {
  HttpResponse r = HttpGet(port(), std::string(kPage) + "?q1=oui&q2=oui&q4=oui&q5=oui");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find("Résultat"), std::string::npos);
  EXPECT_NE(r.body.find("2 questions sans réponse"), std::string::npos);
  EXPECT_EQ(Count(r.body, "fr-fieldset--error"), 2u);
  EXPECT_NE(r.body.find("aria-describedby=\"q3-erreur\""), std::string::npos);
  EXPECT_NE(r.body.find("id=\"q3-erreur\""), std::string::npos);
  EXPECT_NE(r.body.find("aria-describedby=\"q6-erreur\""), std::string::npos);
  EXPECT_EQ(r.body.find("aria-describedby=\"q1-erreur\""), std::string::npos);

  json api = json::parse(HttpGet(port(), std::string(kApi) + "?q1=oui&q2=oui&q4=oui&q5=oui").body);
  EXPECT_EQ(api["result"]["complete"], false);
  EXPECT_TRUE(api["result"]["eligible"].is_null());
  EXPECT_EQ(api["result"]["missing"], json({"q3", "q6"}));
}

TEST_F(EligibilityHttp, BadValueOrUnknownQuestionIs400InFrench) {
  for (const std::string query : {"q1=peut-etre", "q9=oui", "q1=oui&q1=non", "autre=1"}) {
    HttpResponse page = HttpGet(port(), std::string(kPage) + "?" + query);
    EXPECT_EQ(page.status, 400) << query;
    EXPECT_NE(page.body.find("<html"), std::string::npos) << query;
    HttpResponse api = HttpGet(port(), std::string(kApi) + "?" + query);
    EXPECT_EQ(api.status, 400) << query;
    EXPECT_EQ(json::parse(api.body)["status"], 400);
  }
  HttpResponse bad = HttpGet(port(), std::string(kPage) + "?q1=peut-etre");
  EXPECT_NE(bad.body.find("La réponse « peut-etre » n&apos;existe pas pour la question q1"), std::string::npos);
}

TEST_F(EligibilityHttp, OfferWithoutTestOrUnknownOfferIs404) {
  // An offer of the catalogue that no test serves, and an unknown slug.
  json offers = json::parse(HttpGet(port(), "/api/v1/offers?per_page=100").body);
  std::string without;
  for (const auto& offer : offers["items"]) {
    const std::string slug = offer["slug"];
    if (HttpGet(port(), "/api/v1/offers/" + slug + "/eligibility").status == 404) {
      without = slug;
      break;
    }
  }
  ASSERT_FALSE(without.empty()) << "every offer has a test";
  EXPECT_EQ(HttpGet(port(), "/offres/" + without + "/eligibilite").status, 404);
  EXPECT_EQ(HttpGet(port(), "/offres/" + without).body.find("/eligibilite\""), std::string::npos);
  EXPECT_EQ(HttpGet(port(), "/offres/n-existe-pas/eligibilite").status, 404);
  EXPECT_EQ(HttpGet(port(), "/api/v1/offers/n-existe-pas/eligibility").status, 404);
}

TEST_F(EligibilityHttp, ApiGivesTheQuestionnaire) {
  HttpResponse r = HttpGet(port(), kApi);
  ASSERT_EQ(r.status, 200) << r.body;
  json t = json::parse(r.body);
  EXPECT_EQ(t["id"], "atelier-des-territoires");
  EXPECT_EQ(t["url"], "/offres/atelier-des-territoires-local/eligibilite");
  ASSERT_EQ(t["questions"].size(), 6u);
  EXPECT_EQ(t["questions"][2]["expected"], json({"oui"}));
  EXPECT_FALSE(t["questions"][0]["source"]["quote"].get<std::string>().empty());
  EXPECT_FALSE(t.contains("result"));
}

}  // namespace
}  // namespace boussole::testing
