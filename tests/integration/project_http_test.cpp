// Projects over real HTTP (issue 5, item 4): a member of a collectivité creates a project,
// sees the offers Boussole suggests, attaches one and follows it; the history keeps every
// step; a private project does not exist for others, a public one shows its public part;
// members of another organisation cannot change it; bad input is refused.
#include <gtest/gtest.h>

#include <regex>

#include "storage/store.h"
#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"

namespace boussole::testing {
namespace {

class ProjectHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()}});
    auto store = std::move(storage::OpenStore(db_->url())).value();
    organisations::NewOrganisation joinville{organisations::Kind::kCollectivite, "Commune de Joinville",
                                             territories::TerritoryId{territories::Kind::kCommune, "52250"}};
    organisations::NewOrganisation chaumont{organisations::Kind::kCollectivite, "Commune de Chaumont",
                                            territories::TerritoryId{territories::Kind::kCommune, "52121"}};
    joinville_ = store->CreateOrganisation(joinville, "2026-11-25T09:00:00Z").id;
    chaumont_ = store->CreateOrganisation(chaumont, "2026-11-25T09:00:00Z").id;
  }

  // A confirmed account, member of `organisation`, signed in in a fresh browser.
  FormBrowser Member(const std::string& local, std::int64_t organisation) {
    FormBrowser browser = SignedInBrowser(server_->port(), db_->url(), local + "@example.fr");
    auto store = std::move(storage::OpenStore(db_->url())).value();
    const auto user = store->FindUserByEmail(local + "@example.fr");
    EXPECT_TRUE(store->AddMember(organisation, user->id, organisations::MemberRole::kMember, "2026-11-25T09:00:00Z").ok());
    return browser;
  }

  std::string CreateProject(FormBrowser& browser, const std::string& extra = "") {
    browser.Get("/organisations/" + std::to_string(joinville_) + "/projets/nouveau");
    HttpResponse r = browser.Post("/organisations/" + std::to_string(joinville_) + "/projets",
                                  "name=Revitalisation+du+centre-bourg&public_description=Un+plan+guide+pour+le+centre"
                                  "&private_description=Budget+a+confirmer&territory=52250&stage=preop"
                                  "&themes=urbanisme-logement-amenagement&budget=250000&contract=pvd" + extra);
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 3000);
    return r.headers["location"];
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
  std::int64_t joinville_ = 0;
  std::int64_t chaumont_ = 0;
};

TEST_F(ProjectHttp, AMemberCreatesAProjectSeesSuggestionsAndFollowsAnOffer) {
  FormBrowser agent = Member("agent", joinville_);
  const std::string project = CreateProject(agent);
  ASSERT_EQ(project.rfind("/projets/", 0), 0u);
  HttpResponse page = agent.Get(project);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Budget a confirmer"), std::string::npos) << "members see the internal notes";
  const auto suggestions = page.body.substr(page.body.find("id=\"liste-suggestions\""));
  EXPECT_NE(suggestions.find("/offres/atelier-des-territoires-"), std::string::npos) << "the Atelier is suggested";
  EXPECT_EQ(suggestions.find("/offres/action-coeur-de-ville\""), std::string::npos) << "not for another stage (op)";
  EXPECT_EQ(suggestions.find("/offres/appui-reconstruction-tempete-alex\""), std::string::npos) << "not of another département";

  EXPECT_EQ(agent.Post(project + "/offres", "offer=atelier-des-territoires-local").status, 303);
  EXPECT_EQ(agent.Post(project + "/offres", "offer=atelier-des-territoires-local&status=demandee&status_date=2026-12-01"
                                            "&comment=Dossier+envoy%C3%A9+%C3%A0+la+DDT").status,
            303);
  page = agent.Get(project);
  EXPECT_NE(page.body.find("Demandée (2026-12-01)"), std::string::npos);
  EXPECT_NE(page.body.find("Dossier envoyé à la DDT"), std::string::npos);
  EXPECT_NE(page.body.find("Projet créé"), std::string::npos);
  EXPECT_NE(page.body.find("atelier-des-territoires-local : a_etudier → demandee"), std::string::npos);
  // Bad input on the offer form.
  EXPECT_EQ(agent.Post(project + "/offres", "offer=pas-une-offre").status, 400);
  EXPECT_EQ(agent.Post(project + "/offres", "offer=atelier-des-territoires-local&status=gagnee").status, 400);
}

TEST_F(ProjectHttp, PrivateProjectsAreHiddenPublicOnesShowTheirPublicPart) {
  FormBrowser agent = Member("agent", joinville_);
  const std::string project = CreateProject(agent);
  EXPECT_EQ(HttpGet(server_->port(), project).status, 404) << "private: a visitor does not see it";
  FormBrowser other = Member("voisin", chaumont_);
  EXPECT_EQ(other.Get(project).status, 404) << "nor a member of another collectivité";

  agent.Get(project + "/modifier");
  ASSERT_EQ(agent.Post(project, "name=Revitalisation+du+centre-bourg&public_description=Un+plan+guide+pour+le+centre"
                                "&private_description=Budget+a+confirmer&territory=52250&stage=preop&is_public=oui")
                .status,
            303);
  HttpResponse visitor = HttpGet(server_->port(), project);
  ASSERT_EQ(visitor.status, 200);
  EXPECT_NE(visitor.body.find("Un plan guide pour le centre"), std::string::npos);
  EXPECT_EQ(visitor.body.find("Budget a confirmer"), std::string::npos) << "internal notes stay internal";
  EXPECT_EQ(visitor.body.find("Rattacher au projet"), std::string::npos);

  // Another organisation's member may read it but not change it.
  HttpResponse edit = other.Get(project + "/modifier");
  EXPECT_EQ(edit.status, 403);
  other.Get("/compte");
  EXPECT_EQ(other.Post(project + "/offres", "offer=atelier-des-territoires-local").status, 403);
  EXPECT_EQ(other.Get("/organisations/" + std::to_string(joinville_) + "/projets").status, 403);
}

TEST_F(ProjectHttp, AnyoneSignedInSuggestsAnOfferForAPublicProjectAndTheOwnersDecide) {
  FormBrowser agent = Member("agent", joinville_);
  const std::string project = CreateProject(agent, "&is_public=oui");
  FormBrowser neighbour = Member("voisin", chaumont_);
  EXPECT_EQ(HttpGet(server_->port(), project).body.find("Suggérer cette offre"), std::string::npos) << "not for visitors";
  ASSERT_NE(neighbour.Get(project).body.find("Suggérer cette offre"), std::string::npos);
  EXPECT_EQ(neighbour.Post(project + "/suggestions", "offer=france-services&message=Un+guichet+pour+les+habitants").status, 303);
  EXPECT_EQ(neighbour.Post(project + "/suggestions", "offer=france-services").status, 409) << "already waiting";
  EXPECT_EQ(neighbour.Post(project + "/suggestions", "offer=pas-une-offre").status, 400);
  EXPECT_EQ(neighbour.Post(project + "/suggestions/1", "decision=accepter").status, 403) << "only the owners decide";

  HttpResponse page = agent.Get(project);
  ASSERT_NE(page.body.find("Un guichet pour les habitants"), std::string::npos);
  const auto at = page.body.find("/suggestions/");
  ASSERT_NE(at, std::string::npos);
  const std::string decide = project + page.body.substr(at, page.body.find('"', at) - at);
  EXPECT_EQ(agent.Post(decide, "decision=peut-etre").status, 400);
  EXPECT_EQ(agent.Post(decide, "decision=accepter").status, 303);
  EXPECT_EQ(agent.Post(decide, "decision=refuser").status, 404) << "decided already";
  page = agent.Get(project);
  EXPECT_NE(page.body.find("/offres/france-services"), std::string::npos);
  EXPECT_NE(page.body.find("france-services : suggestion acceptée"), std::string::npos);
  EXPECT_EQ(neighbour.Post(project + "/suggestions", "offer=france-services").status, 409) << "already attached";
}

TEST_F(ProjectHttp, BadProjectInputIsRefusedWithEveryProblem) {
  FormBrowser agent = Member("agent", joinville_);
  agent.Get("/organisations/" + std::to_string(joinville_) + "/projets/nouveau");
  HttpResponse bad = agent.Post("/organisations/" + std::to_string(joinville_) + "/projets",
                                "name=&territory=99999&stage=construction&themes=astrologie&budget=beaucoup&due_date=2027-02-30");
  EXPECT_EQ(bad.status, 400);
  for (const char* message : {"Donnez un nom au projet.", "Choisissez le territoire du projet", "Choisissez l&apos;étape du projet.",
                              "Thématique inconnue", "nombre entier d&apos;euros", "date valide"}) {
    EXPECT_NE(bad.body.find(message), std::string::npos) << message;
  }
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM projects"), "0\n");
  EXPECT_EQ(agent.Get("/projets/999999").status, 404);
  EXPECT_EQ(agent.Get("/projets/abc").status, 404);
}

}  // namespace
}  // namespace boussole::testing
