#include "core/files.h"

#include <fstream>
#include <sstream>

namespace boussole {

Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("Fichier illisible : " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return NotFound("Fichier illisible : " + path.string());
  return text.str();
}

}  // namespace boussole
