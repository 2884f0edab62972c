#include "web/programme_actions.h"

#include <set>

#include "core/clock.h"
#include "domain/programmes/programme_rules.h"
#include "web/views/territory_view.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using namespace programmes;

Error Forbidden(std::string message, std::string field = {}) { return {"forbidden", std::move(message), std::move(field)}; }
Error Conflict(std::string message) { return {"conflict", std::move(message), {}}; }

bool IsDigits(const std::string& text, std::size_t max_length) {
  return !text.empty() && text.size() <= max_length && text.find_first_not_of("0123456789") == std::string::npos;
}

// Whether the viewer belongs to the collectivité of `territory` (a typed id).
bool ViewerIsOfTerritory(const WebContext& context, const std::string& territory) {
  for (const auto& o : ViewerOrganisations(context)) {
    if (o.territory && o.territory->ToString() == territory) return true;
  }
  return false;
}

}  // namespace

Result<ProgrammeInPath> RunningProgrammeInPath(const WebContext& context, const Request& request) {
  auto found = FindProgrammeInPath(context, request);
  if (!found) return NotFound("Ce programme n'existe pas.");
  if (found->programme.historic) return Conflict("Ce programme est passé : on le consulte, on ne le modifie plus.");
  return std::move(*found);
}

std::optional<Error> CheckPilot(const organisations::Organisation& pilot) {
  if (pilot.kind == organisations::Kind::kAnct) return std::nullopt;
  return InvalidInput("Seule l'ANCT (ou le pilote national d'un programme) crée des programmes collectifs ; cette "
                      "organisation n'est pas l'ANCT.",
                      "organisation");
}

NewProgrammeCheck CheckNewProgramme(const organisations::Organisation& pilot, const NewProgrammeInput& input) {
  NewProgrammeCheck out;
  out.type = FindProgrammeType(input.type);
  if (!out.type) out.errors.push_back(InvalidInput("Choisissez le type de programme.", "type"));
  Programme& p = out.programme;
  p.title = input.title;
  if (p.title.empty() || p.title.size() > 300) {
    out.errors.push_back(InvalidInput("Indiquez le thème ou l'intitulé du programme (300 caractères au plus).", "title"));
  }
  if (input.year.size() != 4 || !IsDigits(input.year, 4)) {
    out.errors.push_back(InvalidInput("L'année s'écrit avec quatre chiffres (par exemple 2026).", "year"));
  } else {
    p.year = std::stoi(input.year);
  }
  p.starts_on = input.starts_on;
  if (!p.starts_on.empty() && !IsDate(p.starts_on)) {
    out.errors.push_back(InvalidInput("La date de début doit être une date valide (AAAA-MM-JJ).", "starts_on"));
  }
  p.description = input.description;
  if (p.description.size() > 10000) out.errors.push_back(InvalidInput("La description est trop longue.", "description"));
  for (const std::string& name : input.partners) {
    if (!name.empty()) p.partners.push_back({name, "", ""});
  }
  if (!out.ok()) return out;
  p.type = std::string(out.type->key);
  p.organisation_id = pilot.id;
  if (!p.starts_on.empty() && out.type->max_months > 0) p.ends_on = AddMonths(p.starts_on, out.type->max_months);
  return out;
}

Programme CreateCheckedProgramme(const WebContext& context, const NewProgrammeCheck& check) {
  Programme p = check.programme;
  std::set<std::string> taken;
  for (const Programme& existing : context.store.ListProgrammes()) taken.insert(existing.slug);
  for (int n = 1;; ++n) {
    p.slug = p.type + "-" + std::to_string(p.year) + "-" + std::to_string(n);
    if (!taken.count(p.slug)) break;
  }
  return context.store.CreateProgramme(p, InitialPhases(*check.type), NowUtc());
}

std::vector<std::string> PartnerLines(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string name = text.substr(start, end - start);
    while (!name.empty() && (name.back() == '\r' || name.back() == ' ')) name.pop_back();
    if (!name.empty()) out.push_back(name);
    start = end + 1;
  }
  return out;
}

Result<CohortTerritory> ProposeCohortTerritory(const WebContext& context, const ProgrammeInPath& found,
                                               const std::string& territory_text, const std::string& organisation) {
  const Programme& p = found.programme;
  const auto territory = ResolveTerritory(territory_text, context.store);
  if (!territory) {
    return InvalidInput("Territoire introuvable : « " + territory_text +
                            " ». Indiquez le code INSEE d'une commune ou le SIREN d'une intercommunalité.",
                        "territory");
  }
  const auto kind = territory->id.kind;
  if (kind != territories::Kind::kCommune && kind != territories::Kind::kEpci && kind != territories::Kind::kEpt) {
    return InvalidInput("Un programme collectif accompagne des communes ou des intercommunalités ; « " + territory->name +
                            " » n'en est pas une.",
                        "territory");
  }
  CohortTerritory t;
  t.programme_id = p.id;
  t.territory_id = territory->id.ToString();
  if (ManagesProgramme(context, p)) {
    t.origin = "anct";
  } else {
    auto acting = ActingOrganisation(context, organisation);
    if (!acting) return acting.error();
    const auto& o = acting.value();
    switch (o.kind) {
      case organisations::Kind::kCollectivite:
        if (!o.territory || o.territory->ToString() != t.territory_id) {
          return Forbidden("Une collectivité fait part de son intérêt pour son propre territoire ; « " + territory->name +
                           " » n'est pas celui de « " + o.name + " ».");
        }
        t.origin = "candidature";
        break;
      case organisations::Kind::kDelegationTerritoriale: t.origin = "delegue"; break;
      case organisations::Kind::kOperateur: t.origin = "partenaire"; break;
      case organisations::Kind::kAnct: t.origin = "anct"; break;
      case organisations::Kind::kPrestataire:
        return Forbidden("Les territoires sont proposés par l'ANCT, ses partenaires et les délégués territoriaux, "
                         "ou par les collectivités elles-mêmes.");
    }
  }
  auto saved = context.store.ProposeTerritory(t, NowUtc());
  if (!saved) return saved.error();
  t.name = territory->name;
  t.status = "proposed";
  return t;
}

Status SelectCohortTerritory(const WebContext& context, const ProgrammeInPath& found, const std::string& territory) {
  auto selected = context.store.SelectTerritory(found.programme.id, territory, found.type->max_territories);
  if (!selected && selected.error().code == "full") return Error{"full", CohortFullMessage(*found.type), "territory"};
  return selected;
}

Status RemoveCohortTerritory(const WebContext& context, const ProgrammeInPath& found, const std::string& territory) {
  auto removed = context.store.RemoveTerritory(found.programme.id, territory);
  if (!removed) return NotFound(removed.error().message);
  return removed;
}

Result<RegistrationOutcome> RegisterCohortOrganisation(const WebContext& context, const ProgrammeInPath& found,
                                                       const std::string& organisation, const std::string& role) {
  const Programme& p = found.programme;
  if (!found.type->observers && !found.type->waitlist) {
    return InvalidInput("Ce programme ne prend pas d'inscriptions : ses territoires sont proposés puis sélectionnés par "
                        "l'ANCT.");
  }
  auto acting = ActingOrganisation(context, organisation);
  if (!acting) return acting.error();
  if (acting.value().kind != organisations::Kind::kCollectivite) {
    return InvalidInput("Seules les collectivités s'inscrivent à un projet partagé.", "organisation");
  }
  if (role != "stakeholder" && role != "observer") {
    return InvalidInput("Choisissez « Partie prenante » ou « Observatrice ».", "role");
  }
  auto registered =
      context.store.RegisterParticipant(p.id, acting.value().id, role, found.type->max_territories, NowUtc());
  if (!registered) {
    if (registered.error().code == "conflict") {
      return Conflict("« " + acting.value().name + " » est déjà inscrite à ce projet partagé.");
    }
    return registered.error();
  }
  return RegistrationOutcome{acting.value(), registered.value()};
}

std::string RegistrationNotice(const ProgrammeType& type, const std::string& role) {
  if (role == "waitlist") return WaitlistMessage(type);
  if (role == "stakeholder") return "Votre collectivité est inscrite comme partie prenante.";
  return "Votre collectivité est inscrite comme observatrice.";
}

Status ArbitrateCohortWaitlist(const WebContext& context, const ProgrammeInPath& found, const std::string& organisation,
                               const std::string& role) {
  if (role != "stakeholder" && role != "observer") {
    return InvalidInput("Choisissez « partie prenante » ou « observatrice ».", "role");
  }
  if (!IsDigits(organisation, 18)) return InvalidInput("Organisation inconnue.", "organisation");
  const int max = found.type->max_territories;
  auto done = context.store.ArbitrateWaitlist(found.programme.id, std::stoll(organisation), role, max);
  if (!done && done.error().code == "full") {
    return Error{"full",
                 "Les " + std::to_string(max) +
                     " places de partie prenante sont prises : libérez-en une avant de retenir cette collectivité.",
                 "role"};
  }
  return done;
}

Status AddCohortPerson(const WebContext& context, const ProgrammeInPath& found, Person person) {
  const Programme& p = found.programme;
  person.programme_id = p.id;
  bool in_cohort = false;
  for (const auto& t : context.store.CohortOf(p.id)) {
    if (t.territory_id == person.territory_id && t.status == "selected") in_cohort = true;
  }
  if (!in_cohort) return InvalidInput("Ce territoire ne fait pas partie du groupe du programme.", "territory");
  // A collectivité names the people of its own territory.
  if (!ManagesProgramme(context, p) && !ViewerIsOfTerritory(context, person.territory_id)) {
    return Forbidden("Seules l'ANCT et la collectivité du territoire désignent ses élus, ses agents et ses groupes.");
  }
  bool known_group = false, known_kind = person.kind.empty();
  for (const auto& [key, label] : PersonGroups()) known_group = known_group || key == person.group;
  for (const auto& [key, label] : ActorKinds()) known_kind = known_kind || key == person.kind;
  if (!known_group) return InvalidInput("Rôle inconnu : « " + person.group + " ».", "group");
  if (!known_kind) return InvalidInput("Qualité inconnue : « " + person.kind + " ».", "kind");
  if (person.group == "groupe_enquete" && !found.type->survey_group) {
    return InvalidInput("Le groupe d'enquête mixte est propre aux projets partagés.", "group");
  }
  if (person.group == "groupe_local" && found.type->working_group_max == 0) {
    return InvalidInput("Ce type de programme n'a pas de groupe de travail local.", "group");
  }
  if (person.name.empty() || person.name.size() > 200) {
    return InvalidInput("Indiquez le nom de la personne (200 caractères au plus).", "name");
  }
  context.store.AddPerson(person, NowUtc());
  return Ok();
}

Result<int> ParsePhasePosition(const std::string& text) {
  if (!IsDigits(text, 3)) return InvalidInput("Phase inconnue.", "position");
  return std::stoi(text);
}

std::optional<Error> CheckPhaseDates(const std::string& starts, const std::string& ends) {
  if ((!starts.empty() && !IsDate(starts)) || (!ends.empty() && !IsDate(ends))) {
    return InvalidInput("Les dates d'une phase s'écrivent AAAA-MM-JJ.", starts.empty() || IsDate(starts) ? "ends_on" : "starts_on");
  }
  if (!starts.empty() && !ends.empty() && ends < starts) {
    return InvalidInput("La fin de la phase précède son début.", "ends_on");
  }
  return std::nullopt;
}

Status DatePhase(const WebContext& context, const ProgrammeInPath& found, int position, const std::string& starts_on,
                 const std::string& ends_on) {
  if (auto problem = CheckPhaseDates(starts_on, ends_on)) return *problem;
  auto done = context.store.SetPhaseDates(found.programme.id, position, starts_on, ends_on);
  if (!done) return NotFound(done.error().message);
  return done;
}

Status OpenPhase(const WebContext& context, const ProgrammeInPath& found, int position) {
  auto done = context.store.ActivatePhase(found.programme.id, position);
  if (!done) return NotFound(done.error().message);
  return done;
}

Status RecordCohortStep(const WebContext& context, const ProgrammeInPath& found, StepRecord record) {
  const Programme& p = found.programme;
  record.programme_id = p.id;
  if (p.type != "projet_partage") return InvalidInput("Ces étapes sont celles d'un projet partagé.");
  const PhaseSpec* active = ActivePhase(*found.type, context.store.PhasesOf(p.id));
  if (!active || (active->key != "plan_action" && active->key != "suites")) {
    return Error{"phase",
                 "L'adoption du plan d'action et les retours vers les habitants s'enregistrent à partir de la phase "
                 "« Production et validation du plan d'action ».",
                 {}};
  }
  // The territories of a projet partagé are those of its stakeholders.
  bool stakeholder = false;
  for (const auto& part : context.store.ParticipantsOf(p.id)) {
    const auto o = context.store.FindOrganisation(part.organisation_id);
    if (part.role == "stakeholder" && o && o->territory && o->territory->ToString() == record.territory_id) {
      stakeholder = true;
    }
  }
  if (!stakeholder) return InvalidInput("Ce territoire n'est pas partie prenante du projet.", "territory");
  if (!ManagesProgramme(context, p) && !ViewerIsOfTerritory(context, record.territory_id)) {
    return Forbidden("Seules l'ANCT et la collectivité du territoire enregistrent ses étapes.");
  }
  if (record.step != "adoption" && record.step != "retour_habitants") {
    return InvalidInput("Étape inconnue : « " + record.step + " ».", "step");
  }
  if (!IsDate(record.done_on)) return InvalidInput("Indiquez la date (AAAA-MM-JJ).", "done_on");
  if (record.step == "adoption" && record.reference.empty()) {
    return InvalidInput(
        "Indiquez la référence de la délibération qui adopte le plan d'action (par exemple « DEL-2026-042 »).",
        "reference");
  }
  if (record.reference.size() > 200 || record.note.size() > 5000) {
    return InvalidInput("La référence ou la note est trop longue.", record.reference.size() > 200 ? "reference" : "note");
  }
  context.store.SaveStepRecord(record, NowUtc());
  return Ok();
}

}  // namespace boussole::web
