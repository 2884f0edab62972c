#pragma once
// The embedded backend: one SQLite file in WAL mode, a small pool of connections.
#include <memory>
#include <string>

#include "storage/sqlite/sqlite_db.h"
#include "storage/store.h"

namespace boussole::storage::sqlite {

class SqliteStore final : public Store {
 public:
  //! Opens (creating if needed) the file at `path` and applies pending migrations.
  //! Throws DbError when the file cannot be opened or is newer than this binary.
  explicit SqliteStore(const std::string& path);

  std::string_view Backend() const override { return "sqlite"; }
  int SchemaVersion() override;
  int LatestSchemaVersion() const override;
  Status Ping() override;
  PoolStats PoolUsage() override {
    auto usage = pool_.Stats();
    return {usage.size, usage.open, usage.in_use};
  }
  std::optional<std::string> ImportFingerprint(std::string_view name) override;
  std::int64_t LatestChange() override;
  std::int64_t WaitForChange(std::int64_t after, std::chrono::milliseconds timeout) override;

  // requests::RequestRepository (sqlite_requests.cpp)
  requests::Request CreateRequest(const requests::Request& request, std::string_view now) override;
  std::optional<requests::Request> FindRequest(std::int64_t id) override;
  std::vector<requests::Request> ListRequests() override;
  Status ApplyTransition(std::int64_t expected_version, const requests::RequestEvent& event,
                         std::optional<std::int64_t> assignee, std::string_view now) override;
  Status UpdateDraft(std::int64_t expected_version, const requests::Request& draft, const requests::RequestEvent& event,
                     std::string_view now) override;
  std::optional<std::int64_t> AppendRequestEvent(const requests::RequestEvent& event, std::string_view now) override;
  std::vector<requests::RequestEvent> TrailOf(std::int64_t request_id) override;

  // requests::BudgetRepository (sqlite_budgets.cpp)
  std::vector<requests::EngineeringBudget> ListEngineeringBudgets() override;
  void SetEngineeringBudget(const requests::EngineeringBudget& budget, std::string_view now) override;
  // directory::ResourceRepository (sqlite_resources.cpp)
  directory::Resource AddResource(const directory::Resource& resource, std::string_view now) override;
  std::vector<directory::Resource> ListResources() override;
  std::optional<directory::Resource> FindResource(std::int64_t id) override;
  Status UpdateResource(const directory::Resource& resource, std::string_view now) override;
  Status WithdrawResource(std::int64_t id, std::string_view now) override;

  // files::FileRepository (sqlite_files.cpp)
  files::FileRecord AddFile(const files::FileRecord& file, std::string_view now) override;
  std::optional<files::FileRecord> FindFile(std::int64_t id) override;

  // alerts::AlertRepository (sqlite_alerts.cpp)
  alerts::Alert CreateAlert(const alerts::NewAlert& alert, std::string_view now) override;
  std::optional<alerts::Alert> FindAlert(std::int64_t id) override;
  std::optional<alerts::Alert> ConfirmAlert(std::string_view confirm_token_hash, std::string_view now) override;
  std::optional<alerts::Alert> UnsubscribeAlert(std::string_view unsubscribe_token_hash,
                                                std::string_view now) override;
  std::vector<alerts::Alert> AlertsWithoutDelivery(std::string_view frequency, std::string_view period) override;
  std::optional<alerts::DeliveryClaim> ClaimDelivery(std::int64_t alert_id, std::string_view period,
                                                     std::string_view unsubscribe_token_hash,
                                                     std::string_view now) override;
  void FinishDelivery(const alerts::DeliveryClaim& claim, alerts::DeliveryOutcome outcome, std::string_view mark,
                      const std::vector<std::string>& offer_slugs, std::string_view detail,
                      std::string_view now) override;
  std::vector<alerts::ChangedItem> OffersChangedSince(std::string_view since) override;
  std::vector<alerts::ChangedItem> CaseSheetsChangedSince(std::string_view since) override;
  std::optional<alerts::Alert> EndAlert(std::int64_t id, std::string_view now) override;
  std::vector<alerts::Alert> AlertsOf(std::int64_t user_id, std::string_view email) override;
  std::size_t UnconfirmedAlertsSince(std::string_view email, std::string_view since) override;
  std::size_t PurgeUnconfirmedAlerts(std::string_view before) override;

  // memberships::MembershipRepository (sqlite_memberships.cpp)
  void ReplaceMembershipList(const memberships::MembershipList& list, const std::vector<std::string>& territory_ids,
                             std::string_view now) override;
  std::vector<memberships::MembershipList> MembershipLists() override;
  std::vector<std::string> MembershipEntries(std::string_view slug) override;
  std::vector<memberships::MembershipList> ListsContaining(const std::vector<std::string>& territory_ids) override;

  // notifications::NotificationRepository (sqlite_notifications.cpp)
  void AddNotifications(const std::vector<notifications::NewNotification>& notifications,
                        std::string_view now) override;
  notifications::Frequency NotificationFrequency(std::int64_t user_id) override;
  void SetNotificationFrequency(std::int64_t user_id, notifications::Frequency frequency) override;
  std::vector<notifications::Notification> RecentNotifications(std::int64_t user_id, std::size_t limit) override;
  std::vector<std::int64_t> UsersToNotify(notifications::Frequency frequency, std::string_view period) override;
  std::optional<notifications::Delivery> ClaimNotifications(std::int64_t user_id, std::string_view period,
                                                            std::string_view now) override;
  void FinishNotifications(const notifications::Delivery& delivery, bool sent, std::string_view detail,
                           std::string_view now) override;

  // jobs::JobRepository (sqlite_jobs.cpp)
  Status EnsureJob(std::string_view name, int interval_seconds, std::string_view first_run_at) override;
  std::optional<jobs::JobClaim> ClaimDueJob(std::string_view server, std::string_view now) override;
  void FinishJob(const jobs::JobClaim& claim, std::string_view result, std::string_view now) override;

  // territories::TerritoryRepository (sqlite_territories.cpp)
  std::optional<territories::Territory> FindTerritory(const territories::TerritoryId& id) override;
  std::vector<territories::Territory> SearchTerritories(std::string_view folded_query,
                                                        std::size_t limit) override;
  std::vector<territories::Territory> Parents(const territories::TerritoryId& id) override;
  std::vector<territories::Territory> Children(const territories::TerritoryId& id,
                                               territories::Kind kind,
                                               std::size_t limit) override;
  std::size_t CountChildren(const territories::TerritoryId& id, territories::Kind kind) override;
  std::vector<territories::TerritoryId> Ancestors(const territories::TerritoryId& id) override;
  std::optional<territories::PopulationRank> RankByPopulation(const territories::TerritoryId& scope,
                                                              const territories::TerritoryId& member) override;
  territories::Counts CountTerritories() override;
  Status ReplaceTerritories(const territories::Snapshot& snapshot, std::string_view fingerprint,
                            const territories::ProgressFn& progress) override;

  // catalogue::OfferRepository (sqlite_offers.cpp)
  std::optional<catalogue::Offer> FindOffer(const std::string& slug) override;
  catalogue::OfferPage ListOffers(const catalogue::OfferQuery& query) override;
  std::size_t CountOffers() override;
  Result<catalogue::ImportReport> ImportOffers(const std::vector<catalogue::Offer>& batch) override;
  Status SaveOfferEdit(const catalogue::Offer& offer) override;
  std::vector<catalogue::OfferInWorkflow> ListOffersInWorkflow() override;
  std::optional<catalogue::OfferInWorkflow> FindOfferInWorkflow(const std::string& slug) override;
  Status MoveOffer(const std::string& slug, std::string_view from, std::string_view to, std::string_view now) override;
  std::vector<std::string> CloseOffersPastDeadline(std::string_view today, std::string_view now) override;

  // AccountRepository
  Result<accounts::User> CreateUser(const accounts::NewUser& user, std::string_view now) override;
  std::optional<accounts::User> FindUserByEmail(std::string_view email) override;
  std::optional<accounts::User> FindUserById(std::int64_t id) override;
  void CreateSession(const accounts::Session& session) override;
  std::optional<accounts::Session> FindSession(std::string_view id_hash, std::string_view now) override;
  void DeleteSession(std::string_view id_hash) override;
  void StoreToken(std::string_view token_hash, std::int64_t user_id, accounts::TokenPurpose purpose,
                  std::string_view now, std::string_view expires_at) override;
  std::optional<std::int64_t> ConfirmEmailWithToken(std::string_view token_hash, std::string_view now) override;
  void SetPlatformAdmin(std::int64_t user_id, bool admin, std::string_view now) override;
  std::optional<std::int64_t> ResetPasswordWithToken(std::string_view token_hash, std::string_view password_hash,
                                                     std::string_view now) override;
  void RecordFailedLogin(std::string_view key, std::string_view now) override;
  std::size_t CountFailedLogins(std::string_view key, std::string_view since) override;
  void ClearFailedLogins(std::string_view key) override;
  std::size_t PurgeExpiredAccountData(std::string_view now, std::string_view failures_before) override;
  std::string SwapMySpaceVisit(std::int64_t user_id, std::string_view now) override;

  // accounts::SecurityEventRepository and PersonalDataRepository (sqlite_privacy.cpp)
  void RecordSecurityEvent(const accounts::SecurityEvent& event) override;
  std::vector<accounts::SecurityEvent> ListSecurityEvents(std::size_t limit) override;
  std::size_t PurgeSecurityEvents(std::string_view before) override;
  std::vector<accounts::PersonalDataSection> ExportPersonalData(std::int64_t user_id) override;
  void DeleteAccount(std::int64_t user_id, std::string_view now) override;
  // ApiTokenRepository
  accounts::ApiToken CreateApiToken(const accounts::ApiToken& token) override;
  std::vector<accounts::ApiToken> ListApiTokens(std::int64_t user_id) override;
  std::optional<accounts::ApiToken> UseApiToken(std::string_view token_hash, std::string_view now,
                                                std::string_view used_before) override;
  bool RevokeApiToken(std::int64_t user_id, std::int64_t id, std::string_view now) override;

  // organisations::OrganisationRepository (sqlite_organisations.cpp)
  organisations::Organisation CreateOrganisation(const organisations::NewOrganisation& organisation,
                                                 std::string_view now) override;
  std::optional<organisations::Organisation> FindOrganisation(std::int64_t id) override;
  std::vector<organisations::Organisation> ListOrganisations() override;
  std::optional<organisations::MemberRole> FindMembership(std::int64_t organisation_id, std::int64_t user_id) override;
  std::vector<organisations::Membership> ListMemberships(std::int64_t user_id) override;
  std::vector<organisations::Member> ListMembers(std::int64_t organisation_id) override;
  Status AddMember(std::int64_t organisation_id, std::int64_t user_id, organisations::MemberRole role,
                   std::string_view now) override;
  Status ChangeMemberRole(std::int64_t organisation_id, std::int64_t user_id, organisations::MemberRole role) override;
  Status RemoveMember(std::int64_t organisation_id, std::int64_t user_id) override;
  void StoreInvitation(const organisations::Invitation& invitation) override;
  std::optional<organisations::Invitation> FindInvitation(std::string_view token_hash) override;
  std::vector<organisations::Invitation> PendingInvitationsFor(std::string_view email, std::string_view now) override;
  std::vector<organisations::Invitation> PendingInvitationsOf(std::int64_t organisation_id,
                                                              std::string_view now) override;
  Result<organisations::Invitation> AcceptInvitation(std::string_view token_hash, std::int64_t user_id,
                                                     std::string_view email, std::string_view now) override;

  // ProjectRepository
  projects::Project CreateProject(const projects::Project& project, std::string_view now) override;
  Status UpdateProject(const projects::Project& project, std::int64_t user_id, std::string_view now) override;
  std::optional<projects::Project> FindProject(std::int64_t id) override;
  std::vector<projects::Project> ProjectsOf(std::int64_t organisation_id) override;
  Status SaveCaseSheet(std::int64_t project_id, const projects::CaseSheet& sheet, std::int64_t user_id,
                       std::string_view now) override;
  Status SetPublished(std::int64_t project_id, bool published, std::int64_t user_id, std::string_view now) override;
  std::vector<projects::Project> PublishedProjects() override;
  void SaveProjectOffer(const projects::ProjectOffer& attachment, std::int64_t user_id, std::string_view now) override;
  std::vector<projects::ProjectOffer> OffersOf(std::int64_t project_id) override;
  std::vector<projects::ProjectEvent> HistoryOf(std::int64_t project_id) override;
  Status SuggestOffer(const projects::ProjectSuggestion& suggestion, std::string_view now) override;
  std::vector<projects::ProjectSuggestion> PendingSuggestions(std::int64_t project_id) override;
  Status DecideSuggestion(std::int64_t project_id, std::int64_t suggestion_id, bool accept, std::int64_t user_id,
                          std::string_view now) override;


  // programmes::ProgrammeRepository (sqlite_programmes.cpp)
  programmes::Programme CreateProgramme(const programmes::Programme& programme,
                                        const std::vector<programmes::Phase>& phases, std::string_view now) override;
  programmes::ProgrammeImportReport ImportHistory(const programmes::History& history, std::string_view now) override;
  std::vector<programmes::HistoryFigure> HistoryFigures() override;
  std::optional<programmes::Programme> FindProgramme(std::int64_t id) override;
  std::vector<programmes::Programme> ListProgrammes() override;
  Status ProposeTerritory(const programmes::CohortTerritory& territory, std::string_view now) override;
  Status SelectTerritory(std::int64_t programme_id, std::string_view territory_id, int max_selected) override;
  Status RemoveTerritory(std::int64_t programme_id, std::string_view territory_id) override;
  std::vector<programmes::CohortTerritory> CohortOf(std::int64_t programme_id) override;
  Result<std::string> RegisterParticipant(std::int64_t programme_id, std::int64_t organisation_id,
                                          std::string_view wanted, int max_stakeholders,
                                          std::string_view now) override;
  Status ArbitrateWaitlist(std::int64_t programme_id, std::int64_t organisation_id, std::string_view role,
                           int max_stakeholders) override;
  std::vector<programmes::Participant> ParticipantsOf(std::int64_t programme_id) override;
  programmes::Person AddPerson(const programmes::Person& person, std::string_view now) override;
  std::vector<programmes::Person> PeopleOf(std::int64_t programme_id) override;
  std::vector<programmes::Phase> PhasesOf(std::int64_t programme_id) override;
  Status SetPhaseDates(std::int64_t programme_id, int position, std::string_view starts_on,
                       std::string_view ends_on) override;
  Status ActivatePhase(std::int64_t programme_id, int position) override;
  std::vector<programmes::Seminar> AddSeminars(const std::vector<programmes::Seminar>& seminars,
                                               std::string_view now) override;
  std::vector<programmes::Seminar> SeminarsOf(std::int64_t programme_id) override;
  std::optional<programmes::Seminar> FindSeminar(std::int64_t id) override;
  Status UpdateSeminar(const programmes::Seminar& seminar) override;
  Status RegisterForSeminar(std::int64_t seminar_id, std::int64_t user_id, std::string_view now) override;
  std::vector<programmes::Registration> RegistrationsOf(std::int64_t seminar_id) override;
  Status SetAttendance(std::int64_t seminar_id, std::int64_t user_id, bool attended) override;
  programmes::Theme ProposeTheme(const programmes::Theme& theme, std::string_view now) override;
  std::vector<programmes::Theme> ThemesOf(std::int64_t programme_id) override;
  programmes::Deliverable AddDeliverable(const programmes::Deliverable& deliverable, std::string_view now) override;
  std::vector<programmes::Deliverable> DeliverablesOf(std::int64_t programme_id) override;
  std::optional<programmes::Deliverable> FindDeliverable(std::int64_t id) override;
  Status SetDeliverableStatus(std::int64_t id, std::string_view status, std::string_view now) override;
  Status LinkRequestToDeliverable(std::int64_t request_id, std::int64_t deliverable_id, std::string_view now) override;
  std::vector<programmes::DeliverableRequest> DeliverableRequestsOf(std::int64_t programme_id) override;
  std::optional<programmes::DeliverableRequest> DeliverableRequestOf(std::int64_t request_id) override;
  std::vector<programmes::Seminar> SeminarsToRemind(std::string_view from, std::string_view until) override;
  bool ClaimReminder(std::int64_t seminar_id, std::string_view now) override;
  void SaveStepRecord(const programmes::StepRecord& record, std::string_view now) override;
  std::vector<programmes::StepRecord> StepRecordsOf(std::int64_t programme_id) override;
  programmes::Post AddPost(const programmes::Post& post, std::string_view now) override;
  std::vector<programmes::Post> PostsOf(std::int64_t programme_id) override;
  std::optional<programmes::Post> FindPost(std::int64_t id) override;
  Status ReportPost(std::int64_t post_id, std::int64_t user_id, int hide_after, std::string_view now) override;
  Status RestorePost(std::int64_t post_id) override;
  std::vector<std::string> ReminderRecipients(const programmes::Seminar& seminar) override;
  std::optional<programmes::Theme> FindTheme(std::int64_t id) override;
  Status SupportTheme(std::int64_t theme_id, std::int64_t organisation_id, std::string_view now) override;
  Status SelectTheme(std::int64_t programme_id, std::int64_t theme_id) override;

 private:
  void Migrate();

  ConnectionPool pool_;
};

}  // namespace boussole::storage::sqlite
