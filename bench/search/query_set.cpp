#include "query_set.h"

#include "random.h"

namespace boussole::bench {
namespace {

using search::Facet;

// What people look for in the seeds' world: programmes, themes, kinds of help.
const std::vector<std::string> kTexts = {
    "revitalisation centre-ville ", "ingénierie territoriale ", "petites villes de demain ",
    "tiers-lieux ", "inclusion numérique ", "quartiers prioritaires ", "rénovation énergétique ",
    "friches industrielles ", "mobilité ", "france services ", "montagne tourisme ",
    "commerce de proximité ", "logement social ", "transition écologique ",
    "accompagnement des collectivités ", "diagnostic territorial ", "formation des élus ",
    "très haut débit ", "contrat de relance et de transition écologique ", "cartographie données ",
    "emploi jeunes ", "culture patrimoine ", "santé ", "coopération européenne "};

// The same needs, caught while the person is still typing.
const std::vector<std::string> kPrefixes = {
    "revitali", "ingé", "tiers", "numér", "quartiers prio", "rénov", "fric", "mobil",
    "france serv", "touris", "commer", "loge", "transition éco", "accompagn", "diagnos", "form",
    "débi", "contrat de rel", "carto", "empl", "patrim", "san", "coopér", "petites vil"};

const std::vector<Facet> kFilterFacets = {Facet::kAudience, Facet::kTheme,       Facet::kType,
                                          Facet::kTypeGroup, Facet::kStage,      Facet::kDestination,
                                          Facet::kBacker,    Facet::kProgramme};

std::string Value(Random& random, const CatalogueModel& model, Facet facet) {
  const ListModel* list = nullptr;
  switch (facet) {
    case Facet::kAudience: list = &model.audiences; break;
    case Facet::kTheme: list = &model.themes; break;
    case Facet::kType: list = &model.types; break;
    case Facet::kStage: list = &model.steps; break;
    case Facet::kDestination: list = &model.destinations; break;
    case Facet::kBacker: list = &model.porteurs; break;
    case Facet::kProgramme: list = &model.programmes; break;
    case Facet::kTypeGroup: {
      static const std::vector<std::string> kGroups = {"financial", "engineering", "support"};
      return random.Pick(kGroups);
    }
    default: break;
  }
  // A value people pick: drawn by frequency, as the offers carry it.
  for (;;) {
    auto values = list->Draw(random);
    if (!values.empty()) return values.front();
  }
}

std::vector<std::pair<Facet, std::string>> Filters(Random& random, const CatalogueModel& model,
                                                   std::size_t count, const std::vector<Facet>& from) {
  std::vector<std::pair<Facet, std::string>> filters;
  std::vector<Facet> left = from;
  while (filters.size() < count && !left.empty()) {
    const std::size_t at = random.Below(left.size());
    filters.emplace_back(left[at], Value(random, model, left[at]));
    left.erase(left.begin() + static_cast<std::ptrdiff_t>(at));
  }
  return filters;
}

}  // namespace

std::string_view FamilyKey(Family family) {
  switch (family) {
    case Family::kText: return "text";
    case Family::kFacets: return "facets";
    case Family::kCombined: return "text+3facets+territory";
    case Family::kPrefix: return "prefix";
  }
  return "?";
}

std::vector<BenchQuery> MakeQueries(const CatalogueModel& model, const TerritoryPool& pool) {
  Random random(0x7175657279);  // "query"
  std::vector<BenchQuery> queries;
  for (std::size_t i = 0; i < kQueriesPerFamily; ++i) queries.push_back({Family::kText, kTexts[i], "", {}});
  for (std::size_t i = 0; i < kQueriesPerFamily; ++i) {
    queries.push_back({Family::kFacets, "", "", Filters(random, model, 1 + i % 3, kFilterFacets)});
  }
  // The territory a person searches from: mostly a commune, else an EPCI or a département.
  const std::vector<territories::Kind> kinds = {territories::Kind::kCommune, territories::Kind::kCommune,
                                                territories::Kind::kEpci, territories::Kind::kDepartement};
  for (std::size_t i = 0; i < kQueriesPerFamily; ++i) {
    BenchQuery query{Family::kCombined, kTexts[(i * 7) % kTexts.size()], "", {}};
    query.territory = pool.Draw(random, kinds[i % kinds.size()]);
    query.facets = Filters(random, model, 3,
                           {Facet::kAudience, Facet::kTheme, Facet::kTypeGroup, Facet::kStage, Facet::kDestination});
    queries.push_back(std::move(query));
  }
  for (std::size_t i = 0; i < kQueriesPerFamily; ++i) queries.push_back({Family::kPrefix, kPrefixes[i], "", {}});
  return queries;
}

std::vector<std::string> PlainWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '\'' || c == '"') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace boussole::bench
