#pragma once
// The request ("saisine") workflows as data (issue 6, item 1): states, transitions, the
// party allowed to take each transition and the fields each requires, written once here.
// The engine (engine.h), the pages, the documentation page and the tests all read these
// tables; nothing else knows a state name.
#include <string_view>
#include <vector>

namespace boussole::requests {

//! Who takes part in a request (DOMAIN.md, "Ingénierie sur mesure", "Actors and roles"):
//! the collectivité that asks; the préfecture (délégation territoriale) of its département —
//! also the DDT(M) of the Atelier des territoires; the ANCT; the organisation the request is
//! handed to (a partner operator, a provider, the Cerema, the DGALN for an Atelier).
enum class Party { kCollectivite, kPrefecture, kAnct, kAssignee };
inline constexpr Party kAllParties[] = {Party::kCollectivite, Party::kPrefecture, Party::kAnct, Party::kAssignee};
//! "collectivite", "prefecture", "anct", "assignee".
std::string_view PartyKey(Party party);
//! "La collectivité", "La préfecture du département"… (shown).
std::string_view PartyLabel(Party party);

enum class FieldKind {
  kText,          //!< free text
  kChoice,        //!< one key of `choices`
  kChoices,       //!< at least one key of `choices` (checkboxes)
  kEuros,         //!< a whole number of euros, ≥ 0
  kDays,          //!< a whole number of days, ≥ 0
  kOrganisation,  //!< the id of the organisation the request is handed to (becomes the assignee)
  kFile,          //!< an attached file (files/content_type.h), recorded in the trail
};

struct Choice {
  std::string_view key;
  std::string_view label;
};

struct Field {
  std::string_view name;   //!< form field and stored key
  std::string_view label;  //!< shown
  FieldKind kind = FieldKind::kText;
  std::vector<Choice> choices;  //!< kChoice, kChoices
};

struct State {
  std::string_view key;
  std::string_view label;
  bool final = false;  //!< no transition leaves it
};

struct Transition {
  std::string_view key;    //!< e.g. "deposer"; one key may leave several states
  std::string_view label;  //!< the button ("Déposer la demande")
  std::vector<std::string_view> from;
  std::string_view to;
  std::vector<Party> parties;  //!< who may take it
  std::vector<std::string_view> required;  //!< names of the fields it requires
  std::vector<std::string_view> optional;  //!< names of the fields it accepts besides
};

struct Workflow {
  std::string_view key;    //!< "anct", "atelier", "cerema"
  std::string_view label;  //!< shown
  std::string_view source; //!< the seeds it follows
  std::vector<State> states;  //!< the first is the initial state
  std::vector<Transition> transitions;
};

//! The three workflows, in the order they are offered.
const std::vector<Workflow>& Workflows();
const Workflow* FindWorkflow(std::string_view key);
//! Every field any transition may carry.
const std::vector<Field>& Fields();
const Field* FindField(std::string_view name);

const State* FindState(const Workflow& workflow, std::string_view key);
//! The transitions that leave `state`, in table order.
std::vector<const Transition*> TransitionsFrom(const Workflow& workflow, std::string_view state);
//! The transition `key` leaving `state`, or nullptr.
const Transition* FindTransition(const Workflow& workflow, std::string_view state, std::string_view key);
bool Allows(const Transition& transition, Party party);

}  // namespace boussole::requests
