// The in-process bench: index build time, peak memory and query latency without HTTP.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <cstdio>

#include "commands.h"
#include "core/clock.h"
#include "latency.h"
#include "memory.h"
#include "search/ancestry.h"
#include "search/offer_index.h"

namespace boussole::bench {

int RunInProcess(const Options& options) {
  World world = MakeWorld(options);
  const double setup_peak = PeakResidentMib();
  const std::string today = TodayUtc();

  std::vector<search::SearchQuery> queries;
  std::map<std::string, std::vector<std::string>> ancestors;
  {
    const search::Ancestry ancestry(world.inputs.territories);
    for (const BenchQuery& bench : world.queries) {
      search::SearchQuery query;
      query.text = bench.text;
      query.today = today;
      if (!bench.territory.empty()) {
        query.territory = bench.territory;
        query.covering = ancestry.Covering(bench.territory);
      }
      for (const auto& [facet, value] : bench.facets) query.Selected(facet).push_back(value);
      queries.push_back(std::move(query));
    }
    std::vector<std::string> perimeters;
    for (const auto& offer : world.corpus) perimeters.push_back(offer.perimeter);
    ancestors = ancestry.ForPerimeters(perimeters);
  }
  // What a server holds is the offers and their index, not the territory files read to
  // make the corpus: drop them before measuring memory.
  std::vector<catalogue::Offer> corpus = std::move(world.corpus);
  search::Synonyms synonyms = world.inputs.synonyms;
  const std::vector<BenchQuery> bench_queries = world.queries;
  world = World{};
  ResetPeak();
  const double before = ResidentMib();

  const auto start = std::chrono::steady_clock::now();
  const auto index = search::OfferIndex::Build(std::move(corpus), std::move(ancestors), std::move(synonyms));
  const double build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double after_build = ResidentMib();

  const Latencies latencies =
      Measure(bench_queries, options.repeats, [&](std::size_t i) { return index->Search(queries[i]).total; });

  PrintMetric("index", options.size, "build_s", build_seconds);
  PrintMetric("index", options.size, "rss_before_build_mib", before);
  PrintMetric("index", options.size, "rss_after_build_mib", after_build);
  PrintMetric("index", options.size, "peak_rss_mib", PeakResidentMib());
  PrintMetric("index", options.size, "setup_peak_rss_mib", setup_peak);
  if (!options.dump.empty()) {
    // The answers once, sorted, in the format of the fts5 and xapian dumps (--dump).
    std::ofstream out(options.dump);
    for (std::size_t i = 0; i < queries.size(); ++i) {
      const search::SearchResult result = index->Search(queries[i]);
      std::vector<std::string> lines{"q" + std::to_string(i) + "\ttotal\t\t" + std::to_string(result.total)};
      for (const auto& [facet, counts] : result.facets) {
        for (const auto& [value, count] : counts) {
          if (count > 0) lines.push_back("q" + std::to_string(i) + "\t" + facet + "\t" + value + "\t" + std::to_string(count));
        }
      }
      std::sort(lines.begin(), lines.end());
      for (const std::string& line : lines) out << line << "\n";
    }
  }
  latencies.Print("index", options.size);
  return 0;
}

}  // namespace boussole::bench
