#pragma once
// Minimal zip archives (entries stored, no compression, CRC left at 0) for the detection
// tests: enough structure for a reader of local headers and the central directory.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace boussole::testing {

inline void PutLe(std::string& out, std::uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

inline std::string ZipOf(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out;
  std::string central;
  for (const auto& [name, data] : entries) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    out += "PK\x03\x04";
    PutLe(out, 10, 2);  // version
    PutLe(out, 0, 2);   // flags
    PutLe(out, 0, 2);   // stored
    PutLe(out, 0, 4);   // time, date
    PutLe(out, 0, 4);   // crc
    PutLe(out, static_cast<std::uint32_t>(data.size()), 4);
    PutLe(out, static_cast<std::uint32_t>(data.size()), 4);
    PutLe(out, static_cast<std::uint32_t>(name.size()), 2);
    PutLe(out, 0, 2);
    out += name;
    out += data;
    central += "PK\x01\x02";
    PutLe(central, 20, 2);
    PutLe(central, 10, 2);
    PutLe(central, 0, 2);
    PutLe(central, 0, 2);
    PutLe(central, 0, 4);
    PutLe(central, 0, 4);
    PutLe(central, static_cast<std::uint32_t>(data.size()), 4);
    PutLe(central, static_cast<std::uint32_t>(data.size()), 4);
    PutLe(central, static_cast<std::uint32_t>(name.size()), 2);
    PutLe(central, 0, 2);  // extra
    PutLe(central, 0, 2);  // comment
    PutLe(central, 0, 2);  // disk
    PutLe(central, 0, 2);  // internal attributes
    PutLe(central, 0, 4);  // external attributes
    PutLe(central, offset, 4);
    central += name;
  }
  const auto central_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  out += "PK\x05\x06";
  PutLe(out, 0, 4);
  PutLe(out, static_cast<std::uint32_t>(entries.size()), 2);
  PutLe(out, static_cast<std::uint32_t>(entries.size()), 2);
  PutLe(out, static_cast<std::uint32_t>(central.size()), 4);
  PutLe(out, central_offset, 4);
  PutLe(out, 0, 2);
  return out;
}

inline std::string OdtBytes() {
  return ZipOf({{"mimetype", "application/vnd.oasis.opendocument.text"},
                {"META-INF/manifest.xml", "<manifest/>"},
                {"content.xml", "<office:document-content/>"}});
}
inline std::string DocxBytes() {
  return ZipOf({{"[Content_Types].xml", "<Types/>"}, {"_rels/.rels", "<Relationships/>"},
                {"word/document.xml", "<w:document/>"}});
}
inline std::string XlsxBytes() {
  return ZipOf({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"},
                {"xl/worksheets/sheet1.xml", "<worksheet/>"}});
}
inline std::string PdfBytes(const std::string& text = "Bonjour") {
  return "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Title (" + text + ") >> endobj\ntrailer << >>\n%%EOF\n";
}
inline std::string PngBytes() { return std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(20, '\0'); }
inline std::string JpegBytes() { return std::string("\xff\xd8\xff\xe0\0\x10JFIF\0", 11) + std::string(20, 'x'); }
inline std::string ElfBytes() { return std::string("\x7f" "ELF\x02\x01\x01\0", 8) + std::string(56, '\0'); }
inline std::string PeBytes() { return std::string("MZ\x90\0\x03\0\0\0", 8) + "This program cannot be run in DOS mode."; }

}  // namespace boussole::testing
