#pragma once
// Request metrics in the Prometheus text exposition format (version 0.0.4).
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace boussole::web {

class Metrics {
 public:
  //! Upper bounds of the latency histogram, in seconds.
  static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,  0.1,    0.25,  0.5,  1.0};

  //! Counts one answered request. Thread-safe.
  void Record(const std::string& route, int status, double duration_ms);

  //! A gauge whose value is read at scrape time: name, help, labels → value pairs.
  using GaugeReader = std::function<std::vector<std::pair<std::string, double>>()>;
  //! Registers a gauge before serving starts (not thread-safe). Labels are written as
  //! given, e.g. `state="open"`; "" for a gauge without labels.
  void AddGauge(std::string name, std::string help, GaugeReader read);

  //! The whole exposition text.
  std::string Render() const;

 private:
  struct RouteStats {
    std::map<int, std::uint64_t> by_status;
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum_seconds = 0;
  };
  struct Gauge {
    std::string name;
    std::string help;
    GaugeReader read;
  };

  mutable std::mutex mutex_;
  std::map<std::string, RouteStats> routes_;  // GUARDED_BY(mutex_)
  std::vector<Gauge> gauges_;
};

}  // namespace boussole::web
