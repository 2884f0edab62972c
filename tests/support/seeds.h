#pragma once
// The seed documents of ../shared/seeds, as the tests that check quotes read them: every
// run of whitespace (no-break spaces included) collapsed to one space.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace boussole::testing {

inline std::string CollapseWhitespace(const std::string& text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    // U+00A0 (C2 A0) and U+202F (E2 80 AF) are spaces too.
    const bool nbsp = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
    const bool nnbsp = c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                       static_cast<unsigned char>(text[i + 2]) == 0xAF;
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || nbsp || nnbsp) {
      space = true;
      i += nbsp ? 1 : nnbsp ? 2 : 0;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

//! File name → collapsed text, for every file of BOUSSOLE_SEEDS_DIR (read once).
inline const std::map<std::string, std::string>& CollapsedSeeds() {
  static const std::map<std::string, std::string> seeds = [] {
    std::map<std::string, std::string> read;
    for (const auto& entry : std::filesystem::directory_iterator(BOUSSOLE_SEEDS_DIR)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      read[entry.path().filename().string()] = CollapseWhitespace(text.str());
    }
    return read;
  }();
  return seeds;
}

}  // namespace boussole::testing
