// The project tables, on every backend: create, edit, attach offers with statuses, and the
// history each write leaves.
#include "store_fixture.h"

namespace boussole::testing {
namespace {

class ProjectStoreTest : public StoreTest {
 protected:
  projects::Project NewProject() {
    organisations::NewOrganisation org;
    org.kind = organisations::Kind::kCollectivite;
    org.name = "Commune de Joinville";
    org.territory = territories::TerritoryId{territories::Kind::kCommune, "52250"};
    const auto owner = store_->CreateOrganisation(org, "2026-11-25T10:00:00Z");
    auto user = store_->CreateUser({"agent@joinville.fr", "Agent", "h"}, "2026-11-25T10:00:00Z");
    projects::Project p;
    p.organisation_id = owner.id;
    p.name = "Revitalisation du centre-bourg";
    p.territory = "commune:52250";
    p.stage = "preop";
    p.themes = {"urbanisme-logement-amenagement", "commerce-artisanat"};
    p.budget_euros = 250000;
    p.contract = "pvd";
    p.created_by = user.value().id;
    return store_->CreateProject(p, "2026-11-25T10:05:00Z");
  }
};

TEST_P(ProjectStoreTest, CreatesReadsAndEditsAProjectWithItsHistory) {
  const projects::Project created = NewProject();
  EXPECT_GT(created.id, 0);
  const auto found = store_->FindProject(created.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->themes, (std::vector<std::string>{"urbanisme-logement-amenagement", "commerce-artisanat"}));
  EXPECT_EQ(found->budget_euros, 250000);
  EXPECT_EQ(found->due_date, "");
  EXPECT_FALSE(found->is_public);
  projects::Project edited = *found;
  edited.is_public = true;
  edited.due_date = "2027-06-30";
  edited.budget_euros.reset();
  ASSERT_TRUE(store_->UpdateProject(edited, created.created_by, "2026-11-26T09:00:00Z").ok());
  const auto after = store_->FindProject(created.id);
  EXPECT_TRUE(after->is_public);
  EXPECT_EQ(after->due_date, "2027-06-30");
  EXPECT_FALSE(after->budget_euros.has_value());
  EXPECT_EQ(after->updated_at, "2026-11-26T09:00:00Z");
  EXPECT_EQ(store_->ProjectsOf(created.organisation_id).size(), 1u);
  projects::Project missing = edited;
  missing.id = created.id + 1000;
  EXPECT_EQ(store_->UpdateProject(missing, 0, "2026-11-26T09:00:00Z").error().code, "not_found");
  const auto history = store_->HistoryOf(created.id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].kind, "created");
  EXPECT_EQ(history[1].kind, "edited");
}

TEST_P(ProjectStoreTest, OffersAreAttachedThenFollowed) {
  const projects::Project p = NewProject();
  store_->SaveProjectOffer({p.id, "atelier-des-territoires-local", "a_etudier", "", "", ""}, p.created_by, "2026-11-25T11:00:00Z");
  store_->SaveProjectOffer({p.id, "atelier-des-territoires-local", "demandee", "2026-12-01", "Dossier envoyé à la DDT", ""},
                           p.created_by, "2026-12-01T08:00:00Z");
  const auto offers = store_->OffersOf(p.id);
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].status, "demandee");
  EXPECT_EQ(offers[0].status_date, "2026-12-01");
  EXPECT_EQ(offers[0].comment, "Dossier envoyé à la DDT");
  const auto history = store_->HistoryOf(p.id);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[1].kind, "offer_attached");
  EXPECT_EQ(history[2].kind, "offer_status");
  EXPECT_EQ(history[2].detail, "atelier-des-territoires-local : a_etudier → demandee");
}

TEST_P(ProjectStoreTest, CaseSheetsArePublishedUnpublishedAndFollowTheFeed) {
  projects::Project p = NewProject();
  EXPECT_EQ(p.published_at, "");
  ASSERT_TRUE(store_->SaveCaseSheet(p.id, {"Un bourg qui se vide", "Études", "Deux commerces", "« Enfin »", "DDT"},
                                    p.created_by, "2026-11-25T12:00:00Z")
                  .ok());
  EXPECT_EQ(store_->SaveCaseSheet(p.id + 1000, {}, 0, "2026-11-25T12:00:00Z").error().code, "not_found");
  EXPECT_TRUE(store_->PublishedProjects().empty());
  p.is_public = true;
  ASSERT_TRUE(store_->UpdateProject(p, p.created_by, "2026-11-25T12:30:00Z").ok());
  const std::int64_t before = store_->LatestChange();
  ASSERT_TRUE(store_->SetPublished(p.id, true, p.created_by, "2026-11-25T13:00:00Z").ok());
  EXPECT_GT(store_->LatestChange(), before);
  auto published = store_->PublishedProjects();
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0].published_at, "2026-11-25T13:00:00Z");
  EXPECT_EQ(published[0].sheet.context, "Un bourg qui se vide");
  EXPECT_EQ(published[0].sheet.testimony, "« Enfin »");
  EXPECT_EQ(published[0].sheet.partners, "DDT");
  const std::int64_t after_publish = store_->LatestChange();
  ASSERT_TRUE(store_->SetPublished(p.id, false, p.created_by, "2026-11-25T14:00:00Z").ok());
  EXPECT_GT(store_->LatestChange(), after_publish);
  EXPECT_TRUE(store_->PublishedProjects().empty());
  // Making the project private takes it out of the projetothèque.
  ASSERT_TRUE(store_->SetPublished(p.id, true, p.created_by, "2026-11-25T15:00:00Z").ok());
  p.is_public = false;
  ASSERT_TRUE(store_->UpdateProject(p, p.created_by, "2026-11-25T16:00:00Z").ok());
  EXPECT_EQ(store_->FindProject(p.id)->published_at, "");
  EXPECT_TRUE(store_->PublishedProjects().empty());
  const auto history = store_->HistoryOf(p.id);
  std::vector<std::string> kinds;
  for (const auto& e : history) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"created", "sheet_edited", "edited", "published", "unpublished", "published",
                                             "edited"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, ProjectStoreTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
