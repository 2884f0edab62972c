// The offer publication workflow over HTTP (issue 5, item 2): a platform admin withdraws a
// published offer for correction, edits its document (validated like the importer), sends it
// to review and publishes it again; the public catalogue and the search follow each step.
#include <gtest/gtest.h>

#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"
#include "web/http/url.h"

namespace boussole::testing {
namespace {

class OfferWorkflowHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()}});
  }

  FormBrowser Admin() { return SignedInBrowser(server_->port(), db_->url(), "admin@example.fr", true); }

  int SearchTotal(const std::string& q) {
    const HttpResponse r = HttpGet(server_->port(), "/api/v1/offers/search?q=" + q);
    const auto at = r.body.find("\"total\":");
    return at == std::string::npos ? -1 : std::stoi(r.body.substr(at + 8));
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
};

TEST_F(OfferWorkflowHttp, WithdrawCorrectReviewPublish) {
  FormBrowser admin = Admin();
  ASSERT_EQ(admin.Get("/admin/offres").status, 200);
  ASSERT_EQ(HttpGet(server_->port(), "/offres/france-services").status, 200);
  const int before = SearchTotal("france+services");
  ASSERT_GT(before, 0);

  // A published offer cannot be edited in place.
  HttpResponse page = admin.Get("/admin/offres/france-services");
  EXPECT_EQ(admin.Post("/admin/offres/france-services", "document=%7B%7D").status, 409);
  // Publishing straight from draft is not a move of the workflow.
  EXPECT_EQ(admin.Post("/admin/offres/france-services/statut", "from=published&to=review").status, 400);

  EXPECT_EQ(admin.Post("/admin/offres/france-services/statut", "from=published&to=draft").status, 303);
  EXPECT_EQ(HttpGet(server_->port(), "/offres/france-services").status, 404) << "withdrawn from the public";
  EXPECT_LT(SearchTotal("france+services"), before) << "and from the search";
  // Someone else's stale form (the offer is no longer published) is a conflict.
  EXPECT_EQ(admin.Post("/admin/offres/france-services/statut", "from=published&to=draft").status, 409);

  // A correction: the document is validated like the importer's.
  page = admin.Get("/admin/offres/france-services");
  const auto start = page.body.find("<textarea");
  ASSERT_NE(start, std::string::npos);
  HttpResponse bad = admin.Post("/admin/offres/france-services", "document=" + web::PercentEncode("{\"slug\": \"france-services\"}"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("champ obligatoire manquant"), std::string::npos);
  EXPECT_EQ(admin.Post("/admin/offres/france-services", "document=" + web::PercentEncode("pas du json")).status, 400);

  EXPECT_EQ(admin.Post("/admin/offres/france-services/statut", "from=draft&to=review").status, 303);
  EXPECT_EQ(HttpGet(server_->port(), "/offres/france-services").status, 404) << "in review: still hidden";
  EXPECT_EQ(admin.Post("/admin/offres/france-services/statut", "from=review&to=published").status, 303);
  EXPECT_EQ(HttpGet(server_->port(), "/offres/france-services").status, 200);
  EXPECT_EQ(SearchTotal("france+services"), before);
  const std::string published = QueryRows(db_->url(), "SELECT published_at FROM offers WHERE slug = 'france-services'");
  EXPECT_GT(published.substr(0, 10), std::string("2026-01-01"));
}

TEST_F(OfferWorkflowHttp, OnlyPlatformAdminsReachIt) {
  EXPECT_EQ(HttpGet(server_->port(), "/admin/offres").status, 303) << "visitors are sent to the login page";
}

}  // namespace
}  // namespace boussole::testing
