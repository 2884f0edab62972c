// The programme history file that `boussole import programmes --from FILE` reads
// (domain/programmes/history.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/programmes/history.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)boussole::programmes::ParseHistory(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
