#pragma once
// E-mail addresses as Boussole accepts them: a plain "local@domain.tld" in ASCII, checked
// strictly enough that no address can smuggle a header, a second recipient or an SMTP
// command into a message.
#include <string>
#include <string_view>

#include "core/result.h"

namespace boussole::mail {

//! Where an address appears; it names the address in error messages.
enum class AddressRole { kTo, kFrom, kReplyTo };

//! An address with an optional display name ("Boussole <ne-pas-repondre@anct.gouv.fr>").
struct Mailbox {
  std::string display_name;  //!< UTF-8, may be empty
  std::string address;
};

//! Checks one bare address ("jeanne.martin@mairie.example"); the error says what is wrong, in French.
Status ValidateAddress(std::string_view address, AddressRole role);

//! Accepts "address" or "Display Name <address>".
Result<Mailbox> ParseMailbox(std::string_view text, AddressRole role);

//! The domain of a valid address ("mairie.example").
std::string_view AddressDomain(std::string_view address);

//! True when `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

}  // namespace boussole::mail
