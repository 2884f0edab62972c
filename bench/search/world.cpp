#include "world.h"

#include "corpus.h"

namespace boussole::bench {

World MakeWorld(const Options& options) {
  World world;
  world.inputs = LoadInputs(options.root, options.seeds);
  world.model = LearnCatalogue(world.inputs.real_offers);
  world.pool = std::make_unique<TerritoryPool>(world.inputs.territories);
  world.corpus = MakeCorpus(options.size, world.inputs, world.model, *world.pool);
  world.queries = MakeQueries(world.model, *world.pool);
  return world;
}

}  // namespace boussole::bench
