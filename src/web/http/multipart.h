#pragma once
// multipart/form-data bodies (RFC 7578): the forms that upload files.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace boussole::web {

struct MultipartPart {
  std::string name;          //!< the form field
  bool is_file = false;      //!< the part had a filename parameter (even empty)
  std::string filename;      //!< as sent, without any folder
  std::string content_type;  //!< as the browser claims it (never trusted for files)
  std::string body;
};

//! The parts of `body` sent with the Content-Type `content_type`; invalid_input (French)
//! when the type has no boundary or the body is not well framed.
Result<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type, std::string_view body);

}  // namespace boussole::web
