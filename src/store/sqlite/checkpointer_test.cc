// The write-ahead log is copied back into the database on the checkpointer's thread, not inside
// the writer's commits, and the log stays bounded when nothing lets it start over.
#include "store/sqlite/checkpointer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_test_support.h"

namespace hearth::store::sqlite {
namespace {

using store::testing::make_device;
using store::testing::pv;
using store::testing::TempDir;

constexpr int kPages = 50;

// One commit of about `kib` KiB of new rows.
void write_rows(Connection* conn, int kib) {
  ASSERT_TRUE(conn->exec("BEGIN"));
  auto stmt = conn->prepare("INSERT INTO t (v) VALUES (?1)");
  ASSERT_TRUE(stmt);
  const std::string value(1024, 'x');
  for (int i = 0; i < kib; ++i) {
    stmt->bind_text(1, value);
    ASSERT_TRUE(stmt->run());
  }
  ASSERT_TRUE(conn->exec("COMMIT"));
}

struct Db {
  TempDir dir;
  SqliteOptions options;
  std::unique_ptr<Connection> writer;
  int wal_pages = 0;

  Db() {
    options.path = dir.file("c.db");
    writer = std::move(Connection::open(options, ConnectionRole::kWriter)).value();
    EXPECT_TRUE(writer->exec("CREATE TABLE t (v TEXT)"));
  }
  uintmax_t file_size() const { return std::filesystem::file_size(options.path); }
};

TEST(CheckpointerTest, CopiesTheLogOnItsOwnThreadOnceItHoldsEnoughPages) {
  Db db;
  auto ckpt = Checkpointer::start(db.options, kPages);
  ASSERT_TRUE(ckpt);
  db.writer->on_commit([&](int pages) {
    db.wal_pages = pages;
    (*ckpt)->committed(pages);
  });
  const uintmax_t empty = db.file_size();

  // Below the threshold: the log grows, the database file does not (no automatic checkpoint).
  write_rows(db.writer.get(), 40);
  (*ckpt)->drain();
  EXPECT_GT(db.wal_pages, 0);
  EXPECT_LT(db.wal_pages, kPages);
  EXPECT_EQ((*ckpt)->checkpoints(), 0u);
  EXPECT_EQ(db.file_size(), empty);

  // Past it: the rows reach the database file.
  write_rows(db.writer.get(), 200);
  EXPECT_GE(db.wal_pages, kPages);
  (*ckpt)->drain();
  EXPECT_GE((*ckpt)->checkpoints(), 1u);
  EXPECT_GT(db.file_size(), empty + 200 * 1024);

  // The next write starts the log over: it reports fewer pages than the log had.
  const int before = db.wal_pages;
  write_rows(db.writer.get(), 1);
  EXPECT_LT(db.wal_pages, before);
}

TEST(CheckpointerTest, WithoutItTheWriterNoLongerCheckpointsInsideItsCommits) {
  Db db;
  db.writer->on_commit([&](int pages) { db.wal_pages = pages; });
  const uintmax_t empty = db.file_size();
  for (int i = 0; i < 20; ++i) write_rows(db.writer.get(), 400);  // 8 MB, 2,000 pages
  EXPECT_GT(db.wal_pages, 1000);                                  // SQLite's own threshold
  EXPECT_EQ(db.file_size(), empty);
}

TEST(CheckpointerTest, StopsWhileTheLogIsStillDue) {
  Db db;
  auto ckpt = Checkpointer::start(db.options, kPages);
  ASSERT_TRUE(ckpt);
  db.writer->on_commit([&](int pages) { (*ckpt)->committed(pages); });
  write_rows(db.writer.get(), 400);
  ckpt->reset();  // joins its thread, whatever it was doing
  SUCCEED();
}

TEST(CheckpointerTest, TheWriterBoundsTheLogWhenAReaderKeepsItFromStartingOver) {
  TempDir dir;
  SqliteOptions options;
  options.path = dir.file("store.db");
  options.readers = 1;
  auto store = SqliteStore::open(options);
  ASSERT_TRUE(store);

  // A reader holding an old snapshot: no checkpoint may copy past it, the log cannot start over.
  auto reader = std::move(Connection::open(options, ConnectionRole::kReader)).value();
  ReadTransaction snapshot(reader.get());
  ASSERT_TRUE(snapshot.status());
  {
    auto stmt = reader->prepare("SELECT COUNT(*) FROM devices");
    ASSERT_TRUE(stmt);
    ASSERT_TRUE(stmt->step());
  }

  const std::string big(2000, 'v');
  for (int n = 0; n < 400 && (*store)->stats()->writer_checkpoints == 0; ++n) {
    std::vector<cwmp::ParameterValue> values;
    for (int p = 0; p < 40; ++p) values.push_back(pv("IGD.P" + std::to_string(p), big));
    const std::string id = "dev-" + std::to_string(n);
    (*store)->write(WriteBatch()
                        .add(UpsertDevice{make_device(id)})
                        .add(PutParameterValues{id, std::move(values), n}),
                    [](Status s) { ASSERT_TRUE(s); });
    (*store)->flush();
  }
  EXPECT_GE((*store)->stats()->writer_checkpoints, 1u);
}

}  // namespace
}  // namespace hearth::store::sqlite
