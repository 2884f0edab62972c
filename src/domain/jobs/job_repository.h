#pragma once
// Scheduled jobs shared by every server of an instance: they live in the database, and a
// due occurrence is claimed by exactly one server.
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace boussole::jobs {

//! One due occurrence of a job, claimed by this server.
struct JobClaim {
  std::string job;
  std::string due_at;  //!< ISO 8601 UTC, the occurrence's identity
};

class JobRepository {
 public:
  virtual ~JobRepository() = default;

  //! Registers a job (first run at `first_run_at`) or updates its interval; keeps its
  //! schedule when it exists.
  virtual Status EnsureJob(std::string_view name, int interval_seconds, std::string_view first_run_at) = 0;

  //! Claims the earliest job whose next run is at or before `now` and that no other server
  //! is claiming, records the run for `server`, and moves the job's next run past `now`
  //! by whole intervals (missed occurrences are not replayed). nullopt when nothing is due.
  //! Across servers sharing the database, each occurrence is claimed once.
  virtual std::optional<JobClaim> ClaimDueJob(std::string_view server, std::string_view now) = 0;

  //! Records the outcome of a claimed run.
  virtual void FinishJob(const JobClaim& claim, std::string_view result, std::string_view now) = 0;
};

}  // namespace boussole::jobs
