// Property test (issue 4, item 6): on 5 000 generated offers, 1 000 random queries give
// exactly what a naive scan gives: same offers, same order for the non-relevance sorts,
// same local marks, same facet counts. The naive scan below shares no matching code with
// the index; only folding and stemming (FoldForSearch, Stem) are common.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <sstream>

#include "core/text_folding.h"
#include "search/offer_index.h"
#include "search/text_analyzer.h"

namespace boussole::search {
namespace {

using Counts = std::map<std::string, std::map<std::string, std::size_t>>;

// Words of the seeds' world; the only stop words used are those of kNaiveStopWords.
const std::vector<std::string> kWords = {
    "aménagement", "aménagements", "territoire", "territoires", "ville", "villes", "cœur",
    "centre", "bourg", "revitalisation", "ingénierie", "financière", "projet", "projets",
    "commune", "communes", "rurale", "rurales", "transition", "écologique", "énergie",
    "logement", "logements", "habitat", "numérique", "tiers", "lieux", "fabrique", "atelier",
    "urbanisme", "paysage", "friches", "commerce", "emploi", "jeunes", "santé", "montagne",
    "tourisme", "culture", "patrimoine", "mobilité", "école", "élus", "formation", "diagnostic",
    "stratégie", "quartier", "quartiers", "prioritaires", "subvention", "prêt", "appui",
    "accompagnement", "réseau", "données", "observatoire", "industrie", "foncier", "foncière"};
const std::vector<std::string> kNaiveStopWords = {"de", "la", "des", "l"};
const std::vector<std::string> kConnectors = {"de", "la", "des", "l'"};

const std::vector<std::string> kAudiences = {"commune", "epci", "department", "region", "association"};
const std::vector<std::string> kTypes = {"grant", "loan", "technical_engineering", "legal_engineering",
                                         "collective_support", "training", "data"};
const std::vector<std::string> kStages = {"preop", "op", "postop"};
const std::vector<std::string> kDestinations = {"supply", "investment"};
const std::vector<std::string> kThemes = {"urbanisme", "nature", "mobilite", "energie", "culture"};
const std::vector<std::string> kCategories = {"friches", "logement", "velo", "reseaux", "musees", "eau"};
const std::vector<std::string> kBackers = {"ANCT", "Cerema", "Ademe", "Anah", "Banque des territoires"};
const std::vector<std::string> kProgrammes = {"PVD", "ACV", "Fabriques", "Avenir montagnes"};
const std::vector<std::string> kRecurrences = {"oneoff", "ongoing", "recurring"};
const std::vector<std::string> kStatuses = {"open", "closing", "closed"};

// A small territory graph: pays ← 2 régions ← 4 départements ← 8 communes; 3 EPCI, one of
// them straddling two départements.
const std::map<std::string, std::vector<std::string>> kAncestors = {
    {"pays:FR", {}},
    {"region:11", {"pays:FR"}},
    {"region:84", {"pays:FR"}},
    {"departement:75", {"region:11", "pays:FR"}},
    {"departement:77", {"region:11", "pays:FR"}},
    {"departement:01", {"region:84", "pays:FR"}},
    {"departement:38", {"region:84", "pays:FR"}},
    {"epci:200000001", {"departement:75", "departement:77", "region:11", "pays:FR"}},
    {"epci:200000002", {"departement:01", "region:84", "pays:FR"}},
    {"epci:200000003", {"departement:38", "region:84", "pays:FR"}},
    {"commune:75056", {"epci:200000001", "departement:75", "region:11", "pays:FR"}},
    {"commune:77001", {"epci:200000001", "departement:77", "region:11", "pays:FR"}},
    {"commune:77002", {"departement:77", "region:11", "pays:FR"}},
    {"commune:01001", {"epci:200000002", "departement:01", "region:84", "pays:FR"}},
    {"commune:01002", {"epci:200000002", "departement:01", "region:84", "pays:FR"}},
    {"commune:38001", {"epci:200000003", "departement:38", "region:84", "pays:FR"}},
    {"commune:38002", {"epci:200000003", "departement:38", "region:84", "pays:FR"}},
    {"commune:38003", {"departement:38", "region:84", "pays:FR"}},
};
// Populations of some of them (the others are unknown), against population conditions.
const std::map<std::string, std::int64_t> kPopulations = {
    {"commune:75056", 2100000}, {"commune:77001", 1500},  {"commune:77002", 3500},
    {"commune:01001", 800},     {"commune:01002", 25000}, {"commune:38001", 19999},
    {"commune:38002", 20000},   {"epci:200000001", 2200000}, {"epci:200000002", 30000},
};
constexpr const char* kToday = "2026-06-15";
constexpr const char* kClosingLimit = "2026-07-15";  // today + 30 days

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}
  std::size_t Below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  const std::string& Pick(const std::vector<std::string>& values) { return values[Below(values.size())]; }
  std::vector<std::string> Some(const std::vector<std::string>& values, std::size_t max) {
    std::vector<std::string> picked;
    for (std::size_t n = Below(max + 1); n > 0; --n) {
      const std::string& value = Pick(values);
      if (std::find(picked.begin(), picked.end(), value) == picked.end()) picked.push_back(value);
    }
    return picked;
  }
  std::string Text(std::size_t min, std::size_t max) {
    std::string text;
    for (std::size_t n = min + Below(max - min + 1); n > 0; --n) {
      if (!text.empty()) text += Chance(0.2) ? " " + Pick(kConnectors) + (text.back() == '\'' ? "" : " ") : " ";
      std::string word = Pick(kWords);
      if (Chance(0.1)) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      text += word;
    }
    return text;
  }
  std::string Date() {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04zu-%02zu-%02zu", 2026 + Below(2), 1 + Below(12), 1 + Below(28));
    return buffer;
  }

  catalogue::Offer MakeOffer(std::size_t i) {
    catalogue::Offer offer;
    offer.slug = "offre-" + std::to_string(i);
    offer.name = Text(1, 4);
    if (Chance(0.3)) offer.short_title = Text(1, 2);
    if (Chance(0.1)) offer.initial_name = Text(1, 3);
    offer.description = Text(3, 15);
    if (Chance(0.5)) offer.eligibility = Text(1, 6);
    offer.audiences = Some(kAudiences, 3);
    offer.types = Some(kTypes, 2);
    offer.mobilization_steps = Some(kStages, 2);
    offer.destinations = Some(kDestinations, 2);
    offer.themes = Some(kThemes, 2);
    offer.categories = Some(kCategories, 2);
    for (const std::string& name : Some(kBackers, 2)) offer.porteurs.push_back({name, {"financer"}});
    offer.programmes = Some(kProgrammes, 1);
    if (Chance(0.8)) offer.recurrence = Pick(kRecurrences);
    if (Chance(0.6)) offer.submission_deadline = Date();
    if (Chance(0.05)) offer.closed_at = "2026-05-01";
    if (Chance(0.7)) offer.is_call_for_projects = Chance(0.3);
    if (Chance(0.7)) offer.is_charged = Chance(0.5);
    if (Chance(0.08)) {
      offer.adhoc_perimeter.name = "Liste " + std::to_string(i);
      for (std::size_t n = 1 + Below(3); n > 0; --n) {
        const std::string& member = AnyTerritory();
        auto& members = offer.adhoc_perimeter.territories;
        if (std::find(members.begin(), members.end(), member) == members.end()) members.push_back(member);
      }
    } else if (!Chance(0.1)) {
      offer.perimeter = Chance(0.4) ? "pays:FR" : AnyTerritory();
    }
    for (std::size_t n = Chance(0.2) ? 1 + Below(2) : 0; n > 0; --n) {
      catalogue::PopulationCondition condition;
      condition.territory_kind = Chance(0.7) ? "commune" : "epci";
      condition.effect = Chance(0.6) ? "eligibility" : "free";
      if (Chance(0.3)) condition.min_population = Chance(0.5) ? 1000 : 3500;
      if (!condition.min_population || Chance(0.5)) condition.max_population = Chance(0.5) ? 20000 : 50000;
      offer.population_conditions.push_back(condition);
    }
    if (!Chance(0.05)) offer.published_at = Date() + "T0" + std::to_string(Below(10)) + ":00:00Z";
    return offer;
  }

  const std::string& AnyTerritory() {
    auto it = kAncestors.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(Below(kAncestors.size())));
    return it->first;
  }

  SearchQuery MakeQuery() {
    SearchQuery query;
    query.today = kToday;
    // The last word may be cut (autocomplete), after folding and to 4 letters at least so
    // that it is neither a misspelling nor a stop word; a cut word is never followed by a space.
    const std::size_t words = Below(4);
    const bool trailing_space = Chance(0.3);
    for (std::size_t n = 0; n < words; ++n) {
      if (!query.text.empty()) query.text += " ";
      if (Chance(0.15)) {
        query.text += "\"" + Pick(kWords) + " " + Pick(kWords) + "\"";
      } else {
        std::string word = Pick(kWords);
        if (n + 1 == words && !trailing_space && Chance(0.4)) {
          word = FoldForSearch(word);
          word = word.substr(0, std::min(word.size(), 4 + Below(word.size())));
        }
        query.text += word;
      }
    }
    if (trailing_space) query.text += " ";
    const std::vector<const std::vector<std::string>*> values = {
        &kAudiences, &kTypes, nullptr, &kStages, &kDestinations, &kThemes, &kCategories,
        &kBackers, &kProgrammes, &kRecurrences, &kStatuses, nullptr, nullptr};
    for (std::size_t active = Below(4); active > 0; --active) {
      const std::size_t f = Below(kFacetCount);
      if (f == static_cast<std::size_t>(Facet::kTypeGroup)) {
        query.selected[f] = Some({"financial", "engineering", "support"}, 2);
      } else if (values[f] == nullptr) {
        query.selected[f] = {"true"};
      } else {
        query.selected[f] = Some(*values[f], 2);
      }
    }
    if (Chance(0.4)) {
      auto it = kAncestors.begin();
      std::advance(it, static_cast<std::ptrdiff_t>(Below(kAncestors.size())));
      query.territory = it->first;
      query.covering = {it->first};
      for (const std::string& a : it->second) query.covering.push_back(a);
      if (auto population = kPopulations.find(it->first); population != kPopulations.end()) {
        query.territory_population = population->second;
      }
    }
    if (Chance(0.2)) query.deadline_before = Date();
    if (Chance(0.2)) query.published_after = Date();
    query.sort = static_cast<Sort>(Below(5));
    return query;
  }

 private:
  std::mt19937 rng_;
};

// ---- The naive scan -------------------------------------------------------------------

struct NaiveDoc {
  std::string folded_name;
  std::vector<std::vector<std::string>> fields;  // stems of name, short title, initial name, description, eligibility
  std::vector<std::string> words;                // every folded word, stop words excluded
};

std::vector<std::string> NaiveWords(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(FoldForSearch(text));
  std::string word;
  while (in >> word) {
    if (std::find(kNaiveStopWords.begin(), kNaiveStopWords.end(), word) == kNaiveStopWords.end()) {
      words.push_back(word);
    }
  }
  return words;
}

NaiveDoc MakeNaiveDoc(const catalogue::Offer& offer) {
  NaiveDoc doc;
  doc.folded_name = FoldForSearch(offer.name);
  for (const std::string* text : {&offer.name, &offer.short_title, &offer.initial_name, &offer.description,
                                  &offer.eligibility}) {
    std::vector<std::string> stems;
    for (const std::string& word : NaiveWords(*text)) {
      stems.push_back(Stem(word));
      doc.words.push_back(word);
    }
    doc.fields.push_back(std::move(stems));
  }
  return doc;
}

//! A query word: a phrase of stems, or a set of accepted stems (word or prefix).
struct NaiveWord {
  std::vector<std::string> phrase;
  std::set<std::string> stems;
};

std::vector<NaiveWord> NaiveParse(const std::string& text, const std::set<std::string>& vocabulary) {
  std::vector<NaiveWord> words;
  bool quoted = false;
  std::string current;
  std::vector<std::pair<std::string, bool>> segments;
  for (char c : text) {
    if (c == '"') {
      segments.emplace_back(current, quoted);
      current.clear();
      quoted = !quoted;
    } else {
      current += c;
    }
  }
  segments.emplace_back(current, quoted);
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const auto& [segment, is_phrase] = segments[s];
    std::vector<std::string> folded = NaiveWords(segment);
    if (is_phrase) {
      NaiveWord word;
      for (const std::string& w : folded) word.phrase.push_back(Stem(w));
      if (!word.phrase.empty()) words.push_back(word);
      continue;
    }
    for (std::size_t i = 0; i < folded.size(); ++i) {
      NaiveWord word;
      word.stems.insert(Stem(folded[i]));
      const bool last = s + 1 == segments.size() && i + 1 == folded.size() && !text.empty() && text.back() != ' ';
      if (last) {
        for (const std::string& v : vocabulary) {
          if (v.rfind(folded[i], 0) == 0) word.stems.insert(Stem(v));
        }
      }
      words.push_back(word);
    }
  }
  return words;
}

bool NaiveMatches(const NaiveDoc& doc, const NaiveWord& word) {
  for (const auto& field : doc.fields) {
    if (word.phrase.empty()) {
      for (const std::string& stem : field) {
        if (word.stems.count(stem)) return true;
      }
    } else if (std::search(field.begin(), field.end(), word.phrase.begin(), word.phrase.end()) != field.end()) {
      return true;
    }
  }
  return false;
}

// What a population condition says of the chosen territory: -1 when it does not apply
// (other kind, unknown population), 1 when the population is within its bounds, else 0.
int NaiveCondition(const catalogue::PopulationCondition& c, const SearchQuery& query) {
  const std::string kind = query.territory.substr(0, query.territory.find(':'));
  if (!query.territory_population || c.territory_kind != kind) return -1;
  const std::int64_t people = *query.territory_population;
  const bool above_min = !c.min_population.has_value() || people >= c.min_population.value();
  const bool below_max = !c.max_population.has_value() || people < c.max_population.value();
  return above_min && below_max ? 1 : 0;
}

bool NaiveFreeHere(const catalogue::Offer& offer, const SearchQuery& query) {
  for (const auto& c : offer.population_conditions) {
    if (c.effect == "free" && NaiveCondition(c, query) == 1) return true;
  }
  return false;
}

std::vector<std::string> NaiveValues(const catalogue::Offer& offer, std::size_t facet, const SearchQuery& query) {
  switch (facet) {
    case 0: return offer.audiences;
    case 1: return offer.types;
    case 2: {
      std::set<std::string> groups;
      for (const std::string& t : offer.types) {
        if (t == "grant" || t == "loan") groups.insert("financial");
        else if (t.find("_engineering") != std::string::npos) groups.insert("engineering");
        else groups.insert("support");
      }
      return {groups.begin(), groups.end()};
    }
    case 3: return offer.mobilization_steps;
    case 4: return offer.destinations;
    case 5: return offer.themes;
    case 6: return offer.categories;
    case 7: {
      std::vector<std::string> names;
      for (const auto& p : offer.porteurs) names.push_back(p.name);
      return names;
    }
    case 8: return offer.programmes;
    case 9: return offer.recurrence.empty() ? std::vector<std::string>{} : std::vector{offer.recurrence};
    case 10: {
      const std::string& d = offer.submission_deadline;
      if (!offer.closed_at.empty() || (!d.empty() && d < kToday)) return {"closed"};
      if (!d.empty() && d <= kClosingLimit) return {"open", "closing"};
      return {"open"};
    }
    case 11: return offer.is_call_for_projects == true ? std::vector<std::string>{"true"} : std::vector<std::string>{};
    default:
      return offer.is_charged == false || NaiveFreeHere(offer, query) ? std::vector<std::string>{"true"}
                                                                      : std::vector<std::string>{};
  }
}

// The widest level among the territories of the perimeter; 5 without one.
int NaiveWidth(const catalogue::Offer& offer) {
  const std::vector<std::string> members =
      offer.perimeter.empty() ? offer.adhoc_perimeter.territories : std::vector<std::string>{offer.perimeter};
  if (members.empty()) return 5;
  const std::vector<std::string> order = {"commune", "epci", "departement", "region", "pays"};
  int widest = 0;
  for (const std::string& member : members) {
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (member.rfind(order[i] + ":", 0) == 0) widest = std::max(widest, static_cast<int>(i));
    }
  }
  return widest;
}

struct NaiveHit {
  std::size_t offer;
  std::size_t matched;
  bool local;
};

struct NaiveResult {
  std::vector<NaiveHit> hits;
  Counts facets;
};

NaiveResult NaiveSearch(const std::vector<catalogue::Offer>& offers, const std::vector<NaiveDoc>& docs,
                        const std::set<std::string>& vocabulary, const SearchQuery& query) {
  NaiveResult result;
  const std::vector<NaiveWord> words = NaiveParse(query.text, vocabulary);
  for (std::size_t d = 0; d < offers.size(); ++d) {
    const catalogue::Offer& offer = offers[d];
    std::size_t matched = 0;
    for (const NaiveWord& word : words) matched += NaiveMatches(docs[d], word) ? 1 : 0;
    if (!words.empty() && matched == 0) continue;
    bool local = false;
    if (!query.territory.empty()) {
      const std::vector<std::string> members =
          offer.perimeter.empty() ? offer.adhoc_perimeter.territories : std::vector<std::string>{offer.perimeter};
      bool covers = false;
      bool inside = false;
      for (const std::string& member : members) {
        covers = covers || std::count(query.covering.begin(), query.covering.end(), member) > 0;
        const auto& above = kAncestors.at(member);
        inside = inside || std::count(above.begin(), above.end(), query.territory) > 0;
      }
      local = !covers && inside;
      if (!covers && !local) continue;
      bool refused = false;
      for (const auto& c : offer.population_conditions) refused = refused || (c.effect == "eligibility" && NaiveCondition(c, query) == 0);
      if (refused) continue;
    }
    if (!query.published_after.empty() &&
        (offer.published_at.empty() || offer.published_at.substr(0, 10) < query.published_after)) {
      continue;
    }
    if (!query.deadline_before.empty() &&
        (offer.submission_deadline.empty() || offer.submission_deadline > query.deadline_before)) {
      continue;
    }
    std::vector<bool> passes(kFacetCount);
    for (std::size_t f = 0; f < kFacetCount; ++f) {
      const auto values = NaiveValues(offer, f, query);
      passes[f] = query.selected[f].empty();
      for (const std::string& v : values) {
        passes[f] = passes[f] || std::count(query.selected[f].begin(), query.selected[f].end(), v) > 0;
      }
    }
    for (std::size_t f = 0; f < kFacetCount; ++f) {
      bool others = true;
      for (std::size_t g = 0; g < kFacetCount; ++g) others = others && (g == f || passes[g]);
      if (!others) continue;
      for (const std::string& v : NaiveValues(offer, f, query)) {
        ++result.facets[std::string(FacetKey(static_cast<Facet>(f)))][v];
      }
    }
    if (std::find(passes.begin(), passes.end(), false) == passes.end()) result.hits.push_back({d, matched, local});
  }
  auto slug = [&](const NaiveHit& h) -> const std::string& { return offers[h.offer].slug; };
  auto name = [&](const NaiveHit& h) -> const std::string& { return docs[h.offer].folded_name; };
  std::sort(result.hits.begin(), result.hits.end(), [&](const NaiveHit& a, const NaiveHit& b) {
    switch (query.sort) {
      case Sort::kDeadline: {
        const std::string da = offers[a.offer].submission_deadline.empty() ? "~" : offers[a.offer].submission_deadline;
        const std::string db = offers[b.offer].submission_deadline.empty() ? "~" : offers[b.offer].submission_deadline;
        return std::tie(da, slug(a)) < std::tie(db, slug(b));
      }
      case Sort::kName: return std::tie(name(a), slug(a)) < std::tie(name(b), slug(b));
      case Sort::kNarrowestPerimeter:
        return std::make_tuple(NaiveWidth(offers[a.offer]), name(a), slug(a)) <
               std::make_tuple(NaiveWidth(offers[b.offer]), name(b), slug(b));
      case Sort::kNewest:
        return std::make_tuple(offers[b.offer].published_at, slug(a)) <
               std::make_tuple(offers[a.offer].published_at, slug(b));
      case Sort::kRelevance: return slug(a) < slug(b);
    }
    return false;
  });
  return result;
}

TEST(PropertyTest, IndexAgreesWithANaiveScan) {
  Generator generator(20261125);
  std::vector<catalogue::Offer> offers;
  for (std::size_t i = 0; i < 5000; ++i) offers.push_back(generator.MakeOffer(i));
  std::vector<NaiveDoc> docs;
  std::set<std::string> vocabulary;
  for (const auto& offer : offers) {
    docs.push_back(MakeNaiveDoc(offer));
    vocabulary.insert(docs.back().words.begin(), docs.back().words.end());
  }
  auto index = OfferIndex::Build(offers, kAncestors, Synonyms{});

  std::size_t failures = 0;
  for (std::size_t q = 0; q < 1000 && failures < 5; ++q) {
    SearchQuery query = generator.MakeQuery();
    query.per_page = offers.size();
    const SearchResult actual = index->Search(query);
    const NaiveResult expected = NaiveSearch(offers, docs, vocabulary, query);
    SCOPED_TRACE("query " + std::to_string(q) + ": « " + query.text + " » territory " + query.territory +
                 " sort " + std::to_string(static_cast<int>(query.sort)));
    bool same = actual.total == expected.hits.size() && actual.facets == expected.facets &&
                actual.suggestion.empty();
    std::vector<std::size_t> actual_ids;
    std::vector<std::size_t> expected_ids;
    std::map<std::size_t, std::pair<std::size_t, bool>> actual_marks;
    std::map<std::size_t, std::pair<std::size_t, bool>> expected_marks;
    for (const Hit& hit : actual.hits) {
      actual_ids.push_back(hit.offer);
      actual_marks[hit.offer] = {query.text.empty() ? 0 : hit.matched_words, hit.local};
    }
    for (const NaiveHit& hit : expected.hits) {
      expected_ids.push_back(hit.offer);
      expected_marks[hit.offer] = {query.text.empty() ? 0 : hit.matched, hit.local};
    }
    if (query.sort == Sort::kRelevance) {
      std::sort(actual_ids.begin(), actual_ids.end());
      std::sort(expected_ids.begin(), expected_ids.end());
      // Relevance order: offers matching more query words first.
      for (std::size_t i = 1; i < actual.hits.size(); ++i) {
        same = same && actual.hits[i - 1].matched_words >= actual.hits[i].matched_words;
      }
    }
    same = same && actual_ids == expected_ids && actual_marks == expected_marks;
    if (!same) {
      ++failures;
      ADD_FAILURE() << "index: " << actual.total << " offers, naive: " << expected.hits.size()
                    << (actual.facets == expected.facets ? "" : "; facet counts differ")
                    << (actual_marks == expected_marks ? "" : "; matched words or local marks differ")
                    << (actual.suggestion.empty() ? "" : "; unexpected suggestion " + actual.suggestion);
    }
    // Pages of the same query concatenate to the whole list.
    if (q % 50 == 0 && actual.total > 0) {
      query.per_page = 7;
      std::vector<std::size_t> paged;
      for (query.page = 1; (query.page - 1) * 7 < actual.total; ++query.page) {
        for (const Hit& hit : index->Search(query).hits) paged.push_back(hit.offer);
      }
      std::vector<std::size_t> whole;
      for (const Hit& hit : actual.hits) whole.push_back(hit.offer);
      EXPECT_EQ(paged, whole);
    }
  }
}

}  // namespace
}  // namespace boussole::search
