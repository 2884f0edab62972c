#pragma once
// What projects need from storage. Implemented by every Store backend; each write is one
// transaction and appends to the project's history in it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/projects/project.h"

namespace boussole::projects {

class ProjectRepository {
 public:
  virtual ~ProjectRepository() = default;

  //! Stores a new project (id, created_at, updated_at set) and its "created" event.
  virtual Project CreateProject(const Project& project, std::string_view now) = 0;
  //! Replaces the editable fields; not_found when there is no such project.
  virtual Status UpdateProject(const Project& project, std::int64_t user_id, std::string_view now) = 0;
  virtual std::optional<Project> FindProject(std::int64_t id) = 0;
  //! The projects of an organisation, newest first.
  virtual std::vector<Project> ProjectsOf(std::int64_t organisation_id) = 0;

  //! Replaces the case sheet; records a change in the feed when it is published.
  virtual Status SaveCaseSheet(std::int64_t project_id, const CaseSheet& sheet, std::int64_t user_id,
                               std::string_view now) = 0;
  //! Publishes (published_at = now) or unpublishes the case sheet, with its event and a
  //! change in the feed. The caller checks the rules (project_rules.h).
  virtual Status SetPublished(std::int64_t project_id, bool published, std::int64_t user_id, std::string_view now) = 0;
  //! Every published case sheet of a public project, oldest publication first.
  virtual std::vector<Project> PublishedProjects() = 0;

  //! Attaches an offer (status "a_etudier") or changes its status, date and comment.
  virtual void SaveProjectOffer(const ProjectOffer& attachment, std::int64_t user_id, std::string_view now) = 0;
  virtual std::vector<ProjectOffer> OffersOf(std::int64_t project_id) = 0;

  //! Oldest first.
  virtual std::vector<ProjectEvent> HistoryOf(std::int64_t project_id) = 0;

  //! Records a suggestion; "conflict" when the same offer already waits for this project or
  //! is already attached to it.
  virtual Status SuggestOffer(const ProjectSuggestion& suggestion, std::string_view now) = 0;
  //! The suggestions still waiting, oldest first.
  virtual std::vector<ProjectSuggestion> PendingSuggestions(std::int64_t project_id) = 0;
  //! Accepts (the offer is attached "à étudier") or refuses a pending suggestion of this
  //! project, in one transaction with its history event; "not_found" when there is no such
  //! pending suggestion (decided already, or another project's).
  virtual Status DecideSuggestion(std::int64_t project_id, std::int64_t suggestion_id, bool accept,
                                  std::int64_t user_id, std::string_view now) = 0;
};

}  // namespace boussole::projects
