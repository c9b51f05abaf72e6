// Fills a store with N devices, each with a full ~1,000-parameter tree (store_template.h), as
// fast as the Store interface allows: several devices per batch and several batches in flight.
// Prints a summary to stderr and one JSON line to stdout:
//   store_generate --store sqlite:/tmp/h.db --devices 10000 [--start 0] [--per-batch 10]
//                  [--in-flight 8] [--template PATH]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>

#include "core/strings.h"
#include "store/store.h"
#include "store/store_url.h"
#include "store_template.h"

namespace {

struct Args {
  std::string store_url;
  int64_t devices = 0;
  int64_t start = 0;
  int64_t per_batch = 10;
  int64_t in_flight = 8;
  std::string template_path = hearth::bench::TreeTemplate::default_path();
};

bool parse_args(int argc, char** argv, Args* args) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const std::string value = argv[i + 1];
    if (key == "--store") {
      args->store_url = value;
      continue;
    }
    if (key == "--template") {
      args->template_path = value;
      continue;
    }
    const auto n = hearth::parse_int64(value);
    if (!n || *n < 0) return false;
    if (key == "--devices") {
      args->devices = *n;
    } else if (key == "--start") {
      args->start = *n;
    } else if (key == "--per-batch") {
      args->per_batch = std::max<int64_t>(*n, 1);
    } else if (key == "--in-flight") {
      args->in_flight = std::max<int64_t>(*n, 1);
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && !args->store_url.empty() && args->devices > 0;
}

uint64_t file_size(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

// Bounds the batches in flight, and remembers the first failure.
class Window {
 public:
  explicit Window(int64_t size) : free_(size) {}
  void acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return free_ > 0; });
    --free_;
  }
  void release(const hearth::Status& s) {
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
  using namespace hearth;
  Args args;
  if (!parse_args(argc, argv, &args)) {
    std::fprintf(stderr,
                 "usage: store_generate --store URL --devices N [--start S] [--per-batch K] "
                 "[--in-flight M] [--template CSV]\n");
    return 2;
  }
  auto tree = bench::TreeTemplate::load(args.template_path);
  if (!tree) {
    std::fprintf(stderr, "store_generate: %s\n", tree.error().message.c_str());
    return 1;
  }
  auto url = store::parse_store_url(args.store_url);
  auto opened = store::open_store(args.store_url);
  if (!url || !opened) {
    std::fprintf(stderr, "store_generate: %s\n",
                 (url ? opened.error() : url.error()).message.c_str());
    return 1;
  }
  std::unique_ptr<store::Store> st = std::move(opened).value();

  const auto began = std::chrono::steady_clock::now();
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  Window window(args.in_flight);
  const int64_t end = args.start + args.devices;
  for (int64_t n = args.start; n < end; n += args.per_batch) {
    store::WriteBatch batch;
    for (int64_t d = n; d < std::min(end, n + args.per_batch); ++d) tree->add_device(d, now_ms, &batch);
    window.acquire();
    st->write(std::move(batch), [&window](Status s) { window.release(s); });
  }
  st->flush();
  const double write_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  if (const std::string error = window.error(); !error.empty()) {
    std::fprintf(stderr, "store_generate: a batch failed: %s\n", error.c_str());
    return 1;
  }
  auto stats = st->stats();
  if (!stats) {
    std::fprintf(stderr, "store_generate: %s\n", stats.error().message.c_str());
    return 1;
  }
  st.reset();  // commits, checkpoints the WAL into the main file and closes
  const double total_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();

  uint64_t db_bytes = 0;
  if (url->kind == store::StoreUrl::Kind::kSqlite) {
    db_bytes = file_size(url->sqlite.path) + file_size(url->sqlite.path + "-wal");
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  // CPU time of every thread (the caller's and the store's): steadier than the wall clock on a
  // busy machine.
  const double cpu_s = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  const double params = static_cast<double>(stats->parameters);
  std::fprintf(stderr,
               "generated %lld devices (%zu parameters each) in %.1f s (%.1f s with close): "
               "%.0f devices/s, %.0f parameters/s; %.1f s CPU\n"
               "store now: %llu devices, %llu parameters, %llu commits; file %.1f MiB = %.1f KiB "
               "per device; peak RSS %ld MiB\n",
               static_cast<long long>(args.devices), tree->size(), write_s, total_s,
               static_cast<double>(args.devices) / write_s,
               static_cast<double>(args.devices) * static_cast<double>(tree->size()) / write_s, cpu_s,
               static_cast<unsigned long long>(stats->devices),
               static_cast<unsigned long long>(stats->parameters),
               static_cast<unsigned long long>(stats->commits), static_cast<double>(db_bytes) / 1048576.0,
               stats->devices ? static_cast<double>(db_bytes) / 1024.0 / static_cast<double>(stats->devices) : 0.0,
               usage.ru_maxrss / 1024);
  std::printf(
      "{\"devices_generated\":%lld,\"parameters_per_device\":%zu,\"seconds\":%.3f,"
      "\"seconds_with_close\":%.3f,\"cpu_seconds\":%.3f,\"devices_per_second\":%.1f,\"store_devices\":%llu,"
      "\"store_parameters\":%llu,\"db_bytes\":%llu,\"db_bytes_per_device\":%.0f,"
      "\"db_bytes_per_parameter\":%.1f,\"peak_rss_kib\":%ld}\n",
      static_cast<long long>(args.devices), tree->size(), write_s, total_s, cpu_s,
      static_cast<double>(args.devices) / write_s, static_cast<unsigned long long>(stats->devices),
      static_cast<unsigned long long>(stats->parameters), static_cast<unsigned long long>(db_bytes),
      stats->devices ? static_cast<double>(db_bytes) / static_cast<double>(stats->devices) : 0.0,
      params > 0 ? static_cast<double>(db_bytes) / params : 0.0, usage.ru_maxrss);
  return 0;
}
