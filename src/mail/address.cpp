#include "mail/address.h"

#include <algorithm>
#include <cstdint>

namespace boussole::mail {
namespace {

// RFC 5321 limits: a path is at most 256 octets with its angle brackets, a local part 64.
constexpr std::size_t kMaxAddress = 254;
constexpr std::size_t kMaxLocalPart = 64;
constexpr std::size_t kMaxLabel = 63;
// Keeps the encoded From header on a couple of short lines.
constexpr std::size_t kMaxDisplayName = 64;

const char* RoleLabel(AddressRole role) {
  switch (role) {
    case AddressRole::kTo: return "L'adresse du destinataire";
    case AddressRole::kFrom: return "L'adresse d'expédition";
    case AddressRole::kReplyTo: return "L'adresse de réponse";
  }
  return "L'adresse";
}

const char* RoleField(AddressRole role) {
  switch (role) {
    case AddressRole::kTo: return "to";
    case AddressRole::kFrom: return "from";
    case AddressRole::kReplyTo: return "reply_to";
  }
  return "";
}

Error Invalid(AddressRole role, std::string message) { return InvalidInput(std::move(message), RoleField(role)); }

std::string Quoted(std::string_view text) { return "« " + std::string(text) + " »"; }

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// RFC 5322 atext: what a dot-atom local part may hold without quoting. Quoted local parts
// are refused: nobody needs them and they are where parsers disagree.
bool IsAtext(char c) { return IsAlnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos; }

bool IsValidLabel(std::string_view label) {
  if (label.empty() || label.size() > kMaxLabel || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) { return IsAlnum(c) || c == '-'; });
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    std::uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1, code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, code = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and values beyond Unicode are what lets filters be bypassed.
    static constexpr std::uint32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
    if (code < kMinimum[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

Status ValidateAddress(std::string_view address, AddressRole role) {
  const std::string label = RoleLabel(role);
  if (address.empty()) return Invalid(role, label + " est vide.");
  // Checked first and without echoing the address: a line break is the header-injection attempt.
  if (std::any_of(address.begin(), address.end(), [](char c) { return IsControl(static_cast<unsigned char>(c)); })) {
    return Invalid(role, label + " contient un retour à la ligne ou un caractère de contrôle.");
  }
  if (std::any_of(address.begin(), address.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    return Invalid(role, label + " contient des caractères non ASCII (accents…), qui ne sont pas pris en charge.");
  }
  if (address.size() > kMaxAddress) {
    return Invalid(role, label + " est trop longue (" + std::to_string(kMaxAddress) + " caractères au plus).");
  }
  const std::string shown = Quoted(address);
  const auto at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) {
    return Invalid(role, label + " " + shown + " doit contenir exactement un « @ ».");
  }
  const std::string_view local = address.substr(0, at);
  const std::string_view domain = address.substr(at + 1);
  if (local.empty()) return Invalid(role, label + " " + shown + " n'a rien avant le « @ ».");
  if (local.size() > kMaxLocalPart) {
    return Invalid(role, label + " " + shown + " a une partie avant le « @ » trop longue (" +
                             std::to_string(kMaxLocalPart) + " caractères au plus).");
  }
  for (const char c : local) {
    if (c != '.' && !IsAtext(c)) {
      return Invalid(role, label + " " + shown + " contient un caractère non autorisé avant le « @ » : « " +
                               std::string(1, c) + " ».");
    }
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return Invalid(role, label + " " + shown +
                             " ne peut pas avoir de point au début ou à la fin de la partie avant le « @ », "
                             "ni deux points de suite.");
  }
  if (domain.empty()) return Invalid(role, label + " " + shown + " n'a pas de domaine après le « @ ».");
  if (domain.find('.') == std::string_view::npos) {
    return Invalid(role, label + " " + shown + " doit avoir un domaine avec au moins un point (par exemple « mairie.fr »).");
  }
  std::size_t start = 0;
  while (true) {
    const auto dot = domain.find('.', start);
    const auto part = domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!IsValidLabel(part)) {
      return Invalid(role, label + " " + shown +
                               " a un domaine invalide : lettres, chiffres et tirets séparés par des points, "
                               "sans tiret au début ou à la fin d'une partie.");
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return Ok();
}

Result<Mailbox> ParseMailbox(std::string_view text, AddressRole role) {
  const std::string label = RoleLabel(role);
  if (std::any_of(text.begin(), text.end(), [](char c) { return IsControl(static_cast<unsigned char>(c)); })) {
    return Invalid(role, label + " contient un retour à la ligne ou un caractère de contrôle.");
  }
  const auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  text = trim(text);
  Mailbox mailbox;
  if (!text.empty() && text.back() == '>') {
    const auto open = text.rfind('<');
    if (open == std::string_view::npos) {
      return Invalid(role, label + " " + Quoted(text) + " a un « > » sans « < ».");
    }
    const std::string_view name = trim(text.substr(0, open));
    if (!IsValidUtf8(name)) return Invalid(role, label + " a un nom affiché qui n'est pas de l'UTF-8 valide.");
    if (name.find_first_of("<>\"") != std::string_view::npos) {
      return Invalid(role, label + " " + Quoted(text) + " a un nom affiché contenant « < », « > » ou des guillemets.");
    }
    if (name.size() > kMaxDisplayName) {
      return Invalid(role, label + " a un nom affiché trop long (" + std::to_string(kMaxDisplayName) + " octets au plus).");
    }
    mailbox.display_name = std::string(name);
    mailbox.address = std::string(text.substr(open + 1, text.size() - open - 2));
  } else {
    mailbox.address = std::string(text);
  }
  if (auto valid = ValidateAddress(mailbox.address, role); !valid) return valid.error();
  return mailbox;
}

std::string_view AddressDomain(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view{} : address.substr(at + 1);
}

}  // namespace boussole::mail
