#include "web/http/metrics.h"

#include <sstream>

namespace boussole::web {
namespace {

// Label values are route names or numbers; escape anyway, as the format requires.
std::string Escape(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::Record(const std::string& route, int status, double duration_ms) {
  const double seconds = duration_ms / 1000.0;
  std::lock_guard lock(mutex_);
  RouteStats& stats = routes_[route.empty() ? "none" : route];
  ++stats.by_status[status];
  ++stats.count;
  stats.sum_seconds += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++stats.buckets[i];
  }
}

void Metrics::AddGauge(std::string name, std::string help, GaugeReader read) {
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
  std::ostringstream out;
  {
    std::lock_guard lock(mutex_);
    out << "# HELP boussole_http_requests_total Requests answered, by route and status.\n"
        << "# TYPE boussole_http_requests_total counter\n";
    for (const auto& [route, stats] : routes_) {
      for (const auto& [status, count] : stats.by_status) {
        out << "boussole_http_requests_total{route=\"" << Escape(route) << "\",status=\"" << status << "\"} "
            << count << "\n";
      }
    }
    out << "# HELP boussole_http_request_duration_seconds Time from request start to response written.\n"
        << "# TYPE boussole_http_request_duration_seconds histogram\n";
    for (const auto& [route, stats] : routes_) {
      const std::string label = "route=\"" + Escape(route) + "\"";
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        out << "boussole_http_request_duration_seconds_bucket{" << label << ",le=\"" << kBuckets[i] << "\"} "
            << stats.buckets[i] << "\n";
      }
      out << "boussole_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} " << stats.count << "\n"
          << "boussole_http_request_duration_seconds_sum{" << label << "} " << stats.sum_seconds << "\n"
          << "boussole_http_request_duration_seconds_count{" << label << "} " << stats.count << "\n";
    }
  }
  for (const Gauge& gauge : gauges_) {
    out << "# HELP " << gauge.name << " " << gauge.help << "\n# TYPE " << gauge.name << " gauge\n";
    std::vector<std::pair<std::string, double>> values;
    try {
      values = gauge.read();
    } catch (const std::exception&) {
      continue;  // e.g. the database is down: /readyz says so, /metrics stays up
    }
    for (const auto& [labels, value] : values) {
      out << gauge.name << (labels.empty() ? "" : "{" + labels + "}") << " " << value << "\n";
    }
  }
  return out.str();
}

}  // namespace boussole::web
