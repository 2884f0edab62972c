#pragma once
// Small checks on text typed by people (names, addresses, codes), shared by the domains.
#include <string>
#include <string_view>

namespace boussole {

//! `text` without the spaces, tabs and line breaks at either end.
std::string Trim(std::string_view text);

//! Whether `text` holds a control character (below U+0020, or DEL): never wanted in a
//! one-line field, and the way header injection starts.
bool HasControlCharacters(std::string_view text);

}  // namespace boussole
