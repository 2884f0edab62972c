#include "app/scheduler.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdlib>
#include <ctime>
#include <mutex>

#include "core/clock.h"

namespace boussole::app {
namespace {

int IntervalFromEnvironment(const std::string& name, int fallback) {
  std::string variable = "BOUSSOLE_JOB_" + name + "_SECONDS";
  for (char& c : variable) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const char* value = std::getenv(variable.c_str());
  const int seconds = value ? std::atoi(value) : 0;
  return seconds > 0 ? seconds : fallback;
}

}  // namespace

std::vector<Job> DefaultJobs(const JobServices& services) {
  const std::string close = "close_expired_offers";
  const std::string purge = "purge_expired_account_data";
  std::vector<Job> jobs = {
      {close, IntervalFromEnvironment(close, 3600),
       [](storage::Store& store) {
         const auto closed = store.CloseOffersPastDeadline(TodayUtc(), NowUtc());
         return std::to_string(closed.size()) + " offre(s) clôturée(s)";
       }},
      {purge, IntervalFromEnvironment(purge, 3600),
       [](storage::Store& store) {
         // A day is longer than any throttling window (AccountPolicy::throttle_window).
         const std::time_t now = std::time(nullptr);
         const std::string day_ago = FormatUtc(now - 24 * 3600);
         const std::size_t alerts =
             store.PurgeUnconfirmedAlerts(FormatUtc(now - alerts::kUnconfirmedDays * 24 * 3600));
         const std::size_t events = store.PurgeSecurityEvents(
             FormatUtc(now - static_cast<std::time_t>(accounts::kSecurityEventRetentionDays) * 24 * 3600));
         return std::to_string(store.PurgeExpiredAccountData(NowUtc(), day_ago)) +
                " ligne(s) périmée(s) supprimée(s), " + std::to_string(alerts) + " alerte(s) jamais confirmée(s), " +
                std::to_string(events) + " évènement(s) de sécurité anciens";
       }},
  };
  if (services.alerts) {
    // Frequent on purpose: a digest is due once per day or week and claimed once, so a
    // short interval only shortens the wait after midnight UTC or after a failure.
    const std::string send = "send_alerts";
    jobs.push_back({send, IntervalFromEnvironment(send, 900),
                    [alerts = services.alerts, match = services.match_search](storage::Store&) {
                      const auto report = alerts->SendDigests(match, NowUtc());
                      return std::to_string(report.sent) + " alerte(s) envoyée(s), " + std::to_string(report.empty) +
                             " sans nouveauté, " + std::to_string(report.failed) + " en échec";
                    }});
  }
  if (services.notifications) {
    // Every minute: "immediate" means within the minute; digests are claimed once per period.
    const std::string send = "send_notifications";
    jobs.push_back({send, IntervalFromEnvironment(send, 60),
                    [notifications = services.notifications](storage::Store&) {
                      const auto report = notifications->SendDue(NowUtc());
                      return std::to_string(report.sent) + " courriel(s) de notification envoyé(s), " +
                             std::to_string(report.failed) + " en échec";
                    }});
  }
  if (services.reminders) {
    // A reminder is claimed once per seminar: a short interval only makes it timelier.
    const std::string remind = "send_programme_reminders";
    jobs.push_back({remind, IntervalFromEnvironment(remind, 900), [reminders = services.reminders](storage::Store&) {
                      const auto report = reminders->SendDue(NowUtc());
                      return std::to_string(report.seminars) + " séminaire(s) rappelé(s), " +
                             std::to_string(report.sent) + " courriel(s) envoyé(s), " + std::to_string(report.failed) +
                             " en échec";
                    }});
  }
  return jobs;
}

Scheduler::Scheduler(storage::Store& store, std::vector<Job> jobs, std::string server_id,
                     std::chrono::milliseconds tick)
    : store_(store), jobs_(std::move(jobs)), server_id_(std::move(server_id)), tick_(tick) {
  thread_ = std::jthread([this](std::stop_token stop) { Loop(stop); });
}

Scheduler::~Scheduler() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::Loop(std::stop_token stop) {
  bool registered = false;
  std::mutex mutex;
  std::condition_variable_any wake;
  while (!stop.stop_requested()) {
    try {
      if (!registered) {
        for (const Job& job : jobs_) {
          if (auto s = store_.EnsureJob(job.name, job.interval_seconds, NowUtc()); !s) {
            throw std::runtime_error(s.error().message);
          }
        }
        registered = true;
      }
      RunDueJobs();
    } catch (const std::exception& e) {
      // The database may be away: try again at the next tick.
      spdlog::warn("scheduler: {}", e.what());
    }
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, tick_, [] { return false; });
  }
}

void Scheduler::RunDueJobs() {
  while (auto claim = store_.ClaimDueJob(server_id_, NowUtc())) {
    std::string result;
    for (const Job& job : jobs_) {
      if (job.name != claim->job) continue;
      try {
        result = job.run(store_);
      } catch (const std::exception& e) {
        result = std::string("échec : ") + e.what();
      }
    }
    if (result.empty()) result = "tâche inconnue de ce serveur";
    store_.FinishJob(*claim, result, NowUtc());
    spdlog::info("job={} due_at={} server={} result=\"{}\"", claim->job, claim->due_at, server_id_, result);
  }
}

}  // namespace boussole::app
