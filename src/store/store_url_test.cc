#include "store/store_url.h"

#include <gtest/gtest.h>

#include "store/store.h"
#include "store/store_test_support.h"

namespace hearth::store {
namespace {

TEST(StoreUrlTest, ParsesMemoryAndSqliteWithOptions) {
  auto memory = parse_store_url("memory:");
  ASSERT_TRUE(memory.ok());
  EXPECT_EQ(memory->kind, StoreUrl::Kind::kMemory);

  auto plain = parse_store_url("sqlite:/var/lib/hearth/hearth.db");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->kind, StoreUrl::Kind::kSqlite);
  EXPECT_EQ(plain->sqlite.path, "/var/lib/hearth/hearth.db");
  EXPECT_FALSE(plain->sqlite.sync_full);
  EXPECT_EQ(plain->sqlite.cache_mb, 8);

  auto tuned = parse_store_url("sqlite:rel/h.db?sync=full&cache_mb=32&readers=2");
  ASSERT_TRUE(tuned.ok());
  EXPECT_EQ(tuned->sqlite.path, "rel/h.db");
  EXPECT_TRUE(tuned->sqlite.sync_full);
  EXPECT_EQ(tuned->sqlite.cache_mb, 32);
  EXPECT_EQ(tuned->sqlite.readers, 2);

  EXPECT_EQ(plain->sqlite.commit_gather_us, 1000);
  auto no_gather = parse_store_url("sqlite:h.db?commit_gather_us=0");
  ASSERT_TRUE(no_gather.ok());
  EXPECT_EQ(no_gather->sqlite.commit_gather_us, 0);

  auto normal = parse_store_url("sqlite:h.db?sync=normal");
  ASSERT_TRUE(normal.ok());
  EXPECT_FALSE(normal->sqlite.sync_full);
}

TEST(StoreUrlTest, RejectsMalformedUrls) {
  for (const char* url : {"", "memory", "memory:x", "postgres://h/db", "sqlite:", "sqlite:?sync=full",
                          "sqlite::memory:", "sqlite:h.db?sync=fast", "sqlite:h.db?cache_mb=0",
                          "sqlite:h.db?cache_mb=lots", "sqlite:h.db?readers=0", "sqlite:h.db?color=red",
                          "sqlite:h.db?sync", "sqlite:h.db?commit_gather_us=-1",
                          "sqlite:h.db?commit_gather_us=1000000"}) {
    auto parsed = parse_store_url(url);
    ASSERT_FALSE(parsed.ok()) << url;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << url;
  }
}

TEST(OpenStoreTest, OpensEachKindAndReportsErrorsAsValues) {
  testing::TempDir dir;
  auto memory = open_store("memory:");
  ASSERT_TRUE(memory.ok());
  EXPECT_TRUE((*memory)->write_sync(WriteBatch().add(PutMeta{"k", "v"})).ok());

  auto sqlite = open_store("sqlite:" + dir.file("h.db") + "?sync=full");
  ASSERT_TRUE(sqlite.ok()) << sqlite.error().message;
  EXPECT_TRUE((*sqlite)->write_sync(WriteBatch().add(PutMeta{"k", "v"})).ok());
  EXPECT_EQ(*(*sqlite)->get_meta("k").value(), "v");

  EXPECT_FALSE(open_store("nonsense").ok());
  auto missing_dir = open_store("sqlite:" + dir.file("no/such/dir/h.db"));
  ASSERT_FALSE(missing_dir.ok());
  EXPECT_EQ(missing_dir.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace hearth::store
