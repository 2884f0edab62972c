#include "web/http/response.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace boussole::web {
namespace {

TEST(ResponseTest, FactoriesSetStatusBodyAndContentType) {
  const Response html = Response::Html(200, "<p>ok</p>");
  EXPECT_EQ(html.status, 200);
  EXPECT_EQ(html.body, "<p>ok</p>");
  EXPECT_EQ(html.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(Response::Json(201, "{}").Header("content-type"), "application/json");
  EXPECT_EQ(Response::Text(200, "x").Header("Content-Type"), "text/plain; charset=utf-8");
}

TEST(ResponseTest, ProblemFollowsRfc9457) {
  const Response problem = Response::Problem(404, "Page introuvable", "Aucune offre « x ».",
                                             "/api/v1/offers/x");
  EXPECT_EQ(problem.status, 404);
  EXPECT_EQ(problem.Header("Content-Type"), "application/problem+json");
  const auto json = nlohmann::json::parse(problem.body);
  EXPECT_EQ(json["type"], "about:blank");
  EXPECT_EQ(json["title"], "Page introuvable");
  EXPECT_EQ(json["status"], 404);
  EXPECT_EQ(json["detail"], "Aucune offre « x ».");
  EXPECT_EQ(json["instance"], "/api/v1/offers/x");
}

TEST(ResponseTest, ProblemOmitsEmptyMembersAndTakesAType) {
  const auto json = nlohmann::json::parse(
      Response::Problem(400, "Requête invalide", "", "", "/problemes/parametre-invalide").body);
  EXPECT_EQ(json["type"], "/problemes/parametre-invalide");
  EXPECT_FALSE(json.contains("detail"));
  EXPECT_FALSE(json.contains("instance"));
}

TEST(ResponseTest, ProblemSurvivesInvalidUtf8InTheDetail) {
  const Response problem = Response::Problem(400, "Requête invalide", "bad \xFF byte");
  EXPECT_TRUE(nlohmann::json::accept(problem.body));
}

TEST(ResponseTest, RedirectSetsLocation) {
  const Response redirect = Response::Redirect(303, "/connexion?suite=%2Fprojets");
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(redirect.Header("Location"), "/connexion?suite=%2Fprojets");
  EXPECT_TRUE(redirect.body.empty());
}

TEST(ResponseTest, SetHeaderReplacesCaseInsensitivelyAndAddHeaderAppends) {
  Response response;
  response.SetHeader("Cache-Control", "no-store");
  response.SetHeader("cache-control", "public");
  EXPECT_EQ(response.headers.size(), 1U);
  EXPECT_EQ(response.Header("CACHE-CONTROL"), "public");
  response.AddHeader("Set-Cookie", "a=1");
  response.AddHeader("Set-Cookie", "b=2");
  EXPECT_EQ(response.headers.size(), 3U);
  EXPECT_EQ(response.Header("x-absent"), "");
}

TEST(StatusTitleTest, FrenchTitles) {
  EXPECT_EQ(StatusTitle(400), "Requête invalide");
  EXPECT_EQ(StatusTitle(403), "Accès refusé");
  EXPECT_EQ(StatusTitle(404), "Page introuvable");
  EXPECT_EQ(StatusTitle(405), "Méthode non autorisée");
  EXPECT_EQ(StatusTitle(408), "Délai dépassé");
  EXPECT_EQ(StatusTitle(413), "Contenu trop volumineux");
  EXPECT_EQ(StatusTitle(414), "Adresse trop longue");
  EXPECT_EQ(StatusTitle(429), "Trop de requêtes");
  EXPECT_EQ(StatusTitle(431), "En-têtes trop volumineux");
  EXPECT_EQ(StatusTitle(500), "Erreur interne");
  EXPECT_EQ(StatusTitle(503), "Service indisponible");
  EXPECT_EQ(StatusTitle(418), "Erreur");
}

}  // namespace
}  // namespace boussole::web
