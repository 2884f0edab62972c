// Personal data and the audit log of PgStore (issue 9, items 5 and 6).
#include <pqxx/pqxx>

#include "storage/postgres/pg_store.h"
#include "storage/privacy_sql.h"

namespace boussole::storage::postgres {

std::vector<accounts::PersonalDataSection> PgStore::ExportPersonalData(std::int64_t user_id) {
  auto db = pool_.Acquire();
  pqxx::read_transaction tx(*db);  // one consistent picture
  std::vector<accounts::PersonalDataSection> sections;
  for (const PersonalDataQuery& query : kPersonalDataQueries) {
    accounts::PersonalDataSection section{std::string(query.section), {}};
    const pqxx::result rows = tx.exec_params(std::string(query.sql), user_id);
    for (const auto& r : rows) {
      std::vector<std::pair<std::string, std::string>> row;
      for (pqxx::row::size_type c = 0; c < r.size(); ++c) {
        row.emplace_back(rows.column_name(c), r[c].is_null() ? "" : r[c].c_str());
      }
      section.rows.push_back(std::move(row));
    }
    sections.push_back(std::move(section));
  }
  tx.commit();
  return sections;
}

void PgStore::DeleteAccount(std::int64_t user_id, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  for (std::string_view sql : kDeleteAccountStatements) {
    if (sql.find("$2") != std::string_view::npos) {
      tx.exec_params(std::string(sql), user_id, std::string(now));
    } else {
      tx.exec_params(std::string(sql), user_id);
    }
  }
  tx.commit();
}

void PgStore::RecordSecurityEvent(const accounts::SecurityEvent& event) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params("INSERT INTO security_events (at, kind, user_id, address, detail) VALUES ($1, $2, $3, $4, $5)",
                 event.at, event.kind, event.user_id, event.address, event.detail);
  tx.commit();
}

std::vector<accounts::SecurityEvent> PgStore::ListSecurityEvents(std::size_t limit) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  const auto rows = tx.exec_params(
      "SELECT e.id, e.at, e.kind, e.user_id, COALESCE(u.display_name, ''), e.address, e.detail FROM security_events e"
      " LEFT JOIN users u ON u.id = e.user_id ORDER BY e.id DESC LIMIT $1",
      static_cast<std::int64_t>(limit));
  std::vector<accounts::SecurityEvent> events;
  for (const auto& r : rows) {
    accounts::SecurityEvent e;
    e.id = r[0].as<std::int64_t>();
    e.at = r[1].c_str();
    e.kind = r[2].c_str();
    if (!r[3].is_null()) e.user_id = r[3].as<std::int64_t>();
    e.user_name = r[4].c_str();
    e.address = r[5].c_str();
    e.detail = r[6].c_str();
    events.push_back(std::move(e));
  }
  return events;
}

std::size_t PgStore::PurgeSecurityEvents(std::string_view before) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  const auto result = tx.exec_params("DELETE FROM security_events WHERE at < $1", std::string(before));
  tx.commit();
  return static_cast<std::size_t>(result.affected_rows());
}

}  // namespace boussole::storage::postgres
