#pragma once
// What an uploaded file really is, told from its bytes, never from its name or the type the
// browser claims (issue 6, item 5): PDF, ODT, DOCX, XLSX, PNG, JPEG. Zip containers are told
// apart by the entries they hold. Executables and anything else are refused.
#include <cstddef>
#include <string_view>

#include "core/result.h"

namespace boussole::files {

enum class FileType { kPdf, kOdt, kDocx, kXlsx, kPng, kJpeg };
inline constexpr FileType kAllFileTypes[] = {FileType::kPdf, FileType::kOdt, FileType::kDocx,
                                             FileType::kXlsx, FileType::kPng, FileType::kJpeg};

//! 20 Mo: the largest file accepted.
inline constexpr std::size_t kMaxFileBytes = 20 * 1024 * 1024;

//! The type of `bytes`; invalid_input with a French message when empty, larger than
//! kMaxFileBytes, an executable (ELF, PE "MZ", Mach-O, script "#!") or of no accepted type.
Result<FileType> DetectType(std::string_view bytes);

//! "application/pdf"… (the Content-Type it is served with).
std::string_view MimeType(FileType type);
//! The type a stored MIME type names; invalid_input when none.
Result<FileType> TypeFromMime(std::string_view mime);
//! ".pdf", ".odt"…
std::string_view Extension(FileType type);
//! "PDF", "Texte OpenDocument (ODT)"… (shown).
std::string_view TypeLabel(FileType type);

}  // namespace boussole::files
