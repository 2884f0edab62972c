#pragma once
// What the programme tests (pages and API) set up alike: the ANCT that pilots, a collectivité
// per commune, and people who are members of them.
#include <cstdint>
#include <string>
#include <vector>

#include "support/form_browser.h"
#include "support/smtp_sink.h"

namespace boussole::testing {

//! The smallest PDF the upload's type detection accepts: a territory's deliverable.
inline const std::string kDeliverablePdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

struct ProgrammeOrganisations {
  std::int64_t anct = 0;                    //!< the ANCT's pôle that pilots the programmes
  std::vector<std::int64_t> collectivites;  //!< one per commune code, in order
};

//! Created directly in the store of `database_url` (the organisation pages have their own tests).
ProgrammeOrganisations CreateProgrammeOrganisations(const std::string& database_url,
                                                    const std::vector<std::string>& commune_codes);

//! A confirmed account `local`@example.fr, signed in in a fresh browser, member of `organisations`.
FormBrowser MemberOf(int port, const std::string& database_url, const std::string& local,
                     const std::vector<std::int64_t>& organisations);

}  // namespace boussole::testing
