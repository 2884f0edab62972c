#include "http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <stdexcept>

namespace boussole::bench {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

struct HttpClient::Impl {
  boost::asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  std::string host;
};

HttpClient::HttpClient(const std::string& host, const std::string& port) : impl_(std::make_unique<Impl>()) {
  impl_->host = host + ":" + port;
  tcp::resolver resolver(impl_->io);
  impl_->stream.connect(resolver.resolve(host, port));
  impl_->stream.socket().set_option(tcp::no_delay(true));
}

HttpClient::~HttpClient() {
  beast::error_code ignored;
  impl_->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

std::string HttpClient::Get(const std::string& target) {
  http::request<http::empty_body> request{http::verb::get, target, 11};
  request.set(http::field::host, impl_->host);
  request.keep_alive(true);
  http::write(impl_->stream, request);
  http::response<http::string_body> response;
  http::read(impl_->stream, impl_->buffer, response);
  if (response.result_int() != 200) {
    throw std::runtime_error("GET " + target + ": HTTP " + std::to_string(response.result_int()) + " " +
                             response.body().substr(0, 300));
  }
  return std::move(response.body());
}

std::string UrlEncode(const std::string& value) {
  static const char* kHex = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return encoded;
}

}  // namespace boussole::bench
