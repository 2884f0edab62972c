#pragma once
// Latency samples per query family, and the lines every bench command prints: run.sh
// collects them (tab-separated) into the report.
#include <array>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "query_set.h"

namespace boussole::bench {

class Latencies {
 public:
  void Add(Family family, std::chrono::steady_clock::duration elapsed, std::size_t total);
  //! One "result" line per family: engine, size, family, p50, p95, p99 (ms), samples,
  //! mean number of matching offers (to check that the engines do comparable work).
  void Print(std::string_view engine, std::size_t size) const;

 private:
  struct Samples {
    std::vector<double> ms;
    double totals = 0;
  };
  std::array<Samples, 4> by_family_;
};

//! Seconds since `start`, for the build and load timings the stores print.
inline double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

//! A "metric" line: engine, size, name, value.
void PrintMetric(std::string_view engine, std::size_t size, std::string_view name, double value);

//! Runs `run(i)` on queries[i] (it returns the number of matches) over the whole query set
//! `repeats` times, after one unrecorded pass, interleaving families.
template <typename Run>
Latencies Measure(const std::vector<BenchQuery>& queries, std::size_t repeats, Run run) {
  for (std::size_t i = 0; i < queries.size(); ++i) run(i);
  Latencies latencies;
  for (std::size_t r = 0; r < repeats; ++r) {
    for (std::size_t i = 0; i < queries.size(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      const std::size_t total = run(i);
      latencies.Add(queries[i].family, std::chrono::steady_clock::now() - start, total);
    }
  }
  return latencies;
}

}  // namespace boussole::bench
