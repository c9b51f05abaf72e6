// "Nothing acknowledged is lost": a child process writes batches and reports each one whose
// callback has run; the parent kills it with SIGKILL mid-stream, reopens the store and checks
// that every acknowledged batch is there, whole.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "store/sqlite/sqlite_store.h"
#include "store/store_test_support.h"

namespace hearth::store::sqlite {
namespace {

using store::testing::make_device;
using store::testing::pv;
using store::testing::TempDir;

constexpr int kParamsPerBatch = 20;

std::string device_of(int64_t n) { return "dev-" + std::to_string(n); }

WriteBatch numbered_batch(int64_t n) {
  std::vector<cwmp::ParameterValue> values;
  for (int p = 0; p < kParamsPerBatch; ++p) {
    values.push_back(pv("IGD.Batch.P" + std::to_string(p), std::to_string(n)));
  }
  return WriteBatch()
      .add(UpsertDevice{make_device(device_of(n))})
      .add(PutParameterValues{device_of(n), std::move(values), n})
      .add(AddEvents{{EventRecord{device_of(n), n, "2 PERIODIC", ""}}})
      .add(PutMeta{"last", std::to_string(n)});
}

// The child: writes forever (until killed), several batches in flight, and writes the number of
// each acknowledged batch to `fd`. Never returns.
[[noreturn]] void run_child(const std::string& path, bool sync_full, int fd) {
  SqliteOptions options;
  options.path = path;
  options.sync_full = sync_full;
  auto store = SqliteStore::open(options);
  if (!store) _exit(2);
  for (int64_t n = 0;; ++n) {
    (*store)->write(numbered_batch(n), [fd, n](Status s) {
      if (!s) _exit(3);
      if (write(fd, &n, sizeof n) != static_cast<ssize_t>(sizeof n)) _exit(4);
    });
    // Keep a bounded number of batches in flight so that the kill lands mid-stream.
    if (n % 8 == 7) (*store)->flush();
  }
}

class DurabilityTest : public ::testing::TestWithParam<bool> {};

TEST_P(DurabilityTest, EveryAcknowledgedBatchSurvivesSigkill) {
  TempDir dir;
  const std::string path = dir.file("hearth.db");
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    run_child(path, GetParam(), fds[1]);
  }
  close(fds[1]);

  // Read acknowledgements until enough have arrived, then kill the child while it is writing.
  constexpr int64_t kAcksBeforeKill = 300;
  int64_t highest = -1;
  int64_t acks = 0;
  while (acks < kAcksBeforeKill) {
    int64_t n = 0;
    const ssize_t got = read(fds[0], &n, sizeof n);
    ASSERT_EQ(got, static_cast<ssize_t>(sizeof n)) << "child died early";
    EXPECT_EQ(n, highest + 1) << "acknowledgements out of order";
    highest = n;
    ++acks;
  }
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  // Acknowledgements already in the pipe were given before the kill: they count too.
  for (int64_t n = 0; read(fds[0], &n, sizeof n) == static_cast<ssize_t>(sizeof n);) highest = n;
  close(fds[0]);

  SqliteOptions options;
  options.path = path;
  auto store = SqliteStore::open(options);
  ASSERT_TRUE(store.ok()) << store.error().message;
  for (int64_t n = 0; n <= highest; ++n) {
    auto device = (*store)->get_device(device_of(n));
    ASSERT_TRUE(device.ok());
    ASSERT_TRUE(device->has_value()) << "acknowledged batch " << n << " lost";
    auto params = (*store)->get_parameters(device_of(n), "IGD.Batch.");
    ASSERT_TRUE(params.ok());
    ASSERT_EQ(params->size(), static_cast<size_t>(kParamsPerBatch)) << n;
    EXPECT_EQ((*store)->list_events(device_of(n), 5)->size(), 1u) << n;
  }
  auto last = (*store)->get_meta("last");
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_GE(std::stoll(**last), highest);
  auto stats = (*store)->stats();
  ASSERT_TRUE(stats.ok());
  // Whatever was committed, counters and rows agree (they share each transaction).
  EXPECT_EQ(stats->parameters, stats->devices * kParamsPerBatch);
}

INSTANTIATE_TEST_SUITE_P(SyncModes, DurabilityTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param) {
                           return std::string(param.param ? "Full" : "Normal");
                         });

}  // namespace
}  // namespace hearth::store::sqlite
