#pragma once
// Runs the jobs of the database-backed schedule on every server; the store makes sure each
// due occurrence runs on exactly one of them.
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "domain/alerts/alert_service.h"
#include "domain/notifications/notification_service.h"
#include "domain/programmes/reminders.h"
#include "storage/store.h"

namespace boussole::app {

struct Job {
  std::string name;
  int interval_seconds;
  //! Does the work; returns a short French summary stored with the run.
  std::function<std::string(storage::Store&)> run;
};

//! What jobs need beyond the store. Null alerts: no send_alerts job; null notifications:
//! no send_notifications job.
struct JobServices {
  alerts::AlertService* alerts = nullptr;
  alerts::SearchMatcher match_search;
  notifications::NotificationService* notifications = nullptr;
  //! Null: no send_programme_reminders job.
  programmes::ReminderService* reminders = nullptr;
};

//! The jobs Boussole runs, with their intervals (BOUSSOLE_JOB_<NAME>_SECONDS overrides).
std::vector<Job> DefaultJobs(const JobServices& services = {});

class Scheduler {
 public:
  //! Registers `jobs` in the store and starts polling every `tick`. `server_id` names this
  //! server in the run history.
  Scheduler(storage::Store& store, std::vector<Job> jobs, std::string server_id, std::chrono::milliseconds tick);
  //! Stops polling and waits for a job in progress.
  ~Scheduler();

 private:
  void Loop(std::stop_token stop);
  void RunDueJobs();

  storage::Store& store_;
  std::vector<Job> jobs_;
  std::string server_id_;
  std::chrono::milliseconds tick_;
  std::jthread thread_;
};

}  // namespace boussole::app
