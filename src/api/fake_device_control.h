// A DeviceControl for API tests: keeps tasks in the store like the ACS does, records every call,
// and finishes tasks only when the test says so, so no test depends on timing.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "acs/control.h"
#include "store/store.h"

namespace hearth::api::testing {

class FakeDeviceControl final : public acs::DeviceControl {
 public:
  explicit FakeDeviceControl(store::Store& store) : store_(store) {}

  // ---- behaviour ----
  void set_connection_request_outcome(acs::ConnectionRequestOutcome o);
  // What probe() answers for one device, and for every other (default: false, unreachable).
  void set_probe_answer(const std::string& device_id, bool answered);
  void set_default_probe_answer(bool answered);
  // true: wait_task answers at once with the task as it is (as if the timeout passed);
  // false (default): waiters are held until complete() or expire_waits().
  void set_wait_times_out(bool v);

  // ---- driving ----
  // Finishes a task (state done or fault) and wakes its waiters.
  void complete(int64_t task_id, store::TaskState state, const std::string& result_json,
                const std::string& fault_json = "");
  // Answers every held waiter with its task as it is now (their timeout passed).
  void expire_waits();
  size_t held_waits() const;
  // Blocks until at least n waiters are held (for stores whose callbacks run on another thread);
  // false if that does not happen within a generous safety limit.
  bool await_held_waits(size_t n);

  // ---- what was asked ----
  std::vector<store::TaskRecord> submitted() const;
  std::vector<std::string> connection_requests() const;
  std::vector<std::string> probes() const;  // device ids, in call order
  std::vector<std::chrono::milliseconds> wait_timeouts() const;
  int profiles_changed_calls() const;

  // ---- DeviceControl ----
  void submit_task(store::TaskRecord task, std::function<void(Result<store::TaskRecord>)> done) override;
  void connection_request(const std::string& device_id,
                          std::function<void(acs::ConnectionRequestOutcome)> done) override;
  void probe(const std::string& device_id, std::function<void(bool answered)> done) override;
  void wait_task(int64_t task_id, std::chrono::milliseconds timeout,
                 std::function<void(Result<store::TaskRecord>)> done) override;
  void cancel_task(int64_t task_id, std::function<void(Result<store::TaskRecord>)> done) override;
  void retry_task(int64_t task_id, std::function<void(Result<store::TaskRecord>)> done) override;
  void profiles_changed() override;

 private:
  using Waiter = std::function<void(Result<store::TaskRecord>)>;
  Result<store::TaskRecord> load(int64_t task_id);
  void save(store::TaskRecord task, std::function<void(Result<store::TaskRecord>)> done);

  store::Store& store_;
  mutable std::mutex mu_;
  std::condition_variable waits_changed_;
  acs::ConnectionRequestOutcome outcome_ = acs::ConnectionRequestOutcome::kOk;
  bool wait_times_out_ = false;
  std::multimap<int64_t, Waiter> waiters_;
  std::vector<store::TaskRecord> submitted_;
  std::vector<std::string> connection_requests_;
  std::map<std::string, bool> probe_answers_;
  bool default_probe_answer_ = false;
  std::vector<std::string> probes_;
  std::vector<std::chrono::milliseconds> wait_timeouts_;
  int profiles_changed_ = 0;
};

}  // namespace hearth::api::testing
