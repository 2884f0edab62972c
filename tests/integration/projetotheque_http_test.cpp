// The projetothèque over real HTTP (issue 5, item 5): a member of Joinville writes the case
// sheet of a public project and publishes it; a visitor, signed out, finds it by text,
// theme and territory (a département finds the projects of its communes), on the page and
// in the API; a private or unpublished project is never listed; bad input is a 400.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "storage/store.h"
#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"

namespace boussole::testing {
namespace {

class ProjectCaseSheetHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()}});
    auto store = std::move(storage::OpenStore(db_->url())).value();
    organisations::NewOrganisation joinville{organisations::Kind::kCollectivite, "Commune de Joinville",
                                             territories::TerritoryId{territories::Kind::kCommune, "52250"}};
    joinville_ = store->CreateOrganisation(joinville, "2026-11-25T09:00:00Z").id;
  }

  FormBrowser Member(const std::string& local) {
    FormBrowser browser = SignedInBrowser(server_->port(), db_->url(), local + "@example.fr");
    auto store = std::move(storage::OpenStore(db_->url())).value();
    const auto user = store->FindUserByEmail(local + "@example.fr");
    EXPECT_TRUE(store->AddMember(joinville_, user->id, organisations::MemberRole::kMember, "2026-11-25T09:00:00Z").ok());
    return browser;
  }

  // The project's id, created by `browser`'s member.
  std::string CreateProject(FormBrowser& browser, const std::string& name, bool is_public) {
    browser.Get("/organisations/" + std::to_string(joinville_) + "/projets/nouveau");
    HttpResponse r = browser.Post("/organisations/" + std::to_string(joinville_) + "/projets",
                                  "name=" + name + "&territory=52250&stage=postop&themes=commerce-artisanat" +
                                      (is_public ? "&is_public=oui" : ""));
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 3000);
    return r.headers["location"].substr(std::string("/projets/").size());
  }

  bool Listed(const std::string& query, const std::string& id) {
    HttpResponse r = HttpGet(server_->port(), "/projetotheque?" + query);
    EXPECT_EQ(r.status, 200) << query;
    return r.body.find("href=\"/projetotheque/" + id + "\"") != std::string::npos;
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
  std::int64_t joinville_ = 0;
};

TEST_F(ProjectCaseSheetHttp, APublishedSheetIsFoundSignedOutByTextThemeAndTerritory) {
  FormBrowser agent = Member("agent");
  const std::string id = CreateProject(agent, "Revitalisation+du+centre-bourg", true);
  const std::string project = "/projets/" + id;
  agent.Get(project);
  HttpResponse refused = agent.Post(project + "/publication", "action=publier");
  EXPECT_EQ(refused.status, 400) << "no context yet";
  EXPECT_NE(refused.body.find("contexte"), std::string::npos);

  ASSERT_EQ(agent.Get(project + "/fiche").status, 200);
  ASSERT_EQ(agent.Post(project + "/fiche", "context=Des+commerces+ferm%C3%A9s+dans+la+grande+rue"
                                           "&actions=Un+manager+de+centre-ville&results=Quatre+boutiques+rouvertes"
                                           "&testimony=%C2%AB+La+rue+revit+%C2%BB&partners=Banque+des+Territoires")
                .status,
            303);
  agent.Get(project);
  EXPECT_EQ(agent.Post(project + "/offres", "offer=atelier-des-territoires-local&status=obtenue").status, 303);
  agent.Get(project);
  ASSERT_EQ(agent.Post(project + "/publication", "action=publier").status, 303);
  EXPECT_NE(agent.Get(project).body.find("Fiche publiée dans la projetothèque"), std::string::npos);

  EXPECT_TRUE(Listed("q=commerce", id)) << "stems: commerce finds commerces";
  EXPECT_TRUE(Listed("q=boutique+rouverte", id));
  EXPECT_FALSE(Listed("q=piscine", id));
  EXPECT_TRUE(Listed("theme=commerce-artisanat", id));
  EXPECT_FALSE(Listed("theme=sante", id));
  EXPECT_TRUE(Listed("territory=departement%3A52", id)) << "Joinville is in Haute-Marne";
  EXPECT_TRUE(Listed("territory=52250", id));
  EXPECT_FALSE(Listed("territory=departement%3A06", id));

  HttpResponse sheet = HttpGet(server_->port(), "/projetotheque/" + id);
  ASSERT_EQ(sheet.status, 200);
  for (const char* text : {"Des commerces fermés dans la grande rue", "Quatre boutiques rouvertes", "Banque des Territoires",
                           "/offres/atelier-des-territoires-local"}) {
    EXPECT_NE(sheet.body.find(text), std::string::npos) << text;
  }

  HttpResponse api = HttpGet(server_->port(), "/api/v1/projects/search?territory=departement:52&theme=commerce-artisanat");
  ASSERT_EQ(api.status, 200);
  const auto body = nlohmann::json::parse(api.body);
  EXPECT_EQ(body["total"], 1);
  EXPECT_EQ(body["items"][0]["id"], std::stoll(id));
  EXPECT_EQ(body["facets"]["themes"]["commerce-artisanat"], 1);
  const auto one = nlohmann::json::parse(HttpGet(server_->port(), "/api/v1/projects/" + id).body);
  EXPECT_EQ(one["context"], "Des commerces fermés dans la grande rue");
  EXPECT_EQ(one["offers"][0]["status"], "obtenue");

  // Unpublished: gone from the list, the page and the API.
  agent.Get(project);
  ASSERT_EQ(agent.Post(project + "/publication", "action=retirer").status, 303);
  EXPECT_FALSE(Listed("", id));
  EXPECT_EQ(HttpGet(server_->port(), "/projetotheque/" + id).status, 404);
  EXPECT_EQ(HttpGet(server_->port(), "/api/v1/projects/" + id).status, 404);
}

TEST_F(ProjectCaseSheetHttp, PrivateProjectsAreNeverPublishedAndBadInputIsRefused) {
  FormBrowser agent = Member("agent");
  const std::string id = CreateProject(agent, "Projet+confidentiel", false);
  agent.Get("/projets/" + id + "/fiche");
  ASSERT_EQ(agent.Post("/projets/" + id + "/fiche", "context=Secret").status, 303);
  agent.Get("/projets/" + id);
  HttpResponse refused = agent.Post("/projets/" + id + "/publication", "action=publier");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("Rendez d"), std::string::npos);
  EXPECT_FALSE(Listed("", id));
  EXPECT_EQ(HttpGet(server_->port(), "/projetotheque/" + id).status, 404);
  // A visitor cannot publish nor edit a sheet.
  EXPECT_NE(HttpGet(server_->port(), "/projets/" + id + "/fiche").status, 200);

  for (const char* bad : {"theme=astrologie", "page=0", "page=abc", "territory=99999", "territory=departement%3A999"}) {
    HttpResponse r = HttpGet(server_->port(), std::string("/api/v1/projects/search?") + bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_NE(r.headers["content-type"].find("problem+json"), std::string::npos) << bad;
    EXPECT_EQ(HttpGet(server_->port(), std::string("/projetotheque?") + bad).status, 400) << bad;
  }
  EXPECT_NE(HttpGet(server_->port(), "/api/v1/projects/search?theme=astrologie").body.find("Thématique inconnue"),
            std::string::npos);
  EXPECT_EQ(HttpGet(server_->port(), "/api/v1/projects/abc").status, 404);
}

}  // namespace
}  // namespace boussole::testing
