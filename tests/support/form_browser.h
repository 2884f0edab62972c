#pragma once
// A browser without JavaScript for HTTP tests: keeps cookies, remembers the CSRF field of
// the last page read, posts forms with it.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "support/process.h"

namespace boussole::testing {

//! A file of a multipart form.
struct FilePart {
  std::string field;
  std::string filename;
  std::string content_type;
  std::string bytes;
};

class FormBrowser {
 public:
  explicit FormBrowser(int port) : port_(port) {}

  HttpResponse Get(const std::string& target);
  //! Posts `fields` (already encoded), plus the csrf field of the last page read.
  HttpResponse Post(const std::string& target, const std::string& fields, bool with_csrf = true);

  //! Posts a multipart/form-data body with `fields` (not encoded), `files`, and the csrf field
  //! of the last page read.
  HttpResponse PostMultipart(const std::string& target, const std::vector<std::pair<std::string, std::string>>& fields,
                             const std::vector<FilePart>& files = {}, bool with_csrf = true);

  std::string& cookie(const std::string& name) { return cookies_[name]; }
  //! Talks to another server from now on (a restarted one), keeping cookies and CSRF field.
  void set_port(int port) { port_ = port; }
  const std::string& csrf() const { return csrf_; }
  void set_csrf(std::string token) { csrf_ = std::move(token); }

 private:
  std::map<std::string, std::string> Headers() const;
  HttpResponse Keep(HttpResponse response);

  int port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

}  // namespace boussole::testing
