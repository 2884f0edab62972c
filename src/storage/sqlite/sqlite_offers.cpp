// The catalogue part of SqliteStore.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/clock.h"
#include "storage/shared_sql.h"
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {
namespace {

using catalogue::Offer;

void RecordChange(Connection& db, std::string_view slug, std::string_view now) {
  db.Prepare("INSERT INTO change_log (topic, subject, changed_at) VALUES ('offers', ?, ?)")
      .Bind(1, slug)
      .Bind(2, now)
      .Run();
}

}  // namespace

std::optional<Offer> SqliteStore::FindOffer(const std::string& slug) {
  auto db = pool_.Acquire();
  auto q = db->Prepare("SELECT document, closed_at, published_at FROM offers WHERE slug = ? AND status = 'published'");
  q.Bind(1, slug);
  if (!q.Step()) return std::nullopt;
  Offer offer = OfferFromDocument(q.Text(0));
  offer.closed_at = q.Text(1);
  offer.published_at = q.Text(2);
  return offer;
}

catalogue::OfferPage SqliteStore::ListOffers(const catalogue::OfferQuery& query) {
  auto db = pool_.Acquire();
  std::string where = "status = 'published'";
  if (query.perimeters) {
    where += " AND perimeter_id IN (SELECT value FROM json_each(?1))";
  }
  catalogue::OfferPage page;
  const std::string perimeters =
      query.perimeters ? nlohmann::json(*query.perimeters).dump() : std::string("[]");
  {
    auto count = db->Prepare("SELECT COUNT(*) FROM offers WHERE " + where);
    if (query.perimeters) count.Bind(1, perimeters);
    if (count.Step()) page.total = static_cast<std::size_t>(count.Int(0));
  }
  auto q = db->Prepare("SELECT document, closed_at, published_at FROM offers WHERE " + where +
                       " ORDER BY name, slug LIMIT ?2 OFFSET ?3");
  if (query.perimeters) q.Bind(1, perimeters);
  q.Bind(2, static_cast<std::int64_t>(query.limit)).Bind(3, static_cast<std::int64_t>(query.offset));
  while (q.Step()) {
    page.offers.push_back(OfferFromDocument(q.Text(0)));
    page.offers.back().closed_at = q.Text(1);
    page.offers.back().published_at = q.Text(2);
  }
  return page;
}

std::size_t SqliteStore::CountOffers() {
  auto db = pool_.Acquire();
  auto q = db->Prepare("SELECT COUNT(*) FROM offers WHERE status = 'published'");
  return q.Step() ? static_cast<std::size_t>(q.Int(0)) : 0;
}

Result<catalogue::ImportReport> SqliteStore::ImportOffers(const std::vector<Offer>& batch) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  catalogue::ImportReport report;
  const std::string now = NowUtc();
  auto existing = db->Prepare("SELECT document, edited_in_app FROM offers WHERE slug = ?");
  auto insert = db->Prepare(
      "INSERT INTO offers (slug, name, perimeter_id, status, document, imported_document,"
      " edited_in_app, created_at, updated_at, submission_deadline, published_at)"
      " VALUES (?, ?, ?, 'published', ?, ?, 0, ?, ?, ?, ?)");
  auto update = db->Prepare(
      "UPDATE offers SET name = ?, perimeter_id = ?, document = ?, imported_document = ?,"
      " updated_at = ?, submission_deadline = ?, closed_at = NULL WHERE slug = ?");
  std::set<std::string> slugs;
  for (const Offer& offer : batch) {
    slugs.insert(offer.slug);
    const std::string document = OfferDocument(offer);
    existing.Bind(1, offer.slug);
    if (!existing.Step()) {
      existing.Reset();
      insert.Bind(1, offer.slug).Bind(2, offer.name).BindTextOrNull(3, offer.perimeter)
          .Bind(4, document).Bind(5, document).Bind(6, now).Bind(7, now)
          .BindTextOrNull(8, offer.submission_deadline).Bind(9, now);
      insert.Run();
      RecordChange(*db, offer.slug, now);
      ++report.created;
      continue;
    }
    const std::string stored = existing.Text(0);
    const bool edited = existing.Int(1) != 0;
    existing.Reset();
    if (edited) {
      report.kept_app_edits.push_back(offer.slug);
    } else if (stored == document) {
      ++report.unchanged;
    } else {
      update.Bind(1, offer.name).BindTextOrNull(2, offer.perimeter).Bind(3, document)
          .Bind(4, document).Bind(5, now).BindTextOrNull(6, offer.submission_deadline).Bind(7, offer.slug);
      update.Run();
      RecordChange(*db, offer.slug, now);
      ++report.updated;
    }
  }
  auto all = db->Prepare("SELECT slug FROM offers ORDER BY slug");
  while (all.Step()) {
    if (!slugs.count(all.Text(0))) report.not_in_files.push_back(all.Text(0));
  }
  tx.Commit();
  return report;
}

Status SqliteStore::SaveOfferEdit(const Offer& offer) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  const std::string now = NowUtc();
  auto q = db->Prepare(
      "UPDATE offers SET name = ?, perimeter_id = ?, document = ?, edited_in_app = 1,"
      " updated_at = ?, submission_deadline = ?, closed_at = NULL WHERE slug = ?");
  q.Bind(1, offer.name).BindTextOrNull(2, offer.perimeter).Bind(3, OfferDocument(offer))
      .Bind(4, now).BindTextOrNull(5, offer.submission_deadline).Bind(6, offer.slug);
  q.Run();
  if (sqlite3_changes(db->handle()) == 0) return NotFound("Aucune offre « " + offer.slug + " ».");
  RecordChange(*db, offer.slug, now);
  tx.Commit();
  return Ok();
}

std::vector<std::string> SqliteStore::CloseOffersPastDeadline(std::string_view today, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto q = db->Prepare(
      "UPDATE offers SET closed_at = ?1, updated_at = ?1 WHERE closed_at IS NULL"
      " AND submission_deadline IS NOT NULL AND submission_deadline < ?2 RETURNING slug");
  q.Bind(1, now).Bind(2, today);
  std::vector<std::string> closed;
  while (q.Step()) closed.push_back(q.Text(0));
  q.Reset();
  for (const std::string& slug : closed) RecordChange(*db, slug, now);
  tx.Commit();
  std::sort(closed.begin(), closed.end());
  return closed;
}

namespace {

constexpr const char* kWorkflowSelect =
    "SELECT document, closed_at, published_at, status, edited_in_app, updated_at FROM offers";

catalogue::OfferInWorkflow ReadWorkflow(const Statement& q) {
  catalogue::OfferInWorkflow row;
  row.offer = OfferFromDocument(q.Text(0));
  row.offer.closed_at = q.Text(1);
  row.offer.published_at = q.Text(2);
  row.status = q.Text(3);
  row.edited_in_app = q.Int(4) != 0;
  row.updated_at = q.Text(5);
  return row;
}

}  // namespace

std::vector<catalogue::OfferInWorkflow> SqliteStore::ListOffersInWorkflow() {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string(kWorkflowSelect) +
                       " ORDER BY CASE status WHEN 'review' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END, name, slug");
  std::vector<catalogue::OfferInWorkflow> rows;
  while (q.Step()) rows.push_back(ReadWorkflow(q));
  return rows;
}

std::optional<catalogue::OfferInWorkflow> SqliteStore::FindOfferInWorkflow(const std::string& slug) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string(kWorkflowSelect) + " WHERE slug = ?");
  q.Bind(1, slug);
  if (!q.Step()) return std::nullopt;
  return ReadWorkflow(q);
}

Status SqliteStore::MoveOffer(const std::string& slug, std::string_view from, std::string_view to,
                              std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto current = db->Prepare("SELECT status FROM offers WHERE slug = ?");
  current.Bind(1, slug);
  if (!current.Step()) return NotFound("Aucune offre « " + slug + " ».");
  if (current.Text(0) != from) {
    return Error{"conflict", "L'offre a changé d'état entre-temps : rechargez la page.", "status"};
  }
  current.Reset();
  db->Prepare(
        "UPDATE offers SET status = ?1, updated_at = ?2,"
        " published_at = CASE WHEN ?1 = 'published' THEN ?2 ELSE published_at END WHERE slug = ?3")
      .Bind(1, to)
      .Bind(2, now)
      .Bind(3, slug)
      .Run();
  RecordChange(*db, slug, now);
  tx.Commit();
  return Ok();
}

}  // namespace boussole::storage::sqlite
