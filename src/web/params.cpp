#include "web/params.h"

#include <charconv>

namespace boussole::web {

Result<long> IntParam(const Request& request, const std::string& name, long fallback, long min,
                      long max) {
  const auto raw = request.Query(name);
  if (!raw || raw->empty()) return fallback;
  long value = 0;
  const char* end = raw->data() + raw->size();
  auto [ptr, ec] = std::from_chars(raw->data(), end, value);
  if (ec != std::errc() || ptr != end) {
    return InvalidInput("Le paramètre « " + name + " » doit être un nombre entier (reçu : « " +
                            *raw + " »).",
                        name);
  }
  if (value < min || value > max) {
    return InvalidInput("Le paramètre « " + name + " » doit être compris entre " +
                            std::to_string(min) + " et " + std::to_string(max) + " (reçu : " +
                            *raw + ").",
                        name);
  }
  return value;
}

Result<std::string> TextParam(const Request& request, const std::string& name,
                              std::size_t max_length) {
  std::string value = request.Query(name).value_or("");
  const auto first = value.find_first_not_of(" \t");
  const auto last = value.find_last_not_of(" \t");
  value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
  if (value.size() > max_length) {
    return InvalidInput("Le paramètre « " + name + " » est trop long (" +
                            std::to_string(max_length) + " caractères au plus).",
                        name);
  }
  return value;
}

std::optional<std::int64_t> ParseRowId(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(text);
}

}  // namespace boussole::web
