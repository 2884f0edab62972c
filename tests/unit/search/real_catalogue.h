#pragma once
// The real catalogue (data/offers) indexed over the real territories, for the tests that
// check search results people will see.
#include <gtest/gtest.h>

#include <memory>

#include "domain/catalogue/offer_folder.h"
#include "domain/territories/cog_reader.h"
#include "search/ancestry.h"
#include "search/offer_index.h"

namespace boussole::search {

struct RealCatalogue {
  std::unique_ptr<Ancestry> ancestry;
  std::unique_ptr<OfferIndex> index;
  territories::Snapshot snapshot;

  static RealCatalogue Load() {
    RealCatalogue c;
    catalogue::OfferBatch batch = catalogue::ReadOfferFolder(BOUSSOLE_SOURCE_DIR "/data/offers");
    EXPECT_TRUE(batch.errors.empty());
    auto snapshot = territories::ReadCogSnapshot(BOUSSOLE_SOURCE_DIR "/node_modules/@etalab/decoupage-administratif/data");
    EXPECT_TRUE(snapshot.ok());
    auto synonyms = Synonyms::Read(BOUSSOLE_SOURCE_DIR "/data/search/synonyms.txt");
    EXPECT_TRUE(synonyms.ok());
    c.snapshot = std::move(snapshot).value();
    c.ancestry = std::make_unique<Ancestry>(c.snapshot);
    std::vector<std::string> perimeters;
    for (const auto& offer : batch.offers) perimeters.push_back(offer.perimeter);
    c.index = OfferIndex::Build(batch.offers, c.ancestry->ForPerimeters(perimeters), std::move(synonyms).value());
    return c;
  }

  std::optional<std::int64_t> Population(const std::string& typed_id) const {
    for (const auto& t : snapshot.territories) {
      if (t.id.ToString() == typed_id) return t.population;
    }
    return std::nullopt;
  }
};

}  // namespace boussole::search
