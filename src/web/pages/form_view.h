#pragma once
// The view of an HTML form for templates/partials/form_field.mustache and form_errors.mustache:
// fields keyed by their form name, each error put on its field and in the summary that
// links to it.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"

namespace boussole::web {

//! A text-like field: id "champ-<name>".
nlohmann::json FormField(const std::string& name, const std::string& label, const std::string& type,
                         const std::string& autocomplete, const std::string& value = {}, const std::string& hint = {});

//! Puts each error on its field (when it names one present in `view`) and in the summary.
void AddFormErrors(nlohmann::json& view, const std::vector<Error>& errors, const char* title);

}  // namespace boussole::web
