// Store benchmarks on SQLite in a temporary directory, with a fleet of devices that each hold a
// full ~1,000-parameter tree (store_template.h):
//   BM_InformWrite     Inform-like batches (UpsertDevice + 10 values + an event) written with
//                      write_sync from N threads: batches/s grows with N through group commit
//                      (see the batches_per_commit counter). Arg: 0 = synchronous NORMAL, 1 = FULL.
//   BM_GetDevice       get_device latency.
//   BM_GetSubtree      get_parameters of one Wi-Fi configuration object (~50 parameters).
//   BM_GetWholeTree    get_parameters of the whole tree (~1,000 parameters).
//   BM_FindByTag       find_devices by tag, first page of 100 (and the total).
//   BM_FindByParameter find_devices by a parameter's value (one key probe per device).
//   BM_FindByText      find_devices by a substring of the serial number (a scan of devices).
// The read benchmarks run on a fresh fleet of 200 devices, or on an existing store (for example
// one made by store_generate) when HEARTH_BENCH_STORE holds its URL; its devices must be the
// generator's. Machine-readable output: --benchmark_format=json.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "store_template.h"

namespace hearth::bench {
namespace {

constexpr int64_t kFleet = 200;

struct Fleet {
  std::filesystem::path dir;
  TreeTemplate tree;
  std::unique_ptr<store::Store> store;

  Fleet(TreeTemplate t, bool sync_full) : tree(std::move(t)) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "hearth-bench-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) std::abort();
    dir = tmpl;
    store::sqlite::SqliteOptions options;
    options.path = (dir / "bench.db").string();
    options.sync_full = sync_full;
    auto opened = store::sqlite::SqliteStore::open(options);
    if (!opened) std::abort();
    store = std::move(opened).value();
    for (int64_t n = 0; n < kFleet; n += 10) {
      store::WriteBatch batch;
      for (int64_t d = n; d < n + 10; ++d) tree.add_device(d, 1'767'225'600'000, &batch);
      if (!store->write_sync(std::move(batch))) std::abort();
    }
  }
  ~Fleet() {
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

// The fleet the read benchmarks use: an existing store named by HEARTH_BENCH_STORE, or the
// freshly built one.
struct ReadFleet {
  store::Store* store = nullptr;
  int64_t devices = 0;
};

Fleet& fleet(bool sync_full);

ReadFleet& read_fleet() {
  static ReadFleet rf = [] {
    ReadFleet r;
    if (const char* url = getenv("HEARTH_BENCH_STORE"); url != nullptr && *url != '\0') {
      static std::unique_ptr<store::Store> existing;
      auto opened = store::open_store(url);
      if (!opened) std::abort();
      existing = std::move(opened).value();
      r.store = existing.get();
      r.devices = static_cast<int64_t>(existing->stats()->devices);
    } else {
      r.store = fleet(false).store.get();
      r.devices = kFleet;
    }
    if (r.devices == 0) std::abort();
    return r;
  }();
  return rf;
}

// One fleet per sync mode, built on first use and kept for the whole run.
Fleet& fleet(bool sync_full) {
  static std::mutex mu;
  static std::map<bool, std::unique_ptr<Fleet>> fleets;
  std::lock_guard<std::mutex> lock(mu);
  auto& f = fleets[sync_full];
  if (!f) {
    auto tree = TreeTemplate::load(TreeTemplate::default_path());
    if (!tree) std::abort();
    f = std::make_unique<Fleet>(std::move(tree).value(), sync_full);
  }
  return *f;
}

void BM_InformWrite(benchmark::State& state) {
  Fleet& f = fleet(state.range(0) != 0);
  static std::atomic<int64_t> clock_ms{1'767'225'600'000};
  uint64_t commits_before = 0, batches_before = 0;
  if (state.thread_index() == 0) {
    auto s = f.store->stats();
    commits_before = s->commits;
    batches_before = s->batches;
  }
  int64_t n = state.thread_index();
  for (auto _ : state) {
    store::WriteBatch batch;
    f.tree.add_inform(n % kFleet, clock_ms.fetch_add(1), &batch);
    if (!f.store->write_sync(std::move(batch))) state.SkipWithError("write failed");
    n += state.threads();
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    auto s = f.store->stats();
    const double commits = static_cast<double>(s->commits - commits_before);
    state.counters["batches_per_commit"] =
        commits > 0 ? static_cast<double>(s->batches - batches_before) / commits : 0;
  }
}
BENCHMARK(BM_InformWrite)->Arg(0)->Arg(1)->ThreadRange(1, 16)->UseRealTime();

void BM_GetDevice(benchmark::State& state) {
  ReadFleet& f = read_fleet();
  int64_t n = state.thread_index() * 7919;
  for (auto _ : state) {
    auto d = f.store->get_device(TreeTemplate::device_id(n++ % f.devices));
    if (!d || !d->has_value()) state.SkipWithError("missing device");
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetDevice)->ThreadRange(1, 4)->UseRealTime();

void get_parameters(benchmark::State& state, const std::string& prefix) {
  ReadFleet& f = read_fleet();
  int64_t n = state.thread_index() * 7919;
  size_t count = 0;
  for (auto _ : state) {
    auto params = f.store->get_parameters(TreeTemplate::device_id(n++ % f.devices), prefix);
    if (!params || params->empty()) state.SkipWithError("no parameters");
    count = params->size();
    benchmark::DoNotOptimize(params);
  }
  state.counters["parameters"] = benchmark::Counter(static_cast<double>(count), benchmark::Counter::kAvgThreads);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(count));
}

void BM_GetSubtree(benchmark::State& state) {
  get_parameters(state, "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.");
}
BENCHMARK(BM_GetSubtree)->ThreadRange(1, 4)->UseRealTime();

void BM_GetWholeTree(benchmark::State& state) { get_parameters(state, ""); }
BENCHMARK(BM_GetWholeTree)->UseRealTime();

void find_devices(benchmark::State& state, const store::DeviceQuery& q) {
  ReadFleet& f = read_fleet();
  size_t total = 0;
  for (auto _ : state) {
    auto page = f.store->find_devices(q);
    if (!page || page->devices.empty()) state.SkipWithError("nothing found");
    total = page->total;
    benchmark::DoNotOptimize(page);
  }
  state.counters["matches"] = static_cast<double>(total);
  state.counters["fleet"] = static_cast<double>(f.devices);
}

void BM_FindByTag(benchmark::State& state) {
  store::DeviceQuery q;
  q.tag = "pilot";  // one device in ten
  find_devices(state, q);
}
BENCHMARK(BM_FindByTag)->UseRealTime();

void BM_FindByParameter(benchmark::State& state) {
  store::DeviceQuery q;
  // The template's ManagementServer.Username is the serial number: one device matches.
  q.parameter_name = "InternetGatewayDevice.ManagementServer.Username";
  q.parameter_value = TreeTemplate::serial_number(read_fleet().devices / 2);
  find_devices(state, q);
}
BENCHMARK(BM_FindByParameter)->UseRealTime();

void BM_FindByText(benchmark::State& state) {
  store::DeviceQuery q;
  q.text = "00000001";
  find_devices(state, q);
}
BENCHMARK(BM_FindByText)->UseRealTime();

}  // namespace
}  // namespace hearth::bench
