#pragma once
// The HTTP server. Network I/O runs on a few io threads; handlers run on a bounded worker
// pool so that a slow store call never stalls other connections or /healthz.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "web/http/access_log.h"
#include "web/http/router.h"

namespace boussole::web {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;              //!< 0: any free port (see Server::port())
  std::size_t io_threads = 1;
  std::size_t worker_threads = 4;
  std::size_t body_limit = 1024 * 1024;   //!< bytes; larger bodies get 413
  std::size_t header_limit = 16 * 1024;   //!< bytes; larger headers get 431
  int request_timeout_seconds = 30;       //!< to receive a whole request
  int keep_alive_seconds = 60;            //!< idle time before closing
  //! The instance is served over https (its public URL says so): every answer then carries
  //! Strict-Transport-Security (web/http/security_headers.h).
  bool https = false;
  //! Called once per answered request, after the access log line (e.g. for metrics).
  //! Must be thread-safe and quick.
  std::function<void(const AccessEntry&)> on_request;
};

//! Serves `router` until SIGTERM or SIGINT, then stops accepting, lets requests in flight
//! finish (at most 10 s) and returns. Writes "listening on ADDRESS:PORT" (the actual port,
//! also when options.port is 0) to the log and to stdout, flushed, once the socket is bound
//! and the signals are handled (tests wait for it). Throws std::runtime_error when it
//! cannot bind. Ignores SIGPIPE for the whole process (a closed log pipe must not kill it).
void RunServer(const ServerOptions& options, const Router& router);

//! The server behind RunServer, for code that must stop it without a signal (tests) or
//! learn the port it got. Typical use:
//!   Server server(options, router);           // binds; server.port() is known
//!   std::thread t([&] { server.Run(); });
//!   ...; server.Stop(); t.join();
class Server {
 public:
  //! Binds and listens on options.address:options.port; connections wait in the backlog
  //! until Run. Throws std::runtime_error when the address is invalid or cannot be bound.
  //! `router` must outlive the server.
  Server(const ServerOptions& options, const Router& router);
  //! Call only once Run has returned, or if it was never called.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  //! The bound port (the one chosen by the system when options.port is 0).
  std::uint16_t port() const;

  //! Logs (spdlog, info) and prints on stdout (flushed) one line "listening on ADDRESS:PORT"
  //! with the actual port, then serves until Stop() is called — or SIGTERM/SIGINT arrives,
  //! when `stop_on_signals` — then stops accepting, closes idle connections, lets requests
  //! in flight finish and be answered (at most 10 s) and returns. Handlers still running
  //! after that delay are waited for. Call at most once; throws std::logic_error on a
  //! second call.
  void Run(bool stop_on_signals = false);

  //! Asks Run to stop and return. Thread-safe and idempotent; may be called before Run
  //! (Run then returns at once) and from handlers.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace boussole::web
