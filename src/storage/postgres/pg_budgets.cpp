// The ANCT's annual engineering envelopes of PgStore (issue 6, item 4).
#include "storage/postgres/pg_store.h"

namespace boussole::storage::postgres {

std::vector<requests::EngineeringBudget> PgStore::ListEngineeringBudgets() {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<requests::EngineeringBudget> out;
  for (const auto& row : tx.exec(
           "SELECT b.year, b.amount_euros, b.updated_by, COALESCE(u.display_name, ''), b.updated_at"
           " FROM engineering_budgets b LEFT JOIN users u ON u.id = b.updated_by ORDER BY b.year")) {
    requests::EngineeringBudget b;
    b.year = row[0].as<int>();
    b.amount_euros = row[1].as<std::int64_t>();
    b.updated_by = row[2].is_null() ? 0 : row[2].as<std::int64_t>();
    b.updated_by_name = row[3].as<std::string>();
    b.updated_at = row[4].as<std::string>();
    out.push_back(std::move(b));
  }
  return out;
}

void PgStore::SetEngineeringBudget(const requests::EngineeringBudget& budget, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params(
      "INSERT INTO engineering_budgets (year, amount_euros, updated_by, updated_at) VALUES ($1, $2, $3, $4)"
      " ON CONFLICT (year) DO UPDATE SET amount_euros = excluded.amount_euros, updated_by = excluded.updated_by,"
      " updated_at = excluded.updated_at",
      budget.year, budget.amount_euros,
      budget.updated_by == 0 ? std::nullopt : std::optional<std::int64_t>(budget.updated_by), std::string(now));
  tx.commit();
}

}  // namespace boussole::storage::postgres
