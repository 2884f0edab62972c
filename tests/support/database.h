#pragma once
// Databases for tests, on the backend named by BOUSSOLE_TEST_BACKEND ("sqlite", the
// default, or "postgresql"). PostgreSQL databases live in the throwaway cluster that the
// CTest fixture `postgres` starts; without it, tests fail: they are never skipped.
#include <string>

#include "support/process.h"

namespace boussole::testing {

//! "sqlite" or "postgresql".
std::string TestBackend();

//! The admin URL of the test cluster (from the fixture's postgres.url). Throws if absent.
std::string PostgresAdminUrl();

//! Runs a read query directly on a database of either backend (sqlite:// or postgresql://)
//! and returns the rows, one per line, columns separated by '|', NULL as "".
std::string QueryRows(const std::string& url, const std::string& sql);
//! Runs a writing statement directly on a database of either backend (to age a session,
//! for instance). Throws on failure.
void ExecSql(const std::string& url, const std::string& sql);

class TestDatabase {
 public:
  //! An empty database of `backend` ("" = TestBackend()); SQLite files go under `dir`.
  static TestDatabase Empty(const TempDir& dir, std::string backend = "");
  //! A private copy of the reference database (real territories and catalogue).
  static TestDatabase Reference(const TempDir& dir, std::string backend = "");

  TestDatabase(TestDatabase&& other) noexcept;
  TestDatabase& operator=(TestDatabase&&) = delete;
  ~TestDatabase();

  const std::string& url() const { return url_; }

 private:
  TestDatabase(std::string url, std::string postgres_name) : url_(std::move(url)), postgres_name_(std::move(postgres_name)) {}
  std::string url_;
  std::string postgres_name_;  //!< database to drop at the end; "" for SQLite
};

}  // namespace boussole::testing
