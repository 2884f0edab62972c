#pragma once
// The size on disk of an engine's files.
#include <filesystem>

namespace boussole::bench {

//! Sum of the sizes of the regular files under `folder`, in MiB.
double FolderMib(const std::filesystem::path& folder);

}  // namespace boussole::bench
