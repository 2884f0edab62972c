#include <gtest/gtest.h>

#include "store_fixture.h"

namespace boussole::testing {
namespace {

class FileStoreRepositoryTest : public StoreTest {};

TEST_P(FileStoreRepositoryTest, RecordsAndFindsFiles) {
  files::FileRecord file;
  file.sha256 = std::string(64, 'a');
  file.size = 1234;
  file.content_type = "application/pdf";
  file.original_name = "plan guide.pdf";
  const auto first = store_->AddFile(file, "2026-01-02T03:04:05Z");
  EXPECT_GT(first.id, 0);
  EXPECT_EQ(first.uploaded_at, "2026-01-02T03:04:05Z");
  EXPECT_EQ(first.uploaded_by, 0);
  // The same bytes uploaded again get their own row.
  const auto second = store_->AddFile(file, "2026-01-02T03:04:06Z");
  EXPECT_NE(second.id, first.id);
  auto found = Reopen()->FindFile(first.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->sha256, file.sha256);
  EXPECT_EQ(found->size, 1234);
  EXPECT_EQ(found->content_type, "application/pdf");
  EXPECT_EQ(found->original_name, "plan guide.pdf");
  EXPECT_FALSE(store_->FindFile(second.id + 100));
}

INSTANTIATE_TEST_SUITE_P(Backends, FileStoreRepositoryTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
