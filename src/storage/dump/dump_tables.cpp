#include "storage/dump/dump_tables.h"

#include <algorithm>

namespace boussole::storage::dump {

const std::vector<DumpTable>& DumpTables() {
  static const std::vector<DumpTable> kDumpTables = {
      {"territories", {"id"}},
      {"territory_links", {"child_id", "parent_id"}},
      {"territory_postal_codes", {"territory_id", "postal_code"}},
      {"data_imports", {"name"}},
      {"offers", {"slug"}},
      {"change_log", {"id"}},
      {"jobs", {"name"}},
      {"job_runs", {"job", "due_at"}},
      {"users", {"id"}},
      {"sessions", {"id_hash"}},
      {"account_tokens", {"token_hash"}},
      {"failed_logins", {"id"}},
      {"api_tokens", {"id"}},
      {"organisations", {"id"}},
      {"memberships", {"organisation_id", "user_id"}},
      {"invitations", {"token_hash"}},
      {"projects", {"id"}},
      {"project_offers", {"project_id", "offer_slug"}},
      {"project_events", {"id"}},
      {"project_suggestions", {"id"}},
      {"alerts", {"id"}},
      {"alert_deliveries", {"alert_id", "period"}},
      {"notification_deliveries", {"id"}},
      {"notifications", {"id"}},
      {"membership_lists", {"slug"}},
      {"membership_entries", {"list_slug", "territory_id"}},
      {"files", {"id"}},
      {"requests", {"id"}},
      {"request_events", {"id"}},
      {"engineering_resources", {"id"}},
      {"programmes", {"id"}},
      {"programme_figures", {"position"}},
      {"programme_territories", {"programme_id", "territory_id"}},
      {"programme_participants", {"programme_id", "organisation_id"}},
      {"programme_people", {"id"}},
      {"programme_phases", {"programme_id", "position"}},
      {"seminars", {"id"}},
      {"seminar_registrations", {"seminar_id", "user_id"}},
      {"programme_themes", {"id"}},
      {"theme_supports", {"theme_id", "organisation_id"}},
      {"deliverables", {"id"}},
      {"seminar_reminders", {"seminar_id"}},
      {"programme_step_records", {"programme_id", "territory_id", "step"}},
      {"programme_posts", {"id"}},
      {"post_reports", {"post_id", "user_id"}},
  };
  return kDumpTables;
}

const std::vector<std::string_view>& IgnoredTables() {
  static const std::vector<std::string_view> kIgnored = {"schema_migrations"};
  return kIgnored;
}

namespace {

bool Listed(std::string_view name) {
  const auto& ignored = IgnoredTables();
  if (std::find(ignored.begin(), ignored.end(), name) != ignored.end()) return true;
  const auto& tables = DumpTables();
  return std::any_of(tables.begin(), tables.end(), [&](const DumpTable& t) { return t.name == name; });
}

std::string QuotedList(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "« " : ", « ") + name + " »";
  return text;
}

}  // namespace

Status CheckTableList(const std::vector<std::string>& tables_in_database) {
  std::vector<std::string> unknown;
  for (const auto& name : tables_in_database) {
    if (!Listed(name)) unknown.push_back(name);
  }
  std::vector<std::string> missing;
  for (const DumpTable& table : DumpTables()) {
    const auto found = std::find(tables_in_database.begin(), tables_in_database.end(), table.name);
    if (found == tables_in_database.end()) missing.emplace_back(table.name);
  }
  std::sort(unknown.begin(), unknown.end());
  if (!unknown.empty()) {
    return Error{"unknown_table",
                 "La base contient des tables que la copie ne connaît pas : " + QuotedList(unknown) +
                     ". Elles doivent être ajoutées à la liste des tables copiées"
                     " (src/storage/dump/dump_tables.cpp).",
                 {}};
  }
  if (!missing.empty()) {
    return Error{"missing_table",
                 "Tables absentes de la base : " + QuotedList(missing) + " ; la base n'a pas le schéma attendu.",
                 {}};
  }
  return Ok();
}

}  // namespace boussole::storage::dump
