// `boussole backup` and `boussole restore`, run as an operator runs them, on the backend of
// the run: an instance filled through HTTP (offers of the reference, a project, a request
// with comments and a file) is backed up, restored into an empty instance, and gives the
// same `boussole dump` and the same attachments; a damaged backup or a non-empty target is
// refused in French and nothing changes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "integration/instance_writes.h"
#include "support/database.h"

namespace boussole::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The dump without its header line (which names the backend and the time).
std::string DumpAfterHeader(const std::string& url, const fs::path& to) {
  CommandResult r = RunBoussole({"--database", url, "dump", "--to", to.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string text = ReadText(to);
  return text.substr(text.find('\n') + 1);
}

// "" when equal, else the first line that differs (dumps are megabytes: never print them).
std::string FirstDifference(const std::string& a, const std::string& b) {
  std::istringstream ia(a), ib(b);
  std::string la, lb;
  for (int line = 2;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(ia, la)), more_b = static_cast<bool>(std::getline(ib, lb));
    if (!more_a && !more_b) return "";
    if (!more_a) la = "<absent>";
    if (!more_b) lb = "<absent>";
    if (la != lb) return "line " + std::to_string(line) + ":\n  " + la.substr(0, 300) + "\n  " + lb.substr(0, 300);
  }
}

// Relative path -> bytes of every file under `dir`.
std::map<std::string, std::string> FilesUnder(const fs::path& dir) {
  std::map<std::string, std::string> files;
  if (!fs::exists(dir)) return files;
  for (const auto& item : fs::recursive_directory_iterator(dir)) {
    if (item.is_regular_file()) files[fs::relative(item.path(), dir).generic_string()] = ReadText(item.path());
  }
  return files;
}

CommandResult Backup(const std::string& url, const fs::path& files, const fs::path& to) {
  return RunBoussole({"--database", url, "--files-dir", files.string(), "backup", "--to", to.string()});
}

CommandResult Restore(const std::string& url, const fs::path& files, const fs::path& from) {
  return RunBoussole({"--database", url, "--files-dir", files.string(), "restore", "--from", from.string()});
}

// An instance of the reference, filled through HTTP by a member of Joinville.
class BackupRestore : public ::testing::Test {
 protected:
  void SetUp() override {
    files_ = source_dir_.path() / "fichiers";
    ServerProcess server(source_.url(), {{"BOUSSOLE_SMTP_URL", sink_.url()}, {"BOUSSOLE_FILES_DIR", files_.string()}});
    const std::int64_t commune = CreateCommune(source_.url(), "Commune de Joinville");
    FormBrowser maire = SignedInMember(server.port(), source_.url(), "maire@example.fr", commune);
    ASSERT_EQ(CreateProject(maire, commune, "Revitalisation du centre-bourg").status, 303);
    const WriteResult request = CreateRequest(maire, commune, "Un plan guide pour le centre-bourg");
    ASSERT_TRUE(request.acknowledged());
    request_ = request.id;
    ASSERT_EQ(AddComment(maire, request_, "Première question : le calendrier ?").status, 303);
    ASSERT_EQ(SubmitRequest(maire, request_).status, 303);
    ASSERT_EQ(AttachFile(maire, request_, "plan-guide.pdf", "Le plan guide", UniquePdf("plan guide")).status, 303);
    ASSERT_EQ(AttachFile(maire, request_, "annexe.pdf", "Une annexe", UniquePdf("annexe")).status, 303);
    ASSERT_EQ(AddComment(maire, request_, "Deuxième remarque, accentuée : « éèàç »").status, 303);
    cookies_ = maire;
    // Stopped, so that the dump compared below is the state that was backed up.
    ASSERT_EQ(server.Stop(), 0);
  }

  SmtpSink sink_;
  TempDir source_dir_;
  TestDatabase source_ = TestDatabase::Reference(source_dir_);
  fs::path files_;
  std::int64_t request_ = 0;
  std::optional<FormBrowser> cookies_;
  TempDir work_;
};

TEST_F(BackupRestore, RestoringIntoAnEmptyInstanceGivesTheSameDumpAndTheSameFiles) {
  const fs::path backup = work_.path() / "sauvegarde";
  CommandResult made = Backup(source_.url(), files_, backup);
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_NE(made.out.find("2 fichier(s) joint(s)"), std::string::npos) << made.out;
  EXPECT_TRUE(fs::exists(backup / "manifest.json"));
  EXPECT_FALSE(fs::exists(work_.path() / "sauvegarde.tmp"));

  TempDir target_dir;
  TestDatabase target = TestDatabase::Empty(target_dir);
  const fs::path target_files = target_dir.path() / "fichiers";
  CommandResult restored = Restore(target.url(), target_files, backup);
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_NE(restored.out.find("restaurée"), std::string::npos) << restored.out;

  const std::string before = DumpAfterHeader(source_.url(), work_.path() / "avant.jsonl");
  const std::string after = DumpAfterHeader(target.url(), work_.path() / "apres.jsonl");
  ASSERT_GT(before.size(), 1000u);
  EXPECT_EQ(FirstDifference(before, after), "");
  EXPECT_NE(after.find("Deuxième remarque, accentuée"), std::string::npos);

  // Same attachments, byte for byte (their names are their SHA-256).
  const auto source_files = FilesUnder(files_), target_files_now = FilesUnder(target_files);
  EXPECT_EQ(source_files.size(), 2u);
  EXPECT_EQ(source_files, target_files_now);

  // The restored instance serves them: the session, in the database, came along.
  ServerProcess server(target.url(), {{"BOUSSOLE_FILES_DIR", target_files.string()}});
  cookies_->set_port(server.port());
  const HttpResponse page = cookies_->Get("/demandes/" + std::to_string(request_));
  ASSERT_EQ(page.status, 200);
  const std::string marker = "/demandes/" + std::to_string(request_) + "/fichiers/";
  const auto at = page.body.find(marker);
  ASSERT_NE(at, std::string::npos);
  const std::string link = page.body.substr(at, page.body.find('"', at) - at);
  const HttpResponse file = cookies_->Get(link);
  EXPECT_EQ(file.status, 200);
  EXPECT_TRUE(file.body == UniquePdf("plan guide") || file.body == UniquePdf("annexe")) << file.body.substr(0, 200);
}

TEST_F(BackupRestore, ABackupWithACorruptedFileIsRefusedAndNothingChanges) {
  const fs::path backup = work_.path() / "sauvegarde";
  ASSERT_EQ(Backup(source_.url(), files_, backup).exit_code, 0);
  // One byte of one attachment changes: the size is the same, the checksum is not.
  fs::path victim;
  for (const auto& item : fs::recursive_directory_iterator(backup / "files")) {
    if (item.is_regular_file()) victim = item.path();
  }
  ASSERT_FALSE(victim.empty());
  {
    std::fstream f(victim, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(10);
    f.put('X');
  }
  TempDir target_dir;
  TestDatabase target = TestDatabase::Empty(target_dir);
  const fs::path target_files = target_dir.path() / "fichiers";
  CommandResult refused = Restore(target.url(), target_files, backup);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("La sauvegarde est altérée"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("SHA-256"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("Rien n'a été modifié"), std::string::npos) << refused.err;
  EXPECT_TRUE(FilesUnder(target_files).empty());
  // The target database was not even opened: no SQLite file, no PostgreSQL table.
  if (target.url().rfind("sqlite://", 0) == 0) {
    EXPECT_FALSE(fs::exists(target.url().substr(9)));
  } else {
    EXPECT_EQ(QueryRows(target.url(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0\n");
  }

  // The database copy itself damaged: refused too.
  ASSERT_EQ(Backup(source_.url(), files_, work_.path() / "seconde").exit_code, 0);
  for (const auto& item : fs::directory_iterator(work_.path() / "seconde")) {
    if (item.path().filename().string().rfind("database.", 0) == 0) fs::resize_file(item.path(), fs::file_size(item.path()) - 1);
  }
  refused = Restore(target.url(), target_files, work_.path() / "seconde");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("La sauvegarde est altérée"), std::string::npos) << refused.err;
  EXPECT_TRUE(FilesUnder(target_files).empty());
}

TEST_F(BackupRestore, ANonEmptyTargetIsRefusedAndKeepsItsData) {
  const fs::path backup = work_.path() / "sauvegarde";
  ASSERT_EQ(Backup(source_.url(), files_, backup).exit_code, 0);
  // The source itself is not empty.
  const std::string before = DumpAfterHeader(source_.url(), work_.path() / "avant.jsonl");
  const auto files_before = FilesUnder(files_);
  CommandResult refused = Restore(source_.url(), files_, backup);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("n'est pas vide"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("Rien n'a été modifié"), std::string::npos) << refused.err;
  EXPECT_EQ(FirstDifference(before, DumpAfterHeader(source_.url(), work_.path() / "apres.jsonl")), "");
  EXPECT_EQ(files_before, FilesUnder(files_));

  // An empty database whose attachment folder holds a file: refused as well.
  TempDir target_dir;
  TestDatabase target = TestDatabase::Empty(target_dir);
  const fs::path target_files = target_dir.path() / "fichiers";
  fs::create_directories(target_files / "ab");
  std::ofstream(target_files / "ab" / "autre") << "un fichier déjà là";
  refused = Restore(target.url(), target_files, backup);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("Le dossier des fichiers"), std::string::npos) << refused.err;
  EXPECT_EQ(FilesUnder(target_files).size(), 1u);

  // A backup folder that already exists is not overwritten.
  CommandResult again = Backup(source_.url(), files_, backup);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("existe déjà"), std::string::npos) << again.err;
}

}  // namespace
}  // namespace boussole::testing
