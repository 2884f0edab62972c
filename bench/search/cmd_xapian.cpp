// The Xapian engine: the same corpus and queries through a Xapian database on disk, in
// this process.
#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "commands.h"
#include "core/clock.h"
#include "disk_size.h"
#include "latency.h"
#include "search/ancestry.h"
#include "search/offer_filters.h"
#include "xapian_store.h"

namespace boussole::bench {

int RunXapian(const Options& options) {
  World world = MakeWorld(options);
  std::filesystem::create_directories(options.dir);
  const XapianBuildTimes times = BuildXapian(options.dir, world);
  PrintMetric("xapian", options.size, "analyse_s", times.analyse_s);
  PrintMetric("xapian", options.size, "index_s", times.index_s);
  PrintMetric("xapian", options.size, "compact_s", times.compact_s);
  PrintMetric("xapian", options.size, "build_s", times.analyse_s + times.index_s + times.compact_s);
  PrintMetric("xapian", options.size, "disk_mib", FolderMib(options.dir / "db"));

  const search::Ancestry ancestry(world.inputs.territories);
  const std::string today = TodayUtc();
  const std::string closing_limit = search::AddDays(today, 30);
  std::vector<std::vector<std::string>> coverings;
  for (const BenchQuery& query : world.queries) {
    coverings.push_back(query.territory.empty() ? std::vector<std::string>{} : ancestry.Covering(query.territory));
  }
  XapianSearcher searcher(options.dir / "db");
  const Latencies latencies = Measure(world.queries, options.repeats, [&](std::size_t i) {
    const XapianResult result = searcher.Search(world.queries[i], coverings[i], today, closing_limit);
    // The counts are only honest if the spy saw every match.
    if (result.counted != result.total) {
      throw std::runtime_error("xapian: the match spy saw " + std::to_string(result.counted) + " of " +
                               std::to_string(result.total) + " matches");
    }
    return result.total;
  });
  if (!options.dump.empty()) {
    // The answers once, sorted, to compare the engines' counts (--dump).
    std::ofstream out(options.dump);
    for (std::size_t i = 0; i < world.queries.size(); ++i) {
      const XapianResult result = searcher.Search(world.queries[i], coverings[i], today, closing_limit);
      std::vector<std::string> lines{"q" + std::to_string(i) + "\ttotal\t\t" + std::to_string(result.total)};
      for (const auto& [facet, counts] : result.facets) {
        for (const auto& [value, count] : counts) {
          lines.push_back("q" + std::to_string(i) + "\t" + facet + "\t" + value + "\t" + std::to_string(count));
        }
      }
      std::sort(lines.begin(), lines.end());
      for (const std::string& line : lines) out << line << "\n";
    }
  }
  latencies.Print("xapian", options.size);
  return 0;
}

}  // namespace boussole::bench
