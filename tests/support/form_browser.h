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

  //! An API call as a program makes it: `json` as an application/json body (none when empty),
  //! `Authorization: Bearer` with the token set by set_api_token() when there is one. The
  //! browser's cookies go too, as a browser would send them: the server must ignore them.
  HttpResponse SendJson(const std::string& method, const std::string& target, const std::string& json = {});
  void set_api_token(std::string token) { api_token_ = std::move(token); }
  const std::string& api_token() const { return api_token_; }

  std::string& cookie(const std::string& name) { return cookies_[name]; }
  const std::string& csrf() const { return csrf_; }
  void set_csrf(std::string token) { csrf_ = std::move(token); }

 private:
  std::map<std::string, std::string> Headers() const;
  HttpResponse Keep(HttpResponse response);

  int port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
  std::string api_token_;
};

}  // namespace boussole::testing
