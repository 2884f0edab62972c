#include "core/text_folding.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>
#include <stdexcept>

namespace boussole {
namespace {

// ICU transliterators are not thread-safe; one per thread avoids a global lock on the
// hot search path.
icu::Transliterator& ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "NFD; [:Nonspacing Mark:] Remove; Latin-ASCII; Lower; NFC", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t) throw std::runtime_error("ICU transliterator unavailable");
    return t;
  }();
  return *transliterator;
}

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string FoldForSearch(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  ThreadTransliterator().transliterate(text);
  std::string ascii;
  text.toUTF8String(ascii);

  std::string folded;
  folded.reserve(ascii.size());
  bool pending_space = false;
  for (char c : ascii) {
    if (IsWordChar(c)) {
      if (pending_space && !folded.empty()) folded.push_back(' ');
      pending_space = false;
      folded.push_back(c);
    } else {
      pending_space = true;
    }
  }
  return folded;
}

bool IsDigits(std::string_view text, std::size_t length) {
  if (text.empty() || (length != 0 && text.size() != length)) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace boussole
