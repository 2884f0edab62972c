// Programmes and their cohorts in JSON (issue 7, items 4, 6 and 9): what the programme pages
// offer, for programs with a personal API token — create a programme (the ANCT), propose,
// select and remove territories, register a collectivité (stakeholder, observer, or on the
// waitlist with its message), arbitrate the waitlist, name the people of a territory, date
// and open phases, record the named steps of a projet partagé — and the cohort as it stands.
// The rules are the pages' own (web/programme_actions.h); refusals are problem details.
#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/programmes/programme_rules.h"
#include "web/api/json_body.h"
#include "web/pages/page.h"
#include "web/params.h"
#include "web/programme_actions.h"
#include "web/programme_request.h"
#include "web/routes.h"
#include "web/views/programme_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using namespace programmes;

// The problem details of a refused action; a 400 names the JSON field at fault.
Response CohortRefused(const WebContext& context, const Request& request, const Error& e) {
  const int status = ActionStatusOf(e);
  std::string detail = e.message;
  if (status == 400 && !e.field.empty()) {
    detail += " (champ « " + (e.field == "organisation" ? std::string("organisation_id") : e.field) + " »)";
  }
  return RenderError(context, request, status, detail);
}

Response Created(const std::string& location, const json& body) {
  Response response = Response::Json(201, body.dump());
  response.SetHeader("Location", location);
  return response;
}

// The cohort as the programme's page shows it: territories (selected, proposed), the
// registrations with the waitlist, the people and the named steps, with the places left.
json CohortJson(const WebContext& context, const Programme& p, const ProgrammeType& type) {
  const json detail = ProgrammeDetailJson(context, p);
  json out{{"programme_id", p.id}, {"type", p.type}, {"max_territories", type.max_territories}};
  for (const char* key : {"territories", "proposed_territories", "territory_count", "participants", "stakeholder_count",
                          "waitlist_count", "observer_count", "people", "working_group_warnings", "step_records"}) {
    out[key] = detail[key];
  }
  // A projet partagé's places are its stakeholders'; other types', their selected territories.
  const int taken = type.waitlist ? detail["stakeholder_count"].get<int>() : detail["territory_count"].get<int>();
  out["places_left"] = std::max(0, type.max_territories - taken);
  return out;
}

Response CohortAnswer(const WebContext& context, const ProgrammeInPath& found, int status) {
  const auto programme = context.store.FindProgramme(found.programme.id).value_or(found.programme);
  const json body = CohortJson(context, programme, *found.type);
  if (status == 201) return Created("/api/v1/programmes/" + std::to_string(programme.id) + "/cohort", body);
  return Response::Json(status, body.dump());
}

// Runs `action` on the running programme of the path; 404 and 409 (past programme) first.
template <typename Action>
Response OnRunning(const WebContext& context, const Request& request, Action action) {
  auto found = RunningProgrammeInPath(context, request);
  if (!found) return CohortRefused(context, request, found.error());
  return action(found.value());
}

// Reads the JSON body with `read(fields)`; the problem when it is not acceptable.
template <typename Read>
std::optional<Response> ReadBody(const WebContext& context, const Request& request, Read read) {
  auto body = ReadJsonObject(request);
  if (!body) return JsonBodyFailure(context, request, body.error());
  JsonFields fields(body.value());
  read(fields);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, request, *problem);
  return std::nullopt;
}

std::string IdText(const std::optional<std::int64_t>& id) { return id ? std::to_string(*id) : ""; }

// POST /api/v1/organisations/{organisation}/programmes
Response ApiCreateProgramme(const WebContext& context, const Request& request) {
  const auto id = PathId(request, "organisation");
  const auto pilot = id ? context.store.FindOrganisation(*id) : std::nullopt;
  if (!pilot) return RenderError(context, request, 404, "Cette organisation n'existe pas.");
  if (auto refusal = CheckPilot(*pilot)) return RenderError(context, request, 400, refusal->message);
  NewProgrammeInput input;
  std::optional<std::int64_t> year;
  auto problem = ReadBody(context, request, [&](JsonFields& fields) {
    input.type = fields.String("type", true, 40);
    input.title = fields.String("title", true, 300);
    year = fields.Int("year", true, 1000, 9999);
    input.starts_on = fields.String("starts_on", false, 10);
    input.description = fields.String("description", false, 10000);
    input.partners = fields.StringList("partners", false, 50, 300);
  });
  if (problem) return std::move(*problem);
  input.year = IdText(year);
  const NewProgrammeCheck check = CheckNewProgramme(*pilot, input);
  if (!check.ok()) return CohortRefused(context, request, check.errors.front());
  const Programme created = CreateCheckedProgramme(context, check);
  return Created("/api/v1/programmes/" + std::to_string(created.id), ProgrammeApiJson(context, created));
}

// GET /api/v1/programmes/{programme}/cohort
Response ApiCohort(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  return Response::Json(200, CohortJson(context, found->programme, *found->type).dump());
}

// POST /api/v1/programmes/{programme}/territories: {territory, organisation_id}
Response ApiProposeTerritory(const WebContext& context, const Request& request) {
  return OnRunning(context, request, [&](const ProgrammeInPath& found) {
    std::string territory;
    std::optional<std::int64_t> organisation;
    auto problem = ReadBody(context, request, [&](JsonFields& fields) {
      territory = fields.String("territory", true, 40);
      organisation = fields.Int("organisation_id", false, 1, INT64_MAX);
    });
    if (problem) return std::move(*problem);
    auto proposed = ProposeCohortTerritory(context, found, territory, IdText(organisation));
    if (!proposed) return CohortRefused(context, request, proposed.error());
    return CohortAnswer(context, found, 201);
  });
}

// POST /api/v1/programmes/{programme}/territories/{territory}/selection
Response ApiSelectTerritory(const WebContext& context, const Request& request) {
  return OnRunning(context, request, [&](const ProgrammeInPath& found) {
    auto selected = SelectCohortTerritory(context, found, request.Param("territory"));
    if (!selected) return CohortRefused(context, request, selected.error());
    return CohortAnswer(context, found, 200);
  });
}

// DELETE /api/v1/programmes/{programme}/territories/{territory}
Response ApiRemoveTerritory(const WebContext& context, const Request& request) {
  return OnRunning(context, request, [&](const ProgrammeInPath& found) {
    auto removed = RemoveCohortTerritory(context, found, request.Param("territory"));
    if (!removed) return CohortRefused(context, request, removed.error());
    return CohortAnswer(context, found, 200);
  });
}

json RegistrationJson(const ProgrammeInPath& found, const organisations::Organisation& o, const std::string& role,
                      const std::string& message) {
  return {{"programme_id", found.programme.id},
          {"organisation_id", o.id},
          {"organisation", o.name},
          {"role", role},
          {"waiting", role == "waitlist"},
          {"message", message}};
}

// POST /api/v1/programmes/{programme}/registrations: {organisation_id, role}
Response ApiRegister(const WebContext& context, const Request& request) {
  return OnRunning(context, request, [&](const ProgrammeInPath& found) {
    std::optional<std::int64_t> organisation;
    std::string role;
    auto problem = ReadBody(context, request, [&](JsonFields& fields) {
      organisation = fields.Int("organisation_id", true, 1, INT64_MAX);
      role = fields.String("role", true, 20);
    });
    if (problem) return std::move(*problem);
    auto registered = RegisterCohortOrganisation(context, found, IdText(organisation), role);
    if (!registered) return CohortRefused(context, request, registered.error());
    const RegistrationOutcome& r = registered.value();
    return Created("/api/v1/programmes/" + std::to_string(found.programme.id) + "/cohort",
                   RegistrationJson(found, r.organisation, r.role, RegistrationNotice(*found.type, r.role)));
  });
}

// POST /api/v1/programmes/{programme}/registrations/{organisation}/arbitration: {role}
Response ApiArbitrate(const WebContext& context, const Request& request) {
  return OnRunning(context, request, [&](const ProgrammeInPath& found) {
    std::string role;
    auto problem = ReadBody(context, request, [&](JsonFields& fields) { role = fields.String("role", true, 20); });
    if (problem) return std::move(*problem);
    const std::string organisation = request.Param("organisation");
    auto done = ArbitrateCohortWaitlist(context, found, organisation, role);
    if (!done) return CohortRefused(context, request, done.error());
    const auto o = context.store.FindOrganisation(std::stoll(organisation)).value();
    const std::string message = role == "stakeholder" ? "« " + o.name + " » est retenue comme partie prenante."
                                                      : "« " + o.name + " » est inscrite comme observatrice.";
    return Response::Json(200, RegistrationJson(found, o, role, message).dump());
  });
}

// POST /api/v1/programmes/{programme}/people: {territory, group, name, kind}
Response ApiAddPerson(const WebContext& context, const Request& request) {
  return OnRunning(context, request, [&](const ProgrammeInPath& found) {
    Person person;
    auto problem = ReadBody(context, request, [&](JsonFields& fields) {
      person.territory_id = fields.String("territory", true, 40);
      person.group = fields.String("group", true, 40);
      person.name = fields.String("name", true, 200);
      person.kind = fields.String("kind", false, 40);
    });
    if (problem) return std::move(*problem);
    auto added = AddCohortPerson(context, found, person);
    if (!added) return CohortRefused(context, request, added.error());
    return CohortAnswer(context, found, 201);
  });
}

// PATCH /api/v1/programmes/{programme}/phases/{position}: {starts_on, ends_on, active}
Response ApiUpdatePhase(const WebContext& context, const Request& request) {
  return OnRunning(context, request, [&](const ProgrammeInPath& found) {
    std::string starts_on, ends_on;
    bool has_start = false, has_end = false;
    std::optional<bool> active;
    auto problem = ReadBody(context, request, [&](JsonFields& fields) {
      has_start = fields.Has("starts_on");
      has_end = fields.Has("ends_on");
      starts_on = fields.String("starts_on", false, 10);
      ends_on = fields.String("ends_on", false, 10);
      active = fields.Bool("active", false);
    });
    const bool dated = has_start || has_end;
    if (problem) return std::move(*problem);
    if (active == false) {
      return RenderError(context, request, 400,
                         "Une phase se ferme quand une autre s'ouvre : envoyez « active »: true sur la phase à ouvrir.");
    }
    if (!dated && !active) {
      return RenderError(context, request, 400,
                         "Indiquez les dates de la phase (« starts_on », « ends_on ») ou « active »: true pour l'ouvrir.");
    }
    const auto position = ParsePhasePosition(request.Param("position"));
    if (!position) return RenderError(context, request, 404, "Cette phase n'existe pas.");
    // PATCH: a date left out keeps its value.
    for (const auto& phase : context.store.PhasesOf(found.programme.id)) {
      if (phase.position != position.value()) continue;
      if (!has_start) starts_on = phase.starts_on;
      if (!has_end) ends_on = phase.ends_on;
    }
    if (auto bad = CheckPhaseDates(starts_on, ends_on)) return CohortRefused(context, request, *bad);
    if (dated) {
      auto done = DatePhase(context, found, position.value(), starts_on, ends_on);
      if (!done) return CohortRefused(context, request, done.error());
    }
    if (active) {
      auto done = OpenPhase(context, found, position.value());
      if (!done) return CohortRefused(context, request, done.error());
    }
    const auto programme = context.store.FindProgramme(found.programme.id).value_or(found.programme);
    return Response::Json(200, ProgrammeApiJson(context, programme).dump());
  });
}

// POST /api/v1/programmes/{programme}/steps: {territory, step, done_on, reference, note}
Response ApiRecordStep(const WebContext& context, const Request& request) {
  return OnRunning(context, request, [&](const ProgrammeInPath& found) {
    StepRecord record;
    auto problem = ReadBody(context, request, [&](JsonFields& fields) {
      record.territory_id = fields.String("territory", true, 40);
      record.step = fields.String("step", true, 40);
      record.done_on = fields.String("done_on", true, 10);
      record.reference = fields.String("reference", false, 200);
      record.note = fields.String("note", false, 5000);
    });
    if (problem) return std::move(*problem);
    auto recorded = RecordCohortStep(context, found, record);
    if (!recorded) return CohortRefused(context, request, recorded.error());
    return CohortAnswer(context, found, 201);
  });
}

}  // namespace

void RegisterProgrammeCohortApi(Router& router, const WebContext& context) {
  auto add = [&](const char* method, const char* pattern, const char* name, PageHandler handler) {
    AddPage(router, context, method, pattern, name, handler);
  };
  add("POST", "/api/v1/organisations/{organisation}/programmes", "api_programme_create", ApiCreateProgramme);
  add("GET", "/api/v1/programmes/{programme}/cohort", "api_programme_cohort", ApiCohort);
  add("POST", "/api/v1/programmes/{programme}/territories", "api_programme_propose_territory", ApiProposeTerritory);
  add("POST", "/api/v1/programmes/{programme}/territories/{territory}/selection", "api_programme_select_territory",
      ApiSelectTerritory);
  add("DELETE", "/api/v1/programmes/{programme}/territories/{territory}", "api_programme_remove_territory",
      ApiRemoveTerritory);
  add("POST", "/api/v1/programmes/{programme}/registrations", "api_programme_register", ApiRegister);
  add("POST", "/api/v1/programmes/{programme}/registrations/{organisation}/arbitration", "api_programme_arbitrate",
      ApiArbitrate);
  add("POST", "/api/v1/programmes/{programme}/people", "api_programme_add_person", ApiAddPerson);
  add("PATCH", "/api/v1/programmes/{programme}/phases/{position}", "api_programme_phase", ApiUpdatePhase);
  add("POST", "/api/v1/programmes/{programme}/steps", "api_programme_step", ApiRecordStep);
}

}  // namespace boussole::web
