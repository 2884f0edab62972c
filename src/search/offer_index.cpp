#include "search/offer_index.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_map>

#include "core/text_folding.h"
#include "domain/catalogue/availability.h"
#include "search/offer_filters.h"
#include "search/query_parser.h"
#include "search/spelling.h"
#include "search/text_analyzer.h"

namespace boussole::search {
namespace {

// Everything a query touches per offer is an integer decided at build time (facet values,
// territories, dates, sort ranks), so that a search over 100 000 offers compares numbers,
// not strings, and allocates per query, not per offer (bench/README.md, "Search").

constexpr std::size_t kFields = 3;  // title (name, short title, initial name), description, eligibility
constexpr std::array<double, kFields> kFieldWeights = {3.0, 1.0, 0.5};
constexpr std::uint32_t kGap = std::numeric_limits<std::uint32_t>::max();  // between title parts
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kPrefixWeight = 0.5;      // a completion counts less than the word itself
constexpr std::size_t kMaxCompletions = 64;
constexpr std::size_t kStatusFacet = static_cast<std::size_t>(Facet::kStatus);
constexpr std::size_t kFreeFacet = static_cast<std::size_t>(Facet::kFree);
// The status facet's values, by id; computed per query from the dates.
const std::vector<std::string> kStatusNames = {"open", "closing", "closed"};
constexpr std::uint32_t kOpen = 0;
constexpr std::uint32_t kClosing = 1;
constexpr std::uint32_t kClosed = 2;
constexpr std::int32_t kNoDate = std::numeric_limits<std::int32_t>::max();

//! YYYY-MM-DD (a longer ISO text too) → YYYYMMDD, which orders as the dates do.
std::int32_t DateNumber(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return kNoDate;
  std::int32_t n = 0;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (text[i] < '0' || text[i] > '9') return kNoDate;
    n = n * 10 + (text[i] - '0');
  }
  return n;
}

struct Posting {
  std::uint32_t doc = 0;
  std::array<std::uint32_t, kFields> tf{};
};

struct Document {
  std::array<std::vector<std::uint32_t>, kFields> terms;
  double weighted_length = 0;
  std::int32_t deadline = kNoDate;   // kNoDate: none
  std::int32_t published = 0;        // 0: not published
  bool closed = false;               // closed by the job
  bool free = false;                 // is_charged == false
  bool has_conditions = false;       // population conditions to check
  std::uint8_t width = 5;            // PerimeterWidth of the widest member
  std::uint32_t name_rank = 0;       // position in (folded name, slug) order
  std::uint32_t slug_rank = 0;       // position in slug order
  std::uint32_t published_rank = 0;  // position in (published_at descending, slug) order
};

//! One alternative of a query word, resolved against the vocabulary.
struct Alternative {
  std::vector<std::uint32_t> terms;  // consecutive
  double weight = 1.0;
};

struct Candidate {
  std::uint32_t doc = 0;
  std::uint16_t matched = 0;
  bool local = false;
  double score = 0;
};

std::size_t CountPhrase(const std::vector<std::uint32_t>& field, const std::vector<std::uint32_t>& phrase) {
  if (phrase.empty() || field.size() < phrase.size()) return 0;
  std::size_t count = 0;
  for (std::size_t i = 0; i + phrase.size() <= field.size(); ++i) {
    if (std::equal(phrase.begin(), phrase.end(), field.begin() + static_cast<std::ptrdiff_t>(i))) ++count;
  }
  return count;
}

//! Values as small integers: one dictionary per facet, or one for the territories.
class Dictionary {
 public:
  std::uint32_t Intern(const std::string& value) {
    auto [it, inserted] = ids_.emplace(value, static_cast<std::uint32_t>(names_.size()));
    if (inserted) names_.push_back(value);
    return it->second;
  }
  const std::uint32_t* Find(const std::string& value) const {
    auto it = ids_.find(value);
    return it == ids_.end() ? nullptr : &it->second;
  }
  const std::string& Name(std::uint32_t id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> names_;
};

//! Per-document lists of integers in one array (documents × slots): offsets[d * slots + s].
class Lists {
 public:
  explicit Lists(std::size_t slots) : slots_(slots) { offsets_.push_back(0); }
  void Add(std::uint32_t value) { values_.push_back(value); }
  void EndSlot() { offsets_.push_back(static_cast<std::uint32_t>(values_.size())); }
  const std::uint32_t* begin(std::size_t d, std::size_t slot) const { return values_.data() + offsets_[d * slots_ + slot]; }
  const std::uint32_t* end(std::size_t d, std::size_t slot) const { return values_.data() + offsets_[d * slots_ + slot + 1]; }
  bool Contains(std::size_t d, std::size_t slot, std::uint32_t value) const {
    return std::find(begin(d, slot), end(d, slot), value) != end(d, slot);
  }

 private:
  std::size_t slots_;
  std::vector<std::uint32_t> values_;
  std::vector<std::uint32_t> offsets_;
};

class OfferIndexImpl final : public OfferIndex {
 public:
  OfferIndexImpl(std::vector<catalogue::Offer> offers,
                 std::map<std::string, std::vector<std::string>> perimeter_ancestors, Synonyms synonyms);

  SearchResult Search(const SearchQuery& query) const override;
  const std::vector<catalogue::Offer>& offers() const override { return offers_; }

 private:
  void MakeDocument(std::uint32_t d, const std::map<std::string, std::vector<std::string>>& ancestors);
  void AddField(std::uint32_t d, std::size_t field, std::string_view text, Document& doc);
  void Rank();
  std::uint32_t TermId(const std::string& stem);
  const std::uint32_t* FindTerm(const std::string& stem) const;
  std::vector<Alternative> Resolve(const QueryWord& word, ParsedQuery& parsed, bool& corrected) const;
  //! Adds the word's best score per document to `scores` and counts it in `matched`;
  //! `best` is scratch space of one slot per document, left zeroed.
  void ScoreWord(const std::vector<Alternative>& alternatives, std::vector<double>& best,
                 std::vector<std::uint32_t>& touched, std::vector<double>& scores,
                 std::vector<std::uint16_t>& matched, std::vector<std::uint32_t>& candidates) const;
  void SortCandidates(std::vector<Candidate>& hits, Sort sort, std::size_t wanted) const;

  std::vector<catalogue::Offer> offers_;
  Synonyms synonyms_;
  std::vector<Document> docs_;
  std::array<Dictionary, kFacetCount> facet_values_;  // kStatus: kStatusNames, kFree: {"true"}
  Lists facets_{kFacetCount};                          // static values per document and facet
  Dictionary territories_;
  Lists places_{2};  // per document: 0 the perimeter's territories, 1 their ancestors
  std::unordered_map<std::string, std::uint32_t> term_ids_;
  std::vector<std::vector<Posting>> postings_;  // by term id, docs ascending
  std::map<std::string, std::uint32_t> surface_;  // folded word → term id, sorted for prefixes
  Spelling spelling_;
  double average_length_ = 1.0;
};

OfferIndexImpl::OfferIndexImpl(std::vector<catalogue::Offer> offers,
                               std::map<std::string, std::vector<std::string>> perimeter_ancestors,
                               Synonyms synonyms)
    : offers_(std::move(offers)), synonyms_(std::move(synonyms)) {
  for (const std::string& status : kStatusNames) facet_values_[kStatusFacet].Intern(status);
  facet_values_[kFreeFacet].Intern("true");
  docs_.reserve(offers_.size());
  double total_length = 0;
  for (std::uint32_t d = 0; d < offers_.size(); ++d) {
    MakeDocument(d, perimeter_ancestors);
    total_length += docs_.back().weighted_length;
  }
  average_length_ = docs_.empty() ? 1.0 : std::max(1.0, total_length / static_cast<double>(docs_.size()));
  for (const auto& [word, term] : surface_) spelling_.Add(word, postings_[term].size());
  Rank();
}

std::uint32_t OfferIndexImpl::TermId(const std::string& stem) {
  auto [it, inserted] = term_ids_.emplace(stem, static_cast<std::uint32_t>(postings_.size()));
  if (inserted) postings_.emplace_back();
  return it->second;
}

const std::uint32_t* OfferIndexImpl::FindTerm(const std::string& stem) const {
  auto it = term_ids_.find(stem);
  return it == term_ids_.end() ? nullptr : &it->second;
}

void OfferIndexImpl::AddField(std::uint32_t d, std::size_t field, std::string_view text, Document& doc) {
  for (const std::string& word : Tokenize(text)) {
    if (IsStopWord(word)) continue;
    const std::uint32_t term = TermId(Stem(word));
    surface_.emplace(word, term);
    doc.terms[field].push_back(term);
    std::vector<Posting>& list = postings_[term];
    if (list.empty() || list.back().doc != d) list.push_back({d, {}});
    ++list.back().tf[field];
  }
}

void OfferIndexImpl::MakeDocument(std::uint32_t d, const std::map<std::string, std::vector<std::string>>& ancestors) {
  const catalogue::Offer& offer = offers_[d];
  Document& doc = docs_.emplace_back();
  for (const std::string* part : {&offer.name, &offer.short_title, &offer.initial_name}) {
    if (part->empty()) continue;
    if (!doc.terms[0].empty()) doc.terms[0].push_back(kGap);
    AddField(d, 0, *part, doc);
  }
  AddField(d, 1, offer.description, doc);
  AddField(d, 2, offer.eligibility, doc);
  for (std::size_t f = 0; f < kFields; ++f) {
    doc.weighted_length += kFieldWeights[f] * static_cast<double>(doc.terms[f].size());
  }
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    if (f != kStatusFacet) {
      for (const std::string& value : StaticFacetValues(offer, static_cast<Facet>(f))) {
        facets_.Add(facet_values_[f].Intern(value));
      }
    }
    facets_.EndSlot();
  }
  doc.deadline = offer.submission_deadline.empty() ? kNoDate : DateNumber(offer.submission_deadline);
  doc.published = offer.published_at.empty() ? 0 : DateNumber(offer.published_at);
  if (doc.published == kNoDate) doc.published = 0;
  doc.closed = !offer.closed_at.empty();
  doc.free = offer.is_charged.has_value() && !*offer.is_charged;
  doc.has_conditions = !offer.population_conditions.empty();

  const std::vector<std::string> members = catalogue::PerimeterTerritories(offer);
  int width = members.empty() ? PerimeterWidth("") : 0;
  std::vector<std::uint32_t> above;
  for (const std::string& member : members) {
    width = std::max(width, PerimeterWidth(member));
    places_.Add(territories_.Intern(member));
    auto it = ancestors.find(member);
    if (it == ancestors.end()) continue;
    for (const std::string& ancestor : it->second) {
      const std::uint32_t id = territories_.Intern(ancestor);
      if (std::find(above.begin(), above.end(), id) == above.end()) above.push_back(id);
    }
  }
  places_.EndSlot();
  for (std::uint32_t id : above) places_.Add(id);
  places_.EndSlot();
  doc.width = static_cast<std::uint8_t>(width);
}

void OfferIndexImpl::Rank() {
  std::vector<std::uint32_t> order(docs_.size());
  auto rank = [&](auto less, std::uint32_t Document::*field) {
    for (std::uint32_t d = 0; d < order.size(); ++d) order[d] = d;
    std::sort(order.begin(), order.end(), less);
    for (std::uint32_t r = 0; r < order.size(); ++r) docs_[order[r]].*field = r;
  };
  rank([&](std::uint32_t a, std::uint32_t b) { return offers_[a].slug < offers_[b].slug; }, &Document::slug_rank);
  std::vector<std::string> folded(docs_.size());
  for (std::uint32_t d = 0; d < docs_.size(); ++d) folded[d] = FoldForSearch(offers_[d].name);
  rank([&](std::uint32_t a, std::uint32_t b) {
        if (folded[a] != folded[b]) return folded[a] < folded[b];
        return docs_[a].slug_rank < docs_[b].slug_rank;
      },
      &Document::name_rank);
  rank([&](std::uint32_t a, std::uint32_t b) {
        const std::string& pa = offers_[a].published_at;
        const std::string& pb = offers_[b].published_at;
        if (pa != pb) return pa > pb;
        return docs_[a].slug_rank < docs_[b].slug_rank;
      },
      &Document::published_rank);
}

std::vector<Alternative> OfferIndexImpl::Resolve(const QueryWord& word, ParsedQuery& parsed,
                                                 bool& corrected) const {
  std::vector<Alternative> alternatives;
  for (const auto& stems : word.alternatives) {
    Alternative alternative;
    for (const std::string& stem : stems) {
      const std::uint32_t* term = FindTerm(stem);
      if (term == nullptr) break;
      alternative.terms.push_back(*term);
    }
    if (alternative.terms.size() == stems.size()) alternatives.push_back(std::move(alternative));
  }
  if (word.prefix) {
    std::vector<std::uint32_t> completions;
    for (auto it = surface_.lower_bound(word.plain);
         it != surface_.end() && it->first.compare(0, word.plain.size(), word.plain) == 0 &&
         completions.size() < kMaxCompletions;
         ++it) {
      const bool known = std::find(completions.begin(), completions.end(), it->second) != completions.end();
      const bool exact = !alternatives.empty() && alternatives[0].terms == std::vector{it->second};
      if (!known && !exact) completions.push_back(it->second);
    }
    for (std::uint32_t term : completions) alternatives.push_back({{term}, kPrefixWeight});
  }
  if (alternatives.empty() && !word.plain.empty()) {
    // A word absent from every offer: search its closest spelling and suggest it.
    if (auto correction = spelling_.Closest(word.plain)) {
      if (const std::uint32_t* term = FindTerm(Stem(*correction))) {
        alternatives.push_back({{*term}, 1.0});
        parsed.pieces[word.piece].text = *correction;
        corrected = true;
      }
    }
  }
  return alternatives;
}

void OfferIndexImpl::ScoreWord(const std::vector<Alternative>& alternatives, std::vector<double>& best,
                               std::vector<std::uint32_t>& touched, std::vector<double>& scores,
                               std::vector<std::uint16_t>& matched, std::vector<std::uint32_t>& candidates) const {
  const double n = static_cast<double>(docs_.size());
  touched.clear();
  std::vector<std::pair<std::uint32_t, std::array<std::uint32_t, kFields>>> hits;
  for (const Alternative& alternative : alternatives) {
    // Field frequencies of the alternative in every document holding its first term.
    hits.clear();
    for (const Posting& posting : postings_[alternative.terms[0]]) {
      if (alternative.terms.size() == 1) {
        hits.emplace_back(posting.doc, posting.tf);
        continue;
      }
      std::array<std::uint32_t, kFields> tf{};
      bool any = false;
      for (std::size_t f = 0; f < kFields; ++f) {
        tf[f] = static_cast<std::uint32_t>(CountPhrase(docs_[posting.doc].terms[f], alternative.terms));
        any = any || tf[f] > 0;
      }
      if (any) hits.emplace_back(posting.doc, tf);
    }
    const double df = static_cast<double>(hits.size());
    const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    for (const auto& [d, tf] : hits) {
      double weighted_tf = 0;
      for (std::size_t f = 0; f < kFields; ++f) weighted_tf += kFieldWeights[f] * static_cast<double>(tf[f]);
      const double norm = 1.0 - kB + kB * docs_[d].weighted_length / average_length_;
      // Strictly positive, so that a slot above zero means "touched".
      const double score =
          std::max(alternative.weight * idf * weighted_tf * (kK1 + 1.0) / (weighted_tf + kK1 * norm), 1e-12);
      if (best[d] == 0) touched.push_back(d);
      best[d] = std::max(best[d], score);
    }
  }
  for (std::uint32_t d : touched) {
    scores[d] += best[d];
    if (matched[d]++ == 0) candidates.push_back(d);
    best[d] = 0;
  }
}

void OfferIndexImpl::SortCandidates(std::vector<Candidate>& hits, Sort sort, std::size_t wanted) const {
  auto order = [&](auto less) {
    const auto middle = hits.begin() + static_cast<std::ptrdiff_t>(std::min(wanted, hits.size()));
    std::partial_sort(hits.begin(), middle, hits.end(), less);
  };
  auto slug = [&](const Candidate& c) { return docs_[c.doc].slug_rank; };
  switch (sort) {
    case Sort::kRelevance:
      order([&](const Candidate& a, const Candidate& b) {
        if (a.matched != b.matched) return a.matched > b.matched;
        if (a.score != b.score) return a.score > b.score;
        return slug(a) < slug(b);
      });
      break;
    case Sort::kDeadline:
      order([&](const Candidate& a, const Candidate& b) {
        const std::int32_t da = docs_[a.doc].deadline;
        const std::int32_t db = docs_[b.doc].deadline;
        if (da != db) return da < db;  // kNoDate, the largest, last
        return slug(a) < slug(b);
      });
      break;
    case Sort::kName:
      order([&](const Candidate& a, const Candidate& b) { return docs_[a.doc].name_rank < docs_[b.doc].name_rank; });
      break;
    case Sort::kNewest:
      order([&](const Candidate& a, const Candidate& b) {
        return docs_[a.doc].published_rank < docs_[b.doc].published_rank;
      });
      break;
    case Sort::kNarrowestPerimeter:
      order([&](const Candidate& a, const Candidate& b) {
        if (docs_[a.doc].width != docs_[b.doc].width) return docs_[a.doc].width < docs_[b.doc].width;
        return docs_[a.doc].name_rank < docs_[b.doc].name_rank;
      });
      break;
  }
}

SearchResult OfferIndexImpl::Search(const SearchQuery& query) const {
  SearchResult result;
  ParsedQuery parsed = ParseQuery(query.text, synonyms_);
  bool corrected = false;
  const bool has_text = !parsed.words.empty();
  std::vector<double> scores;
  std::vector<std::uint16_t> matched;
  std::vector<std::uint32_t> candidates;
  if (has_text) {
    scores.assign(docs_.size(), 0.0);
    matched.assign(docs_.size(), 0);
    std::vector<double> best(docs_.size(), 0.0);
    std::vector<std::uint32_t> touched;
    for (const QueryWord& word : parsed.words) {
      ScoreWord(Resolve(word, parsed, corrected), best, touched, scores, matched, candidates);
    }
    std::sort(candidates.begin(), candidates.end());
  }
  if (corrected) {
    for (const auto& piece : parsed.pieces) {
      if (!result.suggestion.empty()) result.suggestion += ' ';
      result.suggestion += piece.quoted ? "\"" + piece.text + "\"" : piece.text;
    }
  }

  // The selection as ids; a value no offer has selects nothing (the facet stays active).
  std::array<std::vector<char>, kFacetCount> selected;
  std::array<bool, kFacetCount> active{};
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    active[f] = !query.selected[f].empty();
    selected[f].assign(facet_values_[f].size(), 0);
    for (const std::string& value : query.selected[f]) {
      if (const std::uint32_t* id = facet_values_[f].Find(value)) selected[f][*id] = 1;
    }
  }
  std::vector<std::uint32_t> covering;
  for (const std::string& id : query.covering) {
    if (const std::uint32_t* found = territories_.Find(id)) covering.push_back(*found);
  }
  const bool by_territory = !query.territory.empty() || !query.covering.empty();
  const std::uint32_t* territory = query.territory.empty() ? nullptr : territories_.Find(query.territory);
  if (territory != nullptr && std::find(covering.begin(), covering.end(), *territory) == covering.end()) {
    covering.push_back(*territory);
  }
  const std::string territory_kind = query.territory.substr(0, query.territory.find(':'));
  const std::int32_t today = DateNumber(query.today);
  const std::int32_t closing_limit = DateNumber(AddDays(query.today, 30));
  const std::int32_t deadline_before = query.deadline_before.empty() ? kNoDate : DateNumber(query.deadline_before);
  const std::int32_t published_after = query.published_after.empty() ? 0 : DateNumber(query.published_after);

  std::array<std::vector<std::size_t>, kFacetCount> counts;
  for (std::size_t f = 0; f < kFacetCount; ++f) counts[f].assign(facet_values_[f].size(), 0);
  std::vector<Candidate> hits;
  const std::uint32_t free_value = 0;
  std::array<std::uint32_t, 2> status_values{};
  const std::size_t scan = has_text ? candidates.size() : docs_.size();
  for (std::size_t i = 0; i < scan; ++i) {
    const std::uint32_t d = has_text ? candidates[i] : static_cast<std::uint32_t>(i);
    const Document& doc = docs_[d];
    bool local = false;
    if (by_territory) {
      bool covers = false;
      for (const std::uint32_t* p = places_.begin(d, 0); p != places_.end(d, 0) && !covers; ++p) {
        covers = std::find(covering.begin(), covering.end(), *p) != covering.end();
      }
      local = !covers && territory != nullptr && places_.Contains(d, 1, *territory);
      if (!covers && !local) continue;
    }
    if (doc.has_conditions &&
        !catalogue::PopulationAllows(offers_[d], territory_kind, query.territory_population)) {
      continue;
    }
    if (deadline_before != kNoDate && doc.deadline > deadline_before) continue;
    if (published_after != 0 && doc.published < published_after) continue;

    // The per-query facets: status from the dates, free also from population conditions.
    std::size_t status_count = 0;
    if (doc.closed || (doc.deadline != kNoDate && today != kNoDate && doc.deadline < today)) {
      status_values[status_count++] = kClosed;
    } else {
      status_values[status_count++] = kOpen;
      if (doc.deadline != kNoDate && closing_limit != kNoDate && doc.deadline <= closing_limit) {
        status_values[status_count++] = kClosing;
      }
    }
    const bool free = doc.free || (doc.has_conditions && catalogue::FreeByPopulation(
                                                             offers_[d], territory_kind, query.territory_population));
    auto for_each_value = [&](std::size_t f, auto&& visit) {
      if (f == kStatusFacet) {
        for (std::size_t s = 0; s < status_count; ++s) visit(status_values[s]);
      } else if (f == kFreeFacet) {
        if (free) visit(free_value);
      } else {
        for (const std::uint32_t* v = facets_.begin(d, f); v != facets_.end(d, f); ++v) visit(*v);
      }
    };
    // Which facets does the offer fail? It counts in facet F when it fails no other facet.
    std::uint32_t failed = 0;
    std::size_t failures = 0;
    for (std::size_t f = 0; f < kFacetCount && failures < 2; ++f) {
      if (!active[f]) continue;
      bool any = false;
      for_each_value(f, [&](std::uint32_t v) { any = any || selected[f][v] != 0; });
      if (!any) {
        failed |= 1u << f;
        ++failures;
      }
    }
    if (failures > 1) continue;
    for (std::size_t f = 0; f < kFacetCount; ++f) {
      if (failed != 0 && failed != (1u << f)) continue;
      for_each_value(f, [&](std::uint32_t v) { ++counts[f][v]; });
    }
    if (failed != 0) continue;
    hits.push_back({d, has_text ? matched[d] : std::uint16_t{0}, local, has_text ? scores[d] : 0.0});
  }
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    std::map<std::string, std::size_t> named;
    for (std::uint32_t v = 0; v < counts[f].size(); ++v) {
      if (counts[f][v] > 0) named.emplace(facet_values_[f].Name(v), counts[f][v]);
    }
    if (!named.empty()) result.facets[std::string(FacetKey(static_cast<Facet>(f)))] = std::move(named);
  }
  result.total = hits.size();
  const std::size_t per_page = std::max<std::size_t>(1, query.per_page);
  const std::size_t first = (std::max<std::size_t>(1, query.page) - 1) * per_page;
  if (first >= hits.size()) return result;
  SortCandidates(hits, query.sort, first + per_page);
  for (std::size_t i = first; i < hits.size() && i < first + per_page; ++i) {
    Hit hit;
    hit.offer = hits[i].doc;
    hit.slug = offers_[hits[i].doc].slug;
    hit.score = hits[i].score;
    hit.matched_words = hits[i].matched;
    hit.local = hits[i].local;
    result.hits.push_back(std::move(hit));
  }
  return result;
}

}  // namespace

std::unique_ptr<OfferIndex> OfferIndex::Build(std::vector<catalogue::Offer> offers,
                                              std::map<std::string, std::vector<std::string>> perimeter_ancestors,
                                              Synonyms synonyms) {
  return std::make_unique<OfferIndexImpl>(std::move(offers), std::move(perimeter_ancestors), std::move(synonyms));
}

}  // namespace boussole::search
