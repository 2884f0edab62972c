// Personal data and the audit log of SqliteStore (issue 9, items 5 and 6).
#include "storage/privacy_sql.h"
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {

std::vector<accounts::PersonalDataSection> SqliteStore::ExportPersonalData(std::int64_t user_id) {
  auto db = pool_.Acquire();
  Transaction tx(*db);  // one consistent picture
  std::vector<accounts::PersonalDataSection> sections;
  for (const PersonalDataQuery& query : kPersonalDataQueries) {
    accounts::PersonalDataSection section{std::string(query.section), {}};
    auto q = db->Prepare(query.sql);
    q.Bind(q.ParameterIndex("$1"), user_id);
    while (q.Step()) {
      std::vector<std::pair<std::string, std::string>> row;
      for (int c = 0; c < q.ColumnCount(); ++c) row.emplace_back(q.ColumnName(c), q.IsNull(c) ? "" : q.Text(c));
      section.rows.push_back(std::move(row));
    }
    sections.push_back(std::move(section));
  }
  tx.Commit();
  return sections;
}

void SqliteStore::DeleteAccount(std::int64_t user_id, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  for (std::string_view sql : kDeleteAccountStatements) {
    auto q = db->Prepare(sql);
    q.Bind(q.ParameterIndex("$1"), user_id);
    if (const int at = q.ParameterIndex("$2"); at > 0) q.Bind(at, now);
    q.Run();
  }
  tx.Commit();
}

void SqliteStore::RecordSecurityEvent(const accounts::SecurityEvent& event) {
  auto db = pool_.Acquire();
  auto q = db->Prepare("INSERT INTO security_events (at, kind, user_id, address, detail) VALUES (?, ?, ?, ?, ?)");
  q.Bind(1, event.at).Bind(2, event.kind).Bind(3, event.user_id).Bind(4, event.address).Bind(5, event.detail);
  q.Run();
}

std::vector<accounts::SecurityEvent> SqliteStore::ListSecurityEvents(std::size_t limit) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "SELECT e.id, e.at, e.kind, e.user_id, COALESCE(u.display_name, ''), e.address, e.detail FROM security_events e"
      " LEFT JOIN users u ON u.id = e.user_id ORDER BY e.id DESC LIMIT ?");
  q.Bind(1, static_cast<std::int64_t>(limit));
  std::vector<accounts::SecurityEvent> events;
  while (q.Step()) {
    events.push_back({q.Int(0), q.Text(1), q.Text(2), q.OptionalInt(3), q.Text(4), q.Text(5), q.Text(6)});
  }
  return events;
}

std::size_t SqliteStore::PurgeSecurityEvents(std::string_view before) {
  auto db = pool_.Acquire();
  auto q = db->Prepare("DELETE FROM security_events WHERE at < ?");
  q.Bind(1, before);
  q.Run();
  return static_cast<std::size_t>(sqlite3_changes(db->handle()));
}

}  // namespace boussole::storage::sqlite
