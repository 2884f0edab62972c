#include "domain/accounts/rate_limits.h"

#include <charconv>
#include <ctime>

#include "core/clock.h"

namespace boussole::accounts {
namespace {

constexpr LimitedAction kActions[] = {LimitedAction::kSignIn, LimitedAction::kSignUp, LimitedAction::kPasswordReset,
                                      LimitedAction::kSearch};

std::string UtcBefore(std::chrono::seconds window) {
  return FormatUtc(std::time(nullptr) - static_cast<std::time_t>(window.count()));
}

bool ParseNumber(std::string_view text, long long& out) {
  if (text.empty()) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

const RateLimit& RateLimits::For(LimitedAction action) const {
  switch (action) {
    case LimitedAction::kSignIn: return sign_in;
    case LimitedAction::kSignUp: return sign_up;
    case LimitedAction::kPasswordReset: return password_reset;
    case LimitedAction::kSearch: return search;
  }
  return search;
}

RateLimit& RateLimits::For(LimitedAction action) {
  return const_cast<RateLimit&>(static_cast<const RateLimits&>(*this).For(action));
}

std::string_view LimitedActionName(LimitedAction action) {
  switch (action) {
    case LimitedAction::kSignIn: return "connexion";
    case LimitedAction::kSignUp: return "inscription";
    case LimitedAction::kPasswordReset: return "mot_de_passe";
    case LimitedAction::kSearch: return "recherche";
  }
  return "";
}

Result<RateLimits> ParseRateLimits(std::string_view text) {
  RateLimits limits;
  const auto invalid = [](std::string_view item) {
    return InvalidInput("BOUSSOLE_RATE_LIMITS invalide : « " + std::string(item) +
                        " » (attendu NOM=MAX/SECONDES, NOM parmi connexion, inscription, mot_de_passe, recherche ; "
                        "SECONDES de 1 à 86400).");
  };
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view item = Trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (item.empty()) continue;
    const std::size_t equals = item.find('=');
    const std::size_t slash = item.find('/');
    if (equals == std::string_view::npos || slash == std::string_view::npos || slash < equals) return invalid(item);
    const std::string_view name = item.substr(0, equals);
    long long max = 0;
    long long seconds = 0;
    if (!ParseNumber(item.substr(equals + 1, slash - equals - 1), max) || max < 0 ||
        !ParseNumber(item.substr(slash + 1), seconds) || seconds < 1 || seconds > 86400) {
      return invalid(item);
    }
    bool known = false;
    for (LimitedAction action : kActions) {
      if (LimitedActionName(action) == name) {
        limits.For(action) = RateLimit{static_cast<std::size_t>(max), std::chrono::seconds(seconds)};
        known = true;
      }
    }
    if (!known) return invalid(item);
  }
  return limits;
}

std::optional<std::chrono::seconds> RateLimiter::Attempt(LimitedAction action, std::string_view address) {
  const RateLimit& limit = limits_.For(action);
  if (limit.max == 0) return std::nullopt;
  const std::string key = "limite:" + std::string(LimitedActionName(action)) + ":" + std::string(address);
  if (repository_.CountFailedLogins(key, UtcBefore(limit.window)) >= limit.max) return limit.window;
  repository_.RecordFailedLogin(key, NowUtc());
  return std::nullopt;
}

}  // namespace boussole::accounts
