#include "corpus.h"

#include <array>
#include <chrono>
#include <cstdio>

#include "domain/catalogue/offer_json.h"

namespace boussole::bench {
namespace {

using territories::Kind;

// Perimeter kinds. The only distribution not learnt from data/offers: the 64 real offers
// are national programmes (39 without perimeter, 24 pays:FR, 1 département), which a
// catalogue of 100 000 offers cannot be. This mix follows Aides-territoires, where most
// aids are local (a région, a département, an intercommunality, a town).
enum class PerimeterKind { kNone, kPays, kRegion, kDepartement, kEpci, kCommune };
const std::vector<double> kPerimeterWeights = {10, 10, 10, 25, 25, 20};

// Deadlines: the real offers have none (they are standing programmes); a third of the
// synthetic ones get a date in 2025–2028 so that the status facet has every value.
constexpr double kDeadlineRate = 0.3;

std::string Date(Random& random) {
  using namespace std::chrono;
  const sys_days first{year{2025} / January / 1};
  const year_month_day day{first + days{static_cast<int>(random.Below(4 * 365))}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return buffer;
}

std::string Perimeter(Random& random, const Weighted& kinds, const TerritoryPool& pool) {
  switch (static_cast<PerimeterKind>(kinds.Draw(random))) {
    case PerimeterKind::kNone: return "";
    case PerimeterKind::kPays: return "pays:FR";
    case PerimeterKind::kRegion: return pool.Draw(random, Kind::kRegion);
    case PerimeterKind::kDepartement: return pool.Draw(random, Kind::kDepartement);
    case PerimeterKind::kEpci: return pool.Draw(random, Kind::kEpci);
    case PerimeterKind::kCommune: return pool.Draw(random, Kind::kCommune);
  }
  return "";
}

std::size_t Words(Random& random, const std::vector<std::size_t>& lengths) { return random.Pick(lengths); }

}  // namespace

std::vector<catalogue::Offer> MakeCorpus(std::size_t size, const BenchInputs& inputs,
                                         const CatalogueModel& model, const TerritoryPool& pool) {
  Random random(kCorpusSeed);
  const Weighted kinds(kPerimeterWeights);
  std::vector<catalogue::Offer> offers;
  offers.reserve(size);
  for (std::size_t i = 0; i < size; ++i) {
    catalogue::Offer offer;
    char slug[48];
    std::snprintf(slug, sizeof slug, "offre-synthetique-%06zu", i + 1);
    offer.slug = slug;
    offer.name = inputs.titles.Generate(random, Words(random, model.name_words), false);
    if (random.Chance(model.short_title_rate)) offer.short_title = inputs.titles.Generate(random, 3 + random.Below(4), false);
    if (random.Chance(model.initial_name_rate)) offer.initial_name = inputs.titles.Generate(random, 2 + random.Below(6), false);
    offer.description = inputs.prose.Generate(random, Words(random, model.description_words), true);
    if (random.Chance(model.eligibility_rate)) {
      offer.eligibility = inputs.prose.Generate(random, Words(random, model.eligibility_words), true);
    }
    offer.audiences = model.audiences.Draw(random);
    offer.types = model.types.Draw(random);
    offer.mobilization_steps = model.steps.Draw(random);
    offer.destinations = model.destinations.Draw(random);
    offer.themes = model.themes.Draw(random);
    offer.categories = model.categories.Draw(random);
    offer.programmes = model.programmes.Draw(random);
    for (const std::string& name : model.porteurs.Draw(random)) offer.porteurs.push_back({name, model.RolesOf(name)});
    offer.recurrence = model.recurrences[model.recurrence_draw.Draw(random)];
    offer.is_call_for_projects = model.call_for_projects.Draw(random);
    offer.is_charged = model.is_charged.Draw(random);
    if (random.Chance(kDeadlineRate)) offer.submission_deadline = Date(random);
    offer.perimeter = Perimeter(random, kinds, pool);
    // The store keeps only valid offer documents, and a valid document backs every filled
    // field with a source: one seed line stands for all (the corpus is not a catalogue).
    offer.sources.push_back({inputs.seed_file, inputs.seed_quote, catalogue::FilledFields(offer)});
    offers.push_back(std::move(offer));
  }
  return offers;
}

}  // namespace boussole::bench
