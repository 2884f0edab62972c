#pragma once
// A fresh, empty store of each backend for every test.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/store.h"
#include "support/database.h"

namespace boussole::testing {

//! The backends under test, by name: "sqlite" and "postgresql".
std::vector<std::string> StoreBackends();

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  //! Opens another store on the same database (another connection pool, as another server).
  std::unique_ptr<storage::Store> Reopen();

  TempDir dir_;
  std::optional<TestDatabase> database_;
  std::string url_;
  std::unique_ptr<storage::Store> store_;
};

//! A tiny hierarchy: France > région 84 > départements 01 and 73 > communes, one EPCI
//! straddling both départements.
territories::Snapshot SmallSnapshot();

catalogue::Offer MakeOffer(const std::string& slug, const std::string& name, const std::string& perimeter);

}  // namespace boussole::testing
