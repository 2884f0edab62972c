// The text of a search (search/query_parser.h) against the real synonyms, and the
// synonyms file syntax itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "search/query_parser.h"
#include "search/synonyms.h"

using namespace boussole::search;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Synonyms synonyms = [] {
    auto read = Synonyms::Read(BOUSSOLE_SOURCE_DIR "/data/search/synonyms.txt");
    if (!read) std::abort();
    return read.value();
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ParsedQuery query = ParseQuery(text, synonyms);
  for (const auto& word : query.words) {
    if (!word.plain.empty() && word.piece >= query.pieces.size()) std::abort();
  }
  (void)Synonyms::Parse(text);
  return 0;
}
