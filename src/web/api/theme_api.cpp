// Themes of a programme in JSON (issue 7, items 3 and 9): an organisation proposes a theme
// with its inspiration sheet and supports a theme once, during the proposal phase; the ANCT
// that runs the programme selects one, which becomes the programme's title. Writes take a
// personal API token; the ranking by support is read with GET …/themes.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "core/clock.h"
#include "domain/programmes/programme_rules.h"
#include "web/api/json_body.h"
#include "web/pages/page.h"
#include "web/programme_request.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using namespace programmes;

json ThemeJson(const Theme& t, int rank) {
  return {{"id", t.id},
          {"programme_id", t.programme_id},
          {"rank", rank},
          {"title", t.title},
          {"inspiration", t.inspiration},
          {"organisation_id", t.organisation_id},
          {"organisation", t.organisation_name},
          {"supports", t.supports},
          {"selected", t.selected}};
}

// The theme with its rank, as the ranking gives it.
std::optional<json> RankedTheme(const WebContext& context, std::int64_t programme_id, std::int64_t theme_id) {
  int rank = 0;
  for (const Theme& t : context.store.ThemesOf(programme_id)) {
    ++rank;
    if (t.id == theme_id) return ThemeJson(t, rank);
  }
  return std::nullopt;
}

// The programme of the path, still running; the problem otherwise.
std::variant<ProgrammeInPath, Response> Running(const WebContext& context, const Request& request) {
  auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  if (found->programme.historic) {
    return RenderError(context, request, 409, "Ce programme est passé : on le consulte, on ne le modifie plus.");
  }
  return std::move(*found);
}

// The organisation named by `organisation_id`, which the caller belongs to.
Result<organisations::Organisation> Acting(const WebContext& context, std::int64_t id) {
  return ActingOrganisation(context, std::to_string(id));
}

Response Failure(const WebContext& context, const Request& request, const Error& e) {
  return RenderError(context, request, e.code == "forbidden" ? 403 : e.code == "not_found" ? 404 : 400, e.message);
}

Response ApiThemes(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  json list = json::array();
  int rank = 0;
  for (const Theme& t : context.store.ThemesOf(found->programme.id)) list.push_back(ThemeJson(t, ++rank));
  return Response::Json(200, json{{"themes", list}}.dump());
}

Response ApiProposeTheme(const WebContext& context, const Request& request) {
  auto running = Running(context, request);
  if (auto* refusal = std::get_if<Response>(&running)) return std::move(*refusal);
  const ProgrammeInPath& found = std::get<ProgrammeInPath>(running);
  auto body = ReadJsonObject(request);
  if (!body) return JsonBodyFailure(context, request, body.error());
  JsonFields fields(body.value());
  Theme theme;
  theme.programme_id = found.programme.id;
  const auto organisation = fields.Int("organisation_id", true, 1, INT64_MAX);
  theme.title = fields.String("title", true, 300);
  theme.inspiration = fields.String("inspiration", false, 10000);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, request, *problem);
  auto acting = Acting(context, *organisation);
  if (!acting) return Failure(context, request, acting.error());
  auto allowed = CheckThemeSupportAllowed(*found.type, context.store.PhasesOf(found.programme.id));
  if (!allowed) return RenderError(context, request, 409, allowed.error().message);
  theme.organisation_id = acting.value().id;
  const Theme added = context.store.ProposeTheme(theme, NowUtc());
  return Response::Json(201, RankedTheme(context, found.programme.id, added.id).value().dump());
}

Response ApiSupportTheme(const WebContext& context, const Request& request) {
  auto running = Running(context, request);
  if (auto* refusal = std::get_if<Response>(&running)) return std::move(*refusal);
  const ProgrammeInPath& found = std::get<ProgrammeInPath>(running);
  const auto theme_id = PathId(request, "theme");
  const auto theme = theme_id ? context.store.FindTheme(*theme_id) : std::nullopt;
  if (!theme || theme->programme_id != found.programme.id) return RenderError(context, request, 404, "Ce thème n'existe pas.");
  auto body = ReadJsonObject(request);
  if (!body) return JsonBodyFailure(context, request, body.error());
  JsonFields fields(body.value());
  const auto organisation = fields.Int("organisation_id", true, 1, INT64_MAX);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, request, *problem);
  auto acting = Acting(context, *organisation);
  if (!acting) return Failure(context, request, acting.error());
  auto allowed = CheckThemeSupportAllowed(*found.type, context.store.PhasesOf(found.programme.id));
  if (!allowed) return RenderError(context, request, 409, allowed.error().message);
  auto supported = context.store.SupportTheme(theme->id, acting.value().id, NowUtc());
  if (!supported) return RenderError(context, request, 409, supported.error().message);
  return Response::Json(200, RankedTheme(context, found.programme.id, theme->id).value().dump());
}

Response ApiSelectTheme(const WebContext& context, const Request& request) {
  auto running = Running(context, request);
  if (auto* refusal = std::get_if<Response>(&running)) return std::move(*refusal);
  const ProgrammeInPath& found = std::get<ProgrammeInPath>(running);
  const auto theme_id = PathId(request, "theme");
  if (!theme_id) return RenderError(context, request, 404, "Ce thème n'existe pas.");
  auto selected = context.store.SelectTheme(found.programme.id, *theme_id);
  if (!selected) return RenderError(context, request, 404, selected.error().message);
  return Response::Json(200, RankedTheme(context, found.programme.id, *theme_id).value().dump());
}

}  // namespace

void RegisterThemeApi(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/api/v1/programmes/{programme}/themes", "api_themes", ApiThemes);
  AddPage(router, context, "POST", "/api/v1/programmes/{programme}/themes", "api_theme_propose", ApiProposeTheme);
  AddPage(router, context, "POST", "/api/v1/programmes/{programme}/themes/{theme}/supports", "api_theme_support",
          ApiSupportTheme);
  AddPage(router, context, "POST", "/api/v1/programmes/{programme}/themes/{theme}/selection", "api_theme_select",
          ApiSelectTheme);
}

}  // namespace boussole::web
