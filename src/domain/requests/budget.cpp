#include "domain/requests/budget.h"

namespace boussole::requests {
namespace {

// Digits only, once the spaces people put between thousands are gone (plain, no-break and
// narrow no-break spaces); "" when anything else is there.
std::string Digits(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      out += c;
    } else if (c == ' ') {
      continue;
    } else if (text.substr(i, 2) == "\xC2\xA0") {
      ++i;
    } else if (text.substr(i, 3) == "\xE2\x80\xAF") {
      i += 2;
    } else {
      return "";
    }
  }
  return out;
}

}  // namespace

Result<EngineeringBudget> CheckBudget(std::string_view year, std::string_view amount) {
  EngineeringBudget budget;
  const std::string year_digits = Digits(year);
  if (year_digits.empty() || year_digits.size() != 4 || std::stoi(year_digits) < kFirstBudgetYear ||
      std::stoi(year_digits) > kLastBudgetYear) {
    return InvalidInput("Indiquez une année entre " + std::to_string(kFirstBudgetYear) + " et " +
                            std::to_string(kLastBudgetYear) + ", par exemple 2026.",
                        "year");
  }
  budget.year = std::stoi(year_digits);
  const std::string amount_digits = Digits(amount);
  if (amount_digits.empty()) {
    return InvalidInput("Indiquez le montant de l'enveloppe en euros, sans centimes, par exemple 20000000.", "amount");
  }
  if (amount_digits.size() > 13 || std::stoll(amount_digits) > kMaxBudgetEuros) {
    return InvalidInput("Ce montant dépasse 1 000 milliards d'euros : vérifiez le nombre de zéros.", "amount");
  }
  budget.amount_euros = std::stoll(amount_digits);
  return budget;
}

std::map<int, Envelope> MergeEnvelopes(const std::map<int, std::int64_t>& defaults,
                                       const std::vector<EngineeringBudget>& stored) {
  std::map<int, Envelope> out;
  for (const auto& [year, amount] : defaults) out[year] = {amount, EnvelopeOrigin::kDefault};
  for (const auto& budget : stored) out[budget.year] = {budget.amount_euros, EnvelopeOrigin::kStored};
  return out;
}

}  // namespace boussole::requests
