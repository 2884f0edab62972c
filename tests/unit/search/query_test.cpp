// The offer index on small hand-made offers: text matching, ranking, filters, facets, sorts.
#include <gtest/gtest.h>

#include "search/offer_index.h"

namespace boussole::search {
namespace {

using Slugs = std::vector<std::string>;

catalogue::Offer MakeOffer(std::string slug, std::string name, std::string description = "") {
  catalogue::Offer offer;
  offer.slug = std::move(slug);
  offer.name = std::move(name);
  offer.description = std::move(description);
  offer.perimeter = "pays:FR";
  return offer;
}

class OfferIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<catalogue::Offer> offers;
    auto acv = MakeOffer("acv", "Action cœur de ville", "Revitaliser les centres-villes des villes moyennes.");
    acv.audiences = {"commune", "epci"};
    acv.types = {"grant", "technical_engineering"};
    acv.themes = {"urbanisme"};
    acv.porteurs = {{"ANCT", {"financer"}}};
    acv.is_charged = false;
    acv.submission_deadline = "2026-12-10";
    offers.push_back(acv);
    auto atelier = MakeOffer("atelier", "Atelier des territoires",
                             "Une équipe pluridisciplinaire pour l'aménagement, avec la DDT.");
    atelier.audiences = {"commune"};
    atelier.types = {"technical_engineering"};
    atelier.themes = {"urbanisme", "nature"};
    atelier.porteurs = {{"DGALN", {"financer"}}};
    atelier.is_call_for_projects = true;
    atelier.submission_deadline = "2027-03-01";
    offers.push_back(atelier);
    auto fabrique = MakeOffer("fabrique", "Fabriques de territoire", "Des tiers lieux dans les quartiers.");
    fabrique.audiences = {"association"};
    fabrique.types = {"collective_support"};
    fabrique.perimeter = "departement:06";
    fabrique.submission_deadline = "2026-01-01";
    offers.push_back(fabrique);
    auto lieux = MakeOffer("lieux", "Lieux de vie", "Les lieux d'accueil et le tiers de confiance.");
    lieux.perimeter = "commune:06088";
    lieux.audiences = {"commune"};
    lieux.closed_at = "2026-06-01";
    offers.push_back(lieux);
    auto sans = MakeOffer("sans-perimetre", "Aménagement durable", "Aménagements des territoires.");
    sans.perimeter = "";
    offers.push_back(sans);
    std::map<std::string, std::vector<std::string>> ancestors{
        {"pays:FR", {}},
        {"departement:06", {"region:93", "pays:FR"}},
        {"commune:06088", {"epci:200030195", "departement:06", "region:93", "pays:FR"}}};
    auto synonyms = Synonyms::Parse(
        "acv = action cœur de ville = coeur de ville\n"
        "tiers-lieux = tiers lieux = fabrique de territoire = fabriques de territoire\n");
    ASSERT_TRUE(synonyms.ok());
    index_ = OfferIndex::Build(std::move(offers), std::move(ancestors), std::move(synonyms).value());
  }

  SearchResult Run(SearchQuery query) {
    if (query.today.empty()) query.today = "2026-11-25";
    return index_->Search(query);
  }
  Slugs Find(const std::string& text, Sort sort = Sort::kRelevance) {
    SearchQuery query;
    query.text = text;
    query.sort = sort;
    Slugs slugs;
    for (const Hit& hit : Run(query).hits) slugs.push_back(hit.slug);
    return slugs;
  }

  std::unique_ptr<OfferIndex> index_;
};

TEST_F(OfferIndexTest, StemmingAndFoldingMatchVariants) {
  EXPECT_EQ(Find("AMENAGEMENTS"), (Slugs{"sans-perimetre", "atelier"}));  // title above description
}

TEST_F(OfferIndexTest, SynonymsExpandAtQueryTime) {
  EXPECT_EQ(Find("ACV"), Slugs{"acv"});
  const Slugs tiers = Find("tiers-lieux");
  ASSERT_FALSE(tiers.empty());
  EXPECT_EQ(tiers[0], "fabrique");
}

TEST_F(OfferIndexTest, QuotedPhrasesNeedConsecutiveWords) {
  EXPECT_EQ(Find("\"lieux d'accueil\""), Slugs{"lieux"});
  EXPECT_EQ(Find("\"accueil lieux\""), Slugs{});
}

TEST_F(OfferIndexTest, LastWordIsAPrefix) {
  EXPECT_EQ(Find("pluridisc"), Slugs{"atelier"});
  EXPECT_EQ(Find("equipe pluri"), Slugs{"atelier"});
}

TEST_F(OfferIndexTest, OffersMatchingEveryWordComeFirst) {
  const Slugs slugs = Find("territoire ddt");
  ASSERT_GE(slugs.size(), 2u);
  EXPECT_EQ(slugs[0], "atelier");
}

TEST_F(OfferIndexTest, SuggestsAndSearchesTheClosestWord) {
  SearchQuery query;
  query.text = "atelier des teritoires";
  const SearchResult result = Run(query);
  EXPECT_EQ(result.suggestion, "atelier des territoires");
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(result.hits[0].slug, "atelier");
  query.text = "atelier";
  EXPECT_EQ(Run(query).suggestion, "");
}

TEST_F(OfferIndexTest, TerritoryKeepsCoveringPerimetersAndMarksInnerOnesLocal) {
  SearchQuery query;
  query.territory = "commune:06088";
  query.covering = {"commune:06088", "epci:200030195", "departement:06", "region:93", "pays:FR"};
  SearchResult result = Run(query);
  EXPECT_EQ(result.total, 4u);  // not the offer without a perimeter
  query.territory = "departement:06";
  query.covering = {"departement:06", "region:93", "pays:FR"};
  query.sort = Sort::kNarrowestPerimeter;
  result = Run(query);
  ASSERT_EQ(result.total, 4u);
  EXPECT_EQ(result.hits[0].slug, "lieux");
  EXPECT_TRUE(result.hits[0].local);
  EXPECT_EQ(result.hits[1].slug, "fabrique");
  EXPECT_FALSE(result.hits[1].local);
  query.territory = "departement:13";
  query.covering = {"departement:13", "region:93", "pays:FR"};
  EXPECT_EQ(Run(query).total, 2u);
}

TEST_F(OfferIndexTest, FacetCountsUseEveryOtherFilter) {
  SearchQuery query;
  query.Selected(Facet::kAudience) = {"commune"};
  query.Selected(Facet::kTheme) = {"nature"};
  const SearchResult result = Run(query);
  ASSERT_EQ(result.total, 1u);
  EXPECT_EQ(result.hits[0].slug, "atelier");
  // audience counts: theme filter only → atelier.
  EXPECT_EQ(result.facets.at("audience"), (std::map<std::string, std::size_t>{{"commune", 1}}));
  // theme counts: audience filter only → acv, atelier, lieux.
  EXPECT_EQ(result.facets.at("theme"),
            (std::map<std::string, std::size_t>{{"nature", 1}, {"urbanisme", 2}}));
  EXPECT_EQ(result.facets.at("type_group"),
            (std::map<std::string, std::size_t>{{"engineering", 1}}));
}

TEST_F(OfferIndexTest, OrWithinAFacetAndAndAcross) {
  SearchQuery query;
  query.Selected(Facet::kAudience) = {"association", "epci"};
  EXPECT_EQ(Run(query).total, 2u);
  query.Selected(Facet::kType) = {"grant"};
  EXPECT_EQ(Run(query).total, 1u);
}

TEST_F(OfferIndexTest, StatusFreeCallForProjectsAndDeadline) {
  SearchQuery query;
  const SearchResult all = Run(query);
  EXPECT_EQ(all.facets.at("status"),
            (std::map<std::string, std::size_t>{{"closed", 2}, {"closing", 1}, {"open", 3}}));
  EXPECT_EQ(all.facets.at("free").at("true"), 1u);
  EXPECT_EQ(all.facets.at("call_for_projects").at("true"), 1u);
  query.Selected(Facet::kStatus) = {"closing"};
  EXPECT_EQ(Run(query).hits.at(0).slug, "acv");
  query.Selected(Facet::kStatus) = {};
  query.deadline_before = "2026-12-31";
  EXPECT_EQ(Run(query).total, 2u);  // acv, fabrique
}

TEST_F(OfferIndexTest, SortsAndPagesInAStableOrder) {
  EXPECT_EQ(Find("", Sort::kDeadline), (Slugs{"fabrique", "acv", "atelier", "lieux", "sans-perimetre"}));
  EXPECT_EQ(Find("", Sort::kName), (Slugs{"acv", "sans-perimetre", "atelier", "fabrique", "lieux"}));
  SearchQuery query;
  query.sort = Sort::kName;
  query.per_page = 2;
  Slugs paged;
  for (query.page = 1; query.page <= 3; ++query.page) {
    const SearchResult result = Run(query);
    EXPECT_EQ(result.total, 5u);
    for (const Hit& hit : result.hits) paged.push_back(hit.slug);
  }
  EXPECT_EQ(paged, Find("", Sort::kName));
  query.page = 4;
  EXPECT_TRUE(Run(query).hits.empty());
}

}  // namespace
}  // namespace boussole::search
