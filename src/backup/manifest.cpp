#include "backup/manifest.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

namespace boussole::backup {
namespace {

using nlohmann::json;

std::string Hex(const unsigned char* digest, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (std::size_t i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

bool IsSafeRelative(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  for (const auto& part : std::filesystem::path(path)) {
    if (part == ".." || part == ".") return false;
  }
  return true;
}

Error Damaged(const std::string& reason) {
  return Error{"invalid_backup", "La sauvegarde est altérée : " + reason + ". Rien n'a été modifié.", {}};
}

}  // namespace

Result<std::string> FileSha256(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NotFound("Impossible de lire « " + path.string() + " » : " + std::strerror(errno) + ".");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<unsigned char> buffer(1 << 16);
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      return NotFound("Impossible de lire « " + path.string() + " » : " + std::strerror(err) + ".");
    }
    if (n == 0) break;
    crypto_hash_sha256_update(&state, buffer.data(), static_cast<unsigned long long>(n));
  }
  ::close(fd);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return Hex(digest, sizeof digest);
}

Result<std::string> CopyAndHash(const std::filesystem::path& from, const std::filesystem::path& to) {
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return NotFound("Impossible de lire « " + from.string() + " » : " + std::strerror(errno) + ".");
  const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (out < 0) {
    const int err = errno;
    ::close(in);
    return NotFound("Impossible d'écrire « " + to.string() + " » : " + std::strerror(err) + ".");
  }
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<unsigned char> buffer(1 << 16);
  std::string problem;
  for (;;) {
    ssize_t n = ::read(in, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      problem = "Impossible de lire « " + from.string() + " » : " + std::strerror(errno) + ".";
      break;
    }
    if (n == 0) break;
    crypto_hash_sha256_update(&state, buffer.data(), static_cast<unsigned long long>(n));
    const unsigned char* p = buffer.data();
    while (n > 0) {
      const ssize_t w = ::write(out, p, static_cast<std::size_t>(n));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        problem = "Impossible d'écrire « " + to.string() + " » : " + std::strerror(errno) + ".";
        break;
      }
      p += w;
      n -= w;
    }
    if (!problem.empty()) break;
  }
  if (problem.empty() && ::fsync(out) != 0) problem = "fsync impossible de « " + to.string() + " ».";
  ::close(in);
  ::close(out);
  if (!problem.empty()) return Error{"io_error", problem, {}};
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return Hex(digest, sizeof digest);
}

void SyncPath(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("ouverture impossible de " + path.string() + " : " + std::strerror(errno));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("fsync impossible de " + path.string() + " : " + std::strerror(errno));
}

std::string ManifestText(const Manifest& manifest) {
  json entries = json::array();
  for (const auto& e : manifest.entries) entries.push_back({{"path", e.path}, {"sha256", e.sha256}, {"size", e.size}});
  json doc = {{"format", "boussole-backup"},       {"version", 1},
              {"backend", manifest.backend},       {"schema_version", manifest.schema_version},
              {"created_at", manifest.created_at}, {"database", manifest.database},
              {"entries", entries}};
  return doc.dump(1) + "\n";
}

void WriteManifest(const std::filesystem::path& dir, const Manifest& manifest) {
  const auto path = dir / kManifestName;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << ManifestText(manifest);
    out.flush();
    if (!out) throw std::runtime_error("écriture impossible de " + path.string());
  }
  SyncPath(path);
}

Result<Manifest> ReadVerifiedManifest(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) {
    return Error{"not_found", "« " + dir.string() + " » n'est pas un dossier de sauvegarde Boussole.", {}};
  }
  const auto path = dir / kManifestName;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"not_found", "Le dossier « " + dir.string() + " » n'a pas de manifest.json : ce n'est pas une sauvegarde Boussole.", {}};
  Manifest manifest;
  try {
    const json doc = json::parse(in);
    if (doc.value("format", "") != "boussole-backup" || doc.value("version", 0) != 1) {
      return Damaged("manifest.json n'est pas un manifeste de sauvegarde Boussole (version 1)");
    }
    manifest.backend = doc.at("backend").get<std::string>();
    manifest.schema_version = doc.at("schema_version").get<int>();
    manifest.created_at = doc.at("created_at").get<std::string>();
    manifest.database = doc.at("database").get<std::string>();
    for (const auto& e : doc.at("entries")) {
      manifest.entries.push_back(
          {e.at("path").get<std::string>(), e.at("sha256").get<std::string>(), e.at("size").get<std::uintmax_t>()});
    }
  } catch (const std::exception&) {
    return Damaged("manifest.json est illisible");
  }
  std::set<std::string> listed;
  bool has_database = false;
  for (const auto& e : manifest.entries) {
    if (!IsSafeRelative(e.path)) return Damaged("le manifeste nomme un chemin interdit « " + e.path + " »");
    listed.insert(e.path);
    has_database = has_database || e.path == manifest.database;
    const auto file = dir / e.path;
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return Damaged("le fichier « " + e.path + " » manque");
    if (size != e.size) {
      return Damaged("le fichier « " + e.path + " » fait " + std::to_string(size) + " octets au lieu de " +
                     std::to_string(e.size));
    }
    auto sum = FileSha256(file);
    if (!sum) return Damaged("le fichier « " + e.path + " » est illisible");
    if (sum.value() != e.sha256) return Damaged("la somme SHA-256 du fichier « " + e.path + " » ne correspond pas");
  }
  if (!has_database) return Damaged("le manifeste ne nomme pas la base de données");
  for (const auto& item : std::filesystem::recursive_directory_iterator(dir)) {
    if (!item.is_regular_file()) continue;
    const std::string relative = std::filesystem::relative(item.path(), dir).generic_string();
    if (relative != kManifestName && !listed.count(relative)) {
      return Damaged("le fichier « " + relative + " » n'est pas dans le manifeste");
    }
  }
  return manifest;
}

}  // namespace boussole::backup
