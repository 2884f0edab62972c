#include "search/offer_index.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <unordered_map>

#include "core/text_folding.h"
#include "domain/catalogue/availability.h"
#include "search/bitset.h"
#include "search/offer_filters.h"
#include "search/query_parser.h"
#include "search/spelling.h"
#include "search/text_analyzer.h"

namespace boussole::search {
namespace {

// How a search runs (bench/README.md, "Search"): every filter is a set of documents — a
// bitset per facet value built once, and per query the text, territory, dates and the
// status — so that the filters are ANDed word by word, each facet is counted over the
// documents that pass every OTHER filter, and only the documents that pass them all are
// scored and sorted. The cost follows the number of matches, not the size of the catalogue.

constexpr std::size_t kFields = 3;  // title (name, short title, initial name), description, eligibility
constexpr std::array<double, kFields> kFieldWeights = {3.0, 1.0, 0.5};
constexpr std::uint32_t kGap = std::numeric_limits<std::uint32_t>::max();  // between title parts
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kPrefixWeight = 0.5;      // a completion counts less than the word itself
constexpr std::size_t kMaxCompletions = 64;
constexpr std::size_t kStatusFacet = static_cast<std::size_t>(Facet::kStatus);
constexpr std::size_t kFreeFacet = static_cast<std::size_t>(Facet::kFree);
// The status facet's values, by id.
const std::vector<std::string> kStatusNames = {"open", "closing", "closed"};
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
  std::int32_t deadline = kNoDate;
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

//! An alternative's documents with their field frequencies, and its inverse frequency.
struct AlternativeMatches {
  std::vector<Posting> postings;  // ascending documents
  double weight = 1.0;
  double idf = 0;
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
  const std::uint32_t first = phrase[0];
  for (std::size_t i = 0; i + phrase.size() <= field.size(); ++i) {
    if (field[i] != first) continue;  // most positions: one comparison, no call
    std::size_t k = 1;
    while (k < phrase.size() && field[i + k] == phrase[k]) ++k;
    if (k == phrase.size()) ++count;
  }
  return count;
}

//! Values as small integers: one dictionary per facet, and one for the territories.
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

//! Per-document lists of integers in one array: offsets[d * slots + s].
class Lists {
 public:
  explicit Lists(std::size_t slots) : slots_(slots) { offsets_.push_back(0); }
  void Add(std::uint32_t value) { values_.push_back(value); }
  void EndSlot() { offsets_.push_back(static_cast<std::uint32_t>(values_.size())); }
  const std::uint32_t* begin(std::size_t d, std::size_t slot) const { return values_.data() + offsets_[d * slots_ + slot]; }
  const std::uint32_t* end(std::size_t d, std::size_t slot) const { return values_.data() + offsets_[d * slots_ + slot + 1]; }

 private:
  std::size_t slots_;
  std::vector<std::uint32_t> values_;
  std::vector<std::uint32_t> offsets_;
};

//! Tokenize, with the folding of each whitespace-separated chunk remembered: catalogues
//! repeat their words, and ICU's transliteration is most of the cost of a build.
class ChunkTokenizer {
 public:
  template <typename Visit>
  void ForEachWord(std::string_view text, Visit&& visit) {
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t end = std::min(text.find_first_of(" \t\r\n", start), text.size());
      if (end > start) {
        const std::string_view chunk = text.substr(start, end - start);
        auto it = cache_.find(chunk);
        if (it == cache_.end()) it = cache_.emplace(std::string(chunk), Tokenize(chunk)).first;
        for (const std::string& word : it->second) visit(word);
      }
      start = end + 1;
    }
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<std::string>, Hash, std::equal_to<>> cache_;
};

//! Per-query scratch space, one per thread (a search never allocates per document).
struct Scratch {
  std::vector<double> scores;
  std::vector<std::uint16_t> matched;
  std::vector<double> best;
  std::vector<std::uint32_t> touched;
};

class OfferIndexImpl final : public OfferIndex {
 public:
  OfferIndexImpl(std::vector<catalogue::Offer> offers,
                 const std::map<std::string, std::vector<std::string>>& perimeter_ancestors, Synonyms synonyms);

  SearchResult Search(const SearchQuery& query) const override;
  const std::vector<catalogue::Offer>& offers() const override { return offers_; }

 private:
  void MakeDocument(std::uint32_t d, const std::map<std::string, std::vector<std::string>>& ancestors,
                    ChunkTokenizer& tokenizer, std::unordered_map<std::string, std::uint32_t>& word_terms);
  void AddField(std::uint32_t d, std::size_t field, std::string_view text, Document& doc, ChunkTokenizer& tokenizer,
                std::unordered_map<std::string, std::uint32_t>& word_terms);
  void Rank();
  std::uint32_t TermId(const std::string& stem);
  const std::uint32_t* FindTerm(const std::string& stem) const;
  std::vector<Alternative> Resolve(const QueryWord& word, ParsedQuery& parsed, bool& corrected) const;
  //! The alternative's documents. A phrase is checked only in `worth` (the documents the
  //! other filters leave a chance); its frequency, and so its weight, is its rarest term's,
  //! so that it does not depend on the filters.
  AlternativeMatches Match(const Alternative& alternative, const Bitset& worth) const;
  Bitset DocsWithDeadline(std::int32_t from, std::int32_t to) const;  // from ≤ deadline ≤ to
  void SortCandidates(std::vector<Candidate>& hits, Sort sort, std::size_t wanted) const;

  std::vector<catalogue::Offer> offers_;
  Synonyms synonyms_;
  std::vector<Document> docs_;
  std::array<Dictionary, kFacetCount> facet_values_;           // kStatus: kStatusNames
  std::array<std::vector<Bitset>, kFacetCount> value_docs_;    // by facet and value id (not kStatus)
  Lists facets_{kFacetCount};                                  // values per document and facet
  Dictionary territories_;
  std::vector<std::vector<std::uint32_t>> perimeter_docs_;  // by territory: docs whose perimeter names it
  std::vector<std::vector<std::uint32_t>> inner_docs_;      // by territory: docs whose perimeter lies below it
  std::vector<std::uint32_t> conditional_docs_;             // docs with population conditions
  Bitset closed_docs_;                                      // closed by the job
  std::vector<std::pair<std::int32_t, std::uint32_t>> by_deadline_;   // (deadline, doc), ascending
  std::vector<std::pair<std::int32_t, std::uint32_t>> by_published_;  // (publication day, doc), ascending
  std::unordered_map<std::string, std::uint32_t> term_ids_;
  std::vector<std::vector<Posting>> postings_;  // by term id, docs ascending
  std::map<std::string, std::uint32_t> surface_;  // folded word → term id, sorted for prefixes
  Spelling spelling_;
  double average_length_ = 1.0;
};

OfferIndexImpl::OfferIndexImpl(std::vector<catalogue::Offer> offers,
                               const std::map<std::string, std::vector<std::string>>& perimeter_ancestors,
                               Synonyms synonyms)
    : offers_(std::move(offers)), synonyms_(std::move(synonyms)) {
  for (const std::string& status : kStatusNames) facet_values_[kStatusFacet].Intern(status);
  facet_values_[kFreeFacet].Intern("true");
  const std::size_t n = offers_.size();
  closed_docs_ = Bitset(n);
  docs_.reserve(n);
  ChunkTokenizer tokenizer;
  std::unordered_map<std::string, std::uint32_t> word_terms;
  double total_length = 0;
  for (std::uint32_t d = 0; d < n; ++d) {
    MakeDocument(d, perimeter_ancestors, tokenizer, word_terms);
    total_length += docs_.back().weighted_length;
  }
  average_length_ = docs_.empty() ? 1.0 : std::max(1.0, total_length / static_cast<double>(n));
  for (auto& [word, term] : word_terms) surface_.emplace(word, term);
  for (const auto& [word, term] : surface_) spelling_.Add(word, postings_[term].size());
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    if (f == kStatusFacet) continue;
    value_docs_[f].assign(facet_values_[f].size(), Bitset(n));
    for (std::uint32_t d = 0; d < n; ++d) {
      for (const std::uint32_t* v = facets_.begin(d, f); v != facets_.end(d, f); ++v) value_docs_[f][*v].Set(d);
    }
  }
  std::sort(by_deadline_.begin(), by_deadline_.end());
  std::sort(by_published_.begin(), by_published_.end());
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

void OfferIndexImpl::AddField(std::uint32_t d, std::size_t field, std::string_view text, Document& doc,
                              ChunkTokenizer& tokenizer, std::unordered_map<std::string, std::uint32_t>& word_terms) {
  tokenizer.ForEachWord(text, [&](const std::string& word) {
    if (IsStopWord(word)) return;
    auto it = word_terms.find(word);
    if (it == word_terms.end()) it = word_terms.emplace(word, TermId(Stem(word))).first;
    const std::uint32_t term = it->second;
    doc.terms[field].push_back(term);
    std::vector<Posting>& list = postings_[term];
    if (list.empty() || list.back().doc != d) list.push_back({d, {}});
    ++list.back().tf[field];
  });
}

void OfferIndexImpl::MakeDocument(std::uint32_t d, const std::map<std::string, std::vector<std::string>>& ancestors,
                                  ChunkTokenizer& tokenizer, std::unordered_map<std::string, std::uint32_t>& word_terms) {
  const catalogue::Offer& offer = offers_[d];
  Document& doc = docs_.emplace_back();
  for (const std::string* part : {&offer.name, &offer.short_title, &offer.initial_name}) {
    if (part->empty()) continue;
    if (!doc.terms[0].empty()) doc.terms[0].push_back(kGap);
    AddField(d, 0, *part, doc, tokenizer, word_terms);
  }
  AddField(d, 1, offer.description, doc, tokenizer, word_terms);
  AddField(d, 2, offer.eligibility, doc, tokenizer, word_terms);
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
  if (doc.deadline != kNoDate) by_deadline_.emplace_back(doc.deadline, d);
  if (const std::int32_t day = DateNumber(offer.published_at); !offer.published_at.empty() && day != kNoDate) {
    by_published_.emplace_back(day, d);
  }
  if (!offer.closed_at.empty()) closed_docs_.Set(d);
  if (!offer.population_conditions.empty()) conditional_docs_.push_back(d);

  const std::vector<std::string> members = catalogue::PerimeterTerritories(offer);
  int width = members.empty() ? PerimeterWidth("") : 0;
  auto add = [&](std::vector<std::vector<std::uint32_t>>& lists, const std::string& territory) {
    const std::uint32_t id = territories_.Intern(territory);
    if (perimeter_docs_.size() <= id) {
      perimeter_docs_.resize(id + 1);
      inner_docs_.resize(id + 1);
    }
    auto& list = lists[id];
    if (list.empty() || list.back() != d) list.push_back(d);
  };
  for (const std::string& member : members) {
    width = std::max(width, PerimeterWidth(member));
    add(perimeter_docs_, member);
    auto it = ancestors.find(member);
    if (it == ancestors.end()) continue;
    for (const std::string& ancestor : it->second) add(inner_docs_, ancestor);
  }
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

AlternativeMatches OfferIndexImpl::Match(const Alternative& alternative, const Bitset& worth) const {
  AlternativeMatches matches;
  matches.weight = alternative.weight;
  std::uint32_t rarest = alternative.terms[0];
  for (std::uint32_t term : alternative.terms) {
    if (postings_[term].size() < postings_[rarest].size()) rarest = term;
  }
  const double df = static_cast<double>(postings_[rarest].size());
  if (alternative.terms.size() == 1) {
    matches.postings = postings_[alternative.terms[0]];
  } else {
    // A phrase: only documents holding all its terms can hold it.
    Bitset candidates = worth;
    for (std::uint32_t term : alternative.terms) {
      if (term == rarest) continue;
      Bitset holding(docs_.size());
      for (const Posting& posting : postings_[term]) holding.Set(posting.doc);
      candidates &= holding;
    }
    for (const Posting& posting : postings_[rarest]) {
      if (!candidates.Test(posting.doc)) continue;
      Posting phrase{posting.doc, {}};
      bool any = false;
      for (std::size_t f = 0; f < kFields; ++f) {
        phrase.tf[f] = static_cast<std::uint32_t>(CountPhrase(docs_[posting.doc].terms[f], alternative.terms));
        any = any || phrase.tf[f] > 0;
      }
      if (any) matches.postings.push_back(phrase);
    }
  }
  const double n = static_cast<double>(docs_.size());
  matches.idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
  return matches;
}

Bitset OfferIndexImpl::DocsWithDeadline(std::int32_t from, std::int32_t to) const {
  Bitset docs(docs_.size());
  auto it = std::lower_bound(by_deadline_.begin(), by_deadline_.end(), std::pair<std::int32_t, std::uint32_t>{from, 0});
  for (; it != by_deadline_.end() && it->first <= to; ++it) docs.Set(it->second);
  return docs;
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
  const std::size_t n = docs_.size();
  ParsedQuery parsed = ParseQuery(query.text, synonyms_);
  bool corrected = false;
  const bool has_text = !parsed.words.empty();

  // 1. The filters that are not facets: territory, population, dates.
  const std::string territory_kind = query.territory.substr(0, query.territory.find(':'));
  Bitset filters(n, true);
  Bitset local(n);
  Bitset free_here(n);
  if (!query.territory.empty() || !query.covering.empty()) {
    Bitset covers(n);
    std::vector<std::string> covering = query.covering;
    if (!query.territory.empty()) covering.push_back(query.territory);
    for (const std::string& id : covering) {
      if (const std::uint32_t* t = territories_.Find(id)) {
        for (std::uint32_t d : perimeter_docs_[*t]) covers.Set(d);
      }
    }
    if (const std::uint32_t* t = query.territory.empty() ? nullptr : territories_.Find(query.territory)) {
      for (std::uint32_t d : inner_docs_[*t]) {
        if (!covers.Test(d)) local.Set(d);
      }
    }
    filters = covers;
    filters |= local;
  }
  for (std::uint32_t d : conditional_docs_) {
    if (!catalogue::PopulationAllows(offers_[d], territory_kind, query.territory_population)) {
      filters.Reset(d);
    } else if (catalogue::FreeByPopulation(offers_[d], territory_kind, query.territory_population)) {
      free_here.Set(d);
    }
  }
  if (!query.deadline_before.empty()) {
    filters &= DocsWithDeadline(std::numeric_limits<std::int32_t>::min(), DateNumber(query.deadline_before));
  }
  if (!query.published_after.empty()) {
    Bitset published(n);
    const std::int32_t from = DateNumber(query.published_after);
    auto it = std::lower_bound(by_published_.begin(), by_published_.end(), std::pair<std::int32_t, std::uint32_t>{from, 0});
    for (; it != by_published_.end(); ++it) published.Set(it->second);
    filters &= published;
  }

  // 2. The facets' documents for this query: the selected values, the status from the
  //    dates, "free" also from population conditions.
  const std::int32_t today = DateNumber(query.today);
  const std::int32_t closing_limit = DateNumber(AddDays(query.today, 30));
  Bitset closed = closed_docs_;
  if (today != kNoDate) closed |= DocsWithDeadline(std::numeric_limits<std::int32_t>::min(), today - 1);
  Bitset open = closed;
  open.Invert();
  Bitset closing = closing_limit == kNoDate ? Bitset(n) : DocsWithDeadline(std::numeric_limits<std::int32_t>::min(), closing_limit);
  closing &= open;
  const std::array<const Bitset*, 3> status_docs = {&open, &closing, &closed};
  Bitset free_docs = value_docs_[kFreeFacet].empty() ? Bitset(n) : value_docs_[kFreeFacet][0];
  free_docs |= free_here;
  auto docs_of = [&](std::size_t f, std::uint32_t v) -> const Bitset& {
    if (f == kStatusFacet) return *status_docs[v];
    if (f == kFreeFacet) return free_docs;
    return value_docs_[f][v];
  };
  std::array<std::optional<Bitset>, kFacetCount> passing;  // set for active facets
  std::size_t active = 0;
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    if (query.selected[f].empty()) continue;
    Bitset docs(n);
    for (const std::string& value : query.selected[f]) {
      if (const std::uint32_t* v = facet_values_[f].Find(value)) docs |= docs_of(f, *v);
    }
    passing[f] = std::move(docs);
    ++active;
  }
  // Every document passing all active facets but at most one (all the facet counts need).
  auto all_but = [&](std::size_t skip) {
    Bitset docs = filters;
    for (std::size_t g = 0; g < kFacetCount; ++g) {
      if (g != skip && passing[g]) docs &= *passing[g];
    }
    return docs;
  };
  Bitset worth = active == 0 ? filters : Bitset(n);
  for (std::size_t f = 0; f < kFacetCount && active > 0; ++f) {
    if (passing[f]) worth |= all_but(f);
  }

  // 3. The text: the documents matching at least one query word.
  std::vector<std::vector<AlternativeMatches>> words;
  Bitset base = filters;
  if (has_text) {
    Bitset text(n);
    for (const QueryWord& word : parsed.words) {
      auto& matches = words.emplace_back();
      for (const Alternative& alternative : Resolve(word, parsed, corrected)) {
        matches.push_back(Match(alternative, worth));
        for (const Posting& posting : matches.back().postings) text.Set(posting.doc);
      }
    }
    base &= text;
  }
  if (corrected) {
    for (const auto& piece : parsed.pieces) {
      if (!result.suggestion.empty()) result.suggestion += ' ';
      result.suggestion += piece.quoted ? "\"" + piece.text + "\"" : piece.text;
    }
  }
  Bitset matching = base;
  for (const auto& docs : passing) {
    if (docs) matching &= *docs;
  }

  // 4. Facet counts: facet F over the documents passing every other filter.
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    const Bitset* over = &matching;
    Bitset others;
    if (passing[f]) {
      others = base;
      for (std::size_t g = 0; g < kFacetCount; ++g) {
        if (g != f && passing[g]) others &= *passing[g];
      }
      over = &others;
    }
    std::map<std::string, std::size_t> named;
    // Per value, a popcount over the whole set; per document, a walk of its values: whichever
    // costs fewer operations for this set.
    const bool by_value = f == kStatusFacet || f == kFreeFacet ||
                          facet_values_[f].size() * over->word_count() < 2 * over->Count();
    if (by_value) {
      for (std::uint32_t v = 0; v < facet_values_[f].size(); ++v) {
        if (const std::size_t c = over->CountAnd(docs_of(f, v)); c > 0) named.emplace(facet_values_[f].Name(v), c);
      }
    } else {
      std::vector<std::size_t> counts(facet_values_[f].size(), 0);
      over->ForEach([&](std::uint32_t d) {
        for (const std::uint32_t* v = facets_.begin(d, f); v != facets_.end(d, f); ++v) ++counts[*v];
      });
      for (std::uint32_t v = 0; v < counts.size(); ++v) {
        if (counts[v] > 0) named.emplace(facet_values_[f].Name(v), counts[v]);
      }
    }
    if (!named.empty()) result.facets[std::string(FacetKey(static_cast<Facet>(f)))] = std::move(named);
  }

  // 5. Scores of the matching documents only, then the page.
  thread_local Scratch scratch;
  if (has_text) {
    scratch.scores.assign(n, 0.0);
    scratch.matched.assign(n, 0);
    scratch.best.assign(n, 0.0);
    for (const auto& alternatives : words) {
      scratch.touched.clear();
      for (const AlternativeMatches& matches : alternatives) {
        for (const Posting& posting : matches.postings) {
          if (!matching.Test(posting.doc)) continue;
          double weighted_tf = 0;
          for (std::size_t f = 0; f < kFields; ++f) weighted_tf += kFieldWeights[f] * static_cast<double>(posting.tf[f]);
          const double norm = 1.0 - kB + kB * docs_[posting.doc].weighted_length / average_length_;
          // Strictly positive, so that a slot above zero means "touched".
          const double score = std::max(
              matches.weight * matches.idf * weighted_tf * (kK1 + 1.0) / (weighted_tf + kK1 * norm), 1e-12);
          double& best = scratch.best[posting.doc];
          if (best == 0) scratch.touched.push_back(posting.doc);
          best = std::max(best, score);
        }
      }
      for (std::uint32_t d : scratch.touched) {
        scratch.scores[d] += scratch.best[d];
        ++scratch.matched[d];
        scratch.best[d] = 0;
      }
    }
  }
  std::vector<Candidate> hits;
  hits.reserve(matching.Count());
  matching.ForEach([&](std::uint32_t d) {
    hits.push_back({d, has_text ? scratch.matched[d] : std::uint16_t{0}, local.Test(d), has_text ? scratch.scores[d] : 0.0});
  });
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
  return std::make_unique<OfferIndexImpl>(std::move(offers), perimeter_ancestors, std::move(synonyms));
}

}  // namespace boussole::search
