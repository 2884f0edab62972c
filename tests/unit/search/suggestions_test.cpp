// Suggested offers for a project (issue 5, item 4) over the real catalogue and territories.
#include "search/suggestions.h"

#include <gtest/gtest.h>

#include "real_catalogue.h"

namespace boussole::search {
namespace {

ProjectProfile SmallCommuneProject(const RealCatalogue& catalogue) {
  ProjectProfile p;
  p.territory = "commune:52250";  // Joinville, Haute-Marne, 2 915 inhabitants
  p.covering = catalogue.ancestry->Covering(p.territory);
  p.territory_population = catalogue.Population(p.territory);
  p.stage = "preop";
  p.themes = {"urbanisme-logement-amenagement"};
  p.words = "Revitaliser le centre-bourg : plan guide et stratégie d'aménagement avec les services de l'État";
  p.audience = "commune";
  p.today = "2026-11-25";
  return p;
}

TEST(Suggestions, ASmallCommuneAtTheReflectionStageGetsTheAtelierDesTerritoires) {
  const RealCatalogue catalogue = RealCatalogue::Load();
  ASSERT_LT(*catalogue.Population("commune:52250"), 3500);
  const auto suggestions = SuggestOffers(*catalogue.index, SmallCommuneProject(catalogue), 20);
  ASSERT_FALSE(suggestions.empty());
  const bool atelier = std::any_of(suggestions.begin(), suggestions.end(), [](const Suggestion& s) {
    return s.slug == "atelier-des-territoires-local" || s.slug == "atelier-des-territoires-flash";
  });
  EXPECT_TRUE(atelier);
  const auto covering = catalogue.ancestry->Covering("commune:52250");
  for (const Suggestion& s : suggestions) {
    const auto& offer = catalogue.index->offers()[s.offer];
    // Never an offer of another département (or any territory that is not above the commune).
    EXPECT_NE(std::find(covering.begin(), covering.end(), offer.perimeter), covering.end()) << s.slug << " " << offer.perimeter;
    // Never an offer for another stage.
    EXPECT_TRUE(offer.mobilization_steps.empty() ||
                std::find(offer.mobilization_steps.begin(), offer.mobilization_steps.end(), "preop") !=
                    offer.mobilization_steps.end())
        << s.slug;
    EXPECT_FALSE(s.reasons.empty()) << s.slug;
  }
  for (std::size_t i = 1; i < suggestions.size(); ++i) EXPECT_GE(suggestions[i - 1].score, suggestions[i].score);
}

TEST(Suggestions, PopulationConditionsAndOtherDepartementsAreRespected) {
  const RealCatalogue catalogue = RealCatalogue::Load();
  ProjectProfile p = SmallCommuneProject(catalogue);
  p.stage = "";
  p.words = "revitalisation centre-ville petites villes de demain";
  // Nice: 357 737 inhabitants — not a Petite Ville de demain; the Alpes-Maritimes offer is its own.
  p.territory = "commune:06088";
  p.covering = catalogue.ancestry->Covering(p.territory);
  p.territory_population = catalogue.Population(p.territory);
  auto slugs = [&](const std::vector<Suggestion>& list) {
    std::vector<std::string> out;
    for (const auto& s : list) out.push_back(s.slug);
    return out;
  };
  const auto nice = slugs(SuggestOffers(*catalogue.index, p, 100));
  EXPECT_EQ(std::find(nice.begin(), nice.end(), "petites-villes-de-demain"), nice.end());
  p.territory = "commune:52250";
  p.covering = catalogue.ancestry->Covering(p.territory);
  p.territory_population = catalogue.Population(p.territory);
  const auto joinville = slugs(SuggestOffers(*catalogue.index, p, 100));
  EXPECT_NE(std::find(joinville.begin(), joinville.end(), "petites-villes-de-demain"), joinville.end());
  for (const auto& slug : joinville) {
    const auto& offers = catalogue.index->offers();
    const auto it = std::find_if(offers.begin(), offers.end(), [&](const auto& o) { return o.slug == slug; });
    EXPECT_NE(it->perimeter, "departement:06") << slug;
  }
}

}  // namespace
}  // namespace boussole::search
