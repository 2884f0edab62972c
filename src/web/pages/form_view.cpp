#include "web/pages/form_view.h"

namespace boussole::web {

using nlohmann::json;

json FormField(const std::string& name, const std::string& label, const std::string& type,
               const std::string& autocomplete, const std::string& value, const std::string& hint) {
  return {{"id", "champ-" + name}, {"name", name},   {"label", label}, {"type", type},
          {"autocomplete", autocomplete}, {"value", value}, {"hint", hint}, {"error", ""}};
}

void AddFormErrors(json& view, const std::vector<Error>& errors, const char* title) {
  json list = json::array();
  for (const Error& e : errors) {
    json item{{"message", e.message}};
    if (!e.field.empty() && view.contains(e.field)) {
      if (view[e.field]["error"].get<std::string>().empty()) view[e.field]["error"] = e.message;
      item["field_id"] = view[e.field]["id"];
    }
    list.push_back(item);
  }
  view["errors"] = list;
  view["has_errors"] = !errors.empty();
  view["errors_title"] = title;
}

}  // namespace boussole::web
