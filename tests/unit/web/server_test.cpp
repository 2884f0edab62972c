// Starts the real server on a free port and talks raw HTTP/1.1 to it over 127.0.0.1.
#include "web/http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <mutex>
#include <condition_variable>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

namespace boussole::web {
namespace {

using namespace std::chrono_literals;

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

//! A blocking client connection with a 5 s receive timeout, so that a bug fails the test
//! instead of hanging it.
class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket");
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  void Send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (sent <= 0) return;  // the server may close early (413): the reply says why
      data.remove_prefix(static_cast<std::size_t>(sent));
    }
  }

  //! Reads one response; status 0 when the connection closed first.
  HttpReply Read(bool head = false) {
    HttpReply reply;
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return reply;
    }
    const std::string head_text = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    std::size_t line_end = head_text.find("\r\n");
    const std::string status_line = head_text.substr(0, line_end);
    reply.status = std::stoi(status_line.substr(9, 3));
    while (line_end != std::string::npos) {
      const std::size_t start = line_end + 2;
      line_end = head_text.find("\r\n", start);
      const std::string line = head_text.substr(start, line_end - start);
      const std::size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::size_t value_start = colon + 1;
      while (value_start < line.size() && line[value_start] == ' ') ++value_start;
      reply.headers[name] = line.substr(value_start);
    }
    std::size_t length = 0;
    if (!head && reply.headers.count("content-length")) {
      length = std::stoul(reply.headers["content-length"]);
    }
    while (buffer_.size() < length) {
      if (!Fill()) break;
    }
    reply.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return reply;
  }

  //! True when the server closed the connection (EOF or reset) within the timeout.
  bool Closed() {
    char byte;
    const ssize_t received = ::recv(fd_, &byte, 1, 0);
    return received == 0 || (received < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
  }

 private:
  bool Fill() {
    char chunk[4096];
    const ssize_t received = ::recv(fd_, chunk, sizeof chunk, 0);
    if (received <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(received));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

Response ServerProblem(const Request& request, int status, std::string_view detail) {
  return Response::Problem(status, StatusTitle(status), detail, request.path);
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/hello", "hello", [](const Request&) {
      return Response::Text(200, "bonjour");
    });
    router_.Add("GET", "/echo", "echo", [](const Request& r) {
      std::string text = r.method + "|" + r.path + "|" + r.remote_address + "|" +
                         r.Header("x-custom") + "|" + r.Query("q").value_or("-") + "|" +
                         std::to_string(r.request_id.size());
      return Response::Text(200, text);
    });
    router_.Add("POST", "/echo", "echo_post",
                [](const Request& r) { return Response::Text(200, "got " + r.body); });
    router_.Add("GET", "/boom", "boom",
                [](const Request&) -> Response { throw std::runtime_error("kaboom"); });
    router_.Add("GET", "/slow", "slow", [this](const Request&) {
      slow_started_ = true;
      // Held until the test lets it go: slow without a clock. The bound only keeps a broken
      // test from hanging.
      std::unique_lock lock(slow_mutex_);
      slow_released_.wait_for(lock, 10s, [this] { return release_slow_; });
      return Response::Text(200, "lent");
    });
    ServerOptions options;
    options.port = 0;
    options.body_limit = 1024;
    options.header_limit = 2048;
    options.worker_threads = 2;
    Tune(options);
    server_ = std::make_unique<Server>(options, router_);
    testing::internal::CaptureStdout();  // keeps "listening on" out of the test report
    thread_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
    testing::internal::GetCapturedStdout();
  }

  virtual void Tune(ServerOptions&) {}

  std::uint16_t port() const { return server_->port(); }

  Router router_{ServerProblem};
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::atomic<bool> slow_started_{false};
  std::mutex slow_mutex_;
  std::condition_variable slow_released_;
  bool release_slow_ = false;  // GUARDED_BY(slow_mutex_)

  void ReleaseSlow() {
    {
      std::lock_guard lock(slow_mutex_);
      release_slow_ = true;
    }
    slow_released_.notify_all();
  }
};

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  Client client(port());
  ASSERT_TRUE(client.connected());
  client.Send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
  const HttpReply first = client.Read();
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, "bonjour");
  EXPECT_EQ(first.headers.at("content-length"), "7");
  EXPECT_EQ(first.headers.at("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(first.headers.count("server"), 0U);
  const std::string id = first.headers.at("x-request-id");
  EXPECT_EQ(id.size(), 16U);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);

  client.Send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
  const HttpReply second = client.Read();
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, "bonjour");
  EXPECT_NE(second.headers.at("x-request-id"), id);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Client client(port());
  client.Send(
      "GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /echo?q=deux HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.Read().body, "bonjour");
  EXPECT_EQ(client.Read().body, "GET|/echo|127.0.0.1||deux|16");
}

TEST_F(ServerTest, FillsTheRequest) {
  Client client(port());
  client.Send(
      "GET /ech%6F?q=eau+potable&x=%C3%A9 HTTP/1.1\r\nHost: x\r\nX-Custom: valeur\r\n\r\n");
  const HttpReply reply = client.Read();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "GET|/echo|127.0.0.1|valeur|eau potable|16");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  Client client(port());
  client.Send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const HttpReply reply = client.Read();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers.at("connection"), "close");
  EXPECT_TRUE(client.Closed());
}

TEST_F(ServerTest, Http10ClosesByDefault) {
  Client client(port());
  client.Send("GET /hello HTTP/1.0\r\n\r\n");
  EXPECT_EQ(client.Read().status, 200);
  EXPECT_TRUE(client.Closed());
}

TEST_F(ServerTest, PostBodyWithinLimit) {
  Client client(port());
  client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nsalut");
  const HttpReply reply = client.Read();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "got salut");
}

TEST_F(ServerTest, ExpectContinueGetsAnInterimResponse) {
  Client client(port());
  client.Send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(client.Read().status, 100);
  client.Send("salut");
  EXPECT_EQ(client.Read().body, "got salut");
}

TEST_F(ServerTest, OversizedBodyIs413AndCloses) {
  Client client(port());
  client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" +
              std::string(5000, 'a'));
  const HttpReply reply = client.Read();
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.headers.at("content-type"), "application/problem+json");
  EXPECT_NE(reply.body.find("Contenu trop volumineux"), std::string::npos);
  EXPECT_NE(reply.body.find("/echo"), std::string::npos);  // the minimal request had a path
  EXPECT_EQ(reply.headers.at("x-request-id").size(), 16U);
  EXPECT_TRUE(client.Closed());
}

TEST_F(ServerTest, OversizedChunkedBodyIs413) {
  Client client(port());
  const std::string chunk(800, 'b');
  client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n320\r\n" +
              chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
  EXPECT_EQ(client.Read().status, 413);
}

TEST_F(ServerTest, OversizedHeaderIs431) {
  Client client(port());
  client.Send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'h') +
              "\r\n\r\n");
  const HttpReply reply = client.Read();
  EXPECT_EQ(reply.status, 431);
  EXPECT_NE(reply.body.find("En-têtes trop volumineux"), std::string::npos);
  EXPECT_TRUE(client.Closed());
}

TEST_F(ServerTest, MalformedRequestLineIs400) {
  Client client(port());
  client.Send("THIS IS NOT HTTP\r\n\r\n");
  const HttpReply reply = client.Read();
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find("Requête invalide"), std::string::npos);
  EXPECT_TRUE(client.Closed());
}

TEST_F(ServerTest, MalformedPercentEncodingIs400AndKeepsTheConnection) {
  Client client(port());
  client.Send("GET /echo%zz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.Read().status, 400);
  client.Send("GET /echo?q=%C3 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.Read().status, 400);
  client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.Read().status, 200);
}

TEST_F(ServerTest, ThrowingHandlerIs500AndTheServerLivesOn) {
  Client client(port());
  client.Send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
  const HttpReply reply = client.Read();
  EXPECT_EQ(reply.status, 500);
  EXPECT_NE(reply.body.find("Erreur interne"), std::string::npos);
  EXPECT_EQ(reply.body.find("kaboom"), std::string::npos);  // never shown to people
  client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.Read().status, 200);
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowed) {
  Client client(port());
  client.Send("GET /nulle-part HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.Read().status, 404);
  client.Send("DELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  const HttpReply reply = client.Read();
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.headers.at("allow"), "GET, HEAD");
}

TEST_F(ServerTest, HeadHasGetLengthButNoBody) {
  Client client(port());
  client.Send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  const HttpReply reply = client.Read(/*head=*/true);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers.at("content-length"), "7");
  // No body bytes follow: the next response starts right away.
  client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  const HttpReply next = client.Read();
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.body, "bonjour");
}

TEST_F(ServerTest, SlowHandlerDoesNotBlockOthers) {
  Client slow(port());
  slow.Send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  while (!slow_started_) std::this_thread::sleep_for(1ms);
  // The slow handler is held until released: the fast answer comes while it still waits.
  Client fast(port());
  fast.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(fast.Read().status, 200);
  ReleaseSlow();
  EXPECT_EQ(slow.Read().body, "lent");
}

TEST_F(ServerTest, StopFinishesRequestsInFlightThenRefusesConnections) {
  Client idle(port());
  idle.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(idle.Read().status, 200);

  Client busy(port());
  busy.Send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  while (!slow_started_) std::this_thread::sleep_for(1ms);
  // Let the handler finish only once Stop() has begun (it may wait for requests in flight).
  std::thread releaser([this] {
    std::this_thread::sleep_for(100ms);
    ReleaseSlow();
  });
  server_->Stop();
  releaser.join();

  const HttpReply reply = busy.Read();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "lent");
  EXPECT_EQ(reply.headers.at("connection"), "close");
  EXPECT_TRUE(busy.Closed());
  EXPECT_TRUE(idle.Closed());
  thread_.join();  // Run returned

  Client late(port());
  EXPECT_FALSE(late.connected());
}

class ServerTimeoutTest : public ServerTest {
 protected:
  void Tune(ServerOptions& options) override {
    options.request_timeout_seconds = 1;
    options.keep_alive_seconds = 1;
  }
};

TEST_F(ServerTimeoutTest, IdleKeepAliveConnectionIsClosed) {
  Client client(port());
  client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.Read().status, 200);
  // Kept alive for a next request…
  client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.Read().status, 200);
  // …then closed by the server once idle (a blocking read sees the end of the stream).
  EXPECT_TRUE(client.Closed());
}

TEST_F(ServerTimeoutTest, IncompleteRequestIsCutOff) {
  Client client(port());
  client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n");  // never finished
  EXPECT_TRUE(client.Closed());
}

TEST_F(ServerTimeoutTest, SilentConnectionIsCutOff) {
  Client client(port());
  EXPECT_TRUE(client.Closed());
}

TEST(ServerRunTest, PrintsTheActualPortOnStdout) {
  Router router(ServerProblem);
  ServerOptions options;
  options.port = 0;
  Server server(options, router);
  ASSERT_NE(server.port(), 0);
  testing::internal::CaptureStdout();
  std::thread thread([&] { server.Run(); });
  server.Stop();
  thread.join();
  const std::string out = testing::internal::GetCapturedStdout();
  EXPECT_NE(out.find("listening on 127.0.0.1:" + std::to_string(server.port()) + "\n"),
            std::string::npos)
      << out;
}

// RunServer as main() uses it: the port read from stdout, stopped by SIGTERM.
TEST(ServerRunTest, RunServerReturnsOnSigterm) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::cout.flush();
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    Router router(ServerProblem);
    router.Add("GET", "/hello", "hello", [](const Request&) { return Response::Text(200, "ok"); });
    ServerOptions options;
    options.port = 0;
    try {
      RunServer(options, router);
    } catch (...) {
      ::_exit(2);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string out;
  std::size_t at;
  const std::string marker = "listening on 127.0.0.1:";
  while ((at = out.find(marker)) == std::string::npos ||
         out.find('\n', at) == std::string::npos) {
    char chunk[256];
    const ssize_t received = ::read(fds[0], chunk, sizeof chunk);
    if (received <= 0) break;
    out.append(chunk, static_cast<std::size_t>(received));
  }
  ::close(fds[0]);  // RunServer ignores SIGPIPE: later log lines must not kill it
  ASSERT_NE(at, std::string::npos) << out;
  const auto port = static_cast<std::uint16_t>(std::stoi(out.substr(at + marker.size())));

  {
    Client client(port);
    client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(client.Read().status, 200);
  }
  ASSERT_EQ(::kill(child, SIGTERM), 0);
  int status = 0;
  pid_t waited = 0;
  for (int i = 0; i < 150 && waited == 0; ++i) {
    waited = ::waitpid(child, &status, WNOHANG);
    if (waited == 0) std::this_thread::sleep_for(100ms);
  }
  if (waited == 0) {
    ::kill(child, SIGKILL);
    ::waitpid(child, &status, 0);
    FAIL() << "RunServer did not return after SIGTERM";
  }
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(ServerBindTest, ThrowsWhenThePortIsTaken) {
  Router router(ServerProblem);
  ServerOptions options;
  options.port = 0;
  Server first(options, router);
  options.port = first.port();
  EXPECT_THROW(Server second(options, router), std::runtime_error);
  options.address = "not an address";
  EXPECT_THROW(Server third(options, router), std::runtime_error);
}

TEST(ServerBindTest, StopBeforeRunReturnsAtOnce) {
  Router router(ServerProblem);
  ServerOptions options;
  options.port = 0;
  testing::internal::CaptureStdout();
  Server server(options, router);
  server.Stop();
  server.Run();
  testing::internal::GetCapturedStdout();
  EXPECT_THROW(server.Run(), std::logic_error);
}

}  // namespace
}  // namespace boussole::web
