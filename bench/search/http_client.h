#pragma once
// A minimal sequential HTTP/1.1 client on one keep-alive connection (Boost.Beast): the
// latency of one request at a time, without a load generator's own queueing.
#include <memory>
#include <string>

namespace boussole::bench {

class HttpClient {
 public:
  HttpClient(const std::string& host, const std::string& port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  //! GET `target`; throws unless the status is 200. Returns the body.
  std::string Get(const std::string& target);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

//! Percent-encodes a query parameter value (UTF-8 bytes).
std::string UrlEncode(const std::string& value);

}  // namespace boussole::bench
