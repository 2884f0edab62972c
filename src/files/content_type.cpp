#include "files/content_type.h"

#include <cstdint>
#include <string>
#include <vector>

namespace boussole::files {
namespace {

bool StartsWith(std::string_view bytes, std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; }

std::uint32_t Le16(std::string_view b, std::size_t at) {
  return static_cast<std::uint8_t>(b[at]) | static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[at + 1])) << 8;
}
std::uint32_t Le32(std::string_view b, std::size_t at) { return Le16(b, at) | Le16(b, at + 2) << 16; }

// The names of a zip archive's entries, read from its central directory; empty when the
// archive is malformed (a truncated or fake zip is refused like any unknown file).
std::vector<std::string_view> ZipEntryNames(std::string_view b) {
  constexpr std::size_t kEndSize = 22;
  if (b.size() < kEndSize) return {};
  // The end record is in the last 64 KiB + 22 bytes (its comment is at most 65535 bytes).
  const std::size_t lowest = b.size() > 65535 + kEndSize ? b.size() - 65535 - kEndSize : 0;
  std::size_t end = std::string_view::npos;
  for (std::size_t at = b.size() - kEndSize + 1; at-- > lowest;) {
    if (b.compare(at, 4, "PK\x05\x06") == 0) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) return {};
  const std::size_t count = Le16(b, end + 10);
  std::size_t at = Le32(b, end + 16);
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i < count; ++i) {
    if (at + 46 > end || b.compare(at, 4, "PK\x01\x02") != 0) return {};
    const std::size_t name_length = Le16(b, at + 28);
    const std::size_t extra = Le16(b, at + 30);
    const std::size_t comment = Le16(b, at + 32);
    if (at + 46 + name_length > end) return {};
    names.push_back(b.substr(at + 46, name_length));
    at += 46 + name_length + extra + comment;
  }
  return names;
}

bool Has(const std::vector<std::string_view>& names, std::string_view name) {
  for (auto n : names) {
    if (n == name) return true;
  }
  return false;
}

Result<FileType> DetectZip(std::string_view bytes) {
  // OpenDocument: the first entry is "mimetype", stored uncompressed, holding the type.
  constexpr std::string_view kOdtMime = "application/vnd.oasis.opendocument.text";
  if (bytes.size() > 38 + kOdtMime.size() && bytes.substr(30, 8) == "mimetype" &&
      bytes.substr(38, kOdtMime.size()) == kOdtMime) {
    const auto names = ZipEntryNames(bytes);
    if (Has(names, "content.xml")) return FileType::kOdt;
  }
  const auto names = ZipEntryNames(bytes);
  if (Has(names, "[Content_Types].xml")) {
    if (Has(names, "word/document.xml")) return FileType::kDocx;
    if (Has(names, "xl/workbook.xml")) return FileType::kXlsx;
  }
  return InvalidInput(
      "Cette archive n'est ni un document texte (ODT, DOCX) ni un tableur (XLSX) : elle est refusée.", "fichier");
}

}  // namespace

Result<FileType> DetectType(std::string_view bytes) {
  if (bytes.empty()) return InvalidInput("Le fichier est vide.", "fichier");
  if (bytes.size() > kMaxFileBytes) {
    return InvalidInput("Le fichier dépasse 20 Mo : réduisez-le ou découpez-le.", "fichier");
  }
  if (StartsWith(bytes, "\x7f" "ELF") || StartsWith(bytes, "MZ") || StartsWith(bytes, "#!") ||
      StartsWith(bytes, "\xcf\xfa\xed\xfe") || StartsWith(bytes, "\xce\xfa\xed\xfe") ||
      StartsWith(bytes, "\xca\xfe\xba\xbe")) {
    return InvalidInput(
        "Ce fichier est un programme exécutable, quel que soit son nom : il est refusé. "
        "Seuls les documents PDF, ODT, DOCX, XLSX et les images PNG ou JPEG sont acceptés.",
        "fichier");
  }
  if (StartsWith(bytes, "%PDF-")) return FileType::kPdf;
  if (StartsWith(bytes, "\x89PNG\r\n\x1a\n")) return FileType::kPng;
  if (StartsWith(bytes, "\xff\xd8\xff")) return FileType::kJpeg;
  if (StartsWith(bytes, std::string_view("PK\x03\x04", 4))) return DetectZip(bytes);
  return InvalidInput(
      "Ce type de fichier n'est pas accepté : seuls les documents PDF, ODT, DOCX, XLSX et les images PNG ou JPEG "
      "le sont (le type est lu dans le contenu du fichier, pas dans son nom).",
      "fichier");
}

std::string_view MimeType(FileType type) {
  switch (type) {
    case FileType::kPdf: return "application/pdf";
    case FileType::kOdt: return "application/vnd.oasis.opendocument.text";
    case FileType::kDocx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case FileType::kXlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case FileType::kPng: return "image/png";
    case FileType::kJpeg: return "image/jpeg";
  }
  return "application/octet-stream";
}

Result<FileType> TypeFromMime(std::string_view mime) {
  for (FileType type : kAllFileTypes) {
    if (MimeType(type) == mime) return type;
  }
  return InvalidInput("Type de fichier inconnu : « " + std::string(mime) + " ».");
}

std::string_view Extension(FileType type) {
  switch (type) {
    case FileType::kPdf: return ".pdf";
    case FileType::kOdt: return ".odt";
    case FileType::kDocx: return ".docx";
    case FileType::kXlsx: return ".xlsx";
    case FileType::kPng: return ".png";
    case FileType::kJpeg: return ".jpg";
  }
  return "";
}

std::string_view TypeLabel(FileType type) {
  switch (type) {
    case FileType::kPdf: return "PDF";
    case FileType::kOdt: return "Texte OpenDocument (ODT)";
    case FileType::kDocx: return "Document Word (DOCX)";
    case FileType::kXlsx: return "Tableur Excel (XLSX)";
    case FileType::kPng: return "Image PNG";
    case FileType::kJpeg: return "Image JPEG";
  }
  return "";
}

}  // namespace boussole::files
