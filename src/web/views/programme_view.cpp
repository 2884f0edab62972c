#include "web/views/programme_view.h"

#include <map>

#include "domain/programmes/calendar.h"
#include "domain/programmes/programme_rules.h"

namespace boussole::web {

using nlohmann::json;
using namespace programmes;

namespace {

std::string LabelIn(const std::vector<std::pair<std::string, std::string>>& list, const std::string& key) {
  for (const auto& [k, label] : list) {
    if (k == key) return label;
  }
  return key;
}

std::string RoleLabel(const std::string& role) {
  if (role == "stakeholder") return "Partie prenante";
  if (role == "waitlist") return "Liste d'attente";
  return "Observatrice";
}

std::string OriginLabel(const std::string& origin) {
  if (origin == "anct") return "proposé par l'ANCT";
  if (origin == "partenaire") return "proposé par un partenaire";
  if (origin == "delegue") return "proposé par la délégation territoriale";
  if (origin == "candidature") return "a fait part de son intérêt";
  if (origin == "seed") return "source publiée";
  return origin;
}

}  // namespace

std::string DurationLabel(int minutes) {
  if (minutes <= 0) return "";
  const int h = minutes / 60, m = minutes % 60;
  if (m == 0) return std::to_string(h) + " h";
  if (h == 0) return std::to_string(m) + " min";
  return std::to_string(h) + " h " + (m < 10 ? "0" : "") + std::to_string(m);
}

json ProgrammeSummaryJson(const Programme& p) {
  const ProgrammeType* type = FindProgrammeType(p.type);
  return {{"id", p.id},
          {"slug", p.slug},
          {"url", "/programmes/" + std::to_string(p.id)},
          {"type", p.type},
          {"type_label", type ? std::string(type->label) : p.type},
          {"title", p.title},
          {"year", p.year},
          {"historic", p.historic}};
}

json ProgrammeTypeJson(const ProgrammeType& t) {
  json rules = json::array();
  auto rule = [&rules](const std::string& text) { rules.push_back(text); };
  if (t.min_territories > 0) {
    if (t.key == "projet_partage") {
      rule("De " + std::to_string(t.min_territories) + " à " + std::to_string(t.max_territories) +
           " collectivités parties prenantes ; au-delà, une liste d'attente que l'ANCT arbitre");
    } else if (t.min_territories == t.max_territories) {
      rule("Un territoire (la collectivité qui le demande)");
    } else {
      rule("De " + std::to_string(t.min_territories) + " à " + std::to_string(t.max_territories) +
           " territoires (communes ou intercommunalités), sélectionnés par l'ANCT");
    }
  }
  if (t.observers) rule("Des collectivités observatrices, sans limite de nombre");
  if (t.min_months > 0) {
    rule(t.min_months == t.max_months ? "Durée : " + std::to_string(t.min_months) + " mois"
                                      : "Durée : " + std::to_string(t.min_months) + " à " +
                                            std::to_string(t.max_months) + " mois");
  }
  if (t.local_seminars > 0) {
    const bool atelier = t.intersite_seminars == 0;
    std::string text = std::to_string(t.local_seminars) +
                       (atelier ? (t.local_seminars > 1 ? " sessions de travail sur site" : " session de travail sur site")
                                : " séminaires locaux par territoire");
    if (t.local_minutes > 0) text += " de " + DurationLabel(t.local_minutes);
    rule(text);
  }
  if (t.intersite_seminars > 0) {
    rule(std::to_string(t.intersite_seminars) + " séminaires intersites de " + DurationLabel(t.intersite_minutes));
  }
  if (t.working_group_max > 0) {
    rule("Un groupe de travail local de " + std::to_string(t.working_group_min) + " à " +
         std::to_string(t.working_group_max) + " acteurs par territoire");
  }
  if (t.survey_group) rule("Un groupe d'enquête mixte par territoire (élus, agents, habitants, scolaires…)");
  if (t.follow_up_months > 0) {
    rule("Une réunion de suivi " + std::to_string(t.follow_up_months) + " mois après la fin");
  }
  json phases = json::array();
  for (const PhaseSpec& phase : t.phases) {
    json steps = json::array();
    for (auto step : phase.steps) steps.push_back(std::string(step));
    phases.push_back({{"key", std::string(phase.key)},
                      {"label", std::string(phase.label)},
                      {"steps", steps},
                      {"theme_support", phase.theme_support},
                      {"deliverables", phase.deliverables}});
  }
  json deliverables = json::array();
  for (auto d : t.deliverables) deliverables.push_back(std::string(d));
  json sources = json::array();
  for (const SeedQuote& s : t.sources) sources.push_back({{"seed", std::string(s.seed)}, {"quote", std::string(s.quote)}});
  return {{"key", std::string(t.key)},
          {"label", std::string(t.label)},
          {"offer_url", "/offres/" + std::string(t.offer_slug)},
          {"pilot", std::string(t.pilot)},
          {"min_territories", t.min_territories},
          {"max_territories", t.max_territories},
          {"waitlist", t.waitlist},
          {"observers", t.observers},
          {"min_months", t.min_months},
          {"max_months", t.max_months},
          {"local_seminars", t.local_seminars},
          {"local_minutes", t.local_minutes},
          {"intersite_seminars", t.intersite_seminars},
          {"intersite_minutes", t.intersite_minutes},
          {"working_group_min", t.working_group_min},
          {"working_group_max", t.working_group_max},
          {"follow_up_months", t.follow_up_months},
          {"rules", rules},
          {"deliverables", deliverables},
          {"phases", phases},
          {"sources", sources}};
}

json ProgrammeDetailJson(const WebContext& context, const Programme& p) {
  const ProgrammeType* type = FindProgrammeType(p.type);
  json view = ProgrammeSummaryJson(p);
  view["description"] = p.description;
  view["starts_on"] = p.starts_on;
  view["ends_on"] = p.ends_on;
  json partners = json::array();
  for (const Partner& partner : p.partners) {
    partners.push_back({{"verbatim", partner.verbatim},
                        {"normalised", partner.normalised},
                        {"note", partner.note},
                        {"name", partner.normalised.empty() ? partner.verbatim : partner.normalised}});
  }
  view["partners"] = partners;
  view["has_partners"] = !partners.empty();
  json sources = json::array();
  for (const Source& s : p.sources) sources.push_back({{"seed", s.seed}, {"quote", s.quote}});
  view["sources"] = sources;
  view["has_sources"] = !sources.empty();

  const auto cohort = context.store.CohortOf(p.id);
  std::map<std::string, std::string> names;
  json selected = json::array(), proposed = json::array();
  for (const CohortTerritory& t : cohort) {
    names[t.territory_id] = t.name;
    json item{{"territory_id", t.territory_id},
              {"name", t.name},
              {"url", "/territoires/" + t.territory_id},
              {"verbatim", t.verbatim},
              {"origin", t.origin},
              {"origin_label", OriginLabel(t.origin)},
              {"status", t.status}};
    (t.status == "selected" ? selected : proposed).push_back(item);
  }
  view["territories"] = selected;
  view["has_territories"] = !selected.empty();
  view["territory_count"] = selected.size();
  view["proposed_territories"] = proposed;
  view["has_proposed_territories"] = !proposed.empty();

  json participants = json::array();
  int stakeholders = 0, waiting = 0, observers = 0;
  for (const Participant& part : context.store.ParticipantsOf(p.id)) {
    if (part.role == "stakeholder") ++stakeholders;
    if (part.role == "waitlist") ++waiting;
    if (part.role == "observer") ++observers;
    participants.push_back({{"organisation_id", part.organisation_id},
                            {"organisation", part.organisation_name},
                            {"role", part.role},
                            {"role_label", RoleLabel(part.role)},
                            {"waiting", part.role == "waitlist"}});
  }
  view["participants"] = participants;
  view["has_participants"] = !participants.empty();
  view["stakeholder_count"] = stakeholders;
  view["waitlist_count"] = waiting;
  view["observer_count"] = observers;

  const auto phases = context.store.PhasesOf(p.id);
  json phase_list = json::array();
  for (const Phase& phase : phases) {
    json item{{"position", phase.position}, {"key", phase.key}, {"starts_on", phase.starts_on},
              {"ends_on", phase.ends_on}, {"active", phase.active}, {"label", phase.key}, {"steps", json::array()}};
    if (type) {
      for (const PhaseSpec& spec : type->phases) {
        if (spec.key != phase.key) continue;
        item["label"] = std::string(spec.label);
        for (auto step : spec.steps) item["steps"].push_back(std::string(step));
      }
    }
    phase_list.push_back(item);
  }
  view["phases"] = phase_list;
  view["has_phases"] = !phase_list.empty();
  if (type) {
    if (const PhaseSpec* active = ActivePhase(*type, phases)) {
      view["active_phase"] = std::string(active->label);
      view["theme_support_open"] = active->theme_support;
      view["deliverables_open"] = active->deliverables;
    }
  }

  json seminars = json::array();
  int local = 0, intersite = 0;
  for (const Seminar& s : context.store.SeminarsOf(p.id)) {
    if (s.kind == "local") ++local;
    if (s.kind == "intersite") ++intersite;
    const std::string wall = ParisWallClock(s.starts_at);
    seminars.push_back({{"id", s.id},
                        {"programme_id", p.id},
                        {"kind", s.kind},
                        {"title", s.title},
                        {"territory_id", s.territory_id},
                        {"territory_name", names.count(s.territory_id) ? names[s.territory_id] : s.territory_id},
                        {"starts_at", s.starts_at},
                        {"date", wall.substr(0, 10)},
                        {"time", wall.size() > 11 ? wall.substr(11) : ""},
                        {"minutes", s.minutes},
                        {"duration", DurationLabel(s.minutes)},
                        {"place", s.place},
                        {"online_link", s.online_link},
                        {"agenda", s.agenda},
                        {"capacity", s.capacity},
                        {"registered", s.registered},
                        {"seats_left", s.capacity > 0 ? std::max(0, s.capacity - s.registered) : -1},
                        {"has_capacity", s.capacity > 0},
                        {"minutes_text", s.minutes_text},
                        {"ics_url", "/programmes/" + std::to_string(p.id) + "/seminaires/" + std::to_string(s.id) +
                                        "/calendrier.ics"}});
  }
  view["seminars"] = seminars;
  view["has_seminars"] = !seminars.empty();
  view["local_seminar_count"] = local;
  view["intersite_seminar_count"] = intersite;
  view["ics_url"] = "/programmes/" + std::to_string(p.id) + "/calendrier.ics";

  json themes = json::array();
  int rank = 0;
  for (const Theme& t : context.store.ThemesOf(p.id)) {
    themes.push_back({{"id", t.id},
                      {"programme_id", p.id},
                      {"rank", ++rank},
                      {"title", t.title},
                      {"inspiration", t.inspiration},
                      {"organisation", t.organisation_name},
                      {"supports", t.supports},
                      {"selected", t.selected}});
  }
  view["themes"] = themes;
  view["has_themes"] = !themes.empty();

  // People by territory, with the working group's warning.
  json people = json::array();
  std::map<std::string, std::size_t> working_group;
  for (const Person& person : context.store.PeopleOf(p.id)) {
    if (person.group == "groupe_local") ++working_group[person.territory_id];
    people.push_back({{"territory_id", person.territory_id},
                      {"territory_name", names.count(person.territory_id) ? names[person.territory_id] : person.territory_id},
                      {"group", person.group},
                      {"group_label", LabelIn(PersonGroups(), person.group)},
                      {"name", person.name},
                      {"kind", person.kind},
                      {"kind_label", person.kind.empty() ? "" : LabelIn(ActorKinds(), person.kind)}});
  }
  view["people"] = people;
  view["has_people"] = !people.empty();
  json warnings = json::array();
  if (type && !p.historic && type->working_group_max > 0) {
    for (const auto& t : selected) {
      const std::string id = t["territory_id"];
      if (auto warning = WorkingGroupWarning(*type, working_group[id])) {
        warnings.push_back({{"territory_id", id}, {"territory_name", t["name"]}, {"message", *warning}});
      }
    }
  }
  view["working_group_warnings"] = warnings;
  view["has_working_group_warnings"] = !warnings.empty();
  // Deliverables: every version (the page keeps them for those who may see them) and the
  // published ones, for everyone.
  json deliverables = json::array(), published = json::array();
  for (const Deliverable& d : context.store.DeliverablesOf(p.id)) {
    json item{{"id", d.id},
              {"programme_id", p.id},
              {"territory_id", d.territory_id},
              {"territory_name", names.count(d.territory_id) ? names[d.territory_id] : d.territory_id},
              {"title", d.title},
              {"version", d.version},
              {"file_name", d.file_name},
              {"file_size", d.file_size},
              {"status", d.status},
              {"status_label", d.status == "published" ? "Publié" : d.status == "validated" ? "Validé" : "Déposé"},
              {"submitted", d.status == "submitted"},
              {"validated", d.status == "validated"},
              {"created_at", d.created_at},
              {"published_at", d.published_at},
              {"url", "/programmes/" + std::to_string(p.id) + "/livrables/" + std::to_string(d.id)}};
    if (d.status == "published") published.push_back(item);
    deliverables.push_back(item);
  }
  view["all_deliverables"] = deliverables;
  view["published_deliverables"] = published;
  view["has_published_deliverables"] = !published.empty();
  if (type) {
    json titles = json::array();
    for (auto t : type->deliverables) titles.push_back(std::string(t));
    view["deliverable_titles"] = titles;
  }
  json steps = json::array();
  for (const StepRecord& r : context.store.StepRecordsOf(p.id)) {
    const auto territory = territories::TerritoryId::Parse(r.territory_id);
    const auto found = territory ? context.store.FindTerritory(territory.value()) : std::nullopt;
    steps.push_back({{"territory_id", r.territory_id},
                     {"territory_name", found ? found->name : r.territory_id},
                     {"step", r.step},
                     {"step_label", r.step == "adoption" ? "Adoption du plan d'action par l'exécutif"
                                                         : "Retours vers les habitants"},
                     {"done_on", r.done_on},
                     {"reference", r.reference},
                     {"note", r.note}});
  }
  view["step_records"] = steps;
  if (type) view["type_rules"] = ProgrammeTypeJson(*type);
  return view;
}

json ProgrammeApiJson(const WebContext& context, const Programme& p) {
  json detail = ProgrammeDetailJson(context, p);
  detail.erase("all_deliverables");  // unpublished versions are not public
  // Flags meant for templates only.
  for (const char* key : {"has_partners", "has_sources", "has_territories", "has_proposed_territories",
                          "has_participants", "has_phases", "has_seminars", "has_themes", "has_people",
                          "has_working_group_warnings", "theme_support_open", "deliverables_open",
                          "has_published_deliverables"}) {
    detail.erase(key);
  }
  return detail;
}

}  // namespace boussole::web
