#pragma once
// The body of a submitted HTML form, bounded: application/x-www-form-urlencoded, or
// multipart/form-data when it uploads files (web/http/multipart.h).
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "web/http/request.h"
#include "web/http/url.h"

namespace boussole::web {

//! A file sent with a multipart form. Nothing in it is trusted: the type is detected from
//! the bytes (files/content_type.h) and the name is only shown.
struct UploadedFile {
  std::string field;
  std::string filename;
  std::string bytes;
};

class Form {
 public:
  //! Fails (invalid_input, French message) when the body is not a form, is malformed or has
  //! too many or too long fields.
  static Result<Form> Read(const Request& request);

  //! The first value of `name`, "" when absent.
  std::string Get(std::string_view name) const;
  //! Every value of `name` (checkboxes), in order.
  std::vector<std::string> GetAll(std::string_view name) const;
  //! The file sent in field `name`, or nullptr when none was chosen (browsers send an
  //! empty part without a name then).
  const UploadedFile* File(std::string_view name) const;

 private:
  static Result<Form> ReadMultipart(const std::string& type, const std::string& body);

  QueryPairs pairs_;
  std::vector<UploadedFile> files_;
};

}  // namespace boussole::web
