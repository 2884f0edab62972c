#include "random.h"

#include <algorithm>

namespace boussole::bench {

Weighted::Weighted(const std::vector<double>& weights) {
  double total = 0;
  for (double weight : weights) {
    total += weight;
    cumulative_.push_back(total);
  }
}

std::size_t Weighted::Draw(Random& random) const {
  const double x = random.Unit() * cumulative_.back();
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
  return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
}

}  // namespace boussole::bench
