#include "web/api/api_bodies.h"

#include <cstdint>

namespace boussole::web {

void ReadDraftFields(JsonFields& fields, DraftInput& draft, bool whole) {
  auto text = [&](const char* name, bool required, std::size_t max, std::string& into) {
    if (whole || fields.Has(name)) into = fields.String(name, whole && required, max);
  };
  text("workflow", true, 40, draft.workflow);
  text("title", true, 300, draft.title);
  text("theme", false, 100, draft.theme);
  if (whole || fields.Has("project_id")) {
    const auto project = fields.Int("project_id", false, 1, INT64_MAX);
    draft.project = project ? std::to_string(*project) : "";
  }
  text("besoin", false, 10000, draft.besoin);
  text("deja_tente", false, 10000, draft.deja_tente);
}

ResourceInput ReadResourceFields(JsonFields& fields) {
  ResourceInput in;
  in.name = fields.String("name", true, 300);
  in.kind = fields.String("kind", true, 60);
  in.themes = fields.StringList("themes", false, 50, 100);
  in.engineering = fields.String("engineering", false, 1000);
  in.territories = fields.StringList("territories", false, 500, 20);
  in.national = fields.Bool("national", false).value_or(false);
  in.contact = fields.String("contact", false, 500);
  return in;
}

}  // namespace boussole::web
