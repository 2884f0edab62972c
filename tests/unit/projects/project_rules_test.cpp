#include "domain/projects/project_rules.h"

#include <gtest/gtest.h>

namespace boussole::projects {
namespace {

Project Valid() {
  Project p;
  p.name = "Revitalisation du centre-bourg";
  p.territory = "commune:52250";
  p.stage = "preop";
  p.themes = {"urbanisme-logement-amenagement"};
  p.budget_euros = 250000;
  p.due_date = "2027-06-30";
  p.contract = "pvd";
  return p;
}

bool Names(const std::vector<Error>& errors, const std::string& field) {
  return std::any_of(errors.begin(), errors.end(), [&](const Error& e) { return e.field == field; });
}

TEST(ProjectRules, AcceptsACompleteProject) { EXPECT_TRUE(ValidateProject(Valid()).empty()); }

TEST(ProjectRules, NamesEveryFieldAtFault) {
  Project p = Valid();
  p.name = "";
  p.territory = "ville:joinville";
  p.stage = "construction";
  p.themes = {"astrologie"};
  p.budget_euros = -5;
  p.due_date = "2027-02-30";
  p.contract = "xyz";
  p.private_description = std::string(kMaxDescriptionLength + 1, 'a');
  const auto errors = ValidateProject(p);
  for (const char* field : {"name", "territory", "stage", "themes", "budget", "due_date", "contract", "private_description"}) {
    EXPECT_TRUE(Names(errors, field)) << field;
  }
  EXPECT_EQ(errors.size(), 8u);
}

TEST(ProjectRules, VocabulariesHaveFrenchLabels) {
  EXPECT_EQ(catalogue::LabelOf(OfferApplicationStatuses(), "versee"), "Versée");
  EXPECT_EQ(catalogue::LabelOf(ProjectContracts(), "crte"), "Contrat de relance et de transition écologique");
}

}  // namespace
}  // namespace boussole::projects

namespace boussole::projects {
namespace {

TEST(CasesheetRulesTest, PublishingNeedsAPublicProjectAndAContext) {
  Project p = Valid();
  p.sheet.context = "  ";
  EXPECT_FALSE(CheckPublishable(p).ok());
  p.sheet.context = "Un bourg qui se vide.";
  EXPECT_FALSE(CheckPublishable(p).ok());  // still private
  p.is_public = true;
  EXPECT_TRUE(CheckPublishable(p).ok());
  p.sheet.testimony = std::string(kMaxDescriptionLength + 1, 'a');
  ASSERT_EQ(ValidateCaseSheet(p.sheet).size(), 1u);
  EXPECT_EQ(ValidateCaseSheet(p.sheet)[0].field, "testimony");
}

}  // namespace
}  // namespace boussole::projects
