#include "web/seminar_actions.h"

#include <algorithm>

#include "core/clock.h"
#include "domain/programmes/calendar.h"
#include "domain/programmes/programme_rules.h"
#include "web/viewer.h"
#include "web/views/programme_view.h"

namespace boussole::web {

using nlohmann::json;
using namespace programmes;

std::optional<SeminarInPath> FindSeminarInPath(const WebContext& context, const Request& request) {
  auto programme = FindProgrammeInPath(context, request);
  const auto id = PathId(request, "seminar");
  auto seminar = programme && id ? context.store.FindSeminar(*id) : std::nullopt;
  if (!seminar || seminar->programme_id != programme->programme.id) return std::nullopt;
  return SeminarInPath{std::move(*programme), std::move(*seminar)};
}

std::string CohortTerritoryName(const WebContext& context, const Programme& p, const std::string& id) {
  if (id.empty()) return "";
  for (const auto& t : context.store.CohortOf(p.id)) {
    if (t.territory_id == id) return t.name;
  }
  return id;
}

json SeminarJson(const WebContext& context, const Programme& p, const Seminar& s) {
  const std::string wall = ParisWallClock(s.starts_at);
  return {{"id", s.id},
          {"programme_id", p.id},
          {"programme_title", p.title},
          {"kind", s.kind},
          {"title", s.title},
          {"territory_id", s.territory_id},
          {"territory_name", CohortTerritoryName(context, p, s.territory_id)},
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
          {"ics_url",
           "/programmes/" + std::to_string(p.id) + "/seminaires/" + std::to_string(s.id) + "/calendrier.ics"}};
}

Result<std::vector<Seminar>> GenerateProgrammeSeminars(const WebContext& context, const ProgrammeInPath& found) {
  const Programme& p = found.programme;
  if (p.historic) return Error{"conflict", "Ce programme est passé : on le consulte, on ne le modifie plus.", {}};
  if (!context.store.SeminarsOf(p.id).empty()) {
    return Error{"conflict", "Les séminaires de ce programme sont déjà générés : modifiez-les un par un.", {}};
  }
  std::vector<std::string> territories;
  for (const auto& t : context.store.CohortOf(p.id)) {
    if (t.status == "selected") territories.push_back(t.territory_id);
  }
  auto seminars = programmes::GenerateSeminars(*found.type, p, territories);
  if (!seminars) return InvalidInput(seminars.error().message);
  return context.store.AddSeminars(seminars.value(), NowUtc());
}

SeminarEdit EditOf(const Seminar& s) {
  const std::string wall = ParisWallClock(s.starts_at);
  return {wall.substr(0, 10), wall.size() > 11 ? wall.substr(11) : "", std::to_string(s.minutes),
          std::to_string(s.capacity), s.place, s.online_link, s.agenda, s.minutes_text};
}

namespace {

bool ReadNumber(const std::string& text, int max, int& out) {
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoi(text);
  return out <= max;
}

}  // namespace

Result<Seminar> ApplySeminarEdit(const WebContext& context, const Seminar& current, const SeminarEdit& edit) {
  Seminar s = current;
  if (edit.date.empty() && edit.time.empty()) {
    s.starts_at.clear();
  } else {
    auto utc = ParisToUtc(edit.date, edit.time);
    if (!utc) return InvalidInput("Indiquez la date (AAAA-MM-JJ) et l'heure (HH:MM) du séminaire.", "date");
    s.starts_at = *utc;
  }
  if (!ReadNumber(edit.minutes, 24 * 60, s.minutes)) {
    return InvalidInput("La durée est un nombre de minutes (24 heures au plus).", "minutes");
  }
  if (!ReadNumber(edit.capacity, 100000, s.capacity)) {
    return InvalidInput("Le nombre de places est un nombre entier (0 : sans limite).", "capacity");
  }
  s.place = edit.place;
  s.online_link = edit.online_link;
  s.agenda = edit.agenda;
  s.minutes_text = edit.minutes_text;
  if (!s.online_link.empty() && s.online_link.rfind("https://", 0) != 0 && s.online_link.rfind("http://", 0) != 0) {
    return InvalidInput("Le lien de la réunion en ligne est une adresse web, commençant par https:// (ou http://).", "online_link");
  }
  if (s.place.size() > 500 || s.online_link.size() > 2000 || s.agenda.size() > 20000 || s.minutes_text.size() > 100000) {
    return InvalidInput("Un des champs est trop long.");
  }
  if (s.capacity > 0 && s.capacity < s.registered) {
    return Error{"conflict",
                 std::to_string(s.registered) + " personnes sont déjà inscrites : le nombre de places ne peut "
                 "pas descendre en dessous.",
                 "capacity"};
  }
  auto saved = context.store.UpdateSeminar(s);
  if (!saved) return Error{"not_found", saved.error().message, {}};
  return s;
}

Status RegisterViewerForSeminar(const WebContext& context, const Seminar& s) {
  auto registered = context.store.RegisterForSeminar(s.id, CurrentViewer().account->user.id, NowUtc());
  if (!registered) {
    const Error& e = registered.error();
    if (e.code == "full") {
      return Error{"full", "Ce séminaire est complet : ses " + std::to_string(s.capacity) + " places sont prises.", {}};
    }
    return Error{e.code == "conflict" ? "conflict" : "not_found", e.message, {}};
  }
  return Ok();
}

}  // namespace boussole::web
