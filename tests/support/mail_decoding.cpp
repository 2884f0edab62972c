#include "support/mail_decoding.h"

#include <cctype>
#include <optional>
#include <regex>

namespace boussole::testing {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::optional<std::string> DecodeBase64(std::string_view text) {
  static const std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    if (c == '=') break;
    const auto index = kAlphabet.find(c);
    if (index == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string DecodeQ(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      out += ' ';
    } else if (text[i] == '=' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// "=?charset?X?payload?=" at the start of `text`: the decoded bytes and the length used.
std::optional<std::pair<std::string, std::size_t>> EncodedWordAt(std::string_view text) {
  if (text.substr(0, 2) != "=?") return std::nullopt;
  const auto charset_end = text.find('?', 2);
  if (charset_end == std::string_view::npos || charset_end + 2 >= text.size() || text[charset_end + 2] != '?') {
    return std::nullopt;
  }
  const char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(text[charset_end + 1])));
  const auto payload_start = charset_end + 3;
  const auto end = text.find("?=", payload_start);
  if (end == std::string_view::npos) return std::nullopt;
  const auto payload = text.substr(payload_start, end - payload_start);
  if (payload.find(' ') != std::string_view::npos) return std::nullopt;
  if (encoding == 'Q') return std::make_pair(DecodeQ(payload), end + 2);
  if (encoding == 'B') {
    if (auto bytes = DecodeBase64(payload)) return std::make_pair(*bytes, end + 2);
  }
  return std::nullopt;
}

}  // namespace

std::string DecodeEncodedWords(std::string_view value) {
  std::string out;
  std::string pending_space;
  bool after_word = false;
  std::size_t i = 0;
  while (i < value.size()) {
    if (value[i] == ' ' || value[i] == '\t') {
      pending_space += value[i++];
      continue;
    }
    if (auto word = EncodedWordAt(value.substr(i))) {
      if (!after_word) out += pending_space;
      pending_space.clear();
      out += word->first;
      i += word->second;
      after_word = true;
      continue;
    }
    out += pending_space;
    pending_space.clear();
    out += value[i++];
    after_word = false;
  }
  return out + pending_space;
}

std::string DecodeQuotedPrintable(std::string_view body) {
  std::string out;
  std::size_t start = 0;
  while (start < body.size()) {
    const auto end = body.find("\r\n", start);
    std::string_view line = body.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? body.size() : end + 2;
    // Transport may add trailing white space; it never belongs to the text (RFC 2045 §6.7 (3)).
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    const bool soft_break = !line.empty() && line.back() == '=';
    if (soft_break) line.remove_suffix(1);
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '=' && i + 2 < line.size() && HexValue(line[i + 1]) >= 0 &&
          HexValue(line[i + 2]) >= 0) {
        out += static_cast<char>(HexValue(line[i + 1]) * 16 + HexValue(line[i + 2]));
        i += 2;
      } else {
        out += line[i];
      }
    }
    if (!soft_break && end != std::string_view::npos) out += '\n';
  }
  return out;
}

std::string FindHeader(std::string_view raw, std::string_view name) {
  const auto header_end = raw.find("\r\n\r\n");
  const std::string_view headers = raw.substr(0, header_end == std::string_view::npos ? raw.size() : header_end + 2);
  std::size_t start = 0;
  while (start < headers.size()) {
    auto end = headers.find("\r\n", start);
    if (end == std::string_view::npos) end = headers.size();
    const auto line = headers.substr(start, end - start);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && EqualsIgnoringCase(line.substr(0, colon), name)) {
      std::string value(line.substr(colon + 1));
      // Continuation lines: unfolding removes only the CRLF (RFC 5322 §2.2.3).
      std::size_t next = end + 2;
      while (next < headers.size() && (headers[next] == ' ' || headers[next] == '\t')) {
        auto next_end = headers.find("\r\n", next);
        if (next_end == std::string_view::npos) next_end = headers.size();
        value += headers.substr(next, next_end - next);
        next = next_end + 2;
      }
      const auto first = value.find_first_not_of(" \t");
      return first == std::string::npos ? std::string{} : value.substr(first);
    }
    start = end + 2;
  }
  return {};
}

std::string_view MessageBody(std::string_view raw) {
  const auto header_end = raw.find("\r\n\r\n");
  return header_end == std::string_view::npos ? std::string_view{} : raw.substr(header_end + 4);
}

std::string LinkToken(const std::string& text, const std::string& path) {
  const std::regex link(path + R"(\?jeton=([A-Za-z0-9_-]+))");
  std::smatch m;
  return std::regex_search(text, m, link) ? m[1].str() : "";
}

}  // namespace boussole::testing
