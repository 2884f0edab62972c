#include "domain/territories/territory.h"

#include <array>
#include <cctype>
#include <utility>

#include "core/text_folding.h"

namespace boussole::territories {
namespace {

constexpr std::array<std::pair<Kind, std::string_view>, 7> kKinds{{
    {Kind::kCommune, "commune"},
    {Kind::kArrondissement, "arrondissement"},
    {Kind::kEpci, "epci"},
    {Kind::kEpt, "ept"},
    {Kind::kDepartement, "departement"},
    {Kind::kRegion, "region"},
    {Kind::kPays, "pays"},
}};

// INSEE codes: two digits, or 2A/2B for Corsica, then three digits.
bool ValidInseeCode(std::string_view code) {
  if (code.size() != 5 || !IsDigits(code.substr(2))) return false;
  return IsDigits(code.substr(0, 2)) || code.substr(0, 2) == "2A" || code.substr(0, 2) == "2B";
}

// Three digits overseas (971…989): the DROM, and the COM that the COG lists both as a
// département and as a région of their own (975, 977, 978, 984, 986–989).
bool ValidOverseasCode(std::string_view code) {
  return code.size() == 3 && IsDigits(code) && code[0] == '9' && (code[1] == '7' || code[1] == '8');
}

// Département codes: 01–95, 2A, 2B, and the overseas ones.
bool ValidDepartementCode(std::string_view code) {
  if (code.size() == 2) return IsDigits(code) || code == "2A" || code == "2B";
  return ValidOverseasCode(code);
}

bool ValidCode(Kind kind, std::string_view code) {
  switch (kind) {
    case Kind::kCommune:
    case Kind::kArrondissement:
      return ValidInseeCode(code);
    case Kind::kEpci:
    case Kind::kEpt:
      return IsDigits(code, 9);
    case Kind::kDepartement:
      return ValidDepartementCode(code);
    case Kind::kRegion:
      return IsDigits(code, 2) || ValidOverseasCode(code);
    case Kind::kPays:
      return code == "FR";
  }
  return false;
}

}  // namespace

std::string_view KindKey(Kind kind) {
  for (const auto& [k, key] : kKinds) {
    if (k == kind) return key;
  }
  return "commune";
}

std::optional<Kind> KindFromKey(std::string_view key) {
  for (const auto& [k, candidate] : kKinds) {
    if (candidate == key) return k;
  }
  return std::nullopt;
}

std::string TerritoryId::ToString() const {
  std::string text(KindKey(kind));
  text += ':';
  text += code;
  return text;
}

Result<TerritoryId> TerritoryId::Parse(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    return InvalidInput("Identifiant de territoire sans type : « " + std::string(text) +
                        " » (attendu par exemple « commune:75056 »).");
  }
  const auto kind = KindFromKey(text.substr(0, colon));
  if (!kind) {
    return InvalidInput("Type de territoire inconnu : « " + std::string(text.substr(0, colon)) +
                        " ».");
  }
  std::string code(text.substr(colon + 1));
  if (*kind == Kind::kDepartement) {
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (!ValidCode(*kind, code)) {
    return InvalidInput("Code de territoire invalide : « " + std::string(text) + " ».");
  }
  return TerritoryId{*kind, std::move(code)};
}

std::vector<TerritoryId> CandidateIds(std::string_view text) {
  if (text.find(':') != std::string_view::npos) {
    auto parsed = TerritoryId::Parse(text);
    if (parsed) return {parsed.value()};
    return {};
  }
  std::string code(text);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::vector<TerritoryId> candidates;
  auto add = [&](Kind kind) {
    if (ValidCode(kind, code)) candidates.push_back({kind, code});
  };
  if (code == "FR") {
    add(Kind::kPays);
  } else if (code.size() == 5) {
    add(Kind::kCommune);
    add(Kind::kArrondissement);
  } else if (code.size() == 9) {
    add(Kind::kEpci);
    add(Kind::kEpt);
  } else if (code.size() == 2 || code.size() == 3) {
    add(Kind::kDepartement);
  }
  return candidates;
}

}  // namespace boussole::territories
