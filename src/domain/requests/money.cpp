#include "domain/requests/money.h"

#include <algorithm>

namespace boussole::requests {
namespace {

std::optional<std::int64_t> Amount(const Request& request, const char* name) {
  const auto it = request.fields.find(name);
  if (it == request.fields.end() || it->second.empty()) return std::nullopt;
  return std::stoll(it->second);
}

}  // namespace

std::optional<CostSplit> SplitCost(const Request& request, std::optional<std::int64_t> population,
                                   const MoneyRules& rules) {
  const auto total = Amount(request, "cout_euros");
  if (!total) return std::nullopt;
  CostSplit split;
  split.total = *total;
  if (request.workflow == "anct") {
    if (population && *population < rules.anct_free_below_inhabitants) {
      split.anct = split.total;
      split.rule = "Ingénierie de l'ANCT gratuite pour les communes de moins de " +
                   std::to_string(rules.anct_free_below_inhabitants) + " habitants.";
      return split;
    }
    split.collectivite = std::min(split.total, Amount(request, "part_collectivite_euros").value_or(0));
    split.anct = split.total - split.collectivite;
    split.rule = "Cofinancement saisi à la main.";
    return split;
  }
  if (request.workflow == "cerema") {
    const std::int64_t days = Amount(request, "jours").value_or(0);
    const std::int64_t free_days = std::min(days, rules.cerema_free_days);
    const std::int64_t free = days > 0 ? split.total * free_days / days : 0;
    const std::int64_t rest = split.total - free;
    split.collectivite = rest * (100 - rules.cerema_share_percent) / 100;
    split.cerema = split.total - split.collectivite;
    split.rule = "Freemium du Cerema : " + std::to_string(rules.cerema_free_days) +
                 " jours d'expertise autofinancés par le Cerema, puis " + std::to_string(rules.cerema_share_percent) +
                 " % de l'étude.";
    return split;
  }
  return std::nullopt;
}

}  // namespace boussole::requests
