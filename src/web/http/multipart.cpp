#include "web/http/multipart.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "web/http/header_text.h"

namespace boussole::web {
namespace {

// The value of parameter `name` in a header value such as `form-data; name="a"; filename="b"`.
std::optional<std::string> Parameter(std::string_view header, std::string_view name) {
  std::size_t at = header.find(';');
  while (at != std::string_view::npos) {
    std::string_view rest = TrimOws(header.substr(at + 1));
    const std::size_t equal = rest.find('=');
    if (equal == std::string_view::npos) return std::nullopt;
    const std::string key = LowerAscii(TrimOws(rest.substr(0, equal)));
    rest = TrimOws(rest.substr(equal + 1));
    std::string value;
    std::size_t consumed = 0;
    if (!rest.empty() && rest.front() == '"') {
      std::size_t i = 1;
      for (; i < rest.size() && rest[i] != '"'; ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) ++i;
        value += rest[i];
      }
      consumed = i + 1;
    } else {
      consumed = std::min(rest.find(';'), rest.size());
      value = std::string(TrimOws(rest.substr(0, consumed)));
    }
    if (key == name) return value;
    const std::size_t next = rest.find(';', std::min(consumed, rest.size()));
    if (next == std::string_view::npos) return std::nullopt;
    at = static_cast<std::size_t>(rest.data() + next - header.data());
  }
  return std::nullopt;
}

// Browsers of old sent the whole path ("C:\\Users\\…\\plan.pdf"): keep the last segment.
std::string BaseName(std::string name) {
  const std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  return name;
}

Error Malformed() { return InvalidInput("Le formulaire envoyé (multipart/form-data) est mal formé."); }

}  // namespace

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type, std::string_view body) {
  if (LowerAscii(content_type.substr(0, 19)) != "multipart/form-data") return Malformed();
  const auto boundary = Parameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 200) return Malformed();
  const std::string delimiter = "--" + *boundary;
  std::size_t at = body.find(delimiter);
  if (at == std::string_view::npos) return Malformed();
  std::vector<MultipartPart> parts;
  while (true) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return Malformed();
    at += 2;
    const std::size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) return Malformed();
    MultipartPart part;
    bool named = false;
    std::string_view headers = body.substr(at, headers_end - at);
    while (!headers.empty()) {
      const std::size_t eol = std::min(headers.find("\r\n"), headers.size());
      const std::string_view line = headers.substr(0, eol);
      headers.remove_prefix(std::min(eol + 2, headers.size()));
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) return Malformed();
      const std::string header = LowerAscii(TrimOws(line.substr(0, colon)));
      const std::string_view value = TrimOws(line.substr(colon + 1));
      if (header == "content-disposition") {
        if (LowerAscii(value.substr(0, 9)) != "form-data") return Malformed();
        if (auto name = Parameter(value, "name")) {
          part.name = *name;
          named = true;
        }
        if (auto filename = Parameter(value, "filename")) {
          part.is_file = true;
          part.filename = BaseName(*filename);
        }
      } else if (header == "content-type") {
        part.content_type = std::string(value);
      }
    }
    if (!named) return Malformed();
    const std::size_t content = headers_end + 4;
    const std::size_t end = body.find("\r\n" + delimiter, content);
    if (end == std::string_view::npos) return Malformed();
    part.body = std::string(body.substr(content, end - content));
    parts.push_back(std::move(part));
    at = end + 2;
  }
}

}  // namespace boussole::web
