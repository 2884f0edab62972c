#include "web/tabular.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <system_error>

namespace boussole::web {
namespace {

void AppendCsvField(std::string& out, std::string_view field) {
  if (field.find_first_of(";\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendCsvRow(std::string& out, const std::vector<std::string>& fields) {
  bool first = true;
  for (const auto& field : fields) {
    if (!first) out += ';';
    first = false;
    AppendCsvField(out, field);
  }
  out += "\r\n";
}

// libxlsxwriter writes to a file: a private temporary one, removed whatever happens.
class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "boussole-export-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "mkstemp");
    ::close(fd);
    path_ = std::move(pattern);
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

constexpr double kDefaultWidth = 20;

}  // namespace

std::string TableCsv(const Table& table) {
  std::string body = "\xEF\xBB\xBF";  // UTF-8 byte order mark, for spreadsheets
  AppendCsvRow(body, table.headers);
  for (const auto& row : table.rows) AppendCsvRow(body, row);
  return body;
}

std::string TableXlsx(const Table& table) {
  TempFile file;
  lxw_workbook* workbook = workbook_new(file.path().c_str());
  if (workbook == nullptr) throw std::runtime_error("libxlsxwriter: cannot create the workbook");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.sheet.substr(0, 31).c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  for (std::size_t c = 0; c < table.headers.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(sheet, col, col, c < table.widths.size() ? table.widths[c] : kDefaultWidth, nullptr);
    worksheet_write_string(sheet, 0, col, table.headers[c].c_str(), bold);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  lxw_row_t r = 1;
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (!row[c].empty()) worksheet_write_string(sheet, r, static_cast<lxw_col_t>(c), row[c].c_str(), nullptr);
    }
    ++r;
  }
  const lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("libxlsxwriter: ") + lxw_strerror(error));
  std::ifstream in(file.path(), std::ios::binary);
  if (!in) throw std::runtime_error("cannot read back the workbook");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace boussole::web
