#include "storage/migration.h"

namespace boussole::storage {

std::vector<const Migration*> PendingMigrations(const std::vector<Migration>& all, const std::set<int>& applied) {
  std::vector<const Migration*> pending;
  for (const Migration& m : all) {
    if (!applied.count(m.version)) pending.push_back(&m);
  }
  return pending;
}

}  // namespace boussole::storage
