// The change feed and the job table of SqliteStore.
#include <thread>

#include "domain/jobs/schedule.h"
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {

std::int64_t SqliteStore::LatestChange() {
  auto db = pool_.Acquire();
  auto q = db->Prepare("SELECT COALESCE(MAX(id), 0) FROM change_log");
  return q.Step() ? q.Int(0) : 0;
}

std::int64_t SqliteStore::WaitForChange(std::int64_t after, std::chrono::milliseconds timeout) {
  // One file, no notification channel: poll. MAX(id) on the primary key is a b-tree seek.
  constexpr auto kPollEvery = std::chrono::milliseconds(100);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::int64_t latest = LatestChange();
  while (latest <= after && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        kPollEvery, deadline - std::chrono::steady_clock::now()));
    latest = LatestChange();
  }
  return latest;
}

Status SqliteStore::EnsureJob(std::string_view name, int interval_seconds, std::string_view first_run_at) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Prepare(
        "INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES (?, ?, ?)"
        " ON CONFLICT(name) DO UPDATE SET interval_seconds = excluded.interval_seconds")
      .Bind(1, name)
      .Bind(2, std::int64_t{interval_seconds})
      .Bind(3, first_run_at)
      .Run();
  tx.Commit();
  return Ok();
}

std::optional<jobs::JobClaim> SqliteStore::ClaimDueJob(std::string_view server, std::string_view now) {
  auto db = pool_.Acquire();
  // BEGIN IMMEDIATE takes the write lock first: two servers on one file claim in turn.
  Transaction tx(*db);
  auto due = db->Prepare(
      "SELECT name, next_run_at, interval_seconds FROM jobs WHERE next_run_at <= ?"
      " ORDER BY next_run_at, name LIMIT 1");
  due.Bind(1, now);
  if (!due.Step()) return std::nullopt;
  jobs::JobClaim claim{due.Text(0), due.Text(1)};
  const auto next = jobs::NextRunAfter(claim.due_at, static_cast<int>(due.Int(2)), now);
  if (!next) throw DbError("malformed schedule for job " + claim.job);
  db->Prepare("UPDATE jobs SET next_run_at = ? WHERE name = ?").Bind(1, *next).Bind(2, claim.job).Run();
  db->Prepare("INSERT INTO job_runs (job, due_at, server, started_at) VALUES (?, ?, ?, ?)")
      .Bind(1, claim.job)
      .Bind(2, claim.due_at)
      .Bind(3, server)
      .Bind(4, now)
      .Run();
  tx.Commit();
  return claim;
}

void SqliteStore::FinishJob(const jobs::JobClaim& claim, std::string_view result, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Prepare("UPDATE job_runs SET finished_at = ?, result = ? WHERE job = ? AND due_at = ?")
      .Bind(1, now)
      .Bind(2, result)
      .Bind(3, claim.job)
      .Bind(4, claim.due_at)
      .Run();
  tx.Commit();
}

}  // namespace boussole::storage::sqlite
