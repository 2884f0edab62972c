#pragma once
// Reading the JSON body of an API write: the media type, the syntax, then each field by
// name and type, with a French message naming the field at fault. Unknown fields are
// refused, as the OpenAPI document's schemas are closed: a misspelt field must not be
// silently ignored.
//
//   auto body = ReadJsonObject(request);
//   if (!body) return JsonBodyFailure(context, request, body.error());
//   JsonFields fields(body.value());
//   const std::string title = fields.String("title", /*required=*/true, 200);
//   const auto count = fields.Int("count", false, 0, 100);
//   if (auto problem = fields.Finish()) return JsonBodyFailure(context, request, *problem);
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "web/context.h"
#include "web/http/request.h"
#include "web/http/response.h"
#include "web/pages/page.h"

namespace boussole::web {

//! The body as a JSON object. Fails with "unsupported_media_type" (not application/json)
//! or "invalid_input" (not JSON, or not an object), in French.
Result<nlohmann::json> ReadJsonObject(const Request& request);

//! The problem details for a failure of ReadJsonObject or JsonFields: 415 or 400. Inline so
//! that json_body.cpp, what outside input reaches, builds alone (tests/fuzz).
inline Response JsonBodyFailure(const WebContext& context, const Request& request, const Error& error) {
  return RenderError(context, request, error.code == "unsupported_media_type" ? 415 : 400, error.message);
}

class JsonFields {
 public:
  explicit JsonFields(const nlohmann::json& object) : object_(object) {}

  //! A string of at most `max_length` bytes, trimmed; "" when absent and optional.
  std::string String(const std::string& name, bool required, std::size_t max_length);
  std::optional<std::int64_t> Int(const std::string& name, bool required, std::int64_t min, std::int64_t max);
  std::optional<bool> Bool(const std::string& name, bool required);
  //! An array of strings (each at most `max_length` bytes), at most `max_items` of them.
  std::vector<std::string> StringList(const std::string& name, bool required, std::size_t max_items,
                                      std::size_t max_length);
  //! Whether the body has `name` (to tell "absent" from "empty" in partial updates).
  bool Has(const std::string& name) const { return object_.contains(name); }

  //! The first problem met (wrong type, missing, too long…) or, failing that, the first
  //! field the caller never asked for; nullopt when the body is acceptable.
  std::optional<Error> Finish() const;

 private:
  const nlohmann::json* Field(const std::string& name, bool required);
  void Fail(const std::string& name, std::string message);

  const nlohmann::json& object_;
  std::set<std::string> asked_;
  std::optional<Error> first_error_;
};

}  // namespace boussole::web
