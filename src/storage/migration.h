#pragma once
#include <set>
#include <string>
#include <vector>

namespace boussole::storage {

//! One numbered schema step, embedded from `<dialect>/migrations/NNNN_name.sql`.
struct Migration {
  int version;
  std::string name;
  std::string sql;
};

//! The migrations of `all` not in `applied`, in order. Every missing number, not only those
//! above the highest applied: branches that add migrations side by side may land out of
//! order, and a database must still get each one.
std::vector<const Migration*> PendingMigrations(const std::vector<Migration>& all, const std::set<int>& applied);

const std::vector<Migration>& SqliteMigrations();
const std::vector<Migration>& PostgresMigrations();

}  // namespace boussole::storage
