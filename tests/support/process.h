#pragma once
// Test support: real child processes (the boussole binary) and real HTTP over loopback.
#include <sys/types.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace boussole::testing {

//! A fresh folder under the system temp dir, removed at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;  //!< -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

//! Runs `boussole ARGS` with extra environment variables and waits for it.
CommandResult RunBoussole(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {});

//! `boussole ARGS` running in the background, its stdout readable line by line.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});
  ~ChildProcess();
  //! Reads stdout until a line contains `text`; false on end of output or after 60 s.
  bool WaitForOutput(const std::string& text);
  void Kill(int signal);
  //! Waits for the end; the result holds the exit code or the signal.
  CommandResult Wait();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string out_;
};

//! A copy of the reference database prepared by the `prepare_reference_db` CTest fixture
//! (territories and catalogue imported), so that each test writes to its own file.
std::string CopyReferenceDatabase(const TempDir& dir);

//! `boussole serve --port 0` on a database URL; stopped with SIGTERM at destruction.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& database_url,
                         const std::map<std::string, std::string>& env = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  //! Sends SIGTERM and returns the exit code (-1 if it had to be killed).
  int Stop();
  //! What the server wrote on stderr so far (logs).
  std::string Logs();

 private:
  //! Appends what stderr holds now to logs_; false at end of file. Takes logs_mutex_.
  bool ReadLogs();
  void StopDraining();

  pid_t pid_ = -1;
  int port_ = 0;
  int stderr_fd_ = -1;
  std::mutex logs_mutex_;
  std::string logs_;  // GUARDED_BY(logs_mutex_)
  //! Empties the stderr pipe as the server writes: the server logs every request, and a
  //! test with many requests would otherwise fill the pipe and block the server.
  std::thread drain_;
  std::atomic<bool> stop_drain_{false};
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  //!< names lower-cased
  std::string body;
};

//! One request on a fresh connection ("Connection: close"); raw bytes as given.
HttpResponse HttpRequest(int port, const std::string& method, const std::string& target,
                         const std::string& body = {},
                         const std::map<std::string, std::string>& headers = {});
inline HttpResponse HttpGet(int port, const std::string& target) { return HttpRequest(port, "GET", target); }
//! Sends raw bytes and returns the raw answer (for malformed requests).
std::string RawExchange(int port, const std::string& bytes);
HttpResponse ParseHttpResponse(const std::string& raw);

}  // namespace boussole::testing
