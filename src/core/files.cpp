#include "core/files.h"

#include <algorithm>
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

Result<std::vector<std::filesystem::path>> ListFiles(const std::filesystem::path& folder,
                                                     const std::string& extension) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) return NotFound("dossier introuvable.");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace boussole
