#include "search/spelling.h"

#include <algorithm>

#include "core/text_folding.h"

namespace boussole::search {

std::size_t EditDistance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > limit) return limit + 1;
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t row_min = limit + 1;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
      row_min = std::min(row_min, d[i][j]);
    }
    if (row_min > limit) return limit + 1;
  }
  return std::min(d[a.size()][b.size()], limit + 1);
}

void Spelling::Add(std::string word, std::size_t frequency) {
  if (word.size() >= 3 && !IsDigits(word)) entries_.push_back({std::move(word), frequency});
}

std::optional<std::string> Spelling::Closest(std::string_view word) const {
  if (word.size() < 3 || IsDigits(word)) return std::nullopt;
  const std::size_t limit = word.size() <= 4 ? 1 : 2;
  const Entry* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const Entry& entry : entries_) {
    const std::size_t distance = EditDistance(word, entry.word, limit);
    if (distance > limit) continue;
    if (best == nullptr || distance < best_distance ||
        (distance == best_distance && entry.frequency > best->frequency)) {
      best = &entry;
      best_distance = distance;
    }
  }
  if (best == nullptr) return std::nullopt;
  return best->word;
}

}  // namespace boussole::search
