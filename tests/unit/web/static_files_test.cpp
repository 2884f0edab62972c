#include "web/http/static_files.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "web/http/router.h"

namespace boussole::web {
namespace {

namespace fs = std::filesystem;

void WriteFile(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

Request Get(std::string path, std::string method = "GET") {
  Request request;
  request.method = std::move(method);
  request.target = path;
  request.path = std::move(path);
  return request;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "boussole_static_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    dist_ = root_ / "dist";
    WriteFile(dist_ / "dsfr.min.css", "body{}");
    WriteFile(dist_ / "dsfr.module.min.js", "export{}");
    WriteFile(dist_ / "icons" / "system" / "check.svg", "<svg/>");
    WriteFile(dist_ / "fonts" / "Marianne.woff2", "w2");
    WriteFile(dist_ / "favicon" / "manifest.webmanifest", "{}");
    WriteFile(dist_ / "not-listed.css", "secret");
    WriteFile(dist_ / "icons" / ".hidden", "hidden");
    WriteFile(root_ / "outside.txt", "outside");
    WriteFile(root_ / "app" / "app.css", "a{}");
    WriteFile(root_ / "app" / "img" / "logo.png", "png");
    WriteFile(root_ / "app" / "favicon.ico", "ico");
    WriteFile(root_ / "app" / "data.json", "[]");
    WriteFile(root_ / "app" / "x.mjs", "m");
    WriteFile(root_ / "app" / "f.woff", "w");
    WriteFile(root_ / "app" / "robots.txt", "t");
    WriteFile(root_ / "app" / "page.html", "<p>");
    WriteFile(root_ / "app" / "blob.bin", "b");
    files_.Mount("/static/dsfr/", dist_,
                 {"dsfr.min.css", "dsfr.module.min.js", "icons/", "fonts/", "favicon/"});
    files_.Mount("/static/", root_ / "app", {""});
  }

  void TearDown() override { fs::remove_all(root_); }

  fs::path root_;
  fs::path dist_;
  StaticFiles files_;
};

TEST_F(StaticFilesTest, ServesAllowedFilesWithCacheHeaders) {
  const auto response = files_.Serve(Get("/static/dsfr/dsfr.min.css"));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "body{}");
  EXPECT_EQ(response->Header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(response->Header("Cache-Control"), "public, max-age=3600");
  EXPECT_FALSE(response->Header("ETag").empty());

  const auto icon = files_.Serve(Get("/static/dsfr/icons/system/check.svg"));
  ASSERT_TRUE(icon.has_value());
  EXPECT_EQ(icon->status, 200);
  EXPECT_EQ(icon->Header("Content-Type"), "image/svg+xml");
}

TEST_F(StaticFilesTest, NulloptOutsideMounts) {
  EXPECT_FALSE(files_.Serve(Get("/offres")).has_value());
  EXPECT_FALSE(files_.Serve(Get("/static")).has_value());
}

TEST_F(StaticFilesTest, LongestPrefixWinsAndAllowListIsEnforced) {
  EXPECT_EQ(files_.Serve(Get("/static/dsfr/not-listed.css"))->status, 404);
  EXPECT_EQ(files_.Serve(Get("/static/app.css"))->status, 200);
  EXPECT_EQ(files_.Serve(Get("/static/dsfr/missing.css"))->status, 404);
  EXPECT_EQ(files_.Serve(Get("/static/dsfr/icons"))->status, 404);  // a directory
  EXPECT_EQ(files_.Serve(Get("/static/dsfr/"))->status, 404);
}

TEST_F(StaticFilesTest, RefusesTraversal) {
  for (const char* path : {"/static/dsfr/../outside.txt", "/static/dsfr/icons/../../outside.txt",
                           "/static/../outside.txt", "/static/img/../app.css",
                           "/static/dsfr/icons/./system/check.svg", "/static/dsfr//dsfr.min.css",
                           "/static/dsfr/icons/.hidden", "/static/dsfr/icons\\..\\..\\outside.txt",
                           "/static/..\\outside.txt", "/static/%2e%2e/outside.txt"}) {
    const auto response = files_.Serve(Get(path));
    ASSERT_TRUE(response.has_value()) << path;
    EXPECT_EQ(response->status, 404) << path;
    EXPECT_EQ(response->body.find("outside"), std::string::npos) << path;
  }
  const auto nul = files_.Serve(Get(std::string("/static/app.css\0.txt", 20)));
  ASSERT_TRUE(nul.has_value());
  EXPECT_EQ(nul->status, 404);
}

TEST_F(StaticFilesTest, ContentTypes) {
  const std::pair<const char*, const char*> cases[] = {
      {"/static/dsfr/dsfr.module.min.js", "text/javascript; charset=utf-8"},
      {"/static/x.mjs", "text/javascript; charset=utf-8"},
      {"/static/img/logo.png", "image/png"},
      {"/static/favicon.ico", "image/x-icon"},
      {"/static/f.woff", "font/woff"},
      {"/static/dsfr/fonts/Marianne.woff2", "font/woff2"},
      {"/static/data.json", "application/json"},
      {"/static/dsfr/favicon/manifest.webmanifest", "application/manifest+json"},
      {"/static/robots.txt", "text/plain; charset=utf-8"},
      {"/static/page.html", "text/html; charset=utf-8"},
      {"/static/blob.bin", "application/octet-stream"},
  };
  for (const auto& [path, type] : cases) {
    const auto response = files_.Serve(Get(path));
    ASSERT_TRUE(response.has_value()) << path;
    EXPECT_EQ(response->status, 200) << path;
    EXPECT_EQ(response->Header("Content-Type"), type) << path;
  }
}

TEST_F(StaticFilesTest, EtagAndNotModified) {
  const auto first = files_.Serve(Get("/static/app.css"));
  const std::string etag = first->Header("ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(files_.Serve(Get("/static/app.css"))->Header("ETag"), etag);  // stable

  for (const std::string& header : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    Request request = Get("/static/app.css");
    request.headers["if-none-match"] = header;
    const auto response = files_.Serve(request);
    EXPECT_EQ(response->status, 304) << header;
    EXPECT_TRUE(response->body.empty());
    EXPECT_EQ(response->Header("ETag"), etag);
  }

  Request stale = Get("/static/app.css");
  stale.headers["if-none-match"] = "\"other\"";
  EXPECT_EQ(files_.Serve(stale)->status, 200);

  // A changed file gets another ETag.
  WriteFile(root_ / "app" / "app.css", "a{color:red}");
  EXPECT_NE(files_.Serve(Get("/static/app.css"))->Header("ETag"), etag);
}

TEST_F(StaticFilesTest, OnlyGetAndHead) {
  EXPECT_EQ(files_.Serve(Get("/static/app.css", "HEAD"))->status, 200);
  const auto post = files_.Serve(Get("/static/app.css", "POST"));
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->Header("Allow"), "GET, HEAD");
}

TEST_F(StaticFilesTest, MountRejectsBadPrefixes) {
  EXPECT_THROW(files_.Mount("/static", root_, {""}), std::invalid_argument);
  EXPECT_THROW(files_.Mount("static/", root_, {""}), std::invalid_argument);
}

TEST_F(StaticFilesTest, AddRoutesServesThroughTheRouter) {
  Router router([](const Request&, int status, std::string_view) {
    return Response::Html(status, "<h1>" + std::string(StatusTitle(status)) + "</h1>");
  });
  files_.AddRoutes(router);
  Request css = Get("/static/dsfr/dsfr.min.css");
  EXPECT_EQ(router.Dispatch(css).body, "body{}");
  EXPECT_EQ(router.RouteName(css), "static");

  Request head = Get("/static/dsfr/dsfr.min.css", "HEAD");
  const Response head_response = router.Dispatch(head);
  EXPECT_EQ(head_response.status, 200);
  EXPECT_TRUE(head_response.body.empty());
  EXPECT_EQ(head_response.Header("Content-Length"), "6");

  Request missing = Get("/static/dsfr/../outside.txt");
  const Response not_found = router.Dispatch(missing);
  EXPECT_EQ(not_found.status, 404);
  EXPECT_EQ(not_found.body, "<h1>Page introuvable</h1>");

  Request post = Get("/static/app.css", "POST");
  const Response not_allowed = router.Dispatch(post);
  EXPECT_EQ(not_allowed.status, 405);
  EXPECT_EQ(not_allowed.Header("Allow"), "GET, HEAD");
}

}  // namespace
}  // namespace boussole::web
