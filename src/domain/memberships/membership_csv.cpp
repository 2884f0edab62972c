#include "domain/memberships/membership_csv.h"

#include <set>

#include "core/plain_text.h"

namespace boussole::memberships {
namespace {

std::vector<std::string> SplitLine(std::string_view line, char separator) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == separator) {
      fields.push_back(std::string(Trim(field)));
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(std::string(Trim(field)));
  return fields;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

}  // namespace

bool ValidListSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > 60) return false;
  for (char c : slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

ParsedList ParseMembershipCsv(std::string_view text, territories::TerritoryRepository& territories) {
  ParsedList parsed;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const auto lines = Lines(text);
  if (lines.empty()) {
    parsed.errors.push_back({1, "Le fichier est vide : il faut une ligne d'en-tête avec une colonne « code »."});
    return parsed;
  }
  if (lines.size() - 1 > kMaxLines) {
    parsed.errors.push_back({1, "Trop de lignes (" + std::to_string(lines.size() - 1) + ") : " +
                                    std::to_string(kMaxLines) + " au plus."});
    return parsed;
  }
  const char separator = lines[0].find(';') != std::string_view::npos ? ';' : ',';
  const auto header = SplitLine(lines[0], separator);
  std::size_t code_column = header.size();
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "code") code_column = i;
  }
  if (code_column == header.size()) {
    parsed.errors.push_back({1, "L'en-tête doit nommer une colonne « code » (séparateur « ; » ou « , »)."});
    return parsed;
  }
  std::set<std::string> seen;
  for (std::size_t n = 1; n < lines.size(); ++n) {
    const std::size_t line_number = n + 1;
    if (Trim(lines[n]).empty()) continue;
    if (HasControlCharacters(lines[n])) {
      parsed.errors.push_back({line_number, "La ligne contient des caractères de contrôle."});
      continue;
    }
    const auto fields = SplitLine(lines[n], separator);
    const std::string code = code_column < fields.size() ? fields[code_column] : "";
    if (code.empty()) {
      parsed.errors.push_back({line_number, "La colonne « code » est vide."});
      continue;
    }
    const auto candidates = territories::CandidateIds(code);
    if (candidates.empty()) {
      parsed.errors.push_back({line_number, "« " + code + " » n'est pas un code INSEE, SIREN, de département ou de région."});
      continue;
    }
    std::optional<territories::Territory> found;
    for (const auto& id : candidates) {
      if ((found = territories.FindTerritory(id))) break;
    }
    if (!found) {
      parsed.errors.push_back({line_number, "Aucun territoire du Code officiel géographique ne porte le code « " + code + " »."});
      continue;
    }
    const std::string id = found->id.ToString();
    if (!seen.insert(id).second) {
      parsed.errors.push_back({line_number, "« " + code + " » (" + found->name + ") figure déjà plus haut dans le fichier."});
      continue;
    }
    parsed.territory_ids.push_back(id);
  }
  return parsed;
}

}  // namespace boussole::memberships
