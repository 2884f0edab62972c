#include "latency.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace boussole::bench {
namespace {

// Nearest rank: a latency that was actually observed.
double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

void Latencies::Add(Family family, std::chrono::steady_clock::duration elapsed, std::size_t total) {
  Samples& samples = by_family_[static_cast<std::size_t>(family)];
  samples.ms.push_back(std::chrono::duration<double, std::milli>(elapsed).count());
  samples.totals += static_cast<double>(total);
}

void Latencies::Print(std::string_view engine, std::size_t size) const {
  for (Family family : kFamilies) {
    const Samples& samples = by_family_[static_cast<std::size_t>(family)];
    std::vector<double> sorted = samples.ms;
    std::sort(sorted.begin(), sorted.end());
    const double n = std::max<double>(1, static_cast<double>(sorted.size()));
    std::printf("result\t%.*s\t%zu\t%.*s\t%.4f\t%.4f\t%.4f\t%zu\t%.1f\n", static_cast<int>(engine.size()), engine.data(),
                size, static_cast<int>(FamilyKey(family).size()), FamilyKey(family).data(), Percentile(sorted, 50),
                Percentile(sorted, 95), Percentile(sorted, 99), sorted.size(), samples.totals / n);
  }
  std::fflush(stdout);
}

void PrintMetric(std::string_view engine, std::size_t size, std::string_view name, double value) {
  std::printf("metric\t%.*s\t%zu\t%.*s\t%.3f\n", static_cast<int>(engine.size()), engine.data(), size,
              static_cast<int>(name.size()), name.data(), value);
  std::fflush(stdout);
}

}  // namespace boussole::bench
