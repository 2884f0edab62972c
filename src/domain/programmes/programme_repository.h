#pragma once
// What collective programmes need from storage. Implemented by every Store backend. Each
// write is one transaction; the writes that take a bounded place (a cohort territory, a
// stakeholder seat, a seminar seat) count and write under a lock — BEGIN IMMEDIATE on SQLite,
// SELECT … FOR UPDATE on the programme or seminar row on PostgreSQL — so that two requests
// for the last place never both get it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/programmes/history.h"
#include "domain/programmes/programme.h"

namespace boussole::programmes {

//! What ImportProgrammes did.
struct ProgrammeImportReport {
  std::size_t created = 0;
  std::size_t updated = 0;
};

class ProgrammeRepository {
 public:
  virtual ~ProgrammeRepository() = default;

  //! Stores a programme (id and created_at set) with its phases (the first one active).
  virtual Programme CreateProgramme(const Programme& programme, const std::vector<Phase>& phases,
                                    std::string_view now) = 0;
  //! Upserts the historic programmes by slug (title, year, partners, sources; their cohort
  //! replaced) and replaces the history's figures, in one transaction.
  virtual ProgrammeImportReport ImportHistory(const History& history, std::string_view now) = 0;
  virtual std::vector<HistoryFigure> HistoryFigures() = 0;
  virtual std::optional<Programme> FindProgramme(std::int64_t id) = 0;
  //! Every programme, newest year first, then by title.
  virtual std::vector<Programme> ListProgrammes() = 0;

  // ---- cohort ----
  //! Adds a territory as "proposed" (conflict when already in the cohort).
  virtual Status ProposeTerritory(const CohortTerritory& territory, std::string_view now) = 0;
  //! Marks a proposed territory "selected" unless `max_selected` are already selected
  //! (error code "full"); not_found when it was not proposed.
  virtual Status SelectTerritory(std::int64_t programme_id, std::string_view territory_id, int max_selected) = 0;
  //! Removes a territory from the cohort.
  virtual Status RemoveTerritory(std::int64_t programme_id, std::string_view territory_id) = 0;
  //! Selected first, then proposed; by name.
  virtual std::vector<CohortTerritory> CohortOf(std::int64_t programme_id) = 0;

  // ---- registrations of organisations (projet partagé) ----
  //! Registers an organisation as "observer", or as "stakeholder" while fewer than
  //! `max_stakeholders` are, "waitlist" beyond. Returns the role given; conflict when the
  //! organisation is already registered.
  virtual Result<std::string> RegisterParticipant(std::int64_t programme_id, std::int64_t organisation_id,
                                                  std::string_view wanted, int max_stakeholders,
                                                  std::string_view now) = 0;
  //! The ANCT's arbitration of a waiting organisation: "stakeholder" (error "full" when
  //! `max_stakeholders` are already) or "observer". not_found when it is not waiting.
  virtual Status ArbitrateWaitlist(std::int64_t programme_id, std::int64_t organisation_id, std::string_view role,
                                   int max_stakeholders) = 0;
  //! Stakeholders, then waitlist (oldest first), then observers.
  virtual std::vector<Participant> ParticipantsOf(std::int64_t programme_id) = 0;

  // ---- people of the territories ----
  virtual Person AddPerson(const Person& person, std::string_view now) = 0;
  virtual std::vector<Person> PeopleOf(std::int64_t programme_id) = 0;

  // ---- phases ----
  virtual std::vector<Phase> PhasesOf(std::int64_t programme_id) = 0;
  //! Sets the dates of a phase; not_found when there is no such phase.
  virtual Status SetPhaseDates(std::int64_t programme_id, int position, std::string_view starts_on,
                               std::string_view ends_on) = 0;
  //! Makes one phase the active one (and no other); not_found when there is no such phase.
  virtual Status ActivatePhase(std::int64_t programme_id, int position) = 0;

  // ---- seminars ----
  //! Adds seminars (ids set), in one transaction.
  virtual std::vector<Seminar> AddSeminars(const std::vector<Seminar>& seminars, std::string_view now) = 0;
  //! Intersite first, then local by territory, by number.
  virtual std::vector<Seminar> SeminarsOf(std::int64_t programme_id) = 0;
  virtual std::optional<Seminar> FindSeminar(std::int64_t id) = 0;
  //! Replaces date, length, place, online link, agenda, capacity and minutes.
  virtual Status UpdateSeminar(const Seminar& seminar) = 0;
  //! Takes a seat: error "full" when `capacity` seats are taken (capacity 0: no cap),
  //! conflict when this person already has one.
  virtual Status RegisterForSeminar(std::int64_t seminar_id, std::int64_t user_id, std::string_view now) = 0;
  virtual std::vector<Registration> RegistrationsOf(std::int64_t seminar_id) = 0;
  //! not_found when the person is not registered.
  virtual Status SetAttendance(std::int64_t seminar_id, std::int64_t user_id, bool attended) = 0;

  // ---- themes ----
  virtual Theme ProposeTheme(const Theme& theme, std::string_view now) = 0;
  //! Ranked by support (most first), then oldest first.
  virtual std::vector<Theme> ThemesOf(std::int64_t programme_id) = 0;
  virtual std::optional<Theme> FindTheme(std::int64_t id) = 0;
  //! conflict when this organisation already supports this theme.
  virtual Status SupportTheme(std::int64_t theme_id, std::int64_t organisation_id, std::string_view now) = 0;
  //! Marks the theme selected and makes its title the programme's title.
  virtual Status SelectTheme(std::int64_t programme_id, std::int64_t theme_id) = 0;

  // ---- reminders ----
  //! Dated seminars starting in [from, until) whose reminder was not sent yet.
  virtual std::vector<Seminar> SeminarsToRemind(std::string_view from, std::string_view until) = 0;
  //! Takes the reminder of a seminar for this server: true once, false for every later call
  //! (whichever server asks), so that a reminder goes out once.
  virtual bool ClaimReminder(std::int64_t seminar_id, std::string_view now) = 0;
  //! The addresses to remind: those registered to the seminar; for the follow-up meeting
  //! ("suivi"), everyone registered to any seminar of the programme.
  virtual std::vector<std::string> ReminderRecipients(const Seminar& seminar) = 0;

  // ---- named steps per territory ----
  //! Records (or replaces) a step of a territory.
  virtual void SaveStepRecord(const StepRecord& record, std::string_view now) = 0;
  //! By territory, then step.
  virtual std::vector<StepRecord> StepRecordsOf(std::int64_t programme_id) = 0;

  // ---- learning community ----
  virtual Post AddPost(const Post& post, std::string_view now) = 0;
  //! Posts and comments, oldest first, hidden ones included (the caller decides who sees them).
  virtual std::vector<Post> PostsOf(std::int64_t programme_id) = 0;
  virtual std::optional<Post> FindPost(std::int64_t id) = 0;
  //! Records one report by this person (conflict when already reported by them) and hides the
  //! post once it has `hide_after` reports, in one transaction.
  virtual Status ReportPost(std::int64_t post_id, std::int64_t user_id, int hide_after, std::string_view now) = 0;
  //! A moderator shows the post again and forgets its reports.
  virtual Status RestorePost(std::int64_t post_id) = 0;

  // ---- deliverables ----
  //! Stores a new version (the next number for its programme, territory and title, counted
  //! under the programme's lock), status "submitted".
  virtual Deliverable AddDeliverable(const Deliverable& deliverable, std::string_view now) = 0;
  //! By territory, title, newest version first.
  virtual std::vector<Deliverable> DeliverablesOf(std::int64_t programme_id) = 0;
  virtual std::optional<Deliverable> FindDeliverable(std::int64_t id) = 0;
  //! "validated" (from "submitted") or "published" (from "validated"); conflict otherwise.
  virtual Status SetDeliverableStatus(std::int64_t id, std::string_view status, std::string_view now) = 0;

  // ---- requests opened from a deliverable ----
  //! Records that the request was opened from the deliverable (conflict when the request is
  //! already linked; not_found when either does not exist).
  virtual Status LinkRequestToDeliverable(std::int64_t request_id, std::int64_t deliverable_id,
                                          std::string_view now) = 0;
  //! The requests opened from the programme's deliverables, oldest first.
  virtual std::vector<DeliverableRequest> DeliverableRequestsOf(std::int64_t programme_id) = 0;
  //! The deliverable a request was opened from, if any.
  virtual std::optional<DeliverableRequest> DeliverableRequestOf(std::int64_t request_id) = 0;
};

}  // namespace boussole::programmes
