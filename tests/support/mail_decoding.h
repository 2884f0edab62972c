#pragma once
// Test support: reading mails the way a mail client does. Written apart from src/mail so
// that a test compares the encoder with an independent decoder, not with itself.
#include <string>
#include <string_view>

namespace boussole::testing {

//! Header value with RFC 2047 encoded-words ("=?UTF-8?Q?...?=" or "?B?") decoded; white
//! space between two adjacent encoded-words dropped. Expects an unfolded value.
std::string DecodeEncodedWords(std::string_view value);

//! A quoted-printable body (RFC 2045) as text with "\n" line ends.
std::string DecodeQuotedPrintable(std::string_view body);

//! Header field `name` of a raw message (case-insensitive), unfolded and not decoded;
//! empty when absent.
std::string FindHeader(std::string_view raw, std::string_view name);

//! The body of a raw message: after the first empty line.
std::string_view MessageBody(std::string_view raw);

//! The token of the first link to `path` ("/compte/confirmation") in a mail's text: what
//! follows "?jeton=". Empty when there is none.
std::string LinkToken(const std::string& text, const std::string& path);

}  // namespace boussole::testing
