// The catalogue part of PgStore.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/clock.h"
#include "storage/postgres/pg_store.h"
#include "storage/shared_sql.h"

namespace boussole::storage::postgres {
namespace {

using catalogue::Offer;

// NOTIFY is delivered at commit, so listeners never see a change before it is visible.
void RecordChange(pqxx::work& tx, const std::string& slug, const std::string& now) {
  tx.exec_params("INSERT INTO change_log (topic, subject, changed_at) VALUES ('offers', $1, $2)", slug, now);
  tx.exec("SELECT pg_notify('boussole_changes', 'offers')");
}

// NULL for offers without perimeter, as in the SQLite backend.
constexpr const char* kPerimeter = "NULLIF($3, '')";

}  // namespace

std::optional<Offer> PgStore::FindOffer(const std::string& slug) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(
      "SELECT document, closed_at, published_at FROM offers WHERE slug = $1 AND status = 'published'", slug);
  if (rows.empty()) return std::nullopt;
  Offer offer = OfferFromDocument(rows[0][0].as<std::string>());
  offer.closed_at = rows[0][1].is_null() ? "" : rows[0][1].as<std::string>();
  offer.published_at = rows[0][2].is_null() ? "" : rows[0][2].as<std::string>();
  return offer;
}

catalogue::OfferPage PgStore::ListOffers(const catalogue::OfferQuery& query) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  // $1 is '' when no perimeter filter applies, else a JSON array of typed ids.
  const std::string where =
      " WHERE status = 'published' AND ($1 = '' OR perimeter_id IN"
      " (SELECT json_array_elements_text(NULLIF($1, '')::json)))";
  const std::string perimeters = query.perimeters ? nlohmann::json(*query.perimeters).dump() : std::string();
  catalogue::OfferPage page;
  page.total = tx.exec_params("SELECT COUNT(*) FROM offers" + where, perimeters)[0][0].as<std::size_t>();
  for (const auto& row :
       tx.exec_params("SELECT document, closed_at, published_at FROM offers" + where +
                          " ORDER BY name COLLATE \"C\", slug COLLATE \"C\" LIMIT $2 OFFSET $3",
                      perimeters, static_cast<long>(query.limit), static_cast<long>(query.offset))) {
    page.offers.push_back(OfferFromDocument(row[0].as<std::string>()));
    page.offers.back().closed_at = row[1].is_null() ? "" : row[1].as<std::string>();
    page.offers.back().published_at = row[2].is_null() ? "" : row[2].as<std::string>();
  }
  return page;
}

std::size_t PgStore::CountOffers() {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  return tx.exec("SELECT COUNT(*) FROM offers WHERE status = 'published'")[0][0].as<std::size_t>();
}

Result<catalogue::ImportReport> PgStore::ImportOffers(const std::vector<Offer>& batch) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  // Two concurrent imports would both see "absent" and insert: serialise them.
  tx.exec("LOCK TABLE offers IN SHARE ROW EXCLUSIVE MODE");
  catalogue::ImportReport report;
  const std::string now = NowUtc();
  std::set<std::string> slugs;
  for (const Offer& offer : batch) {
    slugs.insert(offer.slug);
    const std::string document = OfferDocument(offer);
    auto existing = tx.exec_params("SELECT document, edited_in_app FROM offers WHERE slug = $1", offer.slug);
    if (existing.empty()) {
      tx.exec_params(std::string("INSERT INTO offers (slug, name, perimeter_id, status, document, imported_document,"
                                 " edited_in_app, created_at, updated_at, submission_deadline, published_at) VALUES ($1, $2, ") +
                         kPerimeter + ", 'published', $4, $4, 0, $5, $5, NULLIF($6, ''), $5)",
                     offer.slug, offer.name, offer.perimeter, document, now, offer.submission_deadline);
      RecordChange(tx, offer.slug, now);
      ++report.created;
    } else if (existing[0][1].as<int>() != 0) {
      report.kept_app_edits.push_back(offer.slug);
    } else if (existing[0][0].as<std::string>() == document) {
      ++report.unchanged;
    } else {
      tx.exec_params(std::string("UPDATE offers SET name = $2, perimeter_id = ") + kPerimeter +
                         ", document = $4, imported_document = $4, updated_at = $5,"
                         " submission_deadline = NULLIF($6, ''), closed_at = NULL WHERE slug = $1",
                     offer.slug, offer.name, offer.perimeter, document, now, offer.submission_deadline);
      RecordChange(tx, offer.slug, now);
      ++report.updated;
    }
  }
  for (const auto& row : tx.exec("SELECT slug FROM offers ORDER BY slug COLLATE \"C\"")) {
    if (!slugs.count(row[0].as<std::string>())) report.not_in_files.push_back(row[0].as<std::string>());
  }
  tx.commit();
  pqxx::nontransaction analyze(*db);
  analyze.exec("ANALYZE offers");
  return report;
}

Status PgStore::SaveOfferEdit(const Offer& offer) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  const std::string now = NowUtc();
  auto changed = tx.exec_params(std::string("UPDATE offers SET name = $2, perimeter_id = ") + kPerimeter +
                                    ", document = $4, edited_in_app = 1, updated_at = $5,"
                                    " submission_deadline = NULLIF($6, ''), closed_at = NULL WHERE slug = $1",
                                offer.slug, offer.name, offer.perimeter, OfferDocument(offer), now,
                                offer.submission_deadline);
  if (changed.affected_rows() == 0) return NotFound("Aucune offre « " + offer.slug + " ».");
  RecordChange(tx, offer.slug, now);
  tx.commit();
  return Ok();
}

std::vector<std::string> PgStore::CloseOffersPastDeadline(std::string_view today, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  std::vector<std::string> closed;
  for (const auto& row : tx.exec_params(
           "UPDATE offers SET closed_at = $1, updated_at = $1 WHERE closed_at IS NULL"
           " AND submission_deadline IS NOT NULL AND submission_deadline < $2 RETURNING slug",
           std::string(now), std::string(today))) {
    closed.push_back(row[0].as<std::string>());
  }
  for (const std::string& slug : closed) RecordChange(tx, slug, std::string(now));
  tx.commit();
  std::sort(closed.begin(), closed.end());
  return closed;
}

namespace {

constexpr const char* kWorkflowSelect =
    "SELECT document, closed_at, published_at, status, edited_in_app, updated_at FROM offers";

catalogue::OfferInWorkflow ReadWorkflow(const pqxx::row& r) {
  catalogue::OfferInWorkflow row;
  row.offer = OfferFromDocument(r[0].as<std::string>());
  row.offer.closed_at = r[1].is_null() ? "" : r[1].as<std::string>();
  row.offer.published_at = r[2].is_null() ? "" : r[2].as<std::string>();
  row.status = r[3].as<std::string>();
  row.edited_in_app = r[4].as<int>() != 0;
  row.updated_at = r[5].as<std::string>();
  return row;
}

}  // namespace

std::vector<catalogue::OfferInWorkflow> PgStore::ListOffersInWorkflow() {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<catalogue::OfferInWorkflow> rows;
  for (const auto& r : tx.exec(std::string(kWorkflowSelect) +
                               " ORDER BY CASE status WHEN 'review' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END,"
                               " name COLLATE \"C\", slug COLLATE \"C\"")) {
    rows.push_back(ReadWorkflow(r));
  }
  return rows;
}

std::optional<catalogue::OfferInWorkflow> PgStore::FindOfferInWorkflow(const std::string& slug) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string(kWorkflowSelect) + " WHERE slug = $1", slug);
  if (rows.empty()) return std::nullopt;
  return ReadWorkflow(rows[0]);
}

Status PgStore::MoveOffer(const std::string& slug, std::string_view from, std::string_view to, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto current = tx.exec_params("SELECT status FROM offers WHERE slug = $1 FOR UPDATE", slug);
  if (current.empty()) return NotFound("Aucune offre « " + slug + " ».");
  if (current[0][0].as<std::string>() != from) {
    return Error{"conflict", "L'offre a changé d'état entre-temps : rechargez la page.", "status"};
  }
  const std::string at(now);
  tx.exec_params(
      "UPDATE offers SET status = $1, updated_at = $2,"
      " published_at = CASE WHEN $1 = 'published' THEN $2 ELSE published_at END WHERE slug = $3",
      std::string(to), at, slug);
  RecordChange(tx, slug, at);
  tx.commit();
  return Ok();
}

}  // namespace boussole::storage::postgres

