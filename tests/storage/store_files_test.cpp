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

// A file uploaded with a request's event is recorded in the event's transaction: with the
// event, or not at all (a refused transition leaves no file row behind).
TEST_P(FileStoreRepositoryTest, AFileUploadedWithARequestEventIsRecordedInItsTransaction) {
  const auto organisation = store_->CreateOrganisation(
      {organisations::Kind::kCollectivite, "Joinville", territories::TerritoryId{territories::Kind::kCommune, "52250"}},
      "2026-01-02T03:04:05Z");
  requests::Request request;
  request.workflow = "anct";
  request.organisation_id = organisation.id;
  request.territory = "commune:52250";
  request.departement = "departement:52";
  request.title = "Un plan guide";
  request.state = "brouillon";
  const auto created = store_->CreateRequest(request, "2026-01-02T03:04:05Z");
  files::FileRecord file;
  file.sha256 = std::string(64, 'b');
  file.size = 99;
  file.content_type = "application/pdf";
  file.original_name = "plan.pdf";

  requests::RequestEvent attached;
  attached.request_id = created.id;
  attached.kind = "file";
  attached.text = "Le plan";
  attached.new_file = file;
  store_->AppendRequestEvent(attached, "2026-01-02T03:04:06Z");
  const auto trail = Reopen()->TrailOf(created.id);
  ASSERT_EQ(trail.size(), 2u);
  ASSERT_TRUE(trail[1].file_id);
  const auto recorded = store_->FindFile(*trail[1].file_id);
  ASSERT_TRUE(recorded);
  EXPECT_EQ(recorded->sha256, file.sha256);
  EXPECT_EQ(recorded->original_name, "plan.pdf");
  EXPECT_EQ(recorded->uploaded_at, "2026-01-02T03:04:06Z");

  // A transition on a stale version is refused: neither its event nor its file is recorded.
  requests::RequestEvent refused;
  refused.request_id = created.id;
  refused.kind = "transition";
  refused.transition = "deposer";
  refused.from_state = "brouillon";
  refused.to_state = "deposee";
  file.sha256 = std::string(64, 'c');
  refused.new_file = file;
  EXPECT_FALSE(store_->ApplyTransition(created.version + 1, refused, std::nullopt, "2026-01-02T03:04:07Z"));
  EXPECT_EQ(store_->TrailOf(created.id).size(), 2u);
  EXPECT_FALSE(store_->FindFile(*trail[1].file_id + 1));
  // On the right version, both.
  EXPECT_TRUE(store_->ApplyTransition(created.version, refused, std::nullopt, "2026-01-02T03:04:08Z"));
  const auto moved = store_->TrailOf(created.id);
  ASSERT_EQ(moved.size(), 3u);
  ASSERT_TRUE(moved[2].file_id);
  EXPECT_EQ(store_->FindFile(*moved[2].file_id)->sha256, std::string(64, 'c'));
}

INSTANTIATE_TEST_SUITE_P(Backends, FileStoreRepositoryTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
