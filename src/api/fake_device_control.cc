#include "api/fake_device_control.h"

namespace hearth::api::testing {

namespace {

bool finished(store::TaskState s) {
  return s == store::TaskState::kDone || s == store::TaskState::kFault || s == store::TaskState::kCancelled;
}

}  // namespace

void FakeDeviceControl::set_connection_request_outcome(acs::ConnectionRequestOutcome o) {
  std::lock_guard<std::mutex> l(mu_);
  outcome_ = o;
}

void FakeDeviceControl::set_probe_answer(const std::string& device_id, bool answered) {
  std::lock_guard<std::mutex> l(mu_);
  probe_answers_[device_id] = answered;
}

void FakeDeviceControl::set_default_probe_answer(bool answered) {
  std::lock_guard<std::mutex> l(mu_);
  default_probe_answer_ = answered;
}

void FakeDeviceControl::set_wait_times_out(bool v) {
  std::lock_guard<std::mutex> l(mu_);
  wait_times_out_ = v;
}

Result<store::TaskRecord> FakeDeviceControl::load(int64_t task_id) {
  Result<std::optional<store::TaskRecord>> t = store_.get_task(task_id);
  if (!t) return t.error();
  if (!t->has_value()) return make_error(ErrorCode::kNotFound, "no task " + std::to_string(task_id));
  return **t;
}

void FakeDeviceControl::save(store::TaskRecord task, std::function<void(Result<store::TaskRecord>)> done) {
  store::WriteBatch batch;
  batch.add(store::PutTask{task});
  store_.write(std::move(batch), [task, done = std::move(done)](Status s) {
    if (!s) return done(s.error());
    done(task);
  });
}

void FakeDeviceControl::complete(int64_t task_id, store::TaskState state, const std::string& result_json,
                                 const std::string& fault_json) {
  Result<store::TaskRecord> t = load(task_id);
  if (!t) return;
  t->state = state;
  t->attempts += 1;
  t->result_json = result_json;
  t->fault_json = fault_json;
  const Status written = store_.write_sync(store::WriteBatch().add(store::PutTask{*t}));
  if (!written) return;
  std::vector<Waiter> wake;
  {
    std::lock_guard<std::mutex> l(mu_);
    auto range = waiters_.equal_range(task_id);
    for (auto it = range.first; it != range.second; ++it) wake.push_back(std::move(it->second));
    waiters_.erase(range.first, range.second);
  }
  for (auto& w : wake) w(*t);
}

void FakeDeviceControl::expire_waits() {
  std::multimap<int64_t, Waiter> all;
  {
    std::lock_guard<std::mutex> l(mu_);
    all.swap(waiters_);
  }
  for (auto& [id, w] : all) w(load(id));
}

size_t FakeDeviceControl::held_waits() const {
  std::lock_guard<std::mutex> l(mu_);
  return waiters_.size();
}

bool FakeDeviceControl::await_held_waits(size_t n) {
  std::unique_lock<std::mutex> l(mu_);
  return waits_changed_.wait_for(l, std::chrono::seconds(30), [&] { return waiters_.size() >= n; });
}

std::vector<store::TaskRecord> FakeDeviceControl::submitted() const {
  std::lock_guard<std::mutex> l(mu_);
  return submitted_;
}

std::vector<std::string> FakeDeviceControl::connection_requests() const {
  std::lock_guard<std::mutex> l(mu_);
  return connection_requests_;
}

std::vector<std::string> FakeDeviceControl::probes() const {
  std::lock_guard<std::mutex> l(mu_);
  return probes_;
}

std::vector<std::chrono::milliseconds> FakeDeviceControl::wait_timeouts() const {
  std::lock_guard<std::mutex> l(mu_);
  return wait_timeouts_;
}

int FakeDeviceControl::profiles_changed_calls() const {
  std::lock_guard<std::mutex> l(mu_);
  return profiles_changed_;
}

void FakeDeviceControl::submit_task(store::TaskRecord task, std::function<void(Result<store::TaskRecord>)> done) {
  {
    std::lock_guard<std::mutex> l(mu_);
    submitted_.push_back(task);
  }
  save(std::move(task), std::move(done));
}

void FakeDeviceControl::connection_request(const std::string& device_id,
                                           std::function<void(acs::ConnectionRequestOutcome)> done) {
  acs::ConnectionRequestOutcome outcome;
  {
    std::lock_guard<std::mutex> l(mu_);
    connection_requests_.push_back(device_id);
    outcome = outcome_;
  }
  done(outcome);
}

void FakeDeviceControl::probe(const std::string& device_id, std::function<void(bool answered)> done) {
  bool answered;
  {
    std::lock_guard<std::mutex> l(mu_);
    probes_.push_back(device_id);
    auto it = probe_answers_.find(device_id);
    answered = it != probe_answers_.end() ? it->second : default_probe_answer_;
  }
  done(answered);
}

void FakeDeviceControl::wait_task(int64_t task_id, std::chrono::milliseconds timeout,
                                  std::function<void(Result<store::TaskRecord>)> done) {
  Result<store::TaskRecord> t = load(task_id);
  bool answer_now = !t.ok() || finished(t->state);
  {
    std::lock_guard<std::mutex> l(mu_);
    wait_timeouts_.push_back(timeout);
    answer_now = answer_now || wait_times_out_;
    if (!answer_now) waiters_.emplace(task_id, std::move(done));
  }
  waits_changed_.notify_all();
  if (answer_now) done(std::move(t));
}

void FakeDeviceControl::cancel_task(int64_t task_id, std::function<void(Result<store::TaskRecord>)> done) {
  Result<store::TaskRecord> t = load(task_id);
  if (!t) return done(t.error());
  if (finished(t->state)) return done(make_error(ErrorCode::kConflict, "task already finished"));
  t->state = store::TaskState::kCancelled;
  save(std::move(*t), std::move(done));
}

void FakeDeviceControl::retry_task(int64_t task_id, std::function<void(Result<store::TaskRecord>)> done) {
  Result<store::TaskRecord> t = load(task_id);
  if (!t) return done(t.error());
  if (t->state != store::TaskState::kFault && t->state != store::TaskState::kCancelled) {
    return done(make_error(ErrorCode::kConflict, "only faulted or cancelled tasks can be retried"));
  }
  t->state = store::TaskState::kPending;
  t->attempts = 0;
  t->fault_json.clear();
  save(std::move(*t), std::move(done));
}

void FakeDeviceControl::profiles_changed() {
  std::lock_guard<std::mutex> l(mu_);
  ++profiles_changed_;
}

}  // namespace hearth::api::testing
