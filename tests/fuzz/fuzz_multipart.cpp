// multipart/form-data bodies (web/http/multipart.h). Input: the Content-Type header, a
// line feed, then the body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "web/http/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t line_end = input.find('\n');
  if (line_end == std::string_view::npos) return 0;
  (void)boussole::web::ParseMultipart(input.substr(0, line_end), input.substr(line_end + 1));
  return 0;
}
