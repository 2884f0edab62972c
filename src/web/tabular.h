#pragma once
// Tables people download (exports, open data, map and dashboard data): one shape written
// as CSV (semicolons and a byte order mark, as French spreadsheets expect) or XLSX.
#include <string>
#include <vector>

namespace boussole::web {

struct Table {
  std::string sheet;                  //!< the XLSX sheet's name (31 characters at most)
  std::vector<std::string> headers;
  std::vector<double> widths;         //!< XLSX column widths; missing ones get a default
  std::vector<std::vector<std::string>> rows;
};

//! RFC 4180 with ';' as separator, CRLF line ends and a UTF-8 byte order mark; a field is
//! quoted when it holds ';', '"', CR or LF.
std::string TableCsv(const Table& table);

//! An XLSX workbook of one sheet, the header row bold and frozen. Throws when libxlsxwriter
//! fails.
std::string TableXlsx(const Table& table);

}  // namespace boussole::web
