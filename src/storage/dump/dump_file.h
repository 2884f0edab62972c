#pragma once
// The file side of dump and load: a file written under a temporary name and renamed into
// place once complete, and French wording for system errors.
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace boussole::storage::dump {

//! `path` is written as `path.tmp`, then flushed to disk and renamed: an interrupted dump
//! never leaves a partial file under `path` (nor replaces an older complete one). The
//! temporary file is removed when the object is destroyed before Commit().
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  Status Open();
  Status Append(std::string_view text);
  Status Commit();

 private:
  Error WriteError(int err) const;

  std::filesystem::path path_;
  std::filesystem::path temporary_;
  std::FILE* file_ = nullptr;
};

//! A system error (errno) in French words.
std::string SystemErrorText(int err);

}  // namespace boussole::storage::dump
