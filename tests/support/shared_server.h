#pragma once
// A fixture whose tests share one server over a private copy of the reference database.
// A failed start fails every test of the suite (GoogleTest would otherwise report the
// tests of a suite whose SetUpTestSuite threw as skipped).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "support/database.h"

namespace boussole::testing {

template <typename Suite>
class SharedServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    try {
      dir_ = std::make_unique<TempDir>();
      db_ = std::make_unique<TestDatabase>(TestDatabase::Reference(*dir_));
      server_ = std::make_unique<ServerProcess>(db_->url());
    } catch (const std::exception& e) {
      setup_error_ = e.what();
    }
  }
  static void TearDownTestSuite() {
    server_.reset();
    db_.reset();
    dir_.reset();
  }
  void SetUp() override { ASSERT_TRUE(setup_error_.empty()) << "server did not start: " << setup_error_; }

  static int port() { return server_->port(); }
  static ServerProcess& server() { return *server_; }
  static std::string database_url() { return db_->url(); }

 private:
  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<TestDatabase> db_;
  static inline std::unique_ptr<ServerProcess> server_;
  static inline std::string setup_error_;
};

}  // namespace boussole::testing
