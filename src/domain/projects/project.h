#pragma once
// A project of a collectivité (issue 5, item 4; DOMAIN.md, "Projects and the
// projetothèque"): what it is, where, at which stage, and the offers it uses.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boussole::projects {

//! The case sheet a public project becomes in the projetothèque (issue 5, item 5).
struct CaseSheet {
  std::string context;
  std::string actions;
  std::string results;
  std::string testimony;
  std::string partners;
};

struct Project {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;       //!< the owner: a collectivité
  std::string name;
  std::string public_description;         //!< shown to everyone when the project is public
  std::string private_description;        //!< members of the owner only
  std::string territory;                  //!< typed territory id
  std::string stage;                      //!< preop, op, postop (catalogue::MobilizationSteps)
  std::vector<std::string> themes;        //!< catalogue::Themes slugs
  std::optional<std::int64_t> budget_euros;
  std::string due_date;                   //!< YYYY-MM-DD or ""
  std::string contract;                   //!< ProjectContracts() key or ""
  bool is_public = false;
  std::int64_t created_by = 0;
  std::string created_at;
  std::string updated_at;
  CaseSheet sheet;
  std::string published_at;               //!< "" until the owners publish the case sheet
};

//! An offer attached to a project, with where the application stands.
struct ProjectOffer {
  std::int64_t project_id = 0;
  std::string offer_slug;
  std::string status;       //!< OfferApplicationStatuses() key
  std::string status_date;  //!< YYYY-MM-DD of the status, or ""
  std::string comment;
  std::string updated_at;
};

//! An offer someone suggested for a public project, waiting for its owners.
struct ProjectSuggestion {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string offer_slug;
  std::int64_t user_id = 0;
  std::string author;   //!< display name of who suggested it ("" when the account is gone)
  std::string message;
  std::string status;   //!< pending, accepted, refused
  std::string created_at;
};

//! One line of a project's history: who did what, when.
struct ProjectEvent {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::int64_t user_id = 0;
  std::string at;
  std::string kind;    //!< "created", "edited", "offer_attached", "offer_status", "comment"…
  std::string detail;  //!< French, for people
};

}  // namespace boussole::projects
