#pragma once
// The ANCT's annual engineering budget (issue 6, item 4): an envelope per year, set by the
// ANCT in the application and kept in storage. A year the ANCT has not set falls back to a
// default: 10 M€ in 2020 and 20 M€ in 2021 (seed 003), extended or overridden by the
// BOUSSOLE_ENGINEERING_BUDGETS setting (dashboard.h, Envelopes).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace boussole::requests {

//! An envelope the ANCT set for a year.
struct EngineeringBudget {
  int year = 0;
  std::int64_t amount_euros = 0;  //!< whole euros, ≥ 0
  std::int64_t updated_by = 0;    //!< 0: nobody (a command)
  std::string updated_by_name;    //!< filled when read
  std::string updated_at;
};

//! The first and last years an envelope may be set for.
inline constexpr int kFirstBudgetYear = 2000;
inline constexpr int kLastBudgetYear = 2100;
//! A bound far above any engineering budget (1 000 billion euros): a typo, not a budget.
inline constexpr std::int64_t kMaxBudgetEuros = 1'000'000'000'000;

//! `year` and `amount` as submitted, checked: a year between kFirstBudgetYear and
//! kLastBudgetYear, whole euros from 0 to kMaxBudgetEuros (spaces between thousands are
//! accepted: "20 000 000"). invalid_input in French, naming the field ("year", "amount").
Result<EngineeringBudget> CheckBudget(std::string_view year, std::string_view amount);

//! Where an envelope comes from.
enum class EnvelopeOrigin { kStored, kDefault };

struct Envelope {
  std::int64_t amount_euros = 0;
  EnvelopeOrigin origin = EnvelopeOrigin::kDefault;
};

//! The envelope of every year either gives: a stored one wins over the default.
std::map<int, Envelope> MergeEnvelopes(const std::map<int, std::int64_t>& defaults,
                                       const std::vector<EngineeringBudget>& stored);

}  // namespace boussole::requests
