#pragma once
// The scale backend: PostgreSQL through libpqxx, shared by several stateless servers.
#include <string>

#include "storage/postgres/pg_pool.h"
#include "storage/store.h"

namespace boussole::storage::postgres {

class PgStore final : public Store {
 public:
  //! Connects and applies pending migrations under an advisory lock, so that servers
  //! starting together do not race. Throws pqxx::broken_connection when unreachable and
  //! std::runtime_error when the database is newer than this binary.
  PgStore(const std::string& url, std::size_t pool_size);

  std::string_view Backend() const override { return "postgresql"; }
  int SchemaVersion() override;
  int LatestSchemaVersion() const override;
  Status Ping() override;
  PoolStats PoolUsage() override { return pool_.Stats(); }
  std::optional<std::string> ImportFingerprint(std::string_view name) override;

  // territories::TerritoryRepository (pg_territories.cpp)
  std::optional<territories::Territory> FindTerritory(const territories::TerritoryId& id) override;
  std::vector<territories::Territory> SearchTerritories(std::string_view folded_query,
                                                        std::size_t limit) override;
  std::vector<territories::Territory> Parents(const territories::TerritoryId& id) override;
  std::vector<territories::Territory> Children(const territories::TerritoryId& id,
                                               territories::Kind kind,
                                               std::size_t limit) override;
  std::size_t CountChildren(const territories::TerritoryId& id, territories::Kind kind) override;
  std::vector<territories::TerritoryId> Ancestors(const territories::TerritoryId& id) override;
  territories::Counts CountTerritories() override;
  Status ReplaceTerritories(const territories::Snapshot& snapshot, std::string_view fingerprint,
                            const territories::ProgressFn& progress) override;

  // catalogue::OfferRepository (pg_offers.cpp)
  std::optional<catalogue::Offer> FindOffer(const std::string& slug) override;
  catalogue::OfferPage ListOffers(const catalogue::OfferQuery& query) override;
  std::size_t CountOffers() override;
  Result<catalogue::ImportReport> ImportOffers(const std::vector<catalogue::Offer>& batch) override;
  Status SaveOfferEdit(const catalogue::Offer& offer) override;

 private:
  void Migrate();

  PgPool pool_;
};

}  // namespace boussole::storage::postgres
