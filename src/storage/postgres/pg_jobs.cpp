// The change feed and the job table of PgStore.
#include <thread>

#include "domain/jobs/schedule.h"
#include "storage/postgres/pg_store.h"

namespace boussole::storage::postgres {

std::int64_t PgStore::LatestChange() {
  auto db = pool_.Acquire();
  // Asked before every cached answer: prepared once per connection (re-declaring the same
  // statement is a no-op in libpqxx).
  db->prepare("latest_change", "SELECT COALESCE(MAX(id), 0) FROM change_log");
  pqxx::nontransaction tx(*db);
  return tx.exec_prepared("latest_change")[0][0].as<std::int64_t>();
}

std::int64_t PgStore::WaitForChange(std::int64_t after, std::chrono::milliseconds timeout) {
  std::lock_guard lock(listener_mutex_);
  try {
    // Listen first, then look: a change committed in between is queued on the socket.
    if (!listener_) listener_ = std::make_unique<Listener>(pool_.url());
    const std::int64_t latest = LatestChange();
    if (latest > after) return latest;
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(timeout - seconds);
    listener_->connection.await_notification(static_cast<long>(seconds.count()), static_cast<long>(micros.count()));
  } catch (const std::exception&) {
    listener_.reset();  // reconnect on the next call
    throw;
  }
  return LatestChange();
}

Status PgStore::EnsureJob(std::string_view name, int interval_seconds, std::string_view first_run_at) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params(
      "INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES ($1, $2, $3)"
      " ON CONFLICT (name) DO UPDATE SET interval_seconds = excluded.interval_seconds",
      std::string(name), interval_seconds, std::string(first_run_at));
  tx.commit();
  return Ok();
}

std::optional<jobs::JobClaim> PgStore::ClaimDueJob(std::string_view server, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  // SKIP LOCKED: a job row another server is claiming right now is not due for us.
  auto due = tx.exec_params(
      "SELECT name, next_run_at, interval_seconds FROM jobs WHERE next_run_at <= $1"
      " ORDER BY next_run_at COLLATE \"C\", name COLLATE \"C\" LIMIT 1 FOR UPDATE SKIP LOCKED",
      std::string(now));
  if (due.empty()) return std::nullopt;
  jobs::JobClaim claim{due[0][0].as<std::string>(), due[0][1].as<std::string>()};
  const auto next = jobs::NextRunAfter(claim.due_at, due[0][2].as<int>(), now);
  if (!next) throw std::runtime_error("malformed schedule for job " + claim.job);
  tx.exec_params("UPDATE jobs SET next_run_at = $2 WHERE name = $1", claim.job, *next);
  tx.exec_params("INSERT INTO job_runs (job, due_at, server, started_at) VALUES ($1, $2, $3, $4)", claim.job,
                 claim.due_at, std::string(server), std::string(now));
  tx.commit();
  return claim;
}

void PgStore::FinishJob(const jobs::JobClaim& claim, std::string_view result, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params("UPDATE job_runs SET finished_at = $3, result = $4 WHERE job = $1 AND due_at = $2", claim.job,
                 claim.due_at, std::string(now), std::string(result));
  tx.commit();
}

}  // namespace boussole::storage::postgres
