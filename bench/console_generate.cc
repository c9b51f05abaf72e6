// Writes a fleet for the console benchmarks (console_fleet.h) straight into a store, several
// homes per batch and several batches in flight:
//   console_generate --store sqlite:/tmp/console.db --homes 10000 [--days 7] [--raw-hours 48]
//                    [--period-minutes 5] [--inform-minutes 15] [--parameters 300]
//                    [--per-batch 20] [--in-flight 4] [--seed 1] [--template CSV]
// Prints progress and a summary to stderr and one JSON line to stdout.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>

#include "console_fleet.h"
#include "core/strings.h"
#include "store/store.h"
#include "store/store_url.h"

namespace {

using namespace hearth;

struct Args {
  std::string store_url;
  std::string template_path = bench::TreeTemplate::default_path();
  bench::FleetShape shape;
  int64_t per_batch = 20;
  int64_t in_flight = 4;
};

bool parse_args(int argc, char** argv, Args* a) {
  if (argc % 2 != 1) return false;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const std::string value = argv[i + 1];
    if (key == "--store") {
      a->store_url = value;
      continue;
    }
    if (key == "--template") {
      a->template_path = value;
      continue;
    }
    const auto v = parse_int64(value);
    if (!v || *v < 0) return false;
    const int64_t n = *v;
    if (key == "--homes") a->shape.homes = n;
    else if (key == "--days") a->shape.days = n;  // 0: no rollups before the raw window
    else if (key == "--raw-hours") a->shape.raw_hours = n;
    else if (key == "--period-minutes") a->shape.period_minutes = std::max<int64_t>(n, 1);
    else if (key == "--inform-minutes") a->shape.inform_minutes = std::max<int64_t>(n, 1);
    else if (key == "--parameters") a->shape.parameters = static_cast<size_t>(n);
    else if (key == "--per-batch") a->per_batch = std::max<int64_t>(n, 1);
    else if (key == "--in-flight") a->in_flight = std::max<int64_t>(n, 1);
    else if (key == "--seed") a->shape.seed = static_cast<uint64_t>(n);
    else return false;
  }
  return !a->store_url.empty() && a->shape.homes > 0;
}

// Bounds the batches in flight and remembers the first failure.
class Window {
 public:
  explicit Window(int64_t size) : free_(size) {}
  void acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return free_ > 0; });
    --free_;
  }
  void release(const Status& s) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++free_;
      if (!s && error_.empty()) error_ = s.error().message;
    }
    cv_.notify_one();
  }
  std::string error() {
    std::lock_guard<std::mutex> lock(mu_);
    return error_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int64_t free_;
  std::string error_;
};

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, &args)) {
    std::fprintf(stderr,
                 "usage: console_generate --store URL --homes N [--days 7] [--raw-hours 48] [--period-minutes 5]\n"
                 "       [--inform-minutes 15] [--parameters 300] [--per-batch 20] [--in-flight 4] [--seed 1]\n"
                 "       [--template CSV]\n");
    return 2;
  }
  auto tree = bench::TreeTemplate::load(args.template_path);
  if (!tree) {
    std::fprintf(stderr, "console_generate: %s\n", tree.error().message.c_str());
    return 1;
  }
  auto url = store::parse_store_url(args.store_url);
  auto opened = store::open_store(args.store_url);
  if (!url || !opened) {
    std::fprintf(stderr, "console_generate: %s\n", (url ? opened.error() : url.error()).message.c_str());
    return 1;
  }
  std::unique_ptr<store::Store> st = std::move(opened).value();
  bench::FleetShape& shape = args.shape;
  shape.now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();

  const auto began = std::chrono::steady_clock::now();
  Window window(args.in_flight);
  int64_t devices = 0;
  int64_t last_report = 0;
  for (int64_t n = 0; n < shape.homes; n += args.per_batch) {
    store::WriteBatch batch;
    for (int64_t h = n; h < std::min(shape.homes, n + args.per_batch); ++h) devices += bench::add_home(shape, *tree, h, &batch);
    window.acquire();
    st->write(std::move(batch), [&window](Status s) { window.release(s); });
    if (n - last_report >= 1000) {
      last_report = n;
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
      std::fprintf(stderr, "  %lld homes, %.0f s\n", static_cast<long long>(n), s);
    }
  }
  st->flush();
  if (const std::string error = window.error(); !error.empty()) {
    std::fprintf(stderr, "console_generate: a batch failed: %s\n", error.c_str());
    return 1;
  }
  st.reset();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  uint64_t bytes = 0;
  if (url->kind == store::StoreUrl::Kind::kSqlite) {
    std::error_code ec;
    bytes = std::filesystem::file_size(url->sqlite.path, ec);
    if (ec) bytes = 0;
  }
  std::fprintf(stderr, "generated %lld homes, %lld devices in %.1f s; file %.1f MiB\n",
               static_cast<long long>(shape.homes), static_cast<long long>(devices), secs,
               static_cast<double>(bytes) / 1048576.0);
  std::printf("{\"homes\":%lld,\"devices\":%lld,\"seconds\":%.1f,\"db_bytes\":%llu,\"now_ms\":%lld}\n",
              static_cast<long long>(shape.homes), static_cast<long long>(devices), secs,
              static_cast<unsigned long long>(bytes), static_cast<long long>(shape.now_ms));
  return 0;
}
