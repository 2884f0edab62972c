#include "domain/requests/dashboard.h"

#include <algorithm>
#include <ctime>

namespace boussole::requests {
namespace {

std::time_t ParseUtc(const std::string& text) {
  std::tm tm{};
  if (text.size() < 19) return 0;
  tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(text.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(text.substr(8, 2));
  tm.tm_hour = std::stoi(text.substr(11, 2));
  tm.tm_min = std::stoi(text.substr(14, 2));
  tm.tm_sec = std::stoi(text.substr(17, 2));
  return timegm(&tm);
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

double HoursBetween(const std::string& from, const std::string& to) {
  return static_cast<double>(ParseUtc(to) - ParseUtc(from)) / 3600.0;
}

Dashboard ComputeDashboard(const std::vector<DashboardInput>& inputs, const MoneyRules& rules) {
  Dashboard d;
  std::map<std::string, std::vector<double>> stays;
  for (const auto& in : inputs) {
    const Request& r = in.request;
    ++d.by_state[r.workflow + "/" + r.state];
    ++d.by_theme[r.theme];
    ++d.by_departement[r.departement];
    // A stay in a state runs from the event that entered it to the next transition.
    std::string state, since;
    for (const auto& e : in.trail) {
      if (e.kind != "created" && e.kind != "transition") continue;
      if (!state.empty() && e.kind == "transition") stays[r.workflow + "/" + state].push_back(HoursBetween(since, e.at));
      state = e.to_state;
      since = e.at;
      if (e.transition == "engager" && r.workflow == "anct") {
        if (const auto split = SplitCost(r, in.population, rules)) d.committed[std::stoi(e.at.substr(0, 4))] += split->anct;
      }
    }
    if (r.workflow == "anct" && r.state == "orientee_locale") ++d.answered_locally;
    const auto mode = r.fields.find("mode");
    if (r.workflow == "anct" && mode != r.fields.end()) {
      if (mode->second == "marche_ingenierie" || mode->second == "operateur_partenaire") {
        ++d.answered_externally;
      } else {
        ++d.answered_by_anct;
      }
    }
    if ((r.workflow == "cerema" && r.fields.count("cout_euros")) || (r.workflow == "atelier" && r.fields.count("format"))) {
      ++d.answered_externally;
    }
  }
  for (const auto& [key, values] : stays) d.median_hours[key] = Median(values);
  return d;
}

std::map<int, std::int64_t> Envelopes(const std::string& setting) {
  std::map<int, std::int64_t> envelopes{{2020, 10000000}, {2021, 20000000}};
  std::size_t at = 0;
  while (at < setting.size()) {
    const std::size_t end = std::min(setting.find(',', at), setting.size());
    const std::string item = setting.substr(at, end - at);
    at = end + 1;
    const std::size_t equal = item.find('=');
    if (equal == std::string::npos) continue;
    try {
      envelopes[std::stoi(item.substr(0, equal))] = std::stoll(item.substr(equal + 1));
    } catch (const std::exception&) {
      // A malformed item is ignored; the configuration check refuses it at start.
    }
  }
  return envelopes;
}

}  // namespace boussole::requests
