#include "support/form_browser.h"

#include <regex>

namespace boussole::testing {

HttpResponse FormBrowser::Get(const std::string& target) { return Keep(HttpRequest(port_, "GET", target, {}, Headers())); }

HttpResponse FormBrowser::Post(const std::string& target, const std::string& fields, bool with_csrf) {
  std::string body = fields;
  if (with_csrf) body += (body.empty() ? "" : "&") + std::string("csrf=") + csrf_;
  auto headers = Headers();
  headers["Content-Type"] = "application/x-www-form-urlencoded";
  return Keep(HttpRequest(port_, "POST", target, body, headers));
}

HttpResponse FormBrowser::PostMultipart(const std::string& target,
                                        const std::vector<std::pair<std::string, std::string>>& fields,
                                        const std::vector<FilePart>& files, bool with_csrf) {
  const std::string boundary = "----BoussoleTestBoundary7MA4YWxkTrZu0gW";
  std::string body;
  auto field = [&](const std::string& name, const std::string& value) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  };
  if (with_csrf) field("csrf", csrf_);
  for (const auto& [name, value] : fields) field(name, value);
  for (const auto& file : files) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field + "\"; filename=\"" +
            file.filename + "\"\r\nContent-Type: " + file.content_type + "\r\n\r\n" + file.bytes + "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  auto headers = Headers();
  headers["Content-Type"] = "multipart/form-data; boundary=" + boundary;
  return Keep(HttpRequest(port_, "POST", target, body, headers));
}

HttpResponse FormBrowser::SendJson(const std::string& method, const std::string& target, const std::string& json) {
  auto headers = Headers();
  if (!json.empty()) headers["Content-Type"] = "application/json";
  if (!api_token_.empty()) headers["Authorization"] = "Bearer " + api_token_;
  return Keep(HttpRequest(port_, method, target, json, headers));
}

std::map<std::string, std::string> FormBrowser::Headers() const {
  std::string header;
  for (const auto& [name, value] : cookies_) {
    if (!value.empty()) header += (header.empty() ? "" : "; ") + name + "=" + value;
  }
  if (header.empty()) return {};
  return {{"Cookie", header}};
}

HttpResponse FormBrowser::Keep(HttpResponse r) {
  static const std::regex kSetCookie(R"(^([A-Za-z_]+)=([^;]*))");
  std::smatch m;
  const std::string set = r.headers["set-cookie"];
  if (std::regex_search(set, m, kSetCookie)) cookies_[m[1]] = set.find("Max-Age=0") != std::string::npos ? "" : m[2].str();
  static const std::regex kCsrf(R"(name="csrf" value="([A-Za-z0-9_-]+)\")");
  if (std::regex_search(r.body, m, kCsrf)) csrf_ = m[1];
  return r;
}

}  // namespace boussole::testing
