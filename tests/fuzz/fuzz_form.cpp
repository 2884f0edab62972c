// A submitted form body (web/form.h), url-encoded or multipart (the first byte chooses),
// with the lookups pages make on it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "web/form.h"

using namespace boussole::web;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  Request request;
  request.method = "POST";
  request.headers["content-type"] = data[0] % 2 == 0 ? "application/x-www-form-urlencoded"
                                                     : "multipart/form-data; boundary=XyZ";
  request.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto form = Form::Read(request);
  if (!form) return 0;
  for (const char* name : {"csrf_token", "titre", "description", "piece", ""}) {
    (void)form.value().Get(name);
    (void)form.value().GetAll(name);
    (void)form.value().File(name);
  }
  return 0;
}
