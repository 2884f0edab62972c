// The membership list tables of PgStore (issue 8, item 3).
#include <nlohmann/json.hpp>

#include "storage/postgres/pg_store.h"

namespace boussole::storage::postgres {
namespace {

constexpr const char* kListColumns =
    "l.slug, l.name, l.source, l.imported_at, (SELECT COUNT(*) FROM membership_entries e WHERE e.list_slug = l.slug)";

memberships::MembershipList ReadList(const pqxx::row& r) {
  return {r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
          r[4].as<std::int64_t>()};
}

}  // namespace

void PgStore::ReplaceMembershipList(const memberships::MembershipList& list,
                                    const std::vector<std::string>& territory_ids, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params("DELETE FROM membership_lists WHERE slug = $1", list.slug);
  tx.exec_params("INSERT INTO membership_lists (slug, name, source, imported_at) VALUES ($1, $2, $3, $4)", list.slug,
                 list.name, list.source, std::string(now));
  tx.exec_params("INSERT INTO membership_entries (list_slug, territory_id) SELECT $1, json_array_elements_text($2::json)",
                 list.slug, nlohmann::json(territory_ids).dump());
  // The offer index applies the lists: it must rebuild.
  tx.exec_params("INSERT INTO change_log (topic, subject, changed_at) VALUES ('memberships', $1, $2)", list.slug,
                 std::string(now));
  tx.exec("SELECT pg_notify('boussole_changes', 'memberships')");
  tx.commit();
}

std::vector<memberships::MembershipList> PgStore::MembershipLists() {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<memberships::MembershipList> lists;
  for (const auto& row : tx.exec(std::string("SELECT ") + kListColumns +
                                 " FROM membership_lists l ORDER BY l.name COLLATE \"C\", l.slug COLLATE \"C\"")) {
    lists.push_back(ReadList(row));
  }
  return lists;
}

std::vector<std::string> PgStore::MembershipEntries(std::string_view slug) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<std::string> ids;
  for (const auto& row : tx.exec_params("SELECT territory_id FROM membership_entries WHERE list_slug = $1"
                                        " ORDER BY territory_id COLLATE \"C\"",
                                        std::string(slug))) {
    ids.push_back(row[0].as<std::string>());
  }
  return ids;
}

std::vector<memberships::MembershipList> PgStore::ListsContaining(const std::vector<std::string>& territory_ids) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<memberships::MembershipList> lists;
  for (const auto& row : tx.exec_params(std::string("SELECT ") + kListColumns +
                                            " FROM membership_lists l WHERE EXISTS (SELECT 1 FROM membership_entries e"
                                            " WHERE e.list_slug = l.slug AND e.territory_id IN (SELECT json_array_elements_text($1::json)))"
                                            " ORDER BY l.name COLLATE \"C\", l.slug COLLATE \"C\"",
                                        nlohmann::json(territory_ids).dump())) {
    lists.push_back(ReadList(row));
  }
  return lists;
}

}  // namespace boussole::storage::postgres
