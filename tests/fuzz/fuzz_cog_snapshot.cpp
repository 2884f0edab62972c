// The territory files that `boussole import territories --from DIR` reads
// (domain/territories/cog_reader.h). Input: the five files' texts separated by a line
// "----" (regions, departements, communes, epci, ept), missing ones empty.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/territories/cog_reader.h"

using namespace boussole::territories;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::array<std::string_view, 5> parts{};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::size_t end = i + 1 < parts.size() ? rest.find("\n----\n") : std::string_view::npos;
    parts[i] = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 6);
  }
  CogTexts texts;
  texts.regions = parts[0];
  texts.departements = parts[1];
  texts.communes = parts[2];
  texts.epci = parts[3];
  texts.ept = parts[4];
  (void)ParseCogSnapshot(texts);
  return 0;
}
