// What people do on a programme (issue 7): propose and select territories, register an
// organisation (stakeholder, waitlist, observer), arbitrate the waitlist, add élus, agents
// and group members, date and switch phases, propose, support and select themes. Each
// action answers with a redirection to the programme's page and a notice, or with a French
// message saying what is wrong (nothing stored).
#include <string>

#include "core/clock.h"
#include "domain/programmes/programme_rules.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/programme_request.h"
#include "web/routes.h"
#include "web/views/territory_view.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using namespace programmes;

std::string PageOf(const Programme& p, const std::string& message, const std::string& anchor) {
  return "/programmes/" + std::to_string(p.id) + "?message=" + message + "#" + anchor;
}

int StatusOf(const Error& e) {
  if (e.code == "not_found") return 404;
  if (e.code == "forbidden") return 403;
  if (e.code == "conflict" || e.code == "full" || e.code == "phase") return 409;
  return 400;
}

// Runs `action` on the programme of the path with the form read; the common refusals first.
template <typename Action>
Response WithProgramme(const WebContext& context, const Request& request, Action action) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  if (found->programme.historic) {
    return RenderError(context, request, 409, "Ce programme est passé : on le consulte, on ne le modifie plus.");
  }
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  return action(*found, form.value());
}

Response ProposeTerritory(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    const Programme& p = found.programme;
    const auto territory = ResolveTerritory(form.Get("territory"), context.store);
    if (!territory) {
      return RenderError(context, request, 400,
                         "Territoire introuvable : « " + form.Get("territory") +
                             " ». Indiquez le code INSEE d'une commune ou le SIREN d'une intercommunalité.");
    }
    const auto kind = territory->id.kind;
    if (kind != territories::Kind::kCommune && kind != territories::Kind::kEpci && kind != territories::Kind::kEpt) {
      return RenderError(context, request, 400,
                         "Un programme collectif accompagne des communes ou des intercommunalités ; « " +
                             territory->name + " » n'en est pas une.");
    }
    CohortTerritory t;
    t.programme_id = p.id;
    t.territory_id = territory->id.ToString();
    if (ManagesProgramme(context, p)) {
      t.origin = "anct";
    } else {
      auto acting = ActingOrganisation(context, form.Get("organisation"));
      if (!acting) return RenderError(context, request, StatusOf(acting.error()), acting.error().message);
      const auto& o = acting.value();
      switch (o.kind) {
        case organisations::Kind::kCollectivite:
          if (!o.territory || o.territory->ToString() != t.territory_id) {
            return RenderError(context, request, 403,
                               "Une collectivité fait part de son intérêt pour son propre territoire ; « " +
                                   territory->name + " » n'est pas celui de « " + o.name + " ».");
          }
          t.origin = "candidature";
          break;
        case organisations::Kind::kDelegationTerritoriale: t.origin = "delegue"; break;
        case organisations::Kind::kOperateur: t.origin = "partenaire"; break;
        case organisations::Kind::kAnct: t.origin = "anct"; break;
        case organisations::Kind::kPrestataire:
          return RenderError(context, request, 403,
                             "Les territoires sont proposés par l'ANCT, ses partenaires et les délégués territoriaux, "
                             "ou par les collectivités elles-mêmes.");
      }
    }
    auto saved = context.store.ProposeTerritory(t, NowUtc());
    if (!saved) return RenderError(context, request, StatusOf(saved.error()), saved.error().message);
    return Response::Redirect(303, PageOf(p, "territoire-propose", "territoires"));
  });
}

Response SelectTerritory(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    const Programme& p = found.programme;
    const std::string territory = form.Get("territory");
    const std::string action = form.Get("action");
    if (action == "retirer") {
      auto removed = context.store.RemoveTerritory(p.id, territory);
      if (!removed) return RenderError(context, request, 404, removed.error().message);
      return Response::Redirect(303, "/programmes/" + std::to_string(p.id) + "#territoires");
    }
    if (action != "selectionner") {
      return RenderError(context, request, 400, "Action inconnue : « " + action + " » (selectionner ou retirer).");
    }
    auto selected = context.store.SelectTerritory(p.id, territory, found.type->max_territories);
    if (!selected) {
      const Error& e = selected.error();
      return RenderError(context, request, StatusOf(e), e.code == "full" ? CohortFullMessage(*found.type) : e.message);
    }
    return Response::Redirect(303, PageOf(p, "territoire-selectionne", "territoires"));
  });
}

Response RegisterParticipant(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    const Programme& p = found.programme;
    if (!found.type->observers && !found.type->waitlist) {
      return RenderError(context, request, 400,
                         "Ce programme ne prend pas d'inscriptions : ses territoires sont proposés puis sélectionnés par "
                         "l'ANCT.");
    }
    auto acting = ActingOrganisation(context, form.Get("organisation"));
    if (!acting) return RenderError(context, request, StatusOf(acting.error()), acting.error().message);
    if (acting.value().kind != organisations::Kind::kCollectivite) {
      return RenderError(context, request, 400, "Seules les collectivités s'inscrivent à un projet partagé.");
    }
    const std::string role = form.Get("role");
    if (role != "stakeholder" && role != "observer") {
      return RenderError(context, request, 400, "Choisissez « Partie prenante » ou « Observatrice ».");
    }
    auto registered =
        context.store.RegisterParticipant(p.id, acting.value().id, role, found.type->max_territories, NowUtc());
    if (!registered) {
      const Error& e = registered.error();
      if (e.code == "conflict") {
        return RenderError(context, request, 409, "« " + acting.value().name + " » est déjà inscrite à ce projet partagé.");
      }
      return RenderError(context, request, StatusOf(e), e.message);
    }
    const std::string& given = registered.value();
    return Response::Redirect(303, PageOf(p, given == "stakeholder" ? "partie-prenante"
                                             : given == "waitlist"  ? "attente"
                                                                    : "observatrice",
                                          "inscriptions"));
  });
}

Response ArbitrateWaitlist(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    const Programme& p = found.programme;
    const std::string organisation = form.Get("organisation");
    const std::string role = form.Get("role");
    if (role != "stakeholder" && role != "observer") {
      return RenderError(context, request, 400, "Choisissez « partie prenante » ou « observatrice ».");
    }
    if (organisation.empty() || organisation.size() > 18 ||
        organisation.find_first_not_of("0123456789") != std::string::npos) {
      return RenderError(context, request, 400, "Organisation inconnue.");
    }
    auto done = context.store.ArbitrateWaitlist(p.id, std::stoll(organisation), role, found.type->max_territories);
    if (!done) {
      const Error& e = done.error();
      return RenderError(context, request, StatusOf(e),
                         e.code == "full" ? "Les " + std::to_string(found.type->max_territories) +
                                                " places de partie prenante sont prises : libérez-en une avant de "
                                                "retenir cette collectivité."
                                          : e.message);
    }
    return Response::Redirect(303, "/programmes/" + std::to_string(p.id) + "#inscriptions");
  });
}

Response AddPerson(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    const Programme& p = found.programme;
    Person person;
    person.programme_id = p.id;
    person.territory_id = form.Get("territory");
    person.group = form.Get("group");
    person.name = form.Get("name");
    person.kind = form.Get("kind");
    bool in_cohort = false;
    for (const auto& t : context.store.CohortOf(p.id)) {
      if (t.territory_id == person.territory_id && t.status == "selected") in_cohort = true;
    }
    if (!in_cohort) return RenderError(context, request, 400, "Ce territoire ne fait pas partie du groupe du programme.");
    if (!ManagesProgramme(context, p)) {
      // A collectivité names the people of its own territory.
      bool own = false;
      for (const auto& o : ViewerOrganisations(context)) {
        if (o.territory && o.territory->ToString() == person.territory_id) own = true;
      }
      if (!own) {
        return RenderError(context, request, 403,
                           "Seuls l'ANCT et la collectivité du territoire désignent ses élus, ses agents et ses groupes.");
      }
    }
    bool known_group = false, known_kind = person.kind.empty();
    for (const auto& [key, label] : PersonGroups()) known_group = known_group || key == person.group;
    for (const auto& [key, label] : ActorKinds()) known_kind = known_kind || key == person.kind;
    if (!known_group) return RenderError(context, request, 400, "Rôle inconnu : « " + person.group + " ».");
    if (!known_kind) return RenderError(context, request, 400, "Qualité inconnue : « " + person.kind + " ».");
    if (person.group == "groupe_enquete" && !found.type->survey_group) {
      return RenderError(context, request, 400, "Le groupe d'enquête mixte est propre aux projets partagés.");
    }
    if (person.group == "groupe_local" && found.type->working_group_max == 0) {
      return RenderError(context, request, 400, "Ce type de programme n'a pas de groupe de travail local.");
    }
    if (person.name.empty() || person.name.size() > 200) {
      return RenderError(context, request, 400, "Indiquez le nom de la personne (200 caractères au plus).");
    }
    context.store.AddPerson(person, NowUtc());
    return Response::Redirect(303, PageOf(p, "personne", "personnes"));
  });
}

Response UpdatePhase(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    const Programme& p = found.programme;
    const std::string position_text = form.Get("position");
    if (position_text.empty() || position_text.size() > 3 ||
        position_text.find_first_not_of("0123456789") != std::string::npos) {
      return RenderError(context, request, 400, "Phase inconnue.");
    }
    const int position = std::stoi(position_text);
    const std::string action = form.Get("action");
    if (action == "activer") {
      auto done = context.store.ActivatePhase(p.id, position);
      if (!done) return RenderError(context, request, 404, done.error().message);
    } else if (action == "dates") {
      const std::string starts = form.Get("starts_on"), ends = form.Get("ends_on");
      if ((!starts.empty() && !IsDate(starts)) || (!ends.empty() && !IsDate(ends))) {
        return RenderError(context, request, 400, "Les dates d'une phase s'écrivent AAAA-MM-JJ.");
      }
      if (!starts.empty() && !ends.empty() && ends < starts) {
        return RenderError(context, request, 400, "La fin de la phase précède son début.");
      }
      auto done = context.store.SetPhaseDates(p.id, position, starts, ends);
      if (!done) return RenderError(context, request, 404, done.error().message);
    } else {
      return RenderError(context, request, 400, "Action inconnue : « " + action + " » (dates ou activer).");
    }
    return Response::Redirect(303, PageOf(p, "phase", "phases"));
  });
}

Response ProposeTheme(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    const Programme& p = found.programme;
    auto allowed = CheckThemeSupportAllowed(*found.type, context.store.PhasesOf(p.id));
    if (!allowed) return RenderError(context, request, 409, allowed.error().message);
    auto acting = ActingOrganisation(context, form.Get("organisation"));
    if (!acting) return RenderError(context, request, StatusOf(acting.error()), acting.error().message);
    Theme theme;
    theme.programme_id = p.id;
    theme.organisation_id = acting.value().id;
    theme.title = form.Get("title");
    theme.inspiration = form.Get("inspiration");
    if (theme.title.empty() || theme.title.size() > 300) {
      return RenderError(context, request, 400, "Indiquez le thème (300 caractères au plus).");
    }
    if (theme.inspiration.size() > 10000) {
      return RenderError(context, request, 400, "La fiche d'inspiration est trop longue (10 000 caractères au plus).");
    }
    context.store.ProposeTheme(theme, NowUtc());
    return Response::Redirect(303, PageOf(p, "theme-propose", "themes"));
  });
}

Response SupportTheme(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    const Programme& p = found.programme;
    const auto theme_id = PathId(request, "theme");
    const auto theme = theme_id ? context.store.FindTheme(*theme_id) : std::nullopt;
    if (!theme || theme->programme_id != p.id) return RenderError(context, request, 404, "Ce thème n'existe pas.");
    auto allowed = CheckThemeSupportAllowed(*found.type, context.store.PhasesOf(p.id));
    if (!allowed) return RenderError(context, request, 409, allowed.error().message);
    auto acting = ActingOrganisation(context, form.Get("organisation"));
    if (!acting) return RenderError(context, request, StatusOf(acting.error()), acting.error().message);
    auto supported = context.store.SupportTheme(theme->id, acting.value().id, NowUtc());
    if (!supported) return RenderError(context, request, 409, supported.error().message);
    return Response::Redirect(303, PageOf(p, "soutien", "themes"));
  });
}

Response SelectTheme(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form&) {
    const Programme& p = found.programme;
    const auto theme_id = PathId(request, "theme");
    if (!theme_id) return RenderError(context, request, 404, "Ce thème n'existe pas.");
    auto selected = context.store.SelectTheme(p.id, *theme_id);
    if (!selected) return RenderError(context, request, 404, selected.error().message);
    return Response::Redirect(303, PageOf(p, "theme-retenu", "themes"));
  });
}

// The named steps of seed 001 for one territory of a projet partagé: the action plan's
// adoption by its executive (date and deliberation reference), the feedback to inhabitants.
Response RecordStep(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    const Programme& p = found.programme;
    if (p.type != "projet_partage") {
      return RenderError(context, request, 400, "Ces étapes sont celles d'un projet partagé.");
    }
    const PhaseSpec* active = ActivePhase(*found.type, context.store.PhasesOf(p.id));
    if (!active || (active->key != "plan_action" && active->key != "suites")) {
      return RenderError(context, request, 409,
                         "L'adoption du plan d'action et les retours vers les habitants s'enregistrent à partir de la "
                         "phase « Production et validation du plan d'action ».");
    }
    StepRecord record;
    record.programme_id = p.id;
    record.territory_id = form.Get("territory");
    record.step = form.Get("step");
    record.done_on = form.Get("done_on");
    record.reference = form.Get("reference");
    record.note = form.Get("note");
    // The territories of a projet partagé are those of its stakeholders.
    bool stakeholder = false;
    for (const auto& part : context.store.ParticipantsOf(p.id)) {
      const auto o = context.store.FindOrganisation(part.organisation_id);
      if (part.role == "stakeholder" && o && o->territory && o->territory->ToString() == record.territory_id) {
        stakeholder = true;
      }
    }
    if (!stakeholder) return RenderError(context, request, 400, "Ce territoire n'est pas partie prenante du projet.");
    bool own = ManagesProgramme(context, p);
    for (const auto& o : ViewerOrganisations(context)) {
      own = own || (o.territory && o.territory->ToString() == record.territory_id);
    }
    if (!own) return RenderError(context, request, 403, "Seuls l'ANCT et la collectivité du territoire enregistrent ses étapes.");
    if (record.step != "adoption" && record.step != "retour_habitants") {
      return RenderError(context, request, 400, "Étape inconnue : « " + record.step + " ».");
    }
    if (!IsDate(record.done_on)) return RenderError(context, request, 400, "Indiquez la date (AAAA-MM-JJ).");
    if (record.step == "adoption" && record.reference.empty()) {
      return RenderError(context, request, 400,
                         "Indiquez la référence de la délibération qui adopte le plan d'action (par exemple « DEL-2026-042 »).");
    }
    if (record.reference.size() > 200 || record.note.size() > 5000) {
      return RenderError(context, request, 400, "La référence ou la note est trop longue.");
    }
    context.store.SaveStepRecord(record, NowUtc());
    return Response::Redirect(303, PageOf(p, "etape", "etapes"));
  });
}

}  // namespace

void RegisterProgrammeActions(Router& router, const WebContext& context) {
  auto add = [&](const char* pattern, const char* name, PageHandler page) {
    AddPage(router, context, "POST", pattern, name, page);
  };
  add("/programmes/{programme}/territoires", "programme_propose_territory", ProposeTerritory);
  add("/programmes/{programme}/territoires/selection", "programme_select_territory", SelectTerritory);
  add("/programmes/{programme}/inscriptions", "programme_register", RegisterParticipant);
  add("/programmes/{programme}/inscriptions/arbitrage", "programme_arbitrate", ArbitrateWaitlist);
  add("/programmes/{programme}/personnes", "programme_add_person", AddPerson);
  add("/programmes/{programme}/phases", "programme_phase", UpdatePhase);
  add("/programmes/{programme}/etapes", "programme_step", RecordStep);
  add("/programmes/{programme}/themes", "theme_propose", ProposeTheme);
  add("/programmes/{programme}/themes/{theme}/soutien", "theme_support", SupportTheme);
  add("/programmes/{programme}/themes/{theme}/selection", "theme_select", SelectTheme);
}

}  // namespace boussole::web
