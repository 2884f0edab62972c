#pragma once
// The one storage interface. Domain code talks to the repositories it inherits; only the
// backends under storage/<backend>/ know SQL. Every method is thread-safe.
#include <chrono>
#include <exception>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/accounts/account_repository.h"
#include "domain/accounts/api_token_repository.h"
#include "domain/alerts/alert_repository.h"
#include "domain/catalogue/offer_repository.h"
#include "domain/directory/resource_repository.h"
#include "domain/files/file_repository.h"
#include "domain/jobs/job_repository.h"
#include "domain/memberships/membership_repository.h"
#include "domain/notifications/notification_repository.h"
#include "domain/programmes/programme_repository.h"
#include "domain/projects/project_repository.h"
#include "domain/requests/request_repository.h"
#include "domain/organisations/organisation_repository.h"
#include "domain/territories/territory_repository.h"

namespace boussole::storage {

//! Connection pool usage, for /metrics.
struct PoolStats {
  std::size_t size = 0;    //!< the bound
  std::size_t open = 0;    //!< connections currently open
  std::size_t in_use = 0;  //!< leased right now
};

class Store : public territories::TerritoryRepository,
              public catalogue::OfferRepository,
              public jobs::JobRepository,
              public accounts::AccountRepository,
              public accounts::ApiTokenRepository,
              public organisations::OrganisationRepository,
              public projects::ProjectRepository,
              public programmes::ProgrammeRepository,
              public alerts::AlertRepository,
              public notifications::NotificationRepository,
              public memberships::MembershipRepository,
              public files::FileRepository,
              public requests::RequestRepository,
              public directory::ResourceRepository {
 public:
  ~Store() override = default;

  //! "sqlite" or "postgresql".
  virtual std::string_view Backend() const = 0;
  //! Highest applied migration.
  virtual int SchemaVersion() = 0;
  //! Highest migration this binary knows.
  virtual int LatestSchemaVersion() const = 0;
  //! Cheap round trip to the database; fails with a French message when unreachable.
  virtual Status Ping() = 0;
  virtual PoolStats PoolUsage() = 0;

  //! Fingerprint of the data set last imported under `name` ("territories"), if any.
  virtual std::optional<std::string> ImportFingerprint(std::string_view name) = 0;

  //! The change feed: the id of the latest recorded change (0 when none). Every write
  //! that caches must notice (offers today) records a change in its own transaction.
  virtual std::int64_t LatestChange() = 0;
  //! Blocks until a change newer than `after` is recorded or `timeout` passes; returns
  //! LatestChange(). PostgreSQL wakes on NOTIFY; SQLite polls. Throws when the database
  //! is unreachable.
  virtual std::int64_t WaitForChange(std::int64_t after, std::chrono::milliseconds timeout) = 0;
};

//! True when `e`, thrown by a store method, means the database cannot be reached right now
//! (rather than a bug or corrupt data).
bool IsUnavailable(const std::exception& e);

//! Opens the store named by a URL — `sqlite:///abs/path.db`, `sqlite://relative.db` — and
//! applies pending migrations. Fails with a French message on an unknown scheme, an
//! unreadable file, or a database newer than this binary.
Result<std::unique_ptr<Store>> OpenStore(const std::string& url);

}  // namespace boussole::storage
