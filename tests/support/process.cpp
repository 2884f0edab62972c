#include "support/process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <random>
#include <stdexcept>
#include <thread>

namespace boussole::testing {
namespace fs = std::filesystem;

namespace {

std::string ReadAllFd(int fd) {
  std::string text;
  char buffer[8192];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
  return text;
}

[[noreturn]] void ExecBoussole(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
  std::vector<char*> argv;
  std::string binary = BOUSSOLE_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execv(binary.c_str(), argv.data());
  std::perror("execv");
  std::_Exit(127);
}

}  // namespace

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device random;
  path_ = fs::temp_directory_path() /
          ("boussole-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(random() % 100000));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

CommandResult RunBoussole(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  int out_pipe[2], err_pipe[2];
  if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) throw std::runtime_error("pipe");
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    ExecBoussole(args, env);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  CommandResult result;
  std::thread err_reader([&] { result.err = ReadAllFd(err_pipe[0]); });
  result.out = ReadAllFd(out_pipe[0]);
  err_reader.join();
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

ChildProcess::ChildProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  int out_pipe[2];
  if (::pipe(out_pipe) != 0) throw std::runtime_error("pipe");
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out_pipe[1], 1);
    ::close(out_pipe[0]);
    ExecBoussole(args, env);
  }
  ::close(out_pipe[1]);
  out_fd_ = out_pipe[0];
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
}

bool ChildProcess::WaitForOutput(const std::string& text) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (out_.find(text) != std::string::npos) return true;
    pollfd fd{out_fd_, POLLIN, 0};
    if (::poll(&fd, 1, 200) <= 0) continue;
    char buffer[4096];
    const ssize_t n = ::read(out_fd_, buffer, sizeof buffer);
    if (n <= 0) return out_.find(text) != std::string::npos;
    out_.append(buffer, static_cast<std::size_t>(n));
  }
  return false;
}

void ChildProcess::Kill(int signal) { ::kill(pid_, signal); }

CommandResult ChildProcess::Wait() {
  CommandResult result;
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  out_ += ReadAllFd(out_fd_);
  result.out = out_;
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

std::string CopyReferenceDatabase(const TempDir& dir) {
  const fs::path reference = fs::path(BOUSSOLE_TEST_DATA_DIR) / "reference.db";
  if (!fs::exists(reference)) throw std::runtime_error("missing " + reference.string() + " (run via ctest)");
  const fs::path copy = dir.path() / "boussole.db";
  fs::copy_file(reference, copy, fs::copy_options::overwrite_existing);
  return "sqlite://" + copy.string();
}

ServerProcess::ServerProcess(const std::string& database_url, const std::map<std::string, std::string>& env) {
  int out_pipe[2], err_pipe[2];
  if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) throw std::runtime_error("pipe");
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    ExecBoussole({"serve", "--port", "0", "--database", database_url}, env);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  stderr_fd_ = err_pipe[0];
  ::fcntl(stderr_fd_, F_SETFL, O_NONBLOCK);
  // The server prints "listening on 127.0.0.1:PORT" on stdout once bound.
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd fd{out_pipe[0], POLLIN, 0};
    if (::poll(&fd, 1, 200) > 0) {
      char buffer[512];
      const ssize_t n = ::read(out_pipe[0], buffer, sizeof buffer);
      if (n <= 0) break;
      out.append(buffer, static_cast<std::size_t>(n));
      const auto at = out.find("listening on ");
      const auto colon = at == std::string::npos ? at : out.find(':', at + 13);
      if (colon != std::string::npos && out.find('\n', colon) != std::string::npos) {
        port_ = std::stoi(out.substr(colon + 1));
        break;
      }
    }
  }
  ::close(out_pipe[0]);
  if (port_ == 0) {
    Stop();
    throw std::runtime_error("server did not start: " + out + " " + Logs());
  }
  drain_ = std::thread([this] {
    while (!stop_drain_) {
      pollfd fd{stderr_fd_, POLLIN, 0};
      if (::poll(&fd, 1, 100) > 0 && !ReadLogs()) return;
    }
  });
}

ServerProcess::~ServerProcess() {
  Stop();
  StopDraining();
}

void ServerProcess::StopDraining() {
  stop_drain_ = true;
  if (drain_.joinable()) drain_.join();
}

bool ServerProcess::ReadLogs() {
  std::lock_guard<std::mutex> lock(logs_mutex_);
  if (stderr_fd_ < 0) return false;
  char buffer[8192];
  ssize_t n;
  while ((n = ::read(stderr_fd_, buffer, sizeof buffer)) > 0) logs_.append(buffer, static_cast<std::size_t>(n));
  return n != 0;
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 150; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      Logs();
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

std::string ServerProcess::Logs() {
  ReadLogs();
  std::lock_guard<std::mutex> lock(logs_mutex_);
  return logs_;
}

std::string RawExchange(int port, const std::string& bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("connect failed");
  }
  timeval timeout{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer and close before reading everything (413)
    sent += static_cast<std::size_t>(n);
  }
  std::string answer = ReadAllFd(fd);
  ::close(fd);
  return answer;
}

HttpResponse ParseHttpResponse(const std::string& raw) {
  HttpResponse response;
  const auto end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || end == std::string::npos) return response;
  response.status = std::stoi(raw.substr(9, 3));
  std::size_t line = raw.find("\r\n") + 2;
  while (line < end) {
    const auto next = raw.find("\r\n", line);
    const std::string header = raw.substr(line, next - line);
    const auto colon = header.find(':');
    if (colon != std::string::npos) {
      std::string name = header.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = header.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      response.headers[name] = value;
    }
    line = next + 2;
  }
  response.body = raw.substr(end + 4);
  return response;
}

HttpResponse HttpRequest(int port, const std::string& method, const std::string& target, const std::string& body,
                         const std::map<std::string, std::string>& headers) {
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST") request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  request += "\r\n" + body;
  return ParseHttpResponse(RawExchange(port, request));
}

}  // namespace boussole::testing
