// The catalogue of data/offers, checked against the seeds it was written from: every file
// valid, every quote word for word (whitespace aside) in the seed it names.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "domain/catalogue/offer_folder.h"
#include "support/seeds.h"

namespace boussole::catalogue {
namespace {

namespace fs = std::filesystem;

const OfferBatch& Catalogue() {
  static const OfferBatch batch = ReadOfferFolder(fs::path(BOUSSOLE_SOURCE_DIR) / "data/offers");
  return batch;
}

TEST(Catalogue, EveryFileIsValid) {
  for (const auto& e : Catalogue().errors) ADD_FAILURE() << e.file << " " << e.field << ": " << e.message;
  EXPECT_GE(Catalogue().offers.size(), 35u);
}

TEST(Catalogue, EveryQuoteAppearsInItsSeed) {
  ASSERT_FALSE(testing::CollapsedSeeds().empty()) << "seeds not found in " << BOUSSOLE_SEEDS_DIR;
  std::size_t quotes = 0;
  for (const auto& offer : Catalogue().offers) {
    for (const auto& source : offer.sources) {
      auto seed = testing::CollapsedSeeds().find(source.seed);
      if (seed == testing::CollapsedSeeds().end()) {
        ADD_FAILURE() << offer.slug << ": unknown seed " << source.seed;
        continue;
      }
      ++quotes;
      EXPECT_NE(seed->second.find(testing::CollapseWhitespace(source.quote)), std::string::npos)
          << offer.slug << ": quote not found in " << source.seed << ": " << source.quote;
    }
  }
  EXPECT_GE(quotes, Catalogue().offers.size());
}

TEST(Catalogue, NamesEveryProgrammeTheIssueLists) {
  std::set<std::string> slugs;
  for (const auto& offer : Catalogue().offers) slugs.insert(offer.slug);
  for (const char* slug :
       {"fabrique-prospective", "territoires-en-commun-projets-partages", "atelier-des-territoires-local",
        "atelier-des-territoires-flash", "ingenierie-sur-mesure-anct", "petites-villes-de-demain",
        "action-coeur-de-ville", "territoires-d-industrie", "france-services", "crte",
        "avenir-montagnes-ingenierie", "cites-educatives", "cites-de-l-emploi", "fabriques-de-territoire",
        "conseillers-numeriques-france-services", "pass-numerique", "cohesion-numerique-des-territoires", "vta",
        "fonds-restructuration-locaux-activite", "offre-cerema", "marches-ingenierie-anct", "fonds-europeens",
        "urbact"}) {
    EXPECT_TRUE(slugs.count(slug)) << "missing offer " << slug;
  }
}

TEST(Catalogue, AtelierDesTerritoiresCarriesTheCriteriaOfItsPage) {
  for (const auto& offer : Catalogue().offers) {
    if (offer.slug != "atelier-des-territoires-local" && offer.slug != "atelier-des-territoires-flash") continue;
    EXPECT_EQ(offer.mobilization_steps, std::vector<std::string>{"preop"}) << offer.slug;
    EXPECT_EQ(offer.destinations, std::vector<std::string>{"supply"}) << offer.slug;
    EXPECT_FALSE(offer.contact.empty()) << offer.slug;
    EXPECT_FALSE(offer.eligibility.empty()) << offer.slug;
  }
}

}  // namespace
}  // namespace boussole::catalogue
