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

constexpr std::size_t kFields = 3;  // title (name, short title, initial name), description, eligibility
constexpr std::array<double, kFields> kFieldWeights = {3.0, 1.0, 0.5};
constexpr std::uint32_t kGap = std::numeric_limits<std::uint32_t>::max();  // between title parts
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kPrefixWeight = 0.5;      // a completion counts less than the word itself
constexpr std::size_t kMaxCompletions = 64;
constexpr std::size_t kStatusFacet = static_cast<std::size_t>(Facet::kStatus);
constexpr std::size_t kFreeFacet = static_cast<std::size_t>(Facet::kFree);
const std::vector<std::string> kFreeValues{"true"};

struct Posting {
  std::uint32_t doc = 0;
  std::array<std::uint32_t, kFields> tf{};
};

struct Document {
  std::array<std::vector<std::uint32_t>, kFields> terms;
  double weighted_length = 0;
  std::array<std::vector<std::string>, kFacetCount> values;  // kStatus stays empty
  std::vector<std::string> members;    // the perimeter, or the ad-hoc perimeter's territories
  std::vector<std::string> ancestors;  // of every member, without repeats
  std::string folded_name;
  int width = 5;
};

//! One alternative of a query word, resolved against the vocabulary.
struct Alternative {
  std::vector<std::uint32_t> terms;  // consecutive
  double weight = 1.0;
};

bool Selected(const std::vector<std::string>& selected, const std::vector<std::string>& values) {
  for (const std::string& value : values) {
    if (std::find(selected.begin(), selected.end(), value) != selected.end()) return true;
  }
  return false;
}

std::size_t CountPhrase(const std::vector<std::uint32_t>& field, const std::vector<std::uint32_t>& phrase) {
  if (phrase.empty() || field.size() < phrase.size()) return 0;
  std::size_t count = 0;
  for (std::size_t i = 0; i + phrase.size() <= field.size(); ++i) {
    if (std::equal(phrase.begin(), phrase.end(), field.begin() + static_cast<std::ptrdiff_t>(i))) ++count;
  }
  return count;
}

class OfferIndexImpl final : public OfferIndex {
 public:
  OfferIndexImpl(std::vector<catalogue::Offer> offers,
                 std::map<std::string, std::vector<std::string>> perimeter_ancestors, Synonyms synonyms)
      : offers_(std::move(offers)),
        ancestors_(std::move(perimeter_ancestors)),
        synonyms_(std::move(synonyms)) {
    docs_.reserve(offers_.size());
    double total_length = 0;
    for (std::uint32_t d = 0; d < offers_.size(); ++d) {
      docs_.push_back(MakeDocument(d));
      total_length += docs_.back().weighted_length;
    }
    average_length_ = docs_.empty() ? 1.0 : std::max(1.0, total_length / static_cast<double>(docs_.size()));
    for (const auto& [word, term] : surface_) spelling_.Add(word, postings_[term].size());
  }

  SearchResult Search(const SearchQuery& query) const override;
  const std::vector<catalogue::Offer>& offers() const override { return offers_; }

 private:
  Document MakeDocument(std::uint32_t d);
  void AddField(std::uint32_t d, std::size_t field, std::string_view text, Document& doc);
  std::uint32_t TermId(const std::string& stem);
  const std::uint32_t* FindTerm(const std::string& stem) const;
  std::vector<Alternative> Resolve(const QueryWord& word, ParsedQuery& parsed, bool& corrected) const;
  std::unordered_map<std::uint32_t, double> ScoreWord(const std::vector<Alternative>& alternatives) const;
  //! 0: outside the territory; 1: available there; 2: inside it (local).
  int TerritoryMatch(const Document& doc, const SearchQuery& query) const;
  void SortHits(std::vector<Hit>& hits, Sort sort) const;

  std::vector<catalogue::Offer> offers_;
  std::map<std::string, std::vector<std::string>> ancestors_;
  Synonyms synonyms_;
  std::vector<Document> docs_;
  std::unordered_map<std::string, std::uint32_t> term_ids_;
  std::vector<std::vector<Posting>> postings_;  // by term id, docs ascending
  std::map<std::string, std::uint32_t> surface_;  // folded word → term id, sorted for prefixes
  Spelling spelling_;
  double average_length_ = 1.0;
};

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

Document OfferIndexImpl::MakeDocument(std::uint32_t d) {
  const catalogue::Offer& offer = offers_[d];
  Document doc;
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
  for (std::size_t f = 0; f < kFacetCount; ++f) doc.values[f] = StaticFacetValues(offer, static_cast<Facet>(f));
  doc.members = catalogue::PerimeterTerritories(offer);
  doc.width = doc.members.empty() ? PerimeterWidth("") : 0;
  for (const std::string& member : doc.members) {
    doc.width = std::max(doc.width, PerimeterWidth(member));
    auto it = ancestors_.find(member);
    if (it == ancestors_.end()) continue;
    for (const std::string& ancestor : it->second) {
      if (std::find(doc.ancestors.begin(), doc.ancestors.end(), ancestor) == doc.ancestors.end()) {
        doc.ancestors.push_back(ancestor);
      }
    }
  }
  doc.folded_name = FoldForSearch(offer.name);
  return doc;
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

std::unordered_map<std::uint32_t, double> OfferIndexImpl::ScoreWord(
    const std::vector<Alternative>& alternatives) const {
  std::unordered_map<std::uint32_t, double> best;
  const double n = static_cast<double>(docs_.size());
  for (const Alternative& alternative : alternatives) {
    // Field frequencies of the alternative in every document holding its first term.
    std::vector<std::pair<std::uint32_t, std::array<std::size_t, kFields>>> matches;
    for (const Posting& posting : postings_[alternative.terms[0]]) {
      std::array<std::size_t, kFields> tf{};
      bool any = false;
      for (std::size_t f = 0; f < kFields; ++f) {
        tf[f] = alternative.terms.size() == 1 ? posting.tf[f]
                                               : CountPhrase(docs_[posting.doc].terms[f], alternative.terms);
        any = any || tf[f] > 0;
      }
      if (any) matches.emplace_back(posting.doc, tf);
    }
    const double df = static_cast<double>(matches.size());
    const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    for (const auto& [d, tf] : matches) {
      double weighted_tf = 0;
      for (std::size_t f = 0; f < kFields; ++f) weighted_tf += kFieldWeights[f] * static_cast<double>(tf[f]);
      const double norm = 1.0 - kB + kB * docs_[d].weighted_length / average_length_;
      const double score = alternative.weight * idf * weighted_tf * (kK1 + 1.0) / (weighted_tf + kK1 * norm);
      double& slot = best[d];
      slot = std::max(slot, score);
    }
  }
  return best;
}

int OfferIndexImpl::TerritoryMatch(const Document& doc, const SearchQuery& query) const {
  if (query.territory.empty() && query.covering.empty()) return 1;
  for (const std::string& member : doc.members) {
    if (member == query.territory ||
        std::find(query.covering.begin(), query.covering.end(), member) != query.covering.end()) {
      return 1;
    }
  }
  if (!query.territory.empty() &&
      std::find(doc.ancestors.begin(), doc.ancestors.end(), query.territory) != doc.ancestors.end()) {
    return 2;
  }
  return 0;
}

void OfferIndexImpl::SortHits(std::vector<Hit>& hits, Sort sort) const {
  auto by_slug = [](const Hit& a, const Hit& b) { return a.slug < b.slug; };
  switch (sort) {
    case Sort::kRelevance:
      std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
        if (a.matched_words != b.matched_words) return a.matched_words > b.matched_words;
        if (a.score != b.score) return a.score > b.score;
        return by_slug(a, b);
      });
      break;
    case Sort::kDeadline:
      std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
        const std::string& da = offers_[a.offer].submission_deadline;
        const std::string& db = offers_[b.offer].submission_deadline;
        if (da.empty() != db.empty()) return db.empty();
        if (da != db) return da < db;
        return by_slug(a, b);
      });
      break;
    case Sort::kName:
      std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
        const std::string& na = docs_[a.offer].folded_name;
        const std::string& nb = docs_[b.offer].folded_name;
        if (na != nb) return na < nb;
        return by_slug(a, b);
      });
      break;
    case Sort::kNewest:
      std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
        const std::string& pa = offers_[a.offer].published_at;
        const std::string& pb = offers_[b.offer].published_at;
        if (pa != pb) return pa > pb;
        return by_slug(a, b);
      });
      break;
    case Sort::kNarrowestPerimeter:
      std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
        if (docs_[a.offer].width != docs_[b.offer].width) return docs_[a.offer].width < docs_[b.offer].width;
        const std::string& na = docs_[a.offer].folded_name;
        const std::string& nb = docs_[b.offer].folded_name;
        if (na != nb) return na < nb;
        return by_slug(a, b);
      });
      break;
  }
}

SearchResult OfferIndexImpl::Search(const SearchQuery& query) const {
  SearchResult result;
  ParsedQuery parsed = ParseQuery(query.text, synonyms_);
  bool corrected = false;
  std::vector<double> scores;
  std::vector<std::uint16_t> matched;
  const bool has_text = !parsed.words.empty();
  if (has_text) {
    scores.assign(docs_.size(), 0.0);
    matched.assign(docs_.size(), 0);
    for (const QueryWord& word : parsed.words) {
      std::vector<Alternative> alternatives = Resolve(word, parsed, corrected);
      for (const auto& [d, score] : ScoreWord(alternatives)) {
        scores[d] += score;
        ++matched[d];
      }
    }
  }
  if (corrected) {
    for (const auto& piece : parsed.pieces) {
      if (!result.suggestion.empty()) result.suggestion += ' ';
      result.suggestion += piece.quoted ? "\"" + piece.text + "\"" : piece.text;
    }
  }

  std::array<std::map<std::string, std::size_t>, kFacetCount> counts;
  std::vector<Hit> hits;
  std::vector<std::string> status;
  const std::string closing_limit = AddDays(query.today, 30);
  const std::string territory_kind = query.territory.substr(0, query.territory.find(':'));
  for (std::uint32_t d = 0; d < docs_.size(); ++d) {
    if (has_text && matched[d] == 0) continue;
    const Document& doc = docs_[d];
    const catalogue::Offer& offer = offers_[d];
    const int territory = TerritoryMatch(doc, query);
    if (territory == 0) continue;
    if (!catalogue::PopulationAllows(offer, territory_kind, query.territory_population)) continue;
    if (!query.deadline_before.empty() &&
        (offer.submission_deadline.empty() || offer.submission_deadline > query.deadline_before)) {
      continue;
    }
    if (!query.published_after.empty() &&
        (offer.published_at.empty() || offer.published_at.substr(0, 10) < query.published_after)) {
      continue;
    }
    status = StatusValues(offer, query.today, closing_limit);
    const bool free_here = doc.values[kFreeFacet].empty() &&
                           catalogue::FreeByPopulation(offer, territory_kind, query.territory_population);
    auto values_of = [&](std::size_t f) -> const std::vector<std::string>& {
      if (f == kStatusFacet) return status;
      if (f == kFreeFacet && free_here) return kFreeValues;
      return doc.values[f];
    };
    // Which facets does the offer fail? It counts in facet F when it fails no other facet.
    std::uint32_t failed = 0;
    std::size_t failures = 0;
    for (std::size_t f = 0; f < kFacetCount; ++f) {
      if (!query.selected[f].empty() && !Selected(query.selected[f], values_of(f))) {
        failed |= 1u << f;
        ++failures;
      }
    }
    if (failures > 1) continue;
    for (std::size_t f = 0; f < kFacetCount; ++f) {
      if (failed != 0 && failed != (1u << f)) continue;
      for (const std::string& value : values_of(f)) ++counts[f][value];
    }
    if (failed != 0) continue;
    Hit hit;
    hit.offer = d;
    hit.slug = offer.slug;
    hit.score = has_text ? scores[d] : 0.0;
    hit.matched_words = has_text ? matched[d] : 0;
    hit.local = territory == 2;
    hits.push_back(std::move(hit));
  }
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    if (!counts[f].empty()) result.facets[std::string(FacetKey(static_cast<Facet>(f)))] = std::move(counts[f]);
  }
  SortHits(hits, query.sort);
  result.total = hits.size();
  const std::size_t per_page = std::max<std::size_t>(1, query.per_page);
  const std::size_t first = (std::max<std::size_t>(1, query.page) - 1) * per_page;
  for (std::size_t i = first; i < hits.size() && i < first + per_page; ++i) {
    result.hits.push_back(std::move(hits[i]));
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
