#include "storage/dump/dump_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace boussole::storage::dump {

std::string SystemErrorText(int err) {
  switch (err) {
    case ENOENT:
      return "dossier ou fichier inexistant";
    case ENOTDIR:
      return "un élément du chemin n'est pas un dossier";
    case EISDIR:
      return "c'est un dossier";
    case EACCES:
    case EPERM:
      return "permission refusée";
    case EROFS:
      return "système de fichiers en lecture seule";
    case ENOSPC:
      return "plus de place sur le disque";
    case EDQUOT:
      return "quota de disque dépassé";
    case EIO:
      return "erreur d'entrée-sortie";
    default:
      return std::string("erreur système ") + std::to_string(err) + " (" + std::strerror(err) + ")";
  }
}

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)) {
  temporary_ = path_;
  temporary_ += ".tmp";
}

AtomicFile::~AtomicFile() {
  if (!file_) return;
  std::fclose(file_);
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

Error AtomicFile::WriteError(int err) const {
  return Error{
      "io_error", "Impossible d'écrire le fichier « " + path_.string() + " » : " + SystemErrorText(err) + ".", {}};
}

Status AtomicFile::Open() {
  file_ = std::fopen(temporary_.c_str(), "wb");
  if (!file_) return WriteError(errno);
  return Ok();
}

Status AtomicFile::Append(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) return WriteError(errno);
  return Ok();
}

Status AtomicFile::Commit() {
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) return WriteError(errno);
  std::FILE* file = file_;
  file_ = nullptr;
  if (std::fclose(file) != 0 || std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
    return WriteError(err);
  }
  // The rename itself must reach the disk too.
  const auto folder = path_.has_parent_path() ? path_.parent_path() : std::filesystem::path(".");
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Ok();
}

}  // namespace boussole::storage::dump
