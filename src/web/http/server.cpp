// The only translation unit with Beast/Asio in the HTTP layer (slow to compile: keep it so).
// Shape of Beast's 1.74 http_server_async / advanced_server examples: a listener accepts
// and hands each socket to a session; the session owns the stream, the timeouts, the
// bounded parser and keep-alive. Handlers run on a worker pool, never on io threads.

// Boost 1.74 asio with GCC 12 in C++20 mode needs <utility> before the asio headers.
#include <utility>

#include "web/http/server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include "web/http/access_log.h"
#include "web/http/handling.h"
#include "web/http/security_headers.h"
#include "web/http/messages.h"
#include "web/http/url.h"

namespace boussole::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kDrainTimeout = std::chrono::seconds(10);
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);
constexpr std::size_t kFirstReadSize = 4096;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

std::string ToString(beast::string_view text) { return std::string(text.data(), text.size()); }

std::string LowerAscii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string HostPort(const asio::ip::address& address, std::uint16_t port) {
  return address.is_v6() ? fmt::format("[{}]:{}", address.to_string(), port)
                         : fmt::format("{}:{}", address.to_string(), port);
}

template <class Fields>
void CopyHeaders(const Fields& fields, std::map<std::string, std::string>& headers) {
  for (const auto& field : fields) {
    const std::string value = ToString(field.value());
    auto [it, inserted] = headers.try_emplace(LowerAscii(ToString(field.name_string())), value);
    if (!inserted) {
      it->second += it->first == "cookie" ? "; " : ", ";
      it->second += value;
    }
  }
}

class Session;

//! State shared by the listener, the sessions and Server::Run.
struct Core {
  Core(const ServerOptions& server_options, const Router& server_router)
      : options(server_options),
        router(server_router),
        ioc(static_cast<int>(std::max<std::size_t>(1, server_options.io_threads))),
        workers(std::max<std::size_t>(1, server_options.worker_threads)) {}

  std::uint64_t Register(std::weak_ptr<Session> session) {
    std::lock_guard lock(mutex);
    sessions.emplace(++next_session_id, std::move(session));
    return next_session_id;
  }

  void Unregister(std::uint64_t id) {
    std::lock_guard lock(mutex);
    sessions.erase(id);
    changed.notify_all();
  }

  const ServerOptions options;
  const Router& router;
  std::atomic<bool> stopping{false};  //!< no new connection, no more keep-alive
  std::mutex mutex;
  std::condition_variable changed;
  std::unordered_map<std::uint64_t, std::weak_ptr<Session>> sessions;  // GUARDED_BY(mutex)
  std::uint64_t next_session_id = 0;                                   // GUARDED_BY(mutex)
  bool stop_requested = false;                                         // GUARDED_BY(mutex)
  bool draining = false;  //!< acceptor closed, sessions told    // GUARDED_BY(mutex)
  // Declared last and in this order: the pool is joined before the io_context goes, and
  // handlers destroyed with the io_context may still unregister sessions above.
  asio::io_context ioc;
  asio::thread_pool workers;
};

//! One connection. Every member is used on the connection's strand only, except in
//! RunHandler, which runs on the worker pool and touches only its arguments and core_.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Core& core) : stream_(std::move(socket)), core_(core) {
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }

  ~Session() {
    if (id_ != 0) core_.Unregister(id_);
  }

  void Start(std::uint64_t id) {
    id_ = id;
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::ReadNext, shared_from_this()));
  }

  //! From any thread when the server stops: an idle connection closes now, a busy one
  //! after its response.
  void Shutdown() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      self->shutting_down_ = true;
      if (self->state_ == State::kIdle) self->stream_.cancel();
    });
  }

 private:
  enum class State { kIdle, kReading, kHandling, kWriting, kClosing };

  std::chrono::seconds RequestTimeout() const {
    return std::chrono::seconds(std::max(1, core_.options.request_timeout_seconds));
  }

  void ReadNext() {
    if (shutting_down_ || core_.stopping) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(
        core_.options.header_limit, std::numeric_limits<std::uint32_t>::max())));
    // The largest limit any route allows (uploads); OnHeader narrows it to the route's.
    parser_->body_limit(static_cast<std::uint64_t>(
        std::max(core_.options.body_limit, core_.router.LargestBodyLimit())));
    if (buffer_.size() > 0) return ReadRequest();  // pipelined bytes already here
    // Idle until the first byte: the keep-alive timeout between requests.
    state_ = State::kIdle;
    stream_.expires_after(served_ == 0 ? RequestTimeout()
                                       : std::chrono::seconds(std::max(
                                             1, core_.options.keep_alive_seconds)));
    stream_.async_read_some(buffer_.prepare(kFirstReadSize),
                            beast::bind_front_handler(&Session::OnFirstBytes, shared_from_this()));
  }

  void OnFirstBytes(beast::error_code ec, std::size_t bytes) {
    buffer_.commit(bytes);
    if (ec) return Close();  // peer gone, idle timeout or shutdown
    ReadRequest();
  }

  void ReadRequest() {
    state_ = State::kReading;
    stream_.expires_after(RequestTimeout());  // for the whole request, header and body
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec) return OnRead(ec, 0);
    const auto& message = parser_->get();
    if (!parser_->is_done()) {
      std::size_t limit = core_.options.body_limit;
      if (auto target = ParseTarget(ToString(message.target()))) {
        limit = core_.router.BodyLimit(ToString(message.method_string()), target.value().path, limit);
      }
      const auto length = parser_->content_length();
      if (length && *length > limit) return RespondToBadMessage(413, messages::kBodyTooLarge);
      parser_->body_limit(static_cast<std::uint64_t>(limit));  // chunked bodies
    }
    const bool expects_continue =
        message.version() == 11 &&
        beast::iequals(message[http::field::expect], "100-continue") && !parser_->is_done();
    if (!expects_continue) return ReadBody();
    asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                      [self = shared_from_this()](beast::error_code write_error, std::size_t) {
                        if (write_error) return self->Close();
                        self->ReadBody();
                      });
  }

  void ReadBody() {
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    static const auto& http_category = http::make_error_code(http::error::end_of_stream).category();
    if (ec == http::error::end_of_stream) return CloseGracefully();
    if (ec == http::error::body_limit) return RespondToBadMessage(413, messages::kBodyTooLarge);
    if (ec == http::error::header_limit) {
      return RespondToBadMessage(431, messages::kHeadersTooLarge);
    }
    if (ec && ec.category() == http_category && ec != http::error::partial_message) {
      return RespondToBadMessage(400, messages::kMalformedRequest);
    }
    if (ec) return Close();  // timeout, reset, shutdown, message cut short
    HandleRequest(parser_->release());
  }

  void HandleRequest(http::request<http::string_body> message) {
    started_ = Clock::now();
    version_ = message.version();
    keep_alive_ = message.keep_alive();
    Request request;
    request.method = ToString(message.method_string());
    request.target = ToString(message.target());
    request.remote_address = remote_;
    request.request_id = NewRequestId();
    CopyHeaders(message, request.headers);
    request.body = std::move(message.body());

    auto target = ParseTarget(request.target);
    if (!target) {
      // The message itself was well framed: answer and keep the connection.
      Response response =
          RenderErrorSafely(core_.router, request, 400, target.error().message);
      return Respond(std::move(response), MakeAccessEntry(request, {}), false, false);
    }
    Target parsed = std::move(target).value();
    request.path = std::move(parsed.path);
    request.query = std::move(parsed.query);

    state_ = State::kHandling;
    asio::post(core_.workers, [self = shared_from_this(), request = std::move(request)]() mutable {
      self->RunHandler(std::move(request));
    });
  }

  //! On the worker pool.
  void RunHandler(Request request) {
    Response response = DispatchSafely(core_.router, request);
    request.body.clear();
    AccessEntry entry = MakeAccessEntry(request, RouteNameSafely(core_.router, request));
    asio::post(stream_.get_executor(), [self = shared_from_this(), response = std::move(response),
                                        entry = std::move(entry)]() mutable {
      self->Respond(std::move(response), std::move(entry), false, false);
    });
  }

  //! Answers a message that could not be read (413, 431, 400), then closes.
  void RespondToBadMessage(int status, std::string_view detail) {
    started_ = Clock::now();
    version_ = 11;
    Request request;
    request.request_id = NewRequestId();
    request.remote_address = remote_;
    // The request line may be known even when the header is not complete (Beast checks a
    // Content-Length against the body limit as soon as it reads that field).
    if (parser_ && !parser_->get().target().empty()) {
      const auto& message = parser_->get();
      version_ = message.version() == 10 ? 10 : 11;
      request.method = ToString(message.method_string());
      request.target = ToString(message.target());
      CopyHeaders(message, request.headers);
      if (auto target = ParseTarget(request.target)) {
        request.path = target.value().path;
        request.query = target.value().query;
      }
    }
    Response response = RenderErrorSafely(core_.router, request, status, detail);
    Respond(std::move(response), MakeAccessEntry(request, {}), true, true);
  }

  void Respond(Response response, AccessEntry entry, bool close_after, bool linger) {
    state_ = State::kWriting;
    keep_ = keep_alive_ && !close_after && !shutting_down_ && !core_.stopping;
    linger_ = linger;
    Response ready = FinalizeResponse(std::move(response), entry.method, entry.request_id);
    AddSecurityHeaders(ready, core_.options.https);
    message_ = {};
    message_.version(version_);
    message_.result(static_cast<unsigned>(ready.status));
    for (const auto& [name, value] : ready.headers) message_.insert(name, value);
    message_.keep_alive(keep_);
    message_.body() = std::move(ready.body);

    entry.status = ready.status;
    entry.bytes = message_.body().size();
    pending_entry_ = std::move(entry);
    stream_.expires_after(RequestTimeout());
    http::async_write(stream_, message_,
                      beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    pending_entry_.duration_ms =
        std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
    LogAccess(pending_entry_);
    if (core_.options.on_request) core_.options.on_request(pending_entry_);
    message_ = {};
    if (ec) return Close();
    if (!keep_) return linger_ ? Linger() : CloseGracefully();
    ++served_;
    ReadNext();
  }

  //! After an error answered before the request was read: stop sending but keep reading
  //! (and discarding) for a moment, so that closing with unread data does not reset the
  //! connection before the client has read the answer.
  void Linger() {
    state_ = State::kClosing;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    stream_.expires_after(kLingerTimeout);
    Drain();
  }

  void Drain() {
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->Close();
                              self->Drain();
                            });
  }

  void CloseGracefully() {
    state_ = State::kClosing;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    // The socket closes when the last handler lets go of the session.
  }

  void Close() {
    state_ = State::kClosing;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Core& core_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> message_;  //!< alive until written
  AccessEntry pending_entry_;
  std::array<char, 4096> drain_{};
  std::string remote_;
  std::uint64_t id_ = 0;
  std::size_t served_ = 0;
  unsigned version_ = 11;
  bool keep_alive_ = false;  //!< what the client asked
  bool keep_ = false;        //!< what the current response does
  bool linger_ = false;
  bool shutting_down_ = false;
  State state_ = State::kIdle;
  Clock::time_point started_;
};

//! Accepts connections on a strand of its own.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  explicit Listener(Core& core)
      : core_(core),
        acceptor_(asio::make_strand(core.ioc)),
        retry_timer_(acceptor_.get_executor()) {}

  //! Binds and listens; returns the bound endpoint. Throws std::runtime_error.
  tcp::endpoint Bind() {
    const ServerOptions& options = core_.options;
    beast::error_code ec;
    const auto address = asio::ip::make_address(options.address, ec);
    if (ec) {
      throw std::runtime_error(
          fmt::format("invalid listen address '{}': {}", options.address, ec.message()));
    }
    const tcp::endpoint endpoint(address, options.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    tcp::endpoint bound;
    if (!ec) bound = acceptor_.local_endpoint(ec);
    if (ec) {
      throw std::runtime_error(fmt::format("cannot listen on {}: {}",
                                           HostPort(address, options.port), ec.message()));
    }
    return bound;
  }

  void Accept() {
    acceptor_.async_accept(asio::make_strand(core_.ioc),
                           beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
  }

  //! From any thread: stop accepting and tell every session to finish.
  void Stop() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] { self->DoStop(); });
  }

 private:
  void OnAccept(beast::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open()) return;
    if (ec) {
      // EMFILE and the like: wait a little instead of spinning.
      spdlog::warn("accept failed: {}", ec.message());
      retry_timer_.expires_after(kAcceptRetryDelay);
      retry_timer_.async_wait([self = shared_from_this()](beast::error_code wait_error) {
        if (!wait_error && self->acceptor_.is_open()) self->Accept();
      });
      return;
    }
    if (!core_.stopping) {
      auto session = std::make_shared<Session>(std::move(socket), core_);
      session->Start(core_.Register(session));
    }
    Accept();
  }

  void DoStop() {
    core_.stopping = true;
    beast::error_code ec;
    acceptor_.close(ec);
    retry_timer_.cancel();
    std::vector<std::shared_ptr<Session>> sessions;
    {
      std::lock_guard lock(core_.mutex);
      for (const auto& entry : core_.sessions) {
        if (auto session = entry.second.lock()) sessions.push_back(std::move(session));
      }
    }
    for (const auto& session : sessions) session->Shutdown();
    {
      std::lock_guard lock(core_.mutex);
      core_.draining = true;
    }
    core_.changed.notify_all();
  }

  Core& core_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_timer_;
};

void RunLoop(asio::io_context& ioc) {
  while (true) {
    try {
      ioc.run();
      return;
    } catch (const std::exception& e) {
      spdlog::error("unexpected exception in the network loop: {}", e.what());
    }
  }
}

}  // namespace

struct Server::Impl {
  Impl(const ServerOptions& options, const Router& router) : core(options, router) {}

  Core core;
  std::shared_ptr<Listener> listener;
  std::uint16_t port = 0;
  std::string where;  //!< "127.0.0.1:8080"
  std::atomic<bool> ran{false};
};

Server::Server(const ServerOptions& options, const Router& router)
    : impl_(std::make_unique<Impl>(options, router)) {
  impl_->listener = std::make_shared<Listener>(impl_->core);
  const tcp::endpoint bound = impl_->listener->Bind();
  impl_->port = bound.port();
  impl_->where = HostPort(bound.address(), bound.port());
  impl_->listener->Accept();
}

Server::~Server() = default;

std::uint16_t Server::port() const { return impl_->port; }

void Server::Run(bool stop_on_signals) {
  if (impl_->ran.exchange(true)) throw std::logic_error("Server::Run called twice");
  Core& core = impl_->core;
  auto work = asio::make_work_guard(core.ioc);  // the pool posts back: keep run() going
  std::optional<asio::signal_set> signals;
  if (stop_on_signals) {
    signals.emplace(core.ioc, SIGINT, SIGTERM);
    signals->async_wait([this](const beast::error_code& ec, int number) {
      if (ec) return;
      spdlog::info("signal {} received: stopping", number);
      Stop();
    });
  }
  // Only now, with signals handled: a supervisor may send SIGTERM as soon as it reads this.
  spdlog::info("listening on {}", impl_->where);
  std::cout << "listening on " << impl_->where << std::endl;  // flushed: tests wait for it
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < std::max<std::size_t>(1, core.options.io_threads); ++i) {
    threads.emplace_back([&core] { RunLoop(core.ioc); });
  }
  {
    std::unique_lock lock(core.mutex);
    core.changed.wait(lock, [&] { return core.draining; });
    if (!core.changed.wait_for(lock, kDrainTimeout, [&] { return core.sessions.empty(); })) {
      spdlog::warn("{} connection(s) still open after {} s: closing them",
                   core.sessions.size(), kDrainTimeout.count());
    }
  }
  work.reset();
  core.ioc.stop();
  for (auto& thread : threads) thread.join();
  core.workers.stop();
  core.workers.join();
  spdlog::info("server stopped");
}

void Server::Stop() {
  {
    std::lock_guard lock(impl_->core.mutex);
    if (impl_->core.stop_requested) return;
    impl_->core.stop_requested = true;
  }
  impl_->listener->Stop();
}

void RunServer(const ServerOptions& options, const Router& router) {
  // A supervisor that stops reading our stdout or stderr must not kill the server: writes
  // to a closed pipe then fail with EPIPE instead (sockets already use MSG_NOSIGNAL).
  std::signal(SIGPIPE, SIG_IGN);
  Server server(options, router);
  server.Run(/*stop_on_signals=*/true);
}

}  // namespace boussole::web
