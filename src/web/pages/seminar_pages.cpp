// The calendar of a programme (issue 7, item 5): seminars generated from the type, each
// editable (date, place or online link, agenda, capacity, minutes), registrations under a
// lock, attendance, and iCalendar exports per seminar and per programme.
#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"
#include "domain/programmes/calendar.h"
#include "domain/programmes/programme_rules.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/programme_request.h"
#include "web/routes.h"
#include "web/viewer.h"
#include "web/views/programme_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using namespace programmes;

constexpr const char* kUidHost = "boussole";

struct SeminarInPath {
  ProgrammeInPath programme;
  Seminar seminar;
};

std::optional<SeminarInPath> FindSeminarInPath(const WebContext& context, const Request& request) {
  auto programme = FindProgrammeInPath(context, request);
  const auto id = PathId(request, "seminar");
  auto seminar = programme && id ? context.store.FindSeminar(*id) : std::nullopt;
  if (!seminar || seminar->programme_id != programme->programme.id) return std::nullopt;
  return SeminarInPath{std::move(*programme), std::move(*seminar)};
}

std::string TerritoryName(const WebContext& context, const Programme& p, const std::string& id) {
  if (id.empty()) return "";
  for (const auto& t : context.store.CohortOf(p.id)) {
    if (t.territory_id == id) return t.name;
  }
  return id;
}

Response GenerateSeminars(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  const Programme& p = found->programme;
  if (p.historic) return RenderError(context, request, 409, "Ce programme est passé : on le consulte, on ne le modifie plus.");
  if (!context.store.SeminarsOf(p.id).empty()) {
    return RenderError(context, request, 409,
                       "Les séminaires de ce programme sont déjà générés : modifiez-les un par un.");
  }
  std::vector<std::string> territories;
  for (const auto& t : context.store.CohortOf(p.id)) {
    if (t.status == "selected") territories.push_back(t.territory_id);
  }
  auto seminars = programmes::GenerateSeminars(*found->type, p, territories);
  if (!seminars) return RenderError(context, request, 400, seminars.error().message);
  context.store.AddSeminars(seminars.value(), NowUtc());
  return Response::Redirect(303, "/programmes/" + std::to_string(p.id) + "?message=seminaires#calendrier");
}

json SeminarView(const WebContext& context, const SeminarInPath& found) {
  const Seminar& s = found.seminar;
  const Programme& p = found.programme.programme;
  const std::string wall = ParisWallClock(s.starts_at);
  json view{{"id", s.id},
            {"programme_id", p.id},
            {"programme_title", p.title},
            {"kind", s.kind},
            {"title", s.title},
            {"territory_id", s.territory_id},
            {"territory_name", TerritoryName(context, p, s.territory_id)},
            {"starts_at", s.starts_at},
            {"date", wall.substr(0, 10)},
            {"time", wall.size() > 11 ? wall.substr(11) : ""},
            {"minutes", s.minutes},
            {"duration", DurationLabel(s.minutes)},
            {"place", s.place},
            {"online_link", s.online_link},
            {"agenda", s.agenda},
            {"capacity", s.capacity},
            {"has_capacity", s.capacity > 0},
            {"registered", s.registered},
            {"seats_left", s.capacity > 0 ? std::max(0, s.capacity - s.registered) : -1},
            {"minutes_text", s.minutes_text},
            {"ics_url", "/programmes/" + std::to_string(p.id) + "/seminaires/" + std::to_string(s.id) +
                            "/calendrier.ics"}};
  return view;
}

Response SeminarPage(const WebContext& context, const Request& request) {
  const auto found = FindSeminarInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce séminaire n'existe pas.");
  json view = SeminarView(context, *found);
  const Viewer& viewer = CurrentViewer();
  const bool manages = ManagesProgramme(context, found->programme.programme);
  view["manages"] = manages;
  view["signed_in"] = viewer.signed_in();
  if (viewer.signed_in()) {
    view["csrf"] = CurrentCsrfToken();
    json registrations = json::array();
    bool self = false;
    for (const Registration& r : context.store.RegistrationsOf(found->seminar.id)) {
      if (r.user_id == viewer.account->user.id) self = true;
      if (manages) {
        registrations.push_back({{"user_id", r.user_id}, {"display_name", r.display_name}, {"attended", r.attended}});
      }
    }
    view["registered_self"] = self;
    view["registrations"] = registrations;
  }
  if (request.Query("message").value_or("") == "inscrit") view["notice"] = "Vous êtes inscrit à ce séminaire.";
  return RenderPage(context, 200, "seminar", view,
                    {found->seminar.title,
                     {{"Programmes collectifs", "/programmes"},
                      {found->programme.programme.title, "/programmes/" + std::to_string(found->programme.programme.id)}},
                     "programmes"});
}

bool ReadNumber(const std::string& text, int max, int& out) {
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoi(text);
  return out <= max;
}

Response UpdateSeminar(const WebContext& context, const Request& request) {
  auto found = FindSeminarInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce séminaire n'existe pas.");
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const Form& f = form.value();
  Seminar s = found->seminar;
  const std::string date = f.Get("date"), time = f.Get("time");
  if (date.empty() && time.empty()) {
    s.starts_at.clear();
  } else {
    auto utc = ParisToUtc(date, time);
    if (!utc) return RenderError(context, request, 400, "Indiquez la date (AAAA-MM-JJ) et l'heure (HH:MM) du séminaire.");
    s.starts_at = *utc;
  }
  if (!ReadNumber(f.Get("minutes"), 24 * 60, s.minutes)) {
    return RenderError(context, request, 400, "La durée est un nombre de minutes (24 heures au plus).");
  }
  if (!ReadNumber(f.Get("capacity"), 100000, s.capacity)) {
    return RenderError(context, request, 400, "Le nombre de places est un nombre entier (0 : sans limite).");
  }
  s.place = f.Get("place");
  s.online_link = f.Get("online_link");
  s.agenda = f.Get("agenda");
  s.minutes_text = f.Get("minutes_text");
  if (!s.online_link.empty() && s.online_link.rfind("https://", 0) != 0 && s.online_link.rfind("http://", 0) != 0) {
    return RenderError(context, request, 400, "Le lien de la réunion en ligne commence par https://.");
  }
  if (s.place.size() > 500 || s.online_link.size() > 2000 || s.agenda.size() > 20000 || s.minutes_text.size() > 100000) {
    return RenderError(context, request, 400, "Un des champs est trop long.");
  }
  if (s.capacity > 0 && s.capacity < s.registered) {
    return RenderError(context, request, 409,
                       std::to_string(s.registered) + " personnes sont déjà inscrites : le nombre de places ne peut "
                       "pas descendre en dessous.");
  }
  auto saved = context.store.UpdateSeminar(s);
  if (!saved) return RenderError(context, request, 404, saved.error().message);
  return Response::Redirect(
      303, "/programmes/" + std::to_string(s.programme_id) + "/seminaires/" + std::to_string(s.id));
}

Response RegisterForSeminar(const WebContext& context, const Request& request) {
  const auto found = FindSeminarInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce séminaire n'existe pas.");
  auto registered = context.store.RegisterForSeminar(found->seminar.id, CurrentViewer().account->user.id, NowUtc());
  if (!registered) {
    const Error& e = registered.error();
    if (e.code == "full") {
      return RenderError(context, request, 409,
                         "Ce séminaire est complet : ses " + std::to_string(found->seminar.capacity) +
                             " places sont prises.");
    }
    return RenderError(context, request, e.code == "conflict" ? 409 : 404, e.message);
  }
  return Response::Redirect(303, "/programmes/" + std::to_string(found->programme.programme.id) + "/seminaires/" +
                                     std::to_string(found->seminar.id) + "?message=inscrit");
}

Response SetAttendance(const WebContext& context, const Request& request) {
  const auto found = FindSeminarInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce séminaire n'existe pas.");
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string user = form.value().Get("user"), attended = form.value().Get("attended");
  if (user.empty() || user.size() > 18 || user.find_first_not_of("0123456789") != std::string::npos ||
      (attended != "oui" && attended != "non")) {
    return RenderError(context, request, 400, "Indiquez la personne et sa présence (oui ou non).");
  }
  auto done = context.store.SetAttendance(found->seminar.id, std::stoll(user), attended == "oui");
  if (!done) return RenderError(context, request, 404, done.error().message);
  return Response::Redirect(303, "/programmes/" + std::to_string(found->programme.programme.id) + "/seminaires/" +
                                     std::to_string(found->seminar.id) + "#inscrits");
}

Response Calendar(std::string body, const std::string& file_name) {
  Response response;
  response.status = 200;
  response.body = std::move(body);
  response.SetHeader("Content-Type", "text/calendar; charset=utf-8");
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  return response;
}

Response SeminarCalendar(const WebContext& context, const Request& request) {
  const auto found = FindSeminarInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce séminaire n'existe pas.");
  const Programme& p = found->programme.programme;
  CalendarEvent event{found->seminar, p.title, TerritoryName(context, p, found->seminar.territory_id), ""};
  return Calendar(RenderCalendar(p.title, {event}, NowUtc(), kUidHost),
                  "seminaire-" + std::to_string(found->seminar.id) + ".ics");
}

Response ProgrammeCalendar(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  const Programme& p = found->programme;
  std::vector<CalendarEvent> events;
  const auto cohort = context.store.CohortOf(p.id);
  for (const Seminar& s : context.store.SeminarsOf(p.id)) {
    std::string name;
    for (const auto& t : cohort) {
      if (t.territory_id == s.territory_id) name = t.name;
    }
    events.push_back({s, p.title, name, ""});
  }
  return Calendar(RenderCalendar(p.title, events, NowUtc(), kUidHost), "programme-" + std::to_string(p.id) + ".ics");
}

}  // namespace

void RegisterSeminarPages(Router& router, const WebContext& context) {
  auto add = [&](const char* method, const char* pattern, const char* name, PageHandler page) {
    AddPage(router, context, method, pattern, name, page);
  };
  add("POST", "/programmes/{programme}/seminaires/generation", "seminar_generate", GenerateSeminars);
  add("GET", "/programmes/{programme}/calendrier.ics", "programme_calendar", ProgrammeCalendar);
  add("GET", "/programmes/{programme}/seminaires/{seminar}", "seminar_page", SeminarPage);
  add("POST", "/programmes/{programme}/seminaires/{seminar}", "seminar_update", UpdateSeminar);
  add("POST", "/programmes/{programme}/seminaires/{seminar}/inscription", "seminar_register", RegisterForSeminar);
  add("POST", "/programmes/{programme}/seminaires/{seminar}/presence", "seminar_attendance", SetAttendance);
  add("GET", "/programmes/{programme}/seminaires/{seminar}/calendrier.ics", "seminar_calendar", SeminarCalendar);
}

}  // namespace boussole::web
