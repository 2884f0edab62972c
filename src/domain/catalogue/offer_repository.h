#pragma once
// What the catalogue needs from storage. Implemented by every Store backend.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/catalogue/offer.h"

namespace boussole::catalogue {

struct OfferQuery {
  //! When set, only offers whose perimeter is one of these typed ids.
  std::optional<std::vector<std::string>> perimeters;
  std::size_t offset = 0;
  std::size_t limit = 20;
};

struct OfferPage {
  std::vector<Offer> offers;  //!< ordered by name, then slug (a stable order for paging)
  std::size_t total = 0;      //!< matching offers, all pages
};

struct ImportReport {
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  //! Offers edited in the application since their last import: left as they are.
  std::vector<std::string> kept_app_edits;
  //! Stored offers that no file describes any more: kept, reported.
  std::vector<std::string> not_in_files;
};

//! An offer as the publication workflow sees it: any status.
struct OfferInWorkflow {
  Offer offer;
  std::string status;      //!< "draft", "review", "published"
  bool edited_in_app = false;
  std::string updated_at;
};

class OfferRepository {
 public:
  virtual ~OfferRepository() = default;

  //! The published offer with this slug, or nullopt.
  virtual std::optional<Offer> FindOffer(const std::string& slug) = 0;
  virtual OfferPage ListOffers(const OfferQuery& query) = 0;
  virtual std::size_t CountOffers() = 0;

  //! Upserts the batch by slug in one transaction, as published offers. An offer edited in
  //! the application since its last import is not overwritten: it is reported instead.
  virtual Result<ImportReport> ImportOffers(const std::vector<Offer>& batch) = 0;

  //! Records an edit of an existing offer made in the application (not by the importer).
  //! Fails with not_found when no offer has this slug.
  virtual Status SaveOfferEdit(const Offer& offer) = 0;

  //! Every offer whatever its status, drafts and reviews first, then by name.
  virtual std::vector<OfferInWorkflow> ListOffersInWorkflow() = 0;
  virtual std::optional<OfferInWorkflow> FindOfferInWorkflow(const std::string& slug) = 0;
  //! Moves an offer from `from` to `to` (the caller checks CanMove); "conflict" when its
  //! status is no longer `from` (someone else moved it), "not_found" without such offer.
  //! Publishing sets published_at. Recorded in the change feed: the search follows.
  virtual Status MoveOffer(const std::string& slug, std::string_view from, std::string_view to,
                           std::string_view now) = 0;

  //! Marks as closed (closed_at = `now`) the open offers whose submission deadline is
  //! before `today` (YYYY-MM-DD). Returns the slugs closed. Idempotent.
  virtual std::vector<std::string> CloseOffersPastDeadline(std::string_view today, std::string_view now) = 0;
};

}  // namespace boussole::catalogue
