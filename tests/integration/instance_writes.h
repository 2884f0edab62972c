#pragma once
// Writes to a running instance through real HTTP, as people make them, for the backup and
// crash-safety tests: a collectivité's member creates requests of the ingénierie sur mesure
// workflow, comments on them and attaches files. Each helper says whether the server
// acknowledged the write (303), so that a test knows which writes must survive.
#include <cstdint>
#include <optional>
#include <string>

#include "support/form_browser.h"
#include "support/smtp_sink.h"

namespace boussole::testing {

//! A PDF whose bytes (hence checksum) are unique to `tag`.
std::string UniquePdf(const std::string& tag);

//! A collectivité (Joinville, 52250) created in the store at `database_url`; its id.
std::int64_t CreateCommune(const std::string& database_url, const std::string& name);

//! A person signed up, confirmed and signed in, member of `organisation`.
FormBrowser SignedInMember(int port, SmtpSink& sink, const std::string& database_url, const std::string& email,
                           std::int64_t organisation);

//! POSTs a new ANCT request titled `title`; its id when acknowledged.
std::optional<std::int64_t> CreateRequest(FormBrowser& browser, std::int64_t organisation, const std::string& title);
//! POSTs a comment; true when acknowledged.
bool AddComment(FormBrowser& browser, std::int64_t request, const std::string& text);
//! POSTs a file (multipart) with a note; true when acknowledged.
bool AttachFile(FormBrowser& browser, std::int64_t request, const std::string& name, const std::string& bytes);
//! POSTs a project of the collectivité; its path (/projets/N) when acknowledged.
std::optional<std::string> CreateProject(FormBrowser& browser, std::int64_t organisation, const std::string& name);

}  // namespace boussole::testing
