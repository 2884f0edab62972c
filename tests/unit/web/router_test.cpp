#include "web/http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace boussole::web {
namespace {

Response RenderError(const Request&, int status, std::string_view detail) {
  return Response::Text(status, std::string(StatusTitle(status)) + "|" + std::string(detail));
}

Handler Says(std::string text) {
  return [text](const Request&) { return Response::Text(200, text); };
}

Request MakeRoutedRequest(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.target = path;
  request.path = std::move(path);
  return request;
}

Response Call(const Router& router, std::string method, std::string path) {
  Request request = MakeRoutedRequest(std::move(method), std::move(path));
  return router.Dispatch(request);
}

TEST(RouterTest, LiteralBeatsParameterWhateverTheOrder) {
  for (const bool literal_first : {true, false}) {
    Router router(RenderError);
    if (literal_first) router.Add("GET", "/api/v1/offers/search", "search", Says("search"));
    router.Add("GET", "/api/v1/offers/{slug}", "offer", Says("offer"));
    if (!literal_first) router.Add("GET", "/api/v1/offers/search", "search", Says("search"));

    EXPECT_EQ(Call(router, "GET", "/api/v1/offers/search").body, "search");
    EXPECT_EQ(Call(router, "GET", "/api/v1/offers/fonds-vert").body, "offer");
  }
}

TEST(RouterTest, OnlyUploadRoutesRaiseTheBodyLimit) {
  Router router(RenderError);
  EXPECT_EQ(router.LargestBodyLimit(), 0u);
  router.Add("POST", "/demandes/{id}/commentaire", "comment", Says("c"));
  router.AddUpload("POST", "/demandes/{id}/fichiers", "upload", Says("u"), 21 << 20);
  EXPECT_EQ(router.BodyLimit("POST", "/demandes/4/fichiers", 1024), 21u << 20);
  EXPECT_EQ(router.BodyLimit("POST", "/demandes/4/commentaire", 1024), 1024u);
  EXPECT_EQ(router.BodyLimit("GET", "/demandes/4/fichiers", 1024), 1024u);
  EXPECT_EQ(router.BodyLimit("POST", "/ailleurs", 1024), 1024u);
  EXPECT_EQ(router.LargestBodyLimit(), 21u << 20);
}

TEST(RouterTest, LeftmostLiteralWins) {
  Router router(RenderError);
  router.Add("GET", "/a/{x}/c", "x", Says("x"));
  router.Add("GET", "/a/b/{y}", "y", Says("y"));
  EXPECT_EQ(Call(router, "GET", "/a/b/c").body, "y");
  EXPECT_EQ(Call(router, "GET", "/a/z/c").body, "x");
}

TEST(RouterTest, FillsPathParams) {
  Router router(RenderError);
  router.Add("GET", "/territoires/{id}/projets/{projet}", "projects", [](const Request& r) {
    return Response::Text(200, r.Param("id") + "," + r.Param("projet") + "," + r.Param("x"));
  });
  Request request = MakeRoutedRequest("GET", "/territoires/commune:75056/projets/42");
  EXPECT_EQ(router.Dispatch(request).body, "commune:75056,42,");
  EXPECT_EQ(request.path_params.at("id"), "commune:75056");
}

TEST(RouterTest, ParameterDoesNotMatchAnEmptySegment) {
  Router router(RenderError);
  router.Add("GET", "/territoires/{id}", "territory", Says("t"));
  EXPECT_EQ(Call(router, "GET", "/territoires/").status, 404);
  EXPECT_EQ(Call(router, "GET", "/territoires").status, 404);
}

TEST(RouterTest, RootAndTrailingSlash) {
  Router router(RenderError);
  router.Add("GET", "/", "home", Says("home"));
  router.Add("GET", "/offres", "offers", Says("offers"));
  EXPECT_EQ(Call(router, "GET", "/").body, "home");
  EXPECT_EQ(Call(router, "GET", "/offres").body, "offers");
  EXPECT_EQ(Call(router, "GET", "/offres/").status, 404);
  EXPECT_EQ(Call(router, "GET", "/offres/x").status, 404);
}

TEST(RouterTest, RestParameterTakesTheRestOfThePath) {
  Router router(RenderError);
  router.Add("GET", "/static/{path...}", "static",
             [](const Request& r) { return Response::Text(200, r.Param("path")); });
  router.Add("GET", "/static/special", "special", Says("special"));
  router.Add("GET", "/static/{one}/x", "one", Says("one"));
  EXPECT_EQ(Call(router, "GET", "/static/icons/system/a.svg").body, "icons/system/a.svg");
  EXPECT_EQ(Call(router, "GET", "/static/special").body, "special");
  EXPECT_EQ(Call(router, "GET", "/static/a/x").body, "one");
  EXPECT_EQ(Call(router, "GET", "/static/").status, 404);
  EXPECT_EQ(Call(router, "GET", "/static").status, 404);
}

TEST(RouterTest, NoRouteIs404ThroughTheRenderer) {
  Router router(RenderError);
  router.Add("GET", "/offres", "offers", Says("offers"));
  const Response response = Call(router, "GET", "/nulle-part");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, "Page introuvable|");
}

TEST(RouterTest, OtherMethodIs405WithAllow) {
  Router router(RenderError);
  router.Add("GET", "/projets/{id}", "project", Says("get"));
  router.Add("POST", "/projets/{id}", "project_update", Says("post"));
  router.Add("DELETE", "/projets/{id}", "project_delete", Says("delete"));
  router.Add("PUT", "/autre", "other", Says("put"));
  const Response response = Call(router, "PATCH", "/projets/3");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.body, "Méthode non autorisée|");
  EXPECT_EQ(response.Header("Allow"), "DELETE, GET, HEAD, POST");
}

TEST(RouterTest, MethodRouteBeatsMoreSpecificRouteOfAnotherMethod) {
  Router router(RenderError);
  router.Add("POST", "/offers/search", "search", Says("search"));
  router.Add("GET", "/offers/{slug}", "offer", Says("offer"));
  EXPECT_EQ(Call(router, "GET", "/offers/search").body, "offer");
  EXPECT_EQ(Call(router, "POST", "/offers/search").body, "search");
  EXPECT_EQ(Call(router, "POST", "/offers/x").status, 405);
}

TEST(RouterTest, HeadUsesGetWithoutBodyButWithItsLength) {
  Router router(RenderError);
  router.Add("GET", "/offres", "offers", Says("0123456789"));
  const Response response = Call(router, "HEAD", "/offres");
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.body.empty());
  EXPECT_EQ(response.Header("Content-Length"), "10");
  EXPECT_EQ(response.Header("Content-Type"), "text/plain; charset=utf-8");

  const Response missing = Call(router, "HEAD", "/nulle-part");
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(missing.body.empty());
}

TEST(RouterTest, ExplicitHeadRouteWins) {
  Router router(RenderError);
  router.Add("GET", "/x", "get", Says("long body"));
  router.Add("HEAD", "/x", "head", [](const Request&) {
    Response response;
    response.SetHeader("Content-Length", "123");
    response.SetHeader("X-Head", "1");
    return response;
  });
  const Response response = Call(router, "HEAD", "/x");
  EXPECT_EQ(response.Header("X-Head"), "1");
  EXPECT_EQ(response.Header("Content-Length"), "123");
}

TEST(RouterTest, RouteName) {
  Router router(RenderError);
  router.Add("GET", "/offres/{slug}", "offer_page", Says("x"));
  EXPECT_EQ(router.RouteName(MakeRoutedRequest("GET", "/offres/a")), "offer_page");
  EXPECT_EQ(router.RouteName(MakeRoutedRequest("HEAD", "/offres/a")), "offer_page");
  EXPECT_EQ(router.RouteName(MakeRoutedRequest("POST", "/offres/a")), "");
  EXPECT_EQ(router.RouteName(MakeRoutedRequest("GET", "/b")), "");
}

TEST(RouterTest, DuplicatesAndMalformedPatternsThrow) {
  Router router(RenderError);
  router.Add("GET", "/offres/{slug}", "a", Says("a"));
  EXPECT_THROW(router.Add("GET", "/offres/{slug}", "b", Says("b")), std::logic_error);
  EXPECT_THROW(router.Add("GET", "/offres/{other}", "b", Says("b")), std::logic_error);
  EXPECT_NO_THROW(router.Add("POST", "/offres/{slug}", "c", Says("c")));
  EXPECT_THROW(router.Add("GET", "offres", "d", Says("d")), std::logic_error);
  EXPECT_THROW(router.Add("GET", "/a/{}", "d", Says("d")), std::logic_error);
  EXPECT_THROW(router.Add("GET", "/a/x{y}", "d", Says("d")), std::logic_error);
  EXPECT_THROW(router.Add("GET", "/a/{x}/{x}", "d", Says("d")), std::logic_error);
  EXPECT_THROW(router.Add("GET", "/a/{rest...}/b", "d", Says("d")), std::logic_error);
  EXPECT_THROW(router.Add("GET", "/a", "d", Handler()), std::logic_error);
  EXPECT_EQ(router.routes().size(), 2U);
}

TEST(RouterTest, HandlerExceptionsPropagate) {
  Router router(RenderError);
  router.Add("GET", "/boom", "boom",
             [](const Request&) -> Response { throw std::runtime_error("boom"); });
  EXPECT_THROW(Call(router, "GET", "/boom"), std::runtime_error);
}

}  // namespace
}  // namespace boussole::web
