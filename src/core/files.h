#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace boussole {

//! The whole content of a file, bytes as they are; not_found with a French message naming
//! the path when it cannot be read.
Result<std::string> ReadWholeFile(const std::filesystem::path& path);

//! The regular files of `folder` whose name ends with `extension` (".json"), sorted by
//! name; not_found (French message) when `folder` is not a directory.
Result<std::vector<std::filesystem::path>> ListFiles(const std::filesystem::path& folder,
                                                     const std::string& extension);

}  // namespace boussole
