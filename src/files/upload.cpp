#include "files/upload.h"

namespace boussole::files {

std::string CleanFileName(std::string_view name) {
  const std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string clean;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '"') continue;
    clean += c;
  }
  if (clean.size() > 200) {
    std::size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    clean.resize(cut);
  }
  while (!clean.empty() && (clean.front() == '.' || clean.front() == ' ')) clean.erase(0, 1);
  return clean.empty() ? "fichier" : clean;
}

Result<FileRecord> StoreUpload(const FileStore& store, std::string_view name, std::string_view bytes,
                               std::int64_t user_id) {
  auto blob = store.Put(bytes);
  if (!blob) return blob.error();
  FileRecord record;
  record.sha256 = blob.value().sha256;
  record.size = static_cast<std::int64_t>(blob.value().size);
  record.content_type = std::string(MimeType(blob.value().type));
  record.original_name = CleanFileName(name);
  record.uploaded_by = user_id;
  return record;
}

Result<FileRecord> SaveUpload(const FileStore& store, FileRepository& repository, std::string_view name,
                              std::string_view bytes, std::int64_t user_id, std::string_view now) {
  auto record = StoreUpload(store, name, bytes, user_id);
  if (!record) return record;
  return repository.AddFile(record.value(), now);
}

}  // namespace boussole::files
