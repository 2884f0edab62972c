#include "support/smtp_sink.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "support/mail_decoding.h"

namespace boussole::testing {
namespace {

// A command line longer than this is an attack or a bug (RFC 5321 allows 512 octets).
constexpr std::size_t kMaxCommandLine = 4096;

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// "<address> PARAMS" after "MAIL FROM:" or "RCPT TO:"; false when malformed.
bool PathArgument(std::string_view rest, std::string& address, std::string& params) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.empty() || rest.front() != '<') return false;
  const auto close = rest.find('>');
  if (close == std::string_view::npos) return false;
  address = std::string(rest.substr(1, close - 1));
  params = Upper(rest.substr(close + 1));
  return true;
}

}  // namespace

std::string ReceivedMail::Header(const std::string& name) const { return FindHeader(data, name); }

struct SmtpSink::Impl {
  // Nested rather than in the anonymous namespace: Impl's members may not use an internal type.
  struct Connection {
    int fd = -1;
    std::string input;
    bool in_data = false;
    bool too_large = false;
    bool closing = false;
    bool has_from = false;
    ReceivedMail mail;
  };
  std::size_t max_size;
  int listener = -1;
  int wake[2] = {-1, -1};
  int port = 0;
  std::atomic<bool> reject_recipients{false};
  mutable std::mutex mutex;
  std::condition_variable arrived;
  std::vector<ReceivedMail> mails;
  std::map<int, Connection> connections;
  std::thread thread;

  void Reply(Connection& c, std::string_view text) {
    std::string_view rest = text;
    while (!rest.empty()) {
      const ssize_t n = ::send(c.fd, rest.data(), rest.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == EAGAIN) {
        pollfd out{c.fd, POLLOUT, 0};
        ::poll(&out, 1, 1000);
        continue;
      }
      if (n <= 0) {
        c.closing = true;
        return;
      }
      rest.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  void ResetEnvelope(Connection& c) {
    c.mail = ReceivedMail{};
    c.has_from = false;
    c.too_large = false;
  }

  void Command(Connection& c, std::string_view line) {
    const std::string upper = Upper(line);
    const std::string verb = upper.substr(0, upper.find(' '));
    if (verb == "EHLO") {
      Reply(c, "250-127.0.0.1 Boussole test sink\r\n250-SIZE " + std::to_string(max_size) + "\r\n250 HELP\r\n");
    } else if (verb == "HELO") {
      Reply(c, "250 127.0.0.1 Boussole test sink\r\n");
    } else if (upper.rfind("MAIL FROM:", 0) == 0) {
      std::string address, params;
      if (!PathArgument(line.substr(10), address, params)) return Reply(c, "501 5.5.4 Syntax: MAIL FROM:<address>\r\n");
      ResetEnvelope(c);
      if (const auto size = params.find("SIZE="); size != std::string::npos) {
        std::size_t announced = 0;
        const char* digits = params.data() + size + 5;
        const auto [end, error] = std::from_chars(digits, params.data() + params.size(), announced);
        if (error == std::errc::result_out_of_range || (error == std::errc() && announced > max_size)) {
          return Reply(c, "552 5.3.4 Message size exceeds fixed limit\r\n");
        }
      }
      c.mail.envelope_from = address;
      c.has_from = true;
      Reply(c, "250 2.1.0 Ok\r\n");
    } else if (upper.rfind("RCPT TO:", 0) == 0) {
      std::string address, params;
      if (!c.has_from) return Reply(c, "503 5.5.1 Need MAIL first\r\n");
      if (!PathArgument(line.substr(8), address, params)) return Reply(c, "501 5.5.4 Syntax: RCPT TO:<address>\r\n");
      if (reject_recipients) return Reply(c, "550 5.1.1 Recipient rejected by the test sink\r\n");
      c.mail.envelope_to.push_back(address);
      Reply(c, "250 2.1.5 Ok\r\n");
    } else if (verb == "DATA") {
      if (c.mail.envelope_to.empty()) return Reply(c, "503 5.5.1 Need RCPT first\r\n");
      c.in_data = true;
      Reply(c, "354 End data with <CR><LF>.<CR><LF>\r\n");
    } else if (verb == "RSET") {
      ResetEnvelope(c);
      Reply(c, "250 2.0.0 Ok\r\n");
    } else if (verb == "NOOP") {
      Reply(c, "250 2.0.0 Ok\r\n");
    } else if (verb == "QUIT") {
      Reply(c, "221 2.0.0 Bye\r\n");
      c.closing = true;
    } else {
      Reply(c, "502 5.5.2 Command not implemented\r\n");
    }
  }

  void DataLine(Connection& c, std::string_view line) {
    if (line == ".") {
      c.in_data = false;
      if (c.too_large) {
        Reply(c, "552 5.3.4 Message size exceeds fixed limit\r\n");
      } else {
        ReceivedMail mail = std::move(c.mail);
        mail.subject = DecodeEncodedWords(FindHeader(mail.data, "Subject"));
        const std::string encoding = Upper(FindHeader(mail.data, "Content-Transfer-Encoding"));
        const std::string_view body = MessageBody(mail.data);
        if (encoding == "QUOTED-PRINTABLE") {
          mail.text = DecodeQuotedPrintable(body);
        } else {
          for (std::size_t i = 0; i < body.size(); ++i) {
            if (body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n') continue;
            mail.text += body[i];
          }
        }
        {
          std::lock_guard lock(mutex);
          mails.push_back(std::move(mail));
        }
        arrived.notify_all();
        Reply(c, "250 2.0.0 Ok: queued\r\n");
      }
      ResetEnvelope(c);
      return;
    }
    // Dot-unstuffing (RFC 5321 §4.5.2).
    if (!line.empty() && line.front() == '.') line.remove_prefix(1);
    if (c.too_large) return;
    if (c.mail.data.size() + line.size() + 2 > max_size) {
      c.too_large = true;
      c.mail.data.clear();
      return;
    }
    c.mail.data.append(line).append("\r\n");
  }

  void Receive(Connection& c) {
    char buffer[65536];
    const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n <= 0) {
      c.closing = true;
      return;
    }
    c.input.append(buffer, static_cast<std::size_t>(n));
    std::size_t start = 0;
    while (!c.closing) {
      const auto end = c.input.find("\r\n", start);
      if (end == std::string::npos) break;
      const std::string_view line(c.input.data() + start, end - start);
      if (c.in_data) {
        DataLine(c, line);
      } else {
        Command(c, line);
      }
      start = end + 2;
    }
    c.input.erase(0, start);
    if (c.in_data && c.input.size() > max_size) {
      // One endless line: keep reading to the final dot, but keep nothing.
      c.too_large = true;
      c.mail.data.clear();
      c.input.erase(0, c.input.size() - 1);
    } else if (!c.in_data && c.input.size() > kMaxCommandLine) {
      Reply(c, "500 5.5.2 Line too long\r\n");
      c.closing = true;
    }
  }

  void Run() {
    while (true) {
      std::vector<pollfd> fds{{wake[0], POLLIN, 0}, {listener, POLLIN, 0}};
      for (const auto& [fd, connection] : connections) fds.push_back({fd, POLLIN, 0});
      if (::poll(fds.data(), fds.size(), -1) < 0) {
        if (errno == EINTR) continue;
        return;
      }
      if (fds[0].revents != 0) return;
      if (fds[1].revents & POLLIN) {
        const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd >= 0) {
          Connection& c = connections[fd];
          c.fd = fd;
          Reply(c, "220 127.0.0.1 ESMTP Boussole test sink\r\n");
        }
      }
      for (std::size_t i = 2; i < fds.size(); ++i) {
        if (fds[i].revents == 0) continue;
        Connection& c = connections.at(fds[i].fd);
        Receive(c);
        if (c.closing) {
          ::close(c.fd);
          connections.erase(fds[i].fd);
        }
      }
    }
  }
};

SmtpSink::SmtpSink(std::size_t max_message_size) : impl_(std::make_unique<Impl>()) {
  impl_->max_size = max_message_size;
  if (::pipe2(impl_->wake, O_CLOEXEC) != 0) throw std::runtime_error("SmtpSink: pipe failed");
  impl_->listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (impl_->listener < 0 || ::bind(impl_->listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(impl_->listener, 64) != 0 ||
      ::getsockname(impl_->listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error(std::string("SmtpSink: cannot listen on 127.0.0.1: ") + std::strerror(errno));
  }
  impl_->port = ntohs(address.sin_port);
  impl_->thread = std::thread([impl = impl_.get()] { impl->Run(); });
}

SmtpSink::~SmtpSink() {
  const char stop = 'x';
  while (::write(impl_->wake[1], &stop, 1) < 0 && errno == EINTR) {
  }
  impl_->thread.join();
  for (const auto& [fd, connection] : impl_->connections) ::close(fd);
  ::close(impl_->listener);
  ::close(impl_->wake[0]);
  ::close(impl_->wake[1]);
}

int SmtpSink::port() const { return impl_->port; }

std::string SmtpSink::url() const { return "smtp://127.0.0.1:" + std::to_string(impl_->port); }

void SmtpSink::RejectRecipients(bool reject) { impl_->reject_recipients = reject; }

std::vector<ReceivedMail> SmtpSink::WaitFor(std::size_t count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  impl_->arrived.wait_for(lock, timeout, [&] { return impl_->mails.size() >= count; });
  return impl_->mails;
}

std::vector<ReceivedMail> SmtpSink::mails() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->mails;
}

}  // namespace boussole::testing
