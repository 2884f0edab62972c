// Request targets and query strings (web/http/url.h): decoding must fail cleanly or give
// valid UTF-8, and encoding then decoding gives back what was encoded; then the typed
// reading of parameters that pages and the API do (web/params.h).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "web/http/url.h"
#include "web/params.h"

using namespace boussole::web;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto target = ParseTarget(text)) {
    Request request;
    request.path = target.value().path;
    request.query = target.value().query;
    for (const char* name : {"page", "per_page", "q", "territoire"}) {
      (void)IntParam(request, name, 1, 1, 1000);
      (void)TextParam(request, name);
    }
  }
  if (auto pairs = ParseQuery(text)) {
    for (const auto& [name, value] : pairs.value()) {
      if (!IsValidUtf8(name) || !IsValidUtf8(value)) std::abort();
    }
  }
  for (bool plus_is_space : {false, true}) {
    auto decoded = PercentDecode(text, plus_is_space);
    if (!decoded) continue;
    if (!IsValidUtf8(decoded.value())) std::abort();
    auto again = PercentDecode(PercentEncode(decoded.value()), plus_is_space);
    if (!again || again.value() != decoded.value()) std::abort();
  }
  return 0;
}
