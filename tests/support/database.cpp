#include "support/database.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sqlite3.h>
#include <random>
#include <stdexcept>
#include <unistd.h>

namespace boussole::testing {
namespace fs = std::filesystem;

namespace {

std::string UniqueName() {
  static std::atomic<int> counter{0};
  std::random_device random;
  return "test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(random() % 1000000);
}

std::string DatabaseUrl(const std::string& name) {
  std::string admin = PostgresAdminUrl();
  return admin.substr(0, admin.rfind('/') + 1) + name;
}

void AdminExec(const std::string& sql) {
  pqxx::connection admin(PostgresAdminUrl());
  pqxx::nontransaction tx(admin);
  tx.exec(sql);
}

}  // namespace

std::string TestBackend() {
  const char* backend = std::getenv("BOUSSOLE_TEST_BACKEND");
  return backend && *backend ? backend : "sqlite";
}

std::string PostgresAdminUrl() {
  std::ifstream in(fs::path(BOUSSOLE_TEST_DATA_DIR) / "postgres.url");
  std::string url;
  if (!(in >> url)) {
    throw std::runtime_error("no PostgreSQL test cluster (" BOUSSOLE_TEST_DATA_DIR
                             "/postgres.url missing): run the tests through ctest");
  }
  return url;
}

std::string QueryRows(const std::string& url, const std::string& sql) {
  std::string out;
  if (url.rfind("sqlite://", 0) == 0) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(url.substr(9).c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      sqlite3_close(db);
      throw std::runtime_error("cannot open " + url);
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      std::string message = sqlite3_errmsg(db);
      sqlite3_close(db);
      throw std::runtime_error(message);
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const auto* text = sqlite3_column_text(stmt, i);
        out += (i ? "|" : "") + std::string(text ? reinterpret_cast<const char*>(text) : "");
      }
      out += "\n";
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
  }
  pqxx::connection connection(url);
  pqxx::nontransaction tx(connection);
  for (const auto& row : tx.exec(sql)) {
    bool first = true;
    for (const auto& field : row) {
      out += (first ? "" : "|") + (field.is_null() ? std::string() : field.as<std::string>());
      first = false;
    }
    out += "\n";
  }
  return out;
}

void ExecSql(const std::string& url, const std::string& sql) {
  if (url.rfind("sqlite://", 0) == 0) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(url.substr(9).c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      sqlite3_close(db);
      throw std::runtime_error("cannot open " + url);
    }
    sqlite3_busy_timeout(db, 5000);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error(message);
    return;
  }
  pqxx::connection connection(url);
  pqxx::work tx(connection);
  tx.exec(sql);
  tx.commit();
}

TestDatabase TestDatabase::Empty(const TempDir& dir, std::string backend) {
  if (backend.empty()) backend = TestBackend();
  if (backend == "sqlite") return TestDatabase("sqlite://" + (dir.path() / (UniqueName() + ".db")).string(), "");
  if (backend != "postgresql") throw std::invalid_argument("unknown test backend " + backend);
  const std::string name = UniqueName();
  AdminExec("CREATE DATABASE " + name);
  return TestDatabase(DatabaseUrl(name), name);
}

TestDatabase TestDatabase::Reference(const TempDir& dir, std::string backend) {
  if (backend.empty()) backend = TestBackend();
  if (backend == "sqlite") return TestDatabase(CopyReferenceDatabase(dir), "");
  if (backend != "postgresql") throw std::invalid_argument("unknown test backend " + backend);
  const std::string name = UniqueName();
  // FILE_COPY copies the template's files (0.14 s for its 36 MB); PostgreSQL 15's default,
  // WAL_LOG, writes every page through the write-ahead log (0.35 to 0.46 s), and every HTTP
  // journey on PostgreSQL starts with this copy.
  AdminExec("CREATE DATABASE " + name + " TEMPLATE boussole_reference STRATEGY = FILE_COPY");
  return TestDatabase(DatabaseUrl(name), name);
}

TestDatabase::TestDatabase(TestDatabase&& other) noexcept
    : url_(std::move(other.url_)), postgres_name_(std::move(other.postgres_name_)) {
  other.postgres_name_.clear();
}

TestDatabase::~TestDatabase() {
  if (postgres_name_.empty()) return;
  try {
    AdminExec("DROP DATABASE IF EXISTS " + postgres_name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The cluster is thrown away at the end of the run anyway.
  }
}

}  // namespace boussole::testing
