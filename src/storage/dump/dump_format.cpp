#include "storage/dump/dump_format.h"

#include <cmath>
#include <limits>
#include <set>

namespace boussole::storage::dump {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

//! A value as it appears in the file, cut short for messages.
std::string Shown(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "…";
  return "« " + text + " »";
}

bool IsInt64(const json& value) {
  if (!value.is_number_integer()) return false;
  return !value.is_number_unsigned() ||
         value.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
}

}  // namespace

std::string HeaderLine(const DumpHeader& header) {
  ordered_json line = {{"format", kFormatName},
                       {"version", kFormatVersion},
                       {"schema_version", header.schema_version},
                       {"backend", header.backend},
                       {"created_at", header.created_at}};
  return line.dump() + "\n";
}

std::string TableLine(std::string_view table, const std::vector<ColumnInfo>& columns) {
  ordered_json line = {{"table", table}, {"columns", ordered_json::array()}};
  for (const auto& column : columns) line["columns"].push_back(column.name);
  return line.dump() + "\n";
}

std::string RowLine(const json& row) { return row.dump() + "\n"; }

std::string EndLine(const std::vector<TableCount>& counts) {
  ordered_json line = {{"end", true}, {"tables", ordered_json::object()}};
  for (const auto& count : counts) line["tables"][count.table] = count.rows;
  return line.dump() + "\n";
}

Error AtLine(std::size_t line, const std::string& message) {
  return Error{"invalid_dump", "ligne " + std::to_string(line) + " : " + message, {}};
}

Error RowRefused(std::size_t line, std::string database_message) {
  // Keep the database's own words, on one line, without its "ERROR:" prefix.
  for (char& c : database_message) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  if (database_message.rfind("ERROR:", 0) == 0) database_message.erase(0, 6);
  while (!database_message.empty() && database_message.front() == ' ') database_message.erase(0, 1);
  while (!database_message.empty() && database_message.back() == ' ') database_message.pop_back();
  return AtLine(line, "la base refuse cette ligne (" + database_message + ").");
}

Error UnsupportedColumnType(std::string_view table, std::string_view column, std::string_view type) {
  return Error{"unsupported_type",
               "Colonne « " + std::string(table) + "." + std::string(column) + " » de type « " + std::string(type) +
                   " » : ce type n'est pas pris en charge par la copie (entiers, réels et textes seulement).",
               {}};
}

Result<json> ParseLine(const std::string& text, std::size_t line) {
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return AtLine(line, "ligne illisible (JSON invalide ou coupé : fichier tronqué ou altéré ?).");
  }
  if (!value.is_object() && !value.is_array()) return AtLine(line, "un objet ou un tableau JSON est attendu.");
  return value;
}

Result<DumpHeader> ParseHeader(const std::string& text) {
  auto parsed = ParseLine(text, 1);
  if (!parsed) return parsed.error();
  const json& header = parsed.value();
  if (!header.is_object() || header.value("format", json()) != json(kFormatName)) {
    return AtLine(1, "ce fichier n'est pas une copie Boussole (en-tête « format »: \"boussole-dump\" absent).");
  }
  const json version = header.value("version", json());
  if (!version.is_number_integer() || version.get<std::int64_t>() != kFormatVersion) {
    return AtLine(1, "version de format " + Shown(version) + " non prise en charge (ce programme lit la version " +
                         std::to_string(kFormatVersion) + ").");
  }
  const json schema = header.value("schema_version", json());
  if (!schema.is_number_integer() || schema.get<std::int64_t>() < 1 ||
      schema.get<std::int64_t>() > std::numeric_limits<int>::max()) {
    return AtLine(1, "numéro de schéma (« schema_version ») absent ou invalide.");
  }
  DumpHeader result;
  result.schema_version = schema.get<int>();
  if (header.contains("backend") && header["backend"].is_string())
    result.backend = header["backend"].get<std::string>();
  if (header.contains("created_at") && header["created_at"].is_string())
    result.created_at = header["created_at"].get<std::string>();
  return result;
}

Result<std::vector<std::string>> ParseColumns(const json& table_line, std::size_t line) {
  const json columns = table_line.value("columns", json());
  if (!columns.is_array() || columns.empty()) return AtLine(line, "liste « columns » absente ou vide.");
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const json& column : columns) {
    if (!column.is_string()) return AtLine(line, "nom de colonne invalide : " + Shown(column) + ".");
    if (!seen.insert(column.get<std::string>()).second) {
      return AtLine(line, "colonne « " + column.get<std::string>() + " » en double.");
    }
    names.push_back(column.get<std::string>());
  }
  return names;
}

std::string CheckValue(const json& value, ColumnKind kind) {
  if (value.is_null()) return {};
  switch (kind) {
    case ColumnKind::kInteger:
      if (IsInt64(value)) return {};
      return "nombre entier attendu, trouvé " + Shown(value);
    case ColumnKind::kReal:
      if (IsInt64(value) || (value.is_number_float() && std::isfinite(value.get<double>()))) return {};
      return "nombre attendu, trouvé " + Shown(value);
    case ColumnKind::kText:
      if (value.is_string()) return {};
      return "texte attendu, trouvé " + Shown(value);
  }
  return "type de colonne inconnu";
}

}  // namespace boussole::storage::dump
