// parallel_for (parallel.h): an atomic index shared by a few threads.
#include "api/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace hearth::api {

void parallel_for(size_t count, unsigned threads, const std::function<void(size_t)>& fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < count; i = next++) fn(i);
  };
  const size_t helpers = std::min<size_t>(std::max(threads, 1u), count == 0 ? 1 : count) - 1;
  std::vector<std::thread> pool;
  pool.reserve(helpers);
  for (size_t t = 0; t < helpers; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

unsigned hashing_threads() {
  return std::clamp(std::thread::hardware_concurrency(), 2u, 4u);
}

}  // namespace hearth::api
