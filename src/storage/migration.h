#pragma once
#include <string>
#include <vector>

namespace boussole::storage {

//! One numbered schema step, embedded from `<dialect>/migrations/NNNN_name.sql`.
struct Migration {
  int version;
  std::string name;
  std::string sql;
};

const std::vector<Migration>& SqliteMigrations();
const std::vector<Migration>& PostgresMigrations();

}  // namespace boussole::storage
