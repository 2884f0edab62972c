// The JSON body of an API write (web/api/json_body.h): the reader, then the typed field
// lookups handlers make and the check for unexpected fields.
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
  (void)fields.Int("version", false, 0, 1'000'000);
  (void)fields.Int("amount", false, -1'000'000'000'000, 1'000'000'000'000);
  (void)fields.Bool("public", false);
  (void)fields.StringList("themes", false, 20, 80);
  (void)fields.Has("comment");
  (void)fields.Finish();
  return 0;
}
