#pragma once
// Writes to a running instance through real HTTP, as people make them, for the backup and
// crash-safety tests: a collectivité's member creates requests of the ingénierie sur mesure
// workflow, submits them, comments on them and attaches files. Each helper says whether the
// server acknowledged the write (303), so that a test knows which writes must survive.
#include <cstdint>
#include <optional>
#include <string>

#include "support/form_browser.h"
#include "support/smtp_sink.h"

namespace boussole::testing {

//! What a write got: the status of its POST (0: no answer, the server was gone, or the page
//! before it failed with that status) and, for a creation, the new id.
struct WriteResult {
  int status = 0;
  std::int64_t id = 0;
  bool acknowledged() const { return status == 303; }
};

//! A PDF whose bytes (hence checksum) are unique to `tag`, `padding` bytes longer.
std::string UniquePdf(const std::string& tag, std::size_t padding = 0);

//! A collectivité (Joinville, 52250) created in the store at `database_url`; its id.
std::int64_t CreateCommune(const std::string& database_url, const std::string& name);

//! A person signed up, confirmed and signed in, member of `organisation`.
FormBrowser SignedInMember(int port, const std::string& database_url, const std::string& email,
                           std::int64_t organisation);

//! POSTs a new ANCT request titled `title` (id set when acknowledged).
WriteResult CreateRequest(FormBrowser& browser, std::int64_t organisation, const std::string& title);
//! Takes the transition "deposer" (brouillon → déposée) with the version read from the page.
WriteResult SubmitRequest(FormBrowser& browser, std::int64_t request);
//! POSTs a comment.
WriteResult AddComment(FormBrowser& browser, std::int64_t request, const std::string& text);
//! POSTs a file (multipart) with the note `note`.
WriteResult AttachFile(FormBrowser& browser, std::int64_t request, const std::string& name, const std::string& note,
                       const std::string& bytes);
//! POSTs a project of the collectivité.
WriteResult CreateProject(FormBrowser& browser, std::int64_t organisation, const std::string& name);

}  // namespace boussole::testing
