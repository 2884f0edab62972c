#include "files/file_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "files/upload.h"
#include "zip_fixture.h"

namespace boussole::files {
namespace {

namespace fs = std::filesystem;

class FileStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("boussole-files-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(FileStoreTest, Sha256OfKnownText) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(FileStoreTest, StoresUnderTheChecksumAndReadsBack) {
  FileStore store(root_);
  const std::string pdf = testing::PdfBytes("Plan guide");
  auto blob = store.Put(pdf);
  ASSERT_TRUE(blob.ok()) << blob.error().message;
  EXPECT_EQ(blob.value().sha256, Sha256Hex(pdf));
  EXPECT_EQ(blob.value().size, pdf.size());
  EXPECT_EQ(blob.value().type, FileType::kPdf);
  EXPECT_EQ(store.PathOf(blob.value().sha256), root_ / blob.value().sha256.substr(0, 2) / blob.value().sha256);
  EXPECT_TRUE(fs::exists(store.PathOf(blob.value().sha256)));
  EXPECT_EQ(store.Read(blob.value().sha256).value(), pdf);
  // Another store on the same folder (another server) reads it too.
  EXPECT_EQ(FileStore(root_).Read(blob.value().sha256).value(), pdf);
  // No temporary file is left behind.
  for (const auto& entry : fs::recursive_directory_iterator(root_)) {
    EXPECT_EQ(entry.path().filename().string().rfind(".tmp-", 0), std::string::npos) << entry.path();
  }
}

TEST_F(FileStoreTest, RefusedBytesAreNotStored) {
  FileStore store(root_);
  auto blob = store.Put(testing::ElfBytes());
  ASSERT_FALSE(blob.ok());
  EXPECT_NE(blob.error().message.find("exécutable"), std::string::npos);
  EXPECT_TRUE(fs::is_empty(root_));
}

TEST_F(FileStoreTest, ReadRefusesBadNamesAndCorruptContent) {
  FileStore store(root_);
  EXPECT_EQ(store.Read("../../etc/passwd").error().code, "not_found");
  EXPECT_EQ(store.Read(std::string(64, 'a')).error().code, "not_found");
  const std::string png = testing::PngBytes();
  const std::string sha = store.Put(png).value().sha256;
  std::ofstream(store.PathOf(sha), std::ios::binary | std::ios::trunc) << "corrompu";
  EXPECT_EQ(store.Read(sha).error().code, "not_found");
}

TEST_F(FileStoreTest, ConcurrentWritersOfTheSameBytesAgree) {
  FileStore store(root_);
  const std::string docx = testing::DocxBytes();
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) threads.emplace_back([&] { EXPECT_TRUE(store.Put(docx).ok()); });
  for (auto& t : threads) t.join();
  const std::string sha = Sha256Hex(docx);
  EXPECT_EQ(store.Read(sha).value(), docx);
  std::size_t entries = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root_)) entries += entry.is_regular_file() ? 1 : 0;
  EXPECT_EQ(entries, 1u);
}

TEST(CleanFileName, KeepsTheNameOnly) {
  EXPECT_EQ(CleanFileName("C:\\Users\\maire\\plan guide.pdf"), "plan guide.pdf");
  EXPECT_EQ(CleanFileName("../../etc/passwd"), "passwd");
  EXPECT_EQ(CleanFileName("a\r\nb\"c.pdf"), "abc.pdf");
  EXPECT_EQ(CleanFileName(".."), "fichier");
  EXPECT_EQ(CleanFileName(""), "fichier");
  std::string long_name(150, 'a');
  for (int i = 0; i < 30; ++i) long_name += "é";
  const std::string cut = CleanFileName(long_name);
  EXPECT_EQ(cut.size(), 200u);
  EXPECT_EQ(cut.substr(198), "é");
}

}  // namespace
}  // namespace boussole::files
