#pragma once
#include <filesystem>
#include <string>

#include "core/result.h"

namespace boussole {

//! The whole content of a file, bytes as they are; not_found with a French message naming
//! the path when it cannot be read.
Result<std::string> ReadWholeFile(const std::filesystem::path& path);

}  // namespace boussole
