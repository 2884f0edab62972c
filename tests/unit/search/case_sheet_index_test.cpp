// The projetothèque's index: text with the French analysis, themes (OR) with their facet
// counted under the other filters, a territory finding the sheets inside it, pagination.
#include "search/case_sheet_index.h"

#include <gtest/gtest.h>

namespace boussole::search {
namespace {

projects::Project Sheet(std::int64_t id, std::string name, std::string territory, std::vector<std::string> themes,
                        std::string published_at) {
  projects::Project p;
  p.id = id;
  p.name = std::move(name);
  p.territory = std::move(territory);
  p.themes = std::move(themes);
  p.is_public = true;
  p.published_at = std::move(published_at);
  p.private_description = "secret budgétaire";
  return p;
}

CaseSheetIndex Index() {
  auto joinville = Sheet(1, "Revitalisation du centre-bourg", "commune:52250", {"commerce-artisanat"}, "2026-11-01");
  joinville.sheet.context = "Des commerces fermés dans la grande rue.";
  auto nice = Sheet(2, "Rénovation des écoles", "commune:06088", {"education-jeunesse", "energie"}, "2026-11-02");
  nice.sheet.actions = "Isolation thermique des bâtiments scolaires.";
  return CaseSheetIndex({joinville, nice}, {{"commune:52250", {"epci:200068484", "departement:52", "region:44"}},
                                            {"commune:06088", {"departement:06", "region:93"}}});
}

TEST(CasesheetIndexTest, FindsByAnalysedTextNeverByThePrivateDescription) {
  const CaseSheetIndex index = Index();
  CaseSheetQuery q;
  q.text = "Commerce";  // stems like "commerces"
  auto r = index.Search(q);
  ASSERT_EQ(r.total, 1u);
  EXPECT_EQ(r.items[0]->id, 1);
  q.text = "bâtiment scolaire";
  EXPECT_EQ(index.Search(q).items.at(0)->id, 2);
  q.text = "secret";
  EXPECT_EQ(index.Search(q).total, 0u);
}

TEST(CasesheetIndexTest, TerritoryFindsSheetsInsideIt) {
  const CaseSheetIndex index = Index();
  CaseSheetQuery q;
  q.territory = "departement:52";
  auto r = index.Search(q);
  ASSERT_EQ(r.total, 1u);
  EXPECT_EQ(r.items[0]->id, 1);
  q.territory = "commune:52250";
  EXPECT_EQ(index.Search(q).total, 1u);
  q.territory = "departement:06";
  EXPECT_EQ(index.Search(q).items.at(0)->id, 2);
}

TEST(CasesheetIndexTest, ThemeFacetCountsUnderTheOtherFilters) {
  const CaseSheetIndex index = Index();
  CaseSheetQuery q;
  q.themes = {"energie"};
  auto r = index.Search(q);
  ASSERT_EQ(r.total, 1u);
  EXPECT_EQ(r.theme_counts["commerce-artisanat"], 1u);  // not zeroed by the theme filter
  EXPECT_EQ(r.theme_counts["energie"], 1u);
  EXPECT_EQ(r.kind_counts["commune"], 1u);
  q.themes = {"energie", "commerce-artisanat"};
  EXPECT_EQ(index.Search(q).total, 2u);
}

TEST(CasesheetIndexTest, PagesNewestFirst) {
  const CaseSheetIndex index = Index();
  CaseSheetQuery q;
  q.per_page = 1;
  EXPECT_EQ(index.Search(q).items.at(0)->id, 2);
  q.page = 2;
  EXPECT_EQ(index.Search(q).items.at(0)->id, 1);
  q.page = 3;
  EXPECT_TRUE(index.Search(q).items.empty());
  EXPECT_EQ(index.Find(1)->name, "Revitalisation du centre-bourg");
  EXPECT_EQ(index.Find(3), nullptr);
}

}  // namespace
}  // namespace boussole::search
