#include "web/http/access_log.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <cctype>
#include <vector>

#include "web/http/header_text.h"

namespace boussole::web {
namespace {

constexpr std::string_view kRedacted = "[redacted]";
// "jeton" (token) names the single-use links of mails; addresses are personal data.
constexpr std::array<std::string_view, 12> kSensitiveWords = {
    "token", "password", "passwd", "secret", "key", "code_verification", "session", "csrf",
    "auth", "jeton", "email", "courriel"};

//! Escapes the characters that would make a query piece ambiguous or break the line.
std::string EncodeQueryPiece(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool special = byte < 0x20 || byte == 0x7F || c == '%' || c == '&' || c == '=' ||
                         c == '+' || c == '#' || c == '"' || c == '\\' || c == ' ';
    if (special) {
      encoded.push_back('%');
      encoded.push_back(kHex[byte >> 4]);
      encoded.push_back(kHex[byte & 0x0F]);
    } else {
      encoded.push_back(c);
    }
  }
  return encoded;
}

//! A value as written after "key=": bare when safe, otherwise quoted with escapes.
std::string LogValue(std::string_view value) {
  if (value.empty()) return "-";
  bool safe = true;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || c == '"' || c == '\\') safe = false;
  }
  if (safe) return std::string(value);
  std::string quoted = "\"";
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      quoted.push_back('\\');
      quoted.push_back(c);
    } else if (byte < 0x20 || byte == 0x7F) {
      quoted += fmt::format("\\x{:02x}", byte);
    } else {
      quoted.push_back(c);
    }
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace

bool IsSensitiveName(std::string_view name) {
  const std::string lower = LowerAscii(name);
  for (const std::string_view word : kSensitiveWords) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string RedactQuery(const QueryPairs& query) {
  std::string text;
  for (const auto& [name, value] : query) {
    if (!text.empty()) text.push_back('&');
    text += EncodeQueryPiece(name);
    text.push_back('=');
    text += IsSensitiveName(name) ? std::string(kRedacted) : EncodeQueryPiece(value);
  }
  return text;
}

std::string RedactPath(std::string_view path,
                       const std::map<std::string, std::string>& path_params) {
  std::vector<std::string_view> secrets;
  for (const auto& [name, value] : path_params) {
    if (!value.empty() && IsSensitiveName(name)) secrets.push_back(value);
  }
  if (secrets.empty()) return std::string(path);

  std::string redacted(path);
  for (const std::string_view secret : secrets) {
    // Replace whole occurrences only; a `{name...}` value may span several segments.
    std::size_t at = 0;
    while ((at = redacted.find(secret, at)) != std::string::npos) {
      const bool starts = at > 0 && redacted[at - 1] == '/';
      const std::size_t end = at + secret.size();
      const bool ends = end == redacted.size() || redacted[end] == '/';
      if (starts && ends) {
        redacted.replace(at, secret.size(), kRedacted);
        at += kRedacted.size();
      } else {
        at = end;
      }
    }
  }
  return redacted;
}

std::string FormatAccessLine(const AccessEntry& entry) {
  return fmt::format(
      "request_id={} method={} path={} query={} status={} bytes={} duration_ms={:.2f} "
      "route={} remote={}",
      LogValue(entry.request_id), LogValue(entry.method),
      LogValue(RedactPath(entry.path, entry.path_params)), LogValue(RedactQuery(entry.query)),
      entry.status, entry.bytes, entry.duration_ms, LogValue(entry.route),
      LogValue(entry.remote));
}

void LogAccess(const AccessEntry& entry) { spdlog::info("{}", FormatAccessLine(entry)); }

}  // namespace boussole::web
