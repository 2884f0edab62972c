#include "mail/outbox_mailer.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <random>
#include <system_error>

#include "mail/mime.h"

namespace boussole::mail {
namespace {

std::string FileName(std::time_t now) {
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  static thread_local std::mt19937_64 random{std::random_device{}()};
  char suffix[17];
  std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(random()));
  return std::string(stamp) + "-" + suffix + ".eml";
}

// The person who signs up sees a plain French message; the operator finds the path and the
// system's reason in the log.
Status Failure(const std::filesystem::path& path, const std::string& what) {
  spdlog::error("mail outbox: cannot write {}: {}", path.string(), what);
  return Error{"unavailable", "Le courriel n'a pas pu être enregistré dans la boîte d'envoi du serveur.", {}};
}

}  // namespace

OutboxMailer::OutboxMailer(Mailbox from, std::filesystem::path folder)
    : from_(std::move(from)), folder_(std::move(folder)) {}

Status OutboxMailer::Send(const MailMessage& message) {
  const std::time_t now = std::time(nullptr);
  auto built = BuildMessage(from_, message, now);
  if (!built) return built.error();
  std::error_code ec;
  // 0700: the mails hold single-use links to people's accounts.
  if (!std::filesystem::is_directory(folder_, ec)) {
    std::filesystem::create_directories(folder_, ec);
    if (ec) return Failure(folder_, ec.message());
    std::filesystem::permissions(folder_, std::filesystem::perms::owner_all, ec);
  }
  const std::string name = FileName(now);
  const auto target = folder_ / name;
  const auto temporary = folder_ / ("." + name + ".tmp");
  // 0600: the file holds single-use links to someone's account.
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Failure(temporary, std::strerror(errno));
  const std::string& text = built.value();
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string reason = n < 0 ? std::strerror(errno) : "nothing written";
      ::close(fd);
      std::filesystem::remove(temporary, ec);
      return Failure(temporary, reason);
    }
    written += static_cast<std::size_t>(n);
  }
  // Whole before it appears under its name.
  if (::fsync(fd) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    std::filesystem::remove(temporary, ec);
    return Failure(temporary, reason);
  }
  ::close(fd);
  std::filesystem::rename(temporary, target, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return Failure(target, ec.message());
  }
  spdlog::info("mail not sent (no SMTP server configured), written to the outbox: {}", target.string());
  return Ok();
}

}  // namespace boussole::mail
