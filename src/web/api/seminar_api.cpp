// The seminars of a programme in JSON (issue 7, items 5 and 9): the calendar (public, with
// the places left, the .ics links, and for the ANCT that runs it who registered and came),
// the generation from the programme's type, a seminar's edition, a registration, the
// attendance. Writes take a personal API token; the rules are the pages' (seminar_actions.h).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "web/api/json_body.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/seminar_actions.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using namespace programmes;

Response NoSeminarProgramme(const WebContext& context, const Request& request) {
  return RenderError(context, request, 404, "Ce programme n'existe pas.");
}
Response NoSeminar(const WebContext& context, const Request& request) {
  return RenderError(context, request, 404, "Ce séminaire n'existe pas.");
}

// A refusal of the shared rules, naming the field at fault.
Response SeminarRefusal(const WebContext& context, const Request& request, const Error& e) {
  return RenderError(context, request, ActionStatusOf(e), (e.field.empty() ? "" : "« " + e.field + " » : ") + e.message);
}

// The seminar as the API gives it: for the ANCT that runs the programme, who registered and
// who came; for a signed-in caller, whether they registered.
json ApiSeminar(const WebContext& context, const Programme& p, const Seminar& s) {
  json out = SeminarJson(context, p, s);
  out.erase("has_capacity");
  out["url"] = "/api/v1/programmes/" + std::to_string(p.id) + "/seminars/" + std::to_string(s.id);
  const Viewer& viewer = CurrentViewer();
  if (!viewer.signed_in()) return out;
  const bool manages = ManagesProgramme(context, p);
  bool self = false;
  json registrations = json::array();
  for (const Registration& r : context.store.RegistrationsOf(s.id)) {
    self = self || r.user_id == viewer.account->user.id;
    if (manages) registrations.push_back({{"user_id", r.user_id}, {"display_name", r.display_name}, {"attended", r.attended}});
  }
  out["registered_self"] = self;
  if (manages) out["registrations"] = registrations;
  return out;
}

json SeminarList(const WebContext& context, const Programme& p, const std::vector<Seminar>& seminars) {
  json list = json::array();
  for (const Seminar& s : seminars) list.push_back(ApiSeminar(context, p, s));
  return {{"programme_id", p.id},
          {"ics_url", "/programmes/" + std::to_string(p.id) + "/calendrier.ics"},
          {"seminars", list}};
}

Response ApiSeminars(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return NoSeminarProgramme(context, request);
  return Response::Json(200, SeminarList(context, found->programme, context.store.SeminarsOf(found->programme.id)).dump());
}

Response ApiSeminarOne(const WebContext& context, const Request& request) {
  const auto found = FindSeminarInPath(context, request);
  if (!found) return NoSeminar(context, request);
  return Response::Json(200, ApiSeminar(context, found->programme.programme, found->seminar).dump());
}

Response ApiGenerate(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return NoSeminarProgramme(context, request);
  auto generated = GenerateProgrammeSeminars(context, *found);
  if (!generated) return SeminarRefusal(context, request, generated.error());
  // Read back: the store's order, with the counts.
  return Response::Json(201, SeminarList(context, found->programme, context.store.SeminarsOf(found->programme.id)).dump());
}

// PATCH: the fields sent replace the seminar's; the others stay.
Response ApiUpdate(const WebContext& context, const Request& request) {
  const auto found = FindSeminarInPath(context, request);
  if (!found) return NoSeminar(context, request);
  auto body = ReadJsonObject(request);
  if (!body) return JsonBodyFailure(context, request, body.error());
  JsonFields fields(body.value());
  SeminarEdit edit = EditOf(found->seminar);
  auto text = [&](const char* name, std::size_t max, std::string& into) {
    if (fields.Has(name)) into = fields.String(name, false, max);
  };
  auto number = [&](const char* name, std::int64_t max, std::string& into) {
    if (!fields.Has(name)) return;
    if (const auto n = fields.Int(name, false, 0, max)) into = std::to_string(*n);
  };
  text("date", 10, edit.date);
  text("time", 5, edit.time);
  number("minutes", 24 * 60, edit.minutes);
  number("capacity", 100000, edit.capacity);
  text("place", 500, edit.place);
  text("online_link", 2000, edit.online_link);
  text("agenda", 20000, edit.agenda);
  text("minutes_text", 100000, edit.minutes_text);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, request, *problem);
  auto saved = ApplySeminarEdit(context, found->seminar, edit);
  if (!saved) return SeminarRefusal(context, request, saved.error());
  const auto now = context.store.FindSeminar(saved.value().id).value_or(saved.value());
  return Response::Json(200, ApiSeminar(context, found->programme.programme, now).dump());
}

Response ApiSeminarRegister(const WebContext& context, const Request& request) {
  const auto found = FindSeminarInPath(context, request);
  if (!found) return NoSeminar(context, request);
  auto registered = RegisterViewerForSeminar(context, found->seminar);
  if (!registered) return SeminarRefusal(context, request, registered.error());
  const auto now = context.store.FindSeminar(found->seminar.id).value_or(found->seminar);
  return Response::Json(201, ApiSeminar(context, found->programme.programme, now).dump());
}

// {user_id, attended}: the ANCT records who came.
Response ApiAttendance(const WebContext& context, const Request& request) {
  const auto found = FindSeminarInPath(context, request);
  if (!found) return NoSeminar(context, request);
  auto body = ReadJsonObject(request);
  if (!body) return JsonBodyFailure(context, request, body.error());
  JsonFields fields(body.value());
  const auto user = fields.Int("user_id", true, 1, INT64_MAX);
  const auto attended = fields.Bool("attended", true);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, request, *problem);
  auto done = context.store.SetAttendance(found->seminar.id, *user, *attended);
  if (!done) return RenderError(context, request, 404, done.error().message);
  return Response::Json(200, ApiSeminar(context, found->programme.programme, found->seminar).dump());
}

}  // namespace

void RegisterSeminarApi(Router& router, const WebContext& context) {
  const std::string base = "/api/v1/programmes/{programme}/seminars";
  AddPage(router, context, "GET", (base).c_str(), "api_seminars", ApiSeminars);
  AddPage(router, context, "POST", (base + "/generation").c_str(), "api_seminar_generate", ApiGenerate);
  AddPage(router, context, "GET", (base + "/{seminar}").c_str(), "api_seminar", ApiSeminarOne);
  AddPage(router, context, "PATCH", (base + "/{seminar}").c_str(), "api_seminar_update", ApiUpdate);
  AddPage(router, context, "POST", (base + "/{seminar}/registrations").c_str(), "api_seminar_register", ApiSeminarRegister);
  AddPage(router, context, "POST", (base + "/{seminar}/attendance").c_str(), "api_seminar_attendance", ApiAttendance);
}

}  // namespace boussole::web
