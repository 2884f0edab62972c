#pragma once
// Programmes as JSON, for the pages' templates and for the API (one shape for both).
#include <nlohmann/json.hpp>
#include <string>

#include "domain/programmes/programme.h"
#include "domain/programmes/programme_types.h"
#include "web/context.h"

namespace boussole::web {

//! slug, id, url, type, type_label, title, year, historic.
nlohmann::json ProgrammeSummaryJson(const programmes::Programme& programme);

//! The whole public face of a programme: partners, sources, cohort (with territory names
//! and links), participants, phases (with their steps and the active one), seminars (Paris
//! times, lengths), themes ranked by support, people by territory with working-group
//! warnings.
nlohmann::json ProgrammeDetailJson(const WebContext& context, const programmes::Programme& programme);

//! What the API says of a programme (GET /api/v1/programmes/{programme}): the detail without
//! unpublished deliverables nor the templates' flags.
nlohmann::json ProgrammeApiJson(const WebContext& context, const programmes::Programme& programme);

//! The type's rules, for people ("4 séminaires locaux de 4 h par territoire"…) and machines.
nlohmann::json ProgrammeTypeJson(const programmes::ProgrammeType& type);

//! "4 h", "5 h", "1 h 30"; "" for 0.
std::string DurationLabel(int minutes);

}  // namespace boussole::web
