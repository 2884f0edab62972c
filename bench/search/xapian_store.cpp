#include "xapian_store.h"

#include <array>
#include <chrono>
#include <stdexcept>

#include "engine_text.h"
#include "latency.h"
#include "search/ancestry.h"
#include "search/offer_filters.h"

namespace boussole::bench {
namespace {

using search::Facet;
using search::kFacetCount;

// wdf increments per field, in the index's ratio 3 : 1 : 0.5 (kFieldWeights), doubled
// because wdf is an integer. BM25 then sees a title word as six occurrences.
constexpr Xapian::termcount kTitleWdf = 6;
constexpr Xapian::termcount kDescriptionWdf = 2;
constexpr Xapian::termcount kEligibilityWdf = 1;
constexpr double kPrefixWeight = 0.5;  // a completion counts less than a whole word, as in the index
constexpr Xapian::valueno kFacetSlot = 0;
constexpr std::size_t kStatusFacet = static_cast<std::size_t>(Facet::kStatus);

// Boolean terms, upper-case prefixes (the stems are lower-case: a completion never
// expands into them).
std::string FacetTerm(Facet facet, const std::string& value) {
  return "XF" + std::to_string(static_cast<int>(facet)) + ":" + value;
}
std::string PerimeterTerm(const std::string& id) { return "XP" + id; }
std::string AncestorTerm(const std::string& id) { return "XA" + id; }

void AddText(Xapian::Document& document, const std::string& stems, Xapian::termcount wdf) {
  std::size_t start = 0;
  while (start < stems.size()) {
    std::size_t end = stems.find(' ', start);
    if (end == std::string::npos) end = stems.size();
    if (end > start) document.add_term(stems.substr(start, end - start), wdf);
    start = end + 1;
  }
}

// The facet slot: [closed: 1 byte][deadline length: 1 byte][deadline][(facet, id high,
// id low) per value]. One value read per matching document gives everything the counts
// need; the value names are in the database's metadata ("facet:N", one per line).
class FacetSpy : public Xapian::MatchSpy {
 public:
  FacetSpy(const std::vector<std::vector<std::string>>& names, std::array<bool, kFacetCount> counted,
           std::string today, std::string closing_limit)
      : counted_(counted), today_(std::move(today)), closing_limit_(std::move(closing_limit)) {
    for (std::size_t f = 0; f < kFacetCount; ++f) counts_[f].assign(names[f].size(), 0);
  }

  void operator()(const Xapian::Document& document, double /*weight*/) override {
    ++documents_;
    const std::string packed = document.get_value(kFacetSlot);
    if (packed.size() < 2) return;
    const std::size_t length = static_cast<unsigned char>(packed[1]);
    if (counted_[kStatusFacet]) {
      const std::string_view deadline(packed.data() + 2, length);
      if (packed[0] == 1 || (!deadline.empty() && deadline < today_)) {
        ++status_[2];
      } else {
        ++status_[0];
        if (!deadline.empty() && deadline <= closing_limit_) ++status_[1];
      }
    }
    for (std::size_t at = 2 + length; at + 3 <= packed.size(); at += 3) {
      const auto facet = static_cast<unsigned char>(packed[at]);
      if (!counted_[facet]) continue;
      const std::size_t id = static_cast<std::size_t>(static_cast<unsigned char>(packed[at + 1])) << 8 |
                             static_cast<unsigned char>(packed[at + 2]);
      ++counts_[facet][id];
    }
  }

  void AddTo(const std::vector<std::vector<std::string>>& names,
             std::map<std::string, std::map<std::string, std::size_t>>& facets) const {
    for (std::size_t f = 0; f < kFacetCount; ++f) {
      if (!counted_[f]) continue;
      auto& counts = facets[std::string(search::FacetKey(static_cast<Facet>(f)))];
      if (f == kStatusFacet) {
        const char* kNames[] = {"open", "closing", "closed"};
        for (std::size_t s = 0; s < 3; ++s) {
          if (status_[s] > 0) counts[kNames[s]] = status_[s];
        }
        continue;
      }
      for (std::size_t id = 0; id < counts_[f].size(); ++id) {
        if (counts_[f][id] > 0) counts[names[f][id]] = counts_[f][id];
      }
    }
  }
  std::size_t documents() const { return documents_; }

 private:
  std::array<bool, kFacetCount> counted_;
  std::string today_;
  std::string closing_limit_;
  std::array<std::vector<std::size_t>, kFacetCount> counts_;
  std::array<std::size_t, 3> status_{};
  std::size_t documents_ = 0;
};

Xapian::Query AndAll(const std::vector<Xapian::Query>& queries) {
  if (queries.empty()) return Xapian::Query::MatchAll;
  return Xapian::Query(Xapian::Query::OP_AND, queries.begin(), queries.end());
}

}  // namespace

XapianBuildTimes BuildXapian(const std::filesystem::path& folder, const World& world) {
  XapianBuildTimes times;
  const std::filesystem::path build = folder / "build";
  const std::filesystem::path db = folder / "db";
  std::filesystem::remove_all(build);
  std::filesystem::remove_all(db);

  auto start = std::chrono::steady_clock::now();
  std::vector<AnalyzedOffer> analysed;
  analysed.reserve(world.corpus.size());
  TextAnalyser analyser;
  for (const auto& offer : world.corpus) analysed.push_back(analyser.Offer(offer));
  times.analyse_s = Since(start);

  start = std::chrono::steady_clock::now();
  {
    const search::Ancestry ancestry(world.inputs.territories);
    Xapian::WritableDatabase writable(build.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    std::array<std::map<std::string, std::size_t>, kFacetCount> ids;
    std::array<std::string, kFacetCount> names;
    for (std::size_t i = 0; i < world.corpus.size(); ++i) {
      const catalogue::Offer& offer = world.corpus[i];
      Xapian::Document document;
      AddText(document, analysed[i].title, kTitleWdf);
      AddText(document, analysed[i].description, kDescriptionWdf);
      AddText(document, analysed[i].eligibility, kEligibilityWdf);
      std::string packed;
      packed += static_cast<char>(offer.closed_at.empty() ? 0 : 1);
      packed += static_cast<char>(offer.submission_deadline.size());
      packed += offer.submission_deadline;
      for (std::size_t f = 0; f < kFacetCount; ++f) {
        if (f == kStatusFacet) continue;
        for (const std::string& value : search::StaticFacetValues(offer, static_cast<Facet>(f))) {
          document.add_boolean_term(FacetTerm(static_cast<Facet>(f), value));
          auto [found, added] = ids[f].emplace(value, ids[f].size());
          if (added) names[f] += value + "\n";
          if (found->second > 0xffff) throw std::runtime_error("xapian: more than 65 536 values in a facet");
          packed += static_cast<char>(f);
          packed += static_cast<char>(found->second >> 8);
          packed += static_cast<char>(found->second & 0xff);
        }
      }
      document.add_value(kFacetSlot, packed);
      if (!offer.perimeter.empty()) {
        document.add_boolean_term(PerimeterTerm(offer.perimeter));
        for (const std::string& ancestor : ancestry.Ancestors(offer.perimeter)) {
          document.add_boolean_term(AncestorTerm(ancestor));
        }
      }
      document.set_data(offer.slug);
      writable.add_document(document);
    }
    for (std::size_t f = 0; f < kFacetCount; ++f) writable.set_metadata("facet:" + std::to_string(f), names[f]);
    writable.commit();
    times.index_s = Since(start);
    start = std::chrono::steady_clock::now();
    writable.compact(db.string());
  }
  std::filesystem::remove_all(build);
  times.compact_s = Since(start);
  return times;
}

XapianSearcher::XapianSearcher(const std::filesystem::path& db) : db_(db.string()) {
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    const std::string joined = db_.get_metadata("facet:" + std::to_string(f));
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start < joined.size()) {
      const std::size_t end = joined.find('\n', start);
      names.push_back(joined.substr(start, end - start));
      start = end + 1;
    }
    names_.push_back(std::move(names));
  }
}

XapianResult XapianSearcher::Search(const BenchQuery& query, const std::vector<std::string>& covering,
                                    const std::string& today, const std::string& closing_limit) {
  // Text: any word (OP_OR: the more words an offer has, the higher BM25 puts it); the
  // word being typed expands to every stem it begins, as one synonym, at half weight.
  const MatchTerms terms = AnalyzeQuery(query.text);
  std::vector<Xapian::Query> words;
  for (const std::string& stem : terms.stems) words.emplace_back(stem);
  if (!terms.prefix.empty()) {
    words.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_WILDCARD, terms.prefix, 0, Xapian::Query::WILDCARD_LIMIT_ERROR,
                                     Xapian::Query::OP_SYNONYM),
                       kPrefixWeight);
  }
  const bool has_text = !words.empty();
  const Xapian::Query text = has_text ? Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end())
                                      : Xapian::Query::MatchAll;

  // Filters: the territory (the perimeter covers it, or lies inside it), and one boolean
  // term per selected facet value.
  std::vector<Xapian::Query> territory;
  if (!query.territory.empty()) {
    std::vector<Xapian::Query> places;
    for (const std::string& id : covering) places.emplace_back(PerimeterTerm(id));
    places.emplace_back(AncestorTerm(query.territory));
    territory.emplace_back(Xapian::Query::OP_OR, places.begin(), places.end());
  }
  std::vector<Xapian::Query> facet_filters;
  std::array<bool, kFacetCount> counted;
  counted.fill(true);
  for (const auto& [facet, value] : query.facets) {
    facet_filters.emplace_back(FacetTerm(facet, value));
    counted[static_cast<std::size_t>(facet)] = false;
  }
  const auto filtered = [&](std::size_t skip) {
    std::vector<Xapian::Query> filters = territory;
    for (std::size_t i = 0; i < facet_filters.size(); ++i) {
      if (i != skip) filters.push_back(facet_filters[i]);
    }
    if (filters.empty()) return text;
    return Xapian::Query(Xapian::Query::OP_FILTER, text, AndAll(filters));
  };

  XapianResult result;
  const Xapian::doccount all = db_.get_doccount();
  Xapian::Enquire enquire(db_);
  // Without text every match weighs 0: BoolWeight skips the statistics (docid order).
  if (!has_text) enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_query(filtered(facet_filters.size()));
  FacetSpy spy(names_, counted, today, closing_limit);
  enquire.add_matchspy(&spy);
  // check_at_least = every document: the total is exact and the spy sees every match.
  const Xapian::MSet mset = enquire.get_mset(0, 20, all);
  result.total = mset.get_matches_estimated();
  result.counted = spy.documents();
  for (auto it = mset.begin(); it != mset.end(); ++it) result.page.push_back(it.get_document().get_data());
  spy.AddTo(names_, result.facets);
  enquire.clear_matchspies();

  // A selected facet is counted under the other filters: one more match each, without
  // its own filter, no page, no ranking.
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  for (std::size_t i = 0; i < query.facets.size(); ++i) {
    std::array<bool, kFacetCount> only{};
    only[static_cast<std::size_t>(query.facets[i].first)] = true;
    FacetSpy facet_spy(names_, only, today, closing_limit);
    enquire.set_query(filtered(i));
    enquire.add_matchspy(&facet_spy);
    enquire.get_mset(0, 0, all);
    facet_spy.AddTo(names_, result.facets);
    enquire.clear_matchspies();
  }
  return result;
}

}  // namespace boussole::bench
