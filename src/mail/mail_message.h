#pragma once
#include <string>

namespace boussole::mail {

//! One e-mail as the domain writes it; the mail layer owns headers and encodings.
struct MailMessage {
  std::string to;        //!< one address, "jeanne.martin@mairie.example"
  std::string subject;   //!< UTF-8, one line
  std::string text;      //!< UTF-8 plain text, "\n" line ends; a final line end is added when missing
  std::string reply_to;  //!< optional address (e.g. the agent who answers a request)
};

}  // namespace boussole::mail
