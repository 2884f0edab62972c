#pragma once
// A request ("saisine") of a collectivité (issue 6; DOMAIN.md, "Ingénierie sur mesure") and
// its trail: every transition, comment and file, with actor and time, never rewritten.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "domain/files/file_repository.h"

namespace boussole::requests {

//! Values carried by transitions, by field name (workflow.h, Fields()); a kChoices value
//! holds its keys separated by ','.
using FieldValues = std::map<std::string, std::string>;

struct Request {
  std::int64_t id = 0;
  std::string workflow;            //!< Workflow key: "anct", "atelier", "cerema"
  std::int64_t organisation_id = 0;  //!< the collectivité that asks
  std::string territory;           //!< typed territory id of the collectivité ("commune:52250")
  std::string departement;         //!< typed id of its département ("departement:52"); "" if none
  std::string title;
  std::string theme;               //!< catalogue::Themes key or ""
  std::optional<std::int64_t> project_id;  //!< the linked project, when there is one
  std::string state;               //!< a State key of the workflow
  std::int64_t version = 1;        //!< +1 at each transition (optimistic concurrency)
  std::optional<std::int64_t> assignee_id;  //!< the organisation handed the request, once assigned
  FieldValues fields;              //!< latest value of every field given so far
  std::int64_t created_by = 0;
  std::string created_at;
  std::string updated_at;
  std::string state_since;         //!< when the current state was entered
};

//! One line of the trail.
struct RequestEvent {
  std::int64_t id = 0;
  std::int64_t request_id = 0;
  std::int64_t user_id = 0;       //!< 0: nobody (a command)
  std::string user_name;          //!< filled when read
  std::string at;
  std::string kind;               //!< "created", "transition", "comment", "file", "edited" (a draft rewritten)
  std::string transition;         //!< Transition key (kind "transition")
  std::string from_state;
  std::string to_state;
  FieldValues values;             //!< the fields given with the transition
  std::string text;               //!< a comment; for "edited", what changed (French)
  std::optional<std::int64_t> file_id;  //!< a file attached (kind "file", or a transition's file)
  //! A file uploaded with this event, not yet recorded: the store adds its row in the same
  //! transaction as the event, which then points at it (file_id). A crash leaves both or
  //! neither, never a file row that no record names.
  std::optional<files::FileRecord> new_file;
};

}  // namespace boussole::requests
