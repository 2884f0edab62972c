#pragma once
// The metadata of uploaded files (issue 6, item 5), whatever feature they belong to. The
// bytes are in files::FileStore (src/files/); a row here names them by their SHA-256. A
// feature attaches a file to its own records by keeping the file's id in its own table
// (e.g. request_events.file_id): the feature, not this table, says who may download it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace boussole::files {

struct FileRecord {
  std::int64_t id = 0;
  std::string sha256;         //!< names the bytes in the FileStore
  std::int64_t size = 0;      //!< bytes
  std::string content_type;   //!< detected from the content (files::MimeType)
  std::string original_name;  //!< as uploaded, cleaned (no path, no control characters)
  std::int64_t uploaded_by = 0;  //!< 0: nobody (a command)
  std::string uploaded_at;
};

class FileRepository {
 public:
  virtual ~FileRepository() = default;

  //! Records an uploaded file (id and uploaded_at set from `now`); each upload gets its own
  //! row, even when the same bytes were uploaded before.
  virtual FileRecord AddFile(const FileRecord& file, std::string_view now) = 0;
  virtual std::optional<FileRecord> FindFile(std::int64_t id) = 0;
};

}  // namespace boussole::files
