#pragma once
// The dump file format, version 1 (documented in README.md, "Dump format"): JSON Lines,
//   {"format":"boussole-dump","version":1,"schema_version":N,"backend":"…","created_at":"…"}
//   {"table":"territories","columns":["id",…]}      then one JSON array per row
//   …                                                (each table of DumpTables(), in order)
//   {"end":true,"tables":{"territories":N,…}}
// Only the first line depends on where and when the dump was made; every other line
// depends only on the data, so two dumps of the same data are identical after line 1.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace boussole::storage::dump {

inline constexpr std::string_view kFormatName = "boussole-dump";
inline constexpr int kFormatVersion = 1;

//! What a column holds in a dump: JSON integers, JSON numbers or JSON strings (or null).
enum class ColumnKind { kInteger, kReal, kText };

struct ColumnInfo {
  std::string name;
  ColumnKind kind;
};

struct TableCount {
  std::string table;
  std::int64_t rows = 0;
};

struct DumpHeader {
  int schema_version = 0;
  std::string backend;
  std::string created_at;
};

// Writing: each function returns one line, "\n" included.
std::string HeaderLine(const DumpHeader& header);
std::string TableLine(std::string_view table, const std::vector<ColumnInfo>& columns);
std::string RowLine(const nlohmann::json& row);
std::string EndLine(const std::vector<TableCount>& counts);

// Reading: errors name the line of the file (1 is the header).
Result<DumpHeader> ParseHeader(const std::string& text);
//! One line as JSON (an object or an array); anything else is an error at `line`.
Result<nlohmann::json> ParseLine(const std::string& text, std::size_t line);
//! The column names of a table line, checked to be distinct strings.
Result<std::vector<std::string>> ParseColumns(const nlohmann::json& table_line, std::size_t line);

//! Empty when `value` fits a column of `kind`; otherwise what is wrong, in French.
std::string CheckValue(const nlohmann::json& value, ColumnKind kind);

//! "ligne N : message".
Error AtLine(std::size_t line, const std::string& message);
//! A row the target database refused (constraint, foreign key…), with its message.
Error RowRefused(std::size_t line, std::string database_message);
Error UnsupportedColumnType(std::string_view table, std::string_view column, std::string_view type);

}  // namespace boussole::storage::dump
