#include "mail/mime.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

namespace boussole::mail {
namespace {

// RFC 2047 limits lines holding encoded-words to 76 characters; RFC 2045 does the same for
// quoted-printable lines. Keeping every line within it avoids any relay re-wrapping.
constexpr std::size_t kMaxLine = 76;
constexpr std::string_view kWordStart = "=?UTF-8?Q?";
constexpr std::string_view kWordEnd = "?=";
constexpr char kHex[] = "0123456789ABCDEF";

void AppendHexByte(std::string& out, unsigned char c) {
  out += '=';
  out += kHex[c >> 4];
  out += kHex[c & 0x0F];
}

// Characters left as they are in a "Q" encoded-word: the set allowed even inside a phrase
// (RFC 2047 §5 (3)), so the same words serve Subject and display names.
bool IsQLiteral(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '!' || c == '*' ||
         c == '+' || c == '-' || c == '/';
}

std::size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// Encoded-words never split a UTF-8 sequence (RFC 2047 §5: each word holds whole characters).
std::string EncodedWords(std::string_view value, std::size_t first_line_used) {
  std::string out;
  std::string word;
  std::size_t used = first_line_used;
  const auto flush = [&] {
    if (word.empty()) return;
    out.append(kWordStart).append(word).append(kWordEnd);
    word.clear();
  };
  std::size_t i = 0;
  while (i < value.size()) {
    const std::size_t length = std::min(Utf8Length(static_cast<unsigned char>(value[i])), value.size() - i);
    std::string encoded;
    for (std::size_t k = i; k < i + length; ++k) {
      const char c = value[k];
      if (c == ' ') {
        encoded += '_';
      } else if (IsQLiteral(c)) {
        encoded += c;
      } else {
        AppendHexByte(encoded, static_cast<unsigned char>(c));
      }
    }
    const std::size_t overhead = kWordStart.size() + kWordEnd.size();
    if (!word.empty() && used + overhead + word.size() + encoded.size() > kMaxLine) {
      flush();
      // Folding white space between two encoded-words is dropped by readers.
      out += "\r\n ";
      used = 1;
    }
    word += encoded;
    i += length;
  }
  flush();
  return out;
}

// Plain folding keeps ASCII subjects readable in raw form; it is only possible when every
// word fits a line and no spacing would be changed by unfolding.
bool FoldPlain(std::string_view value, std::size_t first_line_used, std::string& out) {
  if (value.empty()) return true;
  if (value.front() == ' ' || value.back() == ' ' || value.find("  ") != std::string_view::npos ||
      value.find("=?") != std::string_view::npos) {
    return false;
  }
  if (!std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c <= 0x7E; })) return false;
  std::size_t used = first_line_used;
  std::size_t start = 0;
  bool first = true;
  while (start <= value.size()) {
    const auto space = value.find(' ', start);
    const auto token = value.substr(start, space == std::string_view::npos ? std::string_view::npos : space - start);
    if (!first && used + 1 + token.size() > kMaxLine) {
      out += "\r\n";
      used = 0;
    }
    if (!first) {
      out += ' ';
      ++used;
    }
    out += token;
    used += token.size();
    if (used > kMaxLine) return false;
    first = false;
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  return true;
}

// A display name made of these needs neither quoting nor encoding (RFC 5322 atoms).
bool IsPlainPhrase(std::string_view name) {
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-' ||
           c == '_';
  });
}

std::string FormatMailbox(std::string_view header, const Mailbox& mailbox) {
  std::string out = std::string(header) + ": ";
  if (mailbox.display_name.empty()) return out + mailbox.address + "\r\n";
  std::string name;
  if (!IsPlainPhrase(mailbox.display_name) || !FoldPlain(mailbox.display_name, out.size(), name)) {
    name = EncodedWords(mailbox.display_name, out.size());
  }
  out += name;
  const auto line_start = out.rfind('\n');
  const std::size_t last_line = line_start == std::string::npos ? out.size() : out.size() - line_start - 1;
  out += last_line + 2 + mailbox.address.size() + 1 > kMaxLine ? "\r\n <" : " <";
  return out + mailbox.address + ">\r\n";
}

bool HasControl(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

// Splits on CRLF, LF or a lone CR; a final line end does not open an empty last line.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back(text.substr(start, i - start));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

void EncodeQpLine(std::string_view line, std::string& out) {
  std::string current;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    const auto token = [&] {
      std::string t;
      // Trailing white space is stripped by some relays, so it is written encoded.
      if ((c == ' ' || c == '\t') && last) {
        AppendHexByte(t, c);
      } else if (c == '.' && current.empty()) {
        AppendHexByte(t, c);
      } else if ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t') {
        t += static_cast<char>(c);
      } else {
        AppendHexByte(t, c);
      }
      return t;
    };
    std::string t = token();
    // Room for the "=" of a soft line break unless this is the line's last character.
    const std::size_t limit = last ? kMaxLine : kMaxLine - 1;
    if (current.size() + t.size() > limit) {
      out += current;
      out += "=\r\n";
      current.clear();
      t = token();
    }
    current += t;
  }
  out += current;
  out += "\r\n";
}

}  // namespace

std::string FormatMailDate(std::time_t time) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm utc{};
  gmtime_r(&time, &utc);
  // Built by hand: strftime's %a and %b follow the process locale, RFC 5322 wants English.
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday], utc.tm_mday,
                kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return text;
}

std::string NewMessageId(std::string_view domain) {
  // random_device reads the kernel's generator: unpredictable, and safe to use per call
  // from several threads since each call owns its device.
  std::random_device random;
  std::string id = "<";
  for (int i = 0; i < 4; ++i) {
    const std::uint32_t bits = random();
    for (int shift = 28; shift >= 0; shift -= 4) id += kHex[(bits >> shift) & 0x0F];
  }
  return id + "@" + std::string(domain) + ">";
}

std::string EncodeTextHeader(std::string_view name, std::string_view value) {
  std::string out = std::string(name) + ": ";
  std::string folded;
  if (!FoldPlain(value, out.size(), folded)) folded = EncodedWords(value, out.size());
  return out + folded + "\r\n";
}

std::string EncodeQuotedPrintable(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const auto line : SplitLines(text)) EncodeQpLine(line, out);
  return out;
}

Result<std::string> BuildMessage(const Mailbox& from, const MailMessage& message, std::time_t date) {
  if (auto valid = ValidateAddress(from.address, AddressRole::kFrom); !valid) return valid.error();
  if (HasControl(from.display_name) || !IsValidUtf8(from.display_name)) {
    return InvalidInput("Le nom affiché de l'expéditeur contient un caractère de contrôle ou n'est pas de l'UTF-8 valide.",
                        "from");
  }
  if (auto valid = ValidateAddress(message.to, AddressRole::kTo); !valid) return valid.error();
  if (!message.reply_to.empty()) {
    if (auto valid = ValidateAddress(message.reply_to, AddressRole::kReplyTo); !valid) return valid.error();
  }
  if (!IsValidUtf8(message.subject)) return InvalidInput("L'objet du message n'est pas de l'UTF-8 valide.", "subject");
  if (HasControl(message.subject)) {
    return InvalidInput("L'objet du message contient un retour à la ligne ou un caractère de contrôle.", "subject");
  }
  if (!IsValidUtf8(message.text)) return InvalidInput("Le texte du message n'est pas de l'UTF-8 valide.", "text");

  std::string out;
  out.reserve(message.text.size() + 1024);
  out += "Date: " + FormatMailDate(date) + "\r\n";
  out += FormatMailbox("From", from);
  out += "To: " + message.to + "\r\n";
  if (!message.reply_to.empty()) out += "Reply-To: " + message.reply_to + "\r\n";
  out += EncodeTextHeader("Subject", message.subject);
  out += "Message-ID: " + NewMessageId(AddressDomain(from.address)) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  // RFC 3834: tells auto-responders (holiday replies) not to answer a robot.
  out += "Auto-Submitted: auto-generated\r\n";
  out += "\r\n";
  out += EncodeQuotedPrintable(message.text);
  return out;
}

}  // namespace boussole::mail
