#pragma once
// What the engineering budget needs from storage. Implemented by every Store backend.
#include <vector>

#include "domain/requests/budget.h"

namespace boussole::requests {

class BudgetRepository {
 public:
  virtual ~BudgetRepository() = default;

  //! Every envelope set, by year, with who set it last.
  virtual std::vector<EngineeringBudget> ListEngineeringBudgets() = 0;
  //! Sets the envelope of `budget.year` (replacing any earlier one), by `budget.updated_by`.
  virtual void SetEngineeringBudget(const EngineeringBudget& budget, std::string_view now) = 0;
};

}  // namespace boussole::requests
