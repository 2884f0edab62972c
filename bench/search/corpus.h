#pragma once
// The synthetic catalogue: `size` offers drawn from the real catalogue's distributions
// (catalogue_model.h), French text from the seeds (markov_text.h) and perimeters on real
// territories (territory_pool.h). One seeded stream, offers drawn in order: the same size
// gives the same corpus, and the 1k corpus is the first thousand offers of the 10k one.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "bench_inputs.h"
#include "catalogue_model.h"
#include "domain/catalogue/offer.h"
#include "territory_pool.h"

namespace boussole::bench {

inline constexpr std::uint64_t kCorpusSeed = 0x426f7573736f6c65;  // "Boussole"

std::vector<catalogue::Offer> MakeCorpus(std::size_t size, const BenchInputs& inputs,
                                         const CatalogueModel& model, const TerritoryPool& pool);

}  // namespace boussole::bench
