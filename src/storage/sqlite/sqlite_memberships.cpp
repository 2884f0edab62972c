// The membership list tables of SqliteStore (issue 8, item 3).
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {
namespace {

constexpr const char* kListColumns =
    "l.slug, l.name, l.source, l.imported_at, (SELECT COUNT(*) FROM membership_entries e WHERE e.list_slug = l.slug)";

memberships::MembershipList ReadList(const Statement& q) {
  return {q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4)};
}

}  // namespace

void SqliteStore::ReplaceMembershipList(const memberships::MembershipList& list,
                                        const std::vector<std::string>& territory_ids, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Prepare("DELETE FROM membership_lists WHERE slug = ?").Bind(1, list.slug).Run();
  db->Prepare("INSERT INTO membership_lists (slug, name, source, imported_at) VALUES (?, ?, ?, ?)")
      .Bind(1, list.slug)
      .Bind(2, list.name)
      .Bind(3, list.source)
      .Bind(4, now)
      .Run();
  auto insert = db->Prepare("INSERT INTO membership_entries (list_slug, territory_id) VALUES (?, ?)");
  for (const auto& id : territory_ids) {
    insert.Bind(1, list.slug).Bind(2, id).Run();
    insert.Reset();
  }
  // The offer index applies the lists: it must rebuild.
  db->Prepare("INSERT INTO change_log (topic, subject, changed_at) VALUES ('memberships', ?, ?)")
      .Bind(1, list.slug)
      .Bind(2, now)
      .Run();
  tx.Commit();
}

std::vector<memberships::MembershipList> SqliteStore::MembershipLists() {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kListColumns + " FROM membership_lists l ORDER BY l.name, l.slug");
  std::vector<memberships::MembershipList> lists;
  while (q.Step()) lists.push_back(ReadList(q));
  return lists;
}

std::vector<std::string> SqliteStore::MembershipEntries(std::string_view slug) {
  auto db = pool_.Acquire();
  auto q = db->Prepare("SELECT territory_id FROM membership_entries WHERE list_slug = ? ORDER BY territory_id");
  q.Bind(1, slug);
  std::vector<std::string> ids;
  while (q.Step()) ids.push_back(q.Text(0));
  return ids;
}

std::vector<memberships::MembershipList> SqliteStore::ListsContaining(const std::vector<std::string>& territory_ids) {
  auto db = pool_.Acquire();
  std::vector<memberships::MembershipList> lists;
  auto q = db->Prepare(std::string("SELECT ") + kListColumns +
                       " FROM membership_lists l WHERE EXISTS (SELECT 1 FROM membership_entries e, json_each(?) j"
                       " WHERE e.list_slug = l.slug AND e.territory_id = j.value) ORDER BY l.name, l.slug");
  std::string array = "[";
  for (const auto& id : territory_ids) array += (array.size() > 1 ? ",\"" : "\"") + id + "\"";
  q.Bind(1, array + "]");
  while (q.Step()) lists.push_back(ReadList(q));
  return lists;
}

}  // namespace boussole::storage::sqlite
