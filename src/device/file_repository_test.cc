#include "device/file_repository.h"

#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include "core/crypto.h"

namespace hearth::device {
namespace {

namespace fs = std::filesystem;

class FileRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    root_ = fs::temp_directory_path() / ("hearth-files-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(root_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  fs::path root_;
};

TEST_F(FileRepositoryTest, PutStoresBytesWithSizeAndSha256) {
  FileRepository repo(root_ / "files");  // created on demand
  const std::string bytes("firmware\0image", 14);
  Result<FileRepository::Stored> stored = repo.put("fw-2.3.bin", bytes);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_EQ(stored->size, 14u);
  EXPECT_EQ(stored->sha256, crypto::sha256_hex(bytes));
  ASSERT_TRUE(repo.exists("fw-2.3.bin"));
  Result<fs::path> path = repo.path_for("fw-2.3.bin");
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(*path, root_ / "files" / "fw-2.3.bin");
  EXPECT_EQ(read(*path), bytes);
}

TEST_F(FileRepositoryTest, PutReplacesAndLeavesNoTemporaryFiles) {
  FileRepository repo(root_);
  ASSERT_TRUE(repo.put("a.bin", "one").ok());
  ASSERT_TRUE(repo.put("a.bin", "second").ok());
  EXPECT_EQ(read(root_ / "a.bin"), "second");
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(root_)) {
    ++entries;
    EXPECT_EQ(e.path().filename(), "a.bin");
  }
  EXPECT_EQ(entries, 1u);
}

TEST_F(FileRepositoryTest, RemoveDeletesAndReportsMissingFiles) {
  FileRepository repo(root_);
  ASSERT_TRUE(repo.put("a.bin", "x").ok());
  EXPECT_TRUE(repo.remove("a.bin").ok());
  EXPECT_FALSE(repo.exists("a.bin"));
  Status again = repo.remove("a.bin");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
}

TEST_F(FileRepositoryTest, NamesAreValidated) {
  struct Case {
    std::string name;
    bool ok;
  };
  const Case cases[] = {
      {"fw-2.3.bin", true},         {"A_b.C-9", true},           {"", false},
      {".hidden", false},           {"..", false},               {"a..b", false},
      {"a/b", false},               {"../etc/passwd", false},    {"a b", false},
      {"a%2Fb", false},             {"caf\xc3\xa9", false},      {std::string(128, 'x'), true},
      {std::string(129, 'x'), false},
  };
  FileRepository repo(root_);
  for (const Case& c : cases) {
    EXPECT_EQ(FileRepository::validate_name(c.name).ok(), c.ok) << c.name;
    EXPECT_EQ(repo.path_for(c.name).ok(), c.ok) << c.name;
    if (!c.ok) {
      Result<FileRepository::Stored> r = repo.put(c.name, "x");
      ASSERT_FALSE(r.ok()) << c.name;
      EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    }
  }
}

TEST_F(FileRepositoryTest, DirectoryThatCannotBeCreatedIsAnInternalError) {
  std::ofstream(root_ / "plain-file") << "x";
  FileRepository repo(root_ / "plain-file" / "files");
  Result<FileRepository::Stored> r = repo.put("a.bin", "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace hearth::device
