#include "domain/requests/engine.h"

#include <algorithm>

namespace boussole::requests {
namespace {

std::string Quoted(std::string_view text) { return "« " + std::string(text) + " »"; }

std::string JoinLabels(const std::vector<std::string>& labels) {
  std::string out;
  for (const auto& label : labels) out += (out.empty() ? "" : ", ") + label;
  return out;
}

bool IsWholeNumber(const std::string& text) {
  return !text.empty() && text.size() <= 12 && text.find_first_not_of("0123456789") == std::string::npos;
}

// "Étapes possibles : « Prendre en charge », « Refuser »." (or that none follows).
std::string NextSteps(const Workflow& workflow, std::string_view state) {
  std::vector<std::string> next;
  for (const Transition* t : TransitionsFrom(workflow, state)) next.push_back(Quoted(t->label));
  return next.empty() ? "Aucune étape ne suit cet état." : "Étapes possibles : " + JoinLabels(next) + ".";
}

}  // namespace

std::set<Party> PartiesOf(const Request& request, const std::vector<organisations::Membership>& memberships) {
  std::set<Party> parties;
  for (const auto& m : memberships) {
    const auto& o = m.organisation;
    if (o.id == request.organisation_id) parties.insert(Party::kCollectivite);
    if (o.kind == organisations::Kind::kDelegationTerritoriale && o.territory && !request.departement.empty() &&
        o.territory->ToString() == request.departement) {
      parties.insert(Party::kPrefecture);
    }
    if (o.kind == organisations::Kind::kAnct) parties.insert(Party::kAnct);
    if (request.assignee_id && o.id == *request.assignee_id) parties.insert(Party::kAssignee);
  }
  return parties;
}

std::set<Party> PartiesToTell(const Workflow& workflow, const Request& request, const std::set<Party>& acted) {
  std::set<Party> parties = acted;
  parties.insert(Party::kCollectivite);
  for (const Transition* t : TransitionsFrom(workflow, request.state)) parties.insert(t->parties.begin(), t->parties.end());
  if (request.assignee_id) {
    parties.insert(Party::kAssignee);
  } else {
    parties.erase(Party::kAssignee);  // nobody to tell yet
  }
  return parties;
}

std::string StateLabel(const Workflow& workflow, std::string_view state) {
  const State* found = FindState(workflow, state);
  return std::string(found ? found->label : state);
}

Result<const Transition*> CheckTransition(const Workflow& workflow, const Request& request, std::string_view key,
                                          const std::set<Party>& parties) {
  const Transition* transition = FindTransition(workflow, request.state, key);
  if (transition == nullptr) {
    const Transition* named = nullptr;
    for (const auto& t : workflow.transitions) {
      if (t.key == key) named = &t;
    }
    const std::string what = named ? Quoted(named->label) : "cette étape (" + Quoted(key) + ")";
    return Error{"conflict",
                 "La demande est à l'état " + Quoted(StateLabel(workflow, request.state)) + " : " + what +
                     " n'est pas possible. " + NextSteps(workflow, request.state),
                 {}};
  }
  for (Party party : parties) {
    if (Allows(*transition, party)) return transition;
  }
  std::vector<std::string> who;
  for (Party party : transition->parties) who.emplace_back(PartyLabel(party));
  return Error{"forbidden",
               Quoted(transition->label) + " revient à : " + JoinLabels(who) + ". Votre compte ne le permet pas.",
               {}};
}

Result<FieldValues> CheckFields(const Transition& transition, const FieldValues& submitted, bool has_file) {
  FieldValues kept;
  auto check = [&](std::string_view name, bool required) -> Status {
    const Field* field = FindField(name);
    if (field == nullptr) return InvalidInput("Champ inconnu : " + Quoted(name) + ".");
    const auto it = submitted.find(std::string(name));
    std::string value = it == submitted.end() ? "" : it->second;
    const auto first = value.find_first_not_of(" \t\r\n");
    value = first == std::string::npos ? "" : value.substr(first, value.find_last_not_of(" \t\r\n") - first + 1);
    if (field->kind == FieldKind::kFile) {
      if (required && !has_file) {
        return InvalidInput("Joignez le fichier " + Quoted(field->label) + ".", std::string(name));
      }
      return Ok();
    }
    if (value.empty()) {
      if (required) return InvalidInput("Renseignez " + Quoted(field->label) + ".", std::string(name));
      return Ok();
    }
    switch (field->kind) {
      case FieldKind::kChoice:
      case FieldKind::kChoices: {
        std::string rest = value;
        std::size_t count = 0;
        while (!rest.empty()) {
          const std::size_t comma = rest.find(',');
          const std::string key = rest.substr(0, comma);
          rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
          const bool known = std::any_of(field->choices.begin(), field->choices.end(),
                                         [&](const Choice& c) { return c.key == key; });
          if (!known) return InvalidInput("Choix inconnu pour " + Quoted(field->label) + " : " + Quoted(key) + ".", std::string(name));
          ++count;
        }
        if (field->kind == FieldKind::kChoice && count != 1) {
          return InvalidInput("Choisissez une seule valeur pour " + Quoted(field->label) + ".", std::string(name));
        }
        break;
      }
      case FieldKind::kEuros:
      case FieldKind::kDays:
      case FieldKind::kOrganisation:
        if (!IsWholeNumber(value)) {
          return InvalidInput(Quoted(field->label) + " doit être un nombre entier positif.", std::string(name));
        }
        break;
      case FieldKind::kText:
        if (value.size() > 10000) return InvalidInput(Quoted(field->label) + " est trop long.", std::string(name));
        break;
      case FieldKind::kFile: break;
    }
    kept[std::string(name)] = value;
    return Ok();
  };
  for (auto name : transition.required) {
    if (auto s = check(name, true); !s) return s.error();
  }
  for (auto name : transition.optional) {
    if (auto s = check(name, false); !s) return s.error();
  }
  return kept;
}

std::string VersionConflictMessage(const Workflow& workflow, const Request& current) {
  return "Quelqu'un a fait avancer la demande pendant que vous la consultiez : elle est maintenant à l'état " +
         Quoted(StateLabel(workflow, current.state)) + " (version " + std::to_string(current.version) +
         "). Rien n'a été enregistré de votre côté : rechargez la page et vérifiez avant de recommencer. " +
         NextSteps(workflow, current.state);
}

}  // namespace boussole::requests
