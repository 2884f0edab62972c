#pragma once
// The RFC 5322 / MIME text of a message: 7-bit ASCII, CRLF line ends, lines of at most 76
// characters, so that any relay carries it unchanged.
#include <ctime>
#include <string>
#include <string_view>

#include "core/result.h"
#include "mail/address.h"
#include "mail/mail_message.h"

namespace boussole::mail {

//! The whole message, headers and quoted-printable body, ready for SMTP DATA. Checks every
//! field first: an error (in French) rather than a message a header could be injected into.
Result<std::string> BuildMessage(const Mailbox& from, const MailMessage& message, std::time_t date);

//! Date header value, always in UTC: "Wed, 25 Nov 2026 15:48:35 +0000".
std::string FormatMailDate(std::time_t time);

//! A fresh Message-ID: "<128 random bits in hex@domain>".
std::string NewMessageId(std::string_view domain);

//! "Name: value\r\n" for an unstructured header (Subject), folded; non-ASCII or unfoldable
//! text becomes RFC 2047 encoded-words. `value` must be valid UTF-8 without line breaks.
std::string EncodeTextHeader(std::string_view name, std::string_view value);

//! The text as a quoted-printable body (RFC 2045): line ends become CRLF and every line
//! ends with one; a line starting with "." starts with "=2E", so no line of the body can
//! end the SMTP DATA phase even through a relay that forgets dot-stuffing.
std::string EncodeQuotedPrintable(std::string_view text);

}  // namespace boussole::mail
