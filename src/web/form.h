#pragma once
// The body of a submitted HTML form (application/x-www-form-urlencoded), bounded.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "web/http/request.h"
#include "web/http/url.h"

namespace boussole::web {

class Form {
 public:
  //! Fails (invalid_input, French message) when the body is not a form, is malformed or has
  //! too many or too long fields.
  static Result<Form> Read(const Request& request);

  //! The first value of `name`, "" when absent.
  std::string Get(std::string_view name) const;
  //! Every value of `name` (checkboxes), in order.
  std::vector<std::string> GetAll(std::string_view name) const;

 private:
  QueryPairs pairs_;
};

}  // namespace boussole::web
