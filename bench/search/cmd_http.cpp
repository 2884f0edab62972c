// The HTTP bench: the same queries through GET /api/v1/offers/search of a running server.
#include <chrono>
#include <regex>
#include <stdexcept>

#include "commands.h"
#include "http_client.h"
#include "latency.h"
#include "search/search_query.h"

namespace boussole::bench {
namespace {

std::string Target(const BenchQuery& query, std::size_t serial) {
  std::string target = "/api/v1/offers/search?q=" + UrlEncode(query.text);
  if (!query.territory.empty()) target += "&territory=" + UrlEncode(query.territory);
  for (const auto& [facet, value] : query.facets) {
    target += "&" + std::string(search::FacetKey(facet)) + "=" + UrlEncode(value);
  }
  // The response cache answers a URL it has seen: a fresh parameter (ignored by the API)
  // makes every request run the search, as distinct visitors' queries would.
  return target + "&bench=" + std::to_string(serial);
}

}  // namespace

int RunHttp(const Options& options) {
  static const std::regex kUrl(R"(http://([^:/]+):([0-9]+)/?)");
  std::smatch match;
  if (!std::regex_match(options.url, match, kUrl)) throw std::invalid_argument("--url: http://HOST:PORT expected");
  World world = MakeWorld(options);
  HttpClient client(match[1], match[2]);
  std::size_t serial = 0;

  // The server builds its index at the first search after a change: time it apart.
  const auto start = std::chrono::steady_clock::now();
  client.Get(Target(world.queries.front(), ++serial));
  PrintMetric("http", options.size, "first_search_s",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());

  const Latencies latencies = Measure(world.queries, options.repeats, [&](std::size_t i) {
    const std::string body = client.Get(Target(world.queries[i], ++serial));
    // Reading "total" is part of what a client does with the answer; it costs microseconds.
    const auto at = body.find("\"total\":");
    return at == std::string::npos ? 0 : std::stoul(body.substr(at + 8, 20));
  });
  latencies.Print("http", options.size);
  return 0;
}

}  // namespace boussole::bench
