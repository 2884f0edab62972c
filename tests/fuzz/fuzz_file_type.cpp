// The type of an uploaded file, told from its bytes (files/content_type.h).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "files/content_type.h"

using namespace boussole::files;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto type = DetectType(bytes);
  if (!type) return 0;
  auto back = TypeFromMime(MimeType(type.value()));
  if (!back || back.value() != type.value()) std::abort();
  return 0;
}
