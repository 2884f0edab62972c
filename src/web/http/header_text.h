#pragma once
// Helpers for the ASCII texts of HTTP headers (names, parameters, cookie pairs).
#include <string>
#include <string_view>

namespace boussole::web {

//! ASCII lower case: header names and parameter names compare without case (RFC 9110).
inline std::string LowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower;
}

//! Without the spaces and tabs around it (the optional whitespace of RFC 9110, 5.6.3).
inline std::string_view TrimOws(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace boussole::web
