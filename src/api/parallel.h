// Runs a loop body over a small pool of threads, for CPU-bound work such as password hashing
// (argon2id costs ~0.1 s of one core per password).
#pragma once

#include <cstddef>
#include <functional>

namespace hearth::api {

// Calls fn(0) ... fn(count - 1), each index exactly once, on `threads` threads (the caller's
// among them; 0 counts as 1), and returns when every call has returned. fn may run concurrently
// with itself and must not throw.
void parallel_for(size_t count, unsigned threads, const std::function<void(size_t)>& fn);

// The pool size for hashing: the machine's cores, at least 2 and at most 4.
unsigned hashing_threads();

}  // namespace hearth::api
