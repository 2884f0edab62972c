#include "files/file_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>
#include <stdexcept>

#include "core/files.h"

namespace boussole::files {
namespace {

bool IsSha256(std::string_view text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// A name no other writer (thread or server) picks at the same time.
std::string TemporaryName() {
  static std::atomic<unsigned> counter{0};
  thread_local std::mt19937_64 random{std::random_device{}()};
  return ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(random());
}

void WriteAll(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("écriture impossible de " + path.string() + " : " + std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

void SyncDirectory(const std::filesystem::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("ouverture impossible de " + folder.string() + " : " + std::strerror(errno));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("fsync impossible de " + folder.string() + " : " + std::strerror(errno));
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(sizeof digest * 2);
  for (unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0xf];
  }
  return hex;
}

FileStore::FileStore(std::filesystem::path root) : root_(std::move(root)) { std::filesystem::create_directories(root_); }

std::filesystem::path FileStore::PathOf(std::string_view sha256) const {
  return root_ / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

Result<StoredBlob> FileStore::Put(std::string_view bytes) const {
  auto type = DetectType(bytes);
  if (!type) return type.error();
  StoredBlob blob{Sha256Hex(bytes), bytes.size(), type.value()};
  const auto target = PathOf(blob.sha256);
  if (std::filesystem::exists(target) && std::filesystem::file_size(target) == bytes.size()) return blob;
  std::filesystem::create_directories(target.parent_path());
  const auto temporary = target.parent_path() / TemporaryName();
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) throw std::runtime_error("création impossible de " + temporary.string() + " : " + std::strerror(errno));
  try {
    WriteAll(fd, bytes, temporary);
    if (::fsync(fd) != 0) throw std::runtime_error("fsync impossible de " + temporary.string());
  } catch (...) {
    ::close(fd);
    std::filesystem::remove(temporary);
    throw;
  }
  ::close(fd);
  // Same content, same name: a concurrent writer's rename is harmless.
  std::filesystem::rename(temporary, target);
  // The new name on disk too, before the caller records the file in the database: after a
  // power cut, a committed row never names a file whose rename was lost.
  SyncDirectory(target.parent_path());
  return blob;
}

Result<std::string> FileStore::Read(std::string_view sha256) const {
  if (!IsSha256(sha256)) return NotFound("Ce fichier n'existe pas.");
  auto bytes = ReadWholeFile(PathOf(sha256));
  if (!bytes || Sha256Hex(bytes.value()) != sha256) return NotFound("Ce fichier est introuvable dans le dépôt de fichiers.");
  return bytes;
}

}  // namespace boussole::files
