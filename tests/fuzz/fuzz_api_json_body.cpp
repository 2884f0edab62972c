// The JSON body of an API write (web/api/json_body.h): media type, syntax, then typed
// fields as the API's handlers read them, unknown fields refused.
#include <cstddef>
#include <cstdint>
#include <string>

#include "web/api/json_body.h"

using namespace boussole::web;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Request request;
  request.method = "POST";
  request.path = "/api/v1/requests";
  request.headers["content-type"] = "application/json; charset=utf-8";
  request.body.assign(reinterpret_cast<const char*>(data), size);
  auto body = ReadJsonObject(request);
  if (!body) return 0;
  JsonFields fields(body.value());
  (void)fields.String("title", true, 200);
  (void)fields.String("description", false, 20000);
  (void)fields.Int("year", false, 2000, 2100);
  (void)fields.Int("amount", false, 0, INT64_MAX);
  (void)fields.Bool("public", false);
  (void)fields.StringList("themes", false, 20, 100);
  (void)fields.Has("territory");
  (void)fields.Finish();
  return 0;
}
