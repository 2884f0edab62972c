// The ANCT's annual engineering envelopes of SqliteStore (issue 6, item 4).
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {

std::vector<requests::EngineeringBudget> SqliteStore::ListEngineeringBudgets() {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "SELECT b.year, b.amount_euros, b.updated_by, COALESCE(u.display_name, ''), b.updated_at"
      " FROM engineering_budgets b LEFT JOIN users u ON u.id = b.updated_by ORDER BY b.year");
  std::vector<requests::EngineeringBudget> out;
  while (q.Step()) {
    requests::EngineeringBudget b;
    b.year = static_cast<int>(q.Int(0));
    b.amount_euros = q.Int(1);
    b.updated_by = q.OptionalInt(2).value_or(0);
    b.updated_by_name = q.Text(3);
    b.updated_at = q.Text(4);
    out.push_back(std::move(b));
  }
  return out;
}

void SqliteStore::SetEngineeringBudget(const requests::EngineeringBudget& budget, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Prepare(
        "INSERT INTO engineering_budgets (year, amount_euros, updated_by, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(year) DO UPDATE SET amount_euros = excluded.amount_euros, updated_by = excluded.updated_by,"
        " updated_at = excluded.updated_at")
      .Bind(1, std::int64_t{budget.year})
      .Bind(2, budget.amount_euros)
      .Bind(3, budget.updated_by == 0 ? std::nullopt : std::optional<std::int64_t>(budget.updated_by))
      .Bind(4, now)
      .Run();
  tx.Commit();
}

}  // namespace boussole::storage::sqlite
