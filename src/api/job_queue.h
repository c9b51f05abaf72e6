// One background thread that runs jobs one at a time in the order posted: for API work too long
// for a network thread (an import hashes passwords for minutes), and which must not run twice at
// once (two imports would count each other's rows).
//
// Thread safety: post() and stopping() from any thread.
// Lifetime: the destructor marks the queue as stopping, lets the running job and those still
// queued run (a job should check stopping() and end early, answering its caller), then joins.
// REQUIRES: not destroyed from one of its own jobs.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace hearth::api {

class JobQueue {
 public:
  explicit JobQueue(size_t max_waiting);
  ~JobQueue();
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  // False (and the job is dropped) when max_waiting jobs are waiting already, or when stopping.
  bool post(std::function<void()> job);
  bool stopping() const;

 private:
  void run();

  const size_t max_waiting_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;  // guarded by mu_
  bool stopping_ = false;                   // guarded by mu_
  std::thread thread_;                      // last: starts once the rest exists
};

}  // namespace hearth::api
