// "Mon espace" over real HTTP (issue 8, item 2): a member of Joinville finds its project
// with the status of its attached offer, its request with its state, its programme with
// the next seminar, the offers of its territory, and deadlines; another organisation's
// member sees none of it; visitors are sent to sign in.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "storage/store.h"
#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"

namespace boussole::testing {
namespace {

class MySpaceHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()}});
    store_ = std::move(storage::OpenStore(db_->url())).value();
    joinville_ = store_->CreateOrganisation({organisations::Kind::kCollectivite, "Commune de Joinville",
                                             territories::TerritoryId{territories::Kind::kCommune, "52250"}},
                                            "2026-12-05T09:00:00Z")
                     .id;
    chaumont_ = store_->CreateOrganisation({organisations::Kind::kCollectivite, "Commune de Chaumont",
                                            territories::TerritoryId{territories::Kind::kCommune, "52121"}},
                                           "2026-12-05T09:00:00Z")
                    .id;
  }

  FormBrowser MemberOf(std::int64_t organisation, const std::string& email) {
    FormBrowser browser = SignedInBrowser(server_->port(), db_->url(), email);
    const auto user = store_->FindUserByEmail(email);
    EXPECT_TRUE(store_->AddMember(organisation, user->id, organisations::MemberRole::kMember, NowUtc()).ok());
    return browser;
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
  std::unique_ptr<storage::Store> store_;
  std::int64_t joinville_ = 0, chaumont_ = 0;
};

TEST_F(MySpaceHttp, AMemberFindsItsProjectRequestAndProgrammeWithTheirStates) {
  FormBrowser agent = MemberOf(joinville_, "agent@joinville.fr");
  const auto user = store_->FindUserByEmail("agent@joinville.fr");
  const std::string now = NowUtc();
  const std::string in_ten_days = FormatUtc(*ParseUtc(now) + 10 * 24 * 3600);

  projects::Project project;
  project.organisation_id = joinville_;
  project.name = "Halles du centre";
  project.territory = "commune:52250";
  project.stage = "preop";
  project.due_date = in_ten_days.substr(0, 10);
  project.created_by = user->id;
  project = store_->CreateProject(project, now);
  store_->SaveProjectOffer({project.id, "atelier-des-territoires-local", "demandee", "2026-12-01", "", ""}, user->id, now);

  requests::Request request;
  request.workflow = "anct";
  request.organisation_id = joinville_;
  request.territory = "commune:52250";
  request.departement = "departement:52";
  request.title = "Revitaliser la grande rue";
  request.state = "brouillon";
  request.created_by = user->id;
  request = store_->CreateRequest(request, now);

  programmes::Programme programme;
  programme.type = "fabrique";
  programme.title = "Fabrique des bourgs-centres";
  programme.year = 2026;
  programme.slug = "fabrique-bourgs-centres-2026";
  programme = store_->CreateProgramme(programme, {}, now);
  ASSERT_TRUE(store_->ProposeTerritory({programme.id, "commune:52250", "", "proposed", "anct", "", ""}, now).ok());
  ASSERT_TRUE(store_->SelectTerritory(programme.id, "commune:52250", 8).ok());
  programmes::Seminar seminar;
  seminar.programme_id = programme.id;
  seminar.kind = "intersite";
  seminar.number = 1;
  seminar.title = "Séminaire inter-sites 1";
  seminar.starts_at = in_ten_days;
  seminar.minutes = 300;
  store_->AddSeminars({seminar}, now);

  HttpResponse page = agent.Get("/mon-espace");
  ASSERT_EQ(page.status, 200);
  const std::string& body = page.body;
  EXPECT_NE(body.find("Commune de Joinville"), std::string::npos);
  EXPECT_NE(body.find(">Halles du centre</a>"), std::string::npos);
  EXPECT_NE(body.find(": <strong>Demandée</strong> (2026-12-01)"), std::string::npos) << "the offer's status";
  EXPECT_NE(body.find(">Revitaliser la grande rue</a></th><td>Ingénierie sur mesure"), std::string::npos)
      << body.substr(body.find("Demandes d"), 1500);
  EXPECT_NE(body.find("<td>Brouillon</td>"), std::string::npos) << "the request's state";
  EXPECT_NE(body.find(">Fabrique des bourgs-centres</a>"), std::string::npos);
  EXPECT_NE(body.find("Territoire retenu"), std::string::npos);
  EXPECT_NE(body.find("Prochain séminaire : <a href=\"/programmes/" + std::to_string(programme.id)), std::string::npos);
  EXPECT_NE(body.find("Échéance du projet « Halles du centre »"), std::string::npos) << "deadlines in 30 days";
  EXPECT_NE(body.find("Séminaire « Séminaire inter-sites 1 »"), std::string::npos);
  // The offers of its territory published in the last 30 days (the catalogue was just imported).
  EXPECT_NE(body.find("Offres nouvelles pour ce territoire"), std::string::npos);
  EXPECT_NE(body.find("href=\"/offres/atelier-des-territoires-local\""), std::string::npos);
  // The second visit counts from the first one.
  EXPECT_NE(agent.Get("/mon-espace").body.find("Publiées depuis votre visite du " + now.substr(0, 10)), std::string::npos);

  // Chaumont's member sees Chaumont only.
  FormBrowser other = MemberOf(chaumont_, "agent@chaumont.fr");
  const std::string theirs = other.Get("/mon-espace").body;
  EXPECT_NE(theirs.find("Commune de Chaumont"), std::string::npos);
  EXPECT_EQ(theirs.find("Halles du centre"), std::string::npos);
  EXPECT_EQ(theirs.find("Revitaliser la grande rue"), std::string::npos);
  EXPECT_EQ(theirs.find("Fabrique des bourgs-centres"), std::string::npos);
  // Visitors are asked to sign in.
  EXPECT_EQ(HttpGet(server_->port(), "/mon-espace").status, 303);
}

}  // namespace
}  // namespace boussole::testing
