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
#include "web/programme_actions.h"
#include "web/programme_request.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using namespace programmes;

std::string PageOf(const Programme& p, const std::string& message, const std::string& anchor) {
  return "/programmes/" + std::to_string(p.id) + "?message=" + message + "#" + anchor;
}

// Runs `action` on the programme of the path with the form read; the common refusals first.
template <typename Action>
Response WithProgramme(const WebContext& context, const Request& request, Action action) {
  const auto found = RunningProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, ActionStatusOf(found.error()), found.error().message);
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  return action(found.value(), form.value());
}

// The page's answer to a refused action: its status and French message.
Response ActionRefused(const WebContext& context, const Request& request, const Error& e) {
  return RenderError(context, request, ActionStatusOf(e), e.message);
}

Response ProposeTerritory(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    auto proposed = ProposeCohortTerritory(context, found, form.Get("territory"), form.Get("organisation"));
    if (!proposed) return ActionRefused(context, request, proposed.error());
    return Response::Redirect(303, PageOf(found.programme, "territoire-propose", "territoires"));
  });
}

Response SelectTerritory(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    const Programme& p = found.programme;
    const std::string territory = form.Get("territory");
    const std::string action = form.Get("action");
    if (action == "retirer") {
      auto removed = RemoveCohortTerritory(context, found, territory);
      if (!removed) return ActionRefused(context, request, removed.error());
      return Response::Redirect(303, "/programmes/" + std::to_string(p.id) + "#territoires");
    }
    if (action != "selectionner") {
      return RenderError(context, request, 400, "Action inconnue : « " + action + " » (selectionner ou retirer).");
    }
    auto selected = SelectCohortTerritory(context, found, territory);
    if (!selected) return ActionRefused(context, request, selected.error());
    return Response::Redirect(303, PageOf(p, "territoire-selectionne", "territoires"));
  });
}

Response RegisterParticipant(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    auto registered = RegisterCohortOrganisation(context, found, form.Get("organisation"), form.Get("role"));
    if (!registered) return ActionRefused(context, request, registered.error());
    const std::string& given = registered.value().role;
    return Response::Redirect(303, PageOf(found.programme, given == "stakeholder" ? "partie-prenante"
                                                           : given == "waitlist"  ? "attente"
                                                                                  : "observatrice",
                                          "inscriptions"));
  });
}

Response ArbitrateWaitlist(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    auto done = ArbitrateCohortWaitlist(context, found, form.Get("organisation"), form.Get("role"));
    if (!done) return ActionRefused(context, request, done.error());
    return Response::Redirect(303, "/programmes/" + std::to_string(found.programme.id) + "#inscriptions");
  });
}

Response AddPerson(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    Person person;
    person.territory_id = form.Get("territory");
    person.group = form.Get("group");
    person.name = form.Get("name");
    person.kind = form.Get("kind");
    auto added = AddCohortPerson(context, found, person);
    if (!added) return ActionRefused(context, request, added.error());
    return Response::Redirect(303, PageOf(found.programme, "personne", "personnes"));
  });
}

Response UpdatePhase(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    const auto position = ParsePhasePosition(form.Get("position"));
    if (!position) return ActionRefused(context, request, position.error());
    const std::string action = form.Get("action");
    Status done = Ok();
    if (action == "activer") {
      done = OpenPhase(context, found, position.value());
    } else if (action == "dates") {
      done = DatePhase(context, found, position.value(), form.Get("starts_on"), form.Get("ends_on"));
    } else {
      return RenderError(context, request, 400, "Action inconnue : « " + action + " » (dates ou activer).");
    }
    if (!done) return ActionRefused(context, request, done.error());
    return Response::Redirect(303, PageOf(found.programme, "phase", "phases"));
  });
}

Response ProposeTheme(const WebContext& context, const Request& request) {
  return WithProgramme(context, request, [&](const ProgrammeInPath& found, const Form& form) {
    const Programme& p = found.programme;
    auto allowed = CheckThemeSupportAllowed(*found.type, context.store.PhasesOf(p.id));
    if (!allowed) return RenderError(context, request, 409, allowed.error().message);
    auto acting = ActingOrganisation(context, form.Get("organisation"));
    if (!acting) return RenderError(context, request, ActionStatusOf(acting.error()), acting.error().message);
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
    if (!acting) return RenderError(context, request, ActionStatusOf(acting.error()), acting.error().message);
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
    StepRecord record;
    record.territory_id = form.Get("territory");
    record.step = form.Get("step");
    record.done_on = form.Get("done_on");
    record.reference = form.Get("reference");
    record.note = form.Get("note");
    auto recorded = RecordCohortStep(context, found, record);
    if (!recorded) return ActionRefused(context, request, recorded.error());
    return Response::Redirect(303, PageOf(found.programme, "etape", "etapes"));
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
