// AcsService's side facing the API: tasks, connection requests, probes and waiting for
// outcomes, plus the sweeper that times out sessions, running tasks and waiters.
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "acs/acs_service.h"
#include "acs/acs_service_internal.h"
#include "device/quirks.h"

namespace hearth::acs {

using nlohmann::json;

namespace {

bool finished_state(store::TaskState s) {
  return s == store::TaskState::kDone || s == store::TaskState::kFault || s == store::TaskState::kCancelled;
}

}  // namespace

void AcsService::submit_task(store::TaskRecord task, std::function<void(Result<store::TaskRecord>)> done) {
  store::WriteBatch batch;
  batch.add(store::PutTask{task});
  store_.write(std::move(batch), [this, task, done = std::move(done)](Status st) {
    if (!st) {
      done(st.error());
      return;
    }
    std::shared_ptr<Entry> entry;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = by_device_.find(task.device_id);
      if (it != by_device_.end()) entry = it->second;
    }
    if (entry) {
      std::lock_guard<std::mutex> l(entry->mutex);
      entry->session->add_task(task);
    }
    done(task);
  });
}

void AcsService::wait_task(int64_t task_id, std::chrono::milliseconds timeout,
                           std::function<void(Result<store::TaskRecord>)> done) {
  auto current = store_.get_task(task_id);
  if (!current) {
    done(current.error());
    return;
  }
  if (!current->has_value()) {
    done(make_error(ErrorCode::kNotFound, "no such task"));
    return;
  }
  if (finished_state((*current)->state) || timeout.count() <= 0) {
    done(**current);
    return;
  }
  auto waiter = std::make_shared<Waiter>();
  waiter->deadline_ms = to_unix_ms(clock_.now()) + timeout.count();
  waiter->done = std::move(done);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    waiters_.emplace(task_id, waiter);
  }
  // It may have finished between the read and the registration.
  auto again = store_.get_task(task_id);
  if (again && again->has_value() && finished_state((*again)->state) && !waiter->fired.exchange(true)) {
    waiter->done(**again);
  }
}

void AcsService::cancel_task(int64_t task_id, std::function<void(Result<store::TaskRecord>)> done) {
  auto current = store_.get_task(task_id);
  if (!current) return done(current.error());
  if (!current->has_value()) return done(make_error(ErrorCode::kNotFound, "no such task"));
  store::TaskRecord task = **current;
  if (task.state != store::TaskState::kPending) {
    return done(make_error(ErrorCode::kConflict, std::string("the task is ") + store::task_state_name(task.state)));
  }
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = by_device_.find(task.device_id);
    if (it != by_device_.end()) entry = it->second;
  }
  if (entry) {
    std::lock_guard<std::mutex> l(entry->mutex);
    store::TaskRecord held;
    // False when the session does not hold it (it is then only in the store) or runs it now.
    (void)entry->session->cancel_task(task_id, &held);
  }
  task.state = store::TaskState::kCancelled;
  task.updated_ms = to_unix_ms(clock_.now());
  store::WriteBatch batch;
  batch.add(store::PutTask{task});
  store_.write(std::move(batch), [this, task, done = std::move(done)](Status st) {
    if (!st) return done(st.error());
    tasks_finished({task});
    done(task);
  });
}

void AcsService::retry_task(int64_t task_id, std::function<void(Result<store::TaskRecord>)> done) {
  auto current = store_.get_task(task_id);
  if (!current) return done(current.error());
  if (!current->has_value()) return done(make_error(ErrorCode::kNotFound, "no such task"));
  store::TaskRecord task = **current;
  if (task.state != store::TaskState::kFault && task.state != store::TaskState::kCancelled) {
    return done(make_error(ErrorCode::kConflict,
                           std::string("only a faulted or cancelled task can be retried; this one is ") +
                               store::task_state_name(task.state)));
  }
  task.state = store::TaskState::kPending;
  task.attempts = 0;
  task.next_attempt_ms = 0;
  task.expires_ms = 0;
  task.fault_json.clear();
  task.result_json.clear();
  task.updated_ms = to_unix_ms(clock_.now());
  submit_task(std::move(task), std::move(done));
}

void AcsService::connection_request(const std::string& device_id,
                                    std::function<void(ConnectionRequestOutcome)> done) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (by_device_.count(device_id) != 0) {
      metrics_->connreq.with({"in_session"}).inc();
      done(ConnectionRequestOutcome::kInSession);
      return;
    }
    auto& pending = cr_pending_[device_id];
    pending.push_back(std::move(done));
    if (pending.size() > 1) return;  // coalesced with the one in flight
  }
  send_connection_request(device_id, 1);
}

void AcsService::send_connection_request(const std::string& device_id, int attempt) {
  auto finish = [this, device_id](ConnectionRequestOutcome outcome) {
    std::vector<std::function<void(ConnectionRequestOutcome)>> callbacks;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = cr_pending_.find(device_id);
      if (it != cr_pending_.end()) {
        callbacks = std::move(it->second);
        cr_pending_.erase(it);
      }
    }
    metrics_->connreq.with({connection_request_outcome_name(outcome)}).inc();
    if (options_.telemetry != nullptr && outcome != ConnectionRequestOutcome::kNoUrl) {
      options_.telemetry->on_connection_request(
          device_id, outcome == ConnectionRequestOutcome::kOk || outcome == ConnectionRequestOutcome::kInSession,
          to_unix_ms(clock_.now()));
    }
    for (auto& cb : callbacks) cb(outcome);
  };
  auto device = store_.get_device(device_id);
  if (!device || !device->has_value() || (*device)->connection_request_url.empty()) {
    finish(ConnectionRequestOutcome::kNoUrl);
    return;
  }
  const store::DeviceRecord& d = **device;
  requester_.send(d.connection_request_url, d.cr_username, d.cr_password,
                  [this, device_id, attempt, finish](ConnectionRequestOutcome outcome) {
                    const bool transient = outcome == ConnectionRequestOutcome::kUnreachable ||
                                           outcome == ConnectionRequestOutcome::kBusy;
                    if (transient && attempt < 3) {
                      // Back off so that the CPE's own rate limiter is not tripped (tr069.md 6.1).
                      schedule(500LL << attempt, [this, device_id, attempt] {
                        send_connection_request(device_id, attempt + 1);
                      });
                      return;
                    }
                    finish(outcome);
                  });
}

// Unlike connection_request: no coalescing, no retry, no session check and no telemetry call;
// the outage detection asks this to tell a silent device from an unreachable one.
void AcsService::probe(const std::string& device_id, std::function<void(bool answered)> done) {
  auto device = store_.get_device(device_id);
  if (!device || !device->has_value() || (*device)->connection_request_url.empty()) {
    metrics_->probes.with({"no-url"}).inc();
    done(false);
    return;
  }
  requester_.probe((*device)->connection_request_url, [this, done = std::move(done)](bool answered) {
    metrics_->probes.with({answered ? "answered" : "unreachable"}).inc();
    done(answered);
  });
}

void AcsService::schedule(int64_t delay_ms, std::function<void()> fn) {
  std::lock_guard<std::mutex> lock(mutex_);
  scheduled_.emplace(to_unix_ms(clock_.now()) + delay_ms, std::move(fn));
}

void AcsService::sweep() {
  const SysTime now = clock_.now();
  const int64_t now_ms = to_unix_ms(now);
  // Sessions idle past their time-out (quirk 5: a CPE that stalls after the InformResponse).
  std::vector<std::shared_ptr<Entry>> expired;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [cookie, e] : by_cookie_) {
      std::unique_lock<std::mutex> l(e->mutex, std::try_to_lock);
      if (!l.owns_lock()) continue;
      if (now - e->session->last_activity() > std::chrono::milliseconds(e->session->timeout_ms())) {
        expired.push_back(e);
      }
    }
  }
  for (auto& e : expired) {
    remove_entry(e);
    Step step;
    {
      std::lock_guard<std::mutex> l(e->mutex);
      step = e->session->abandon("session timed out");
    }
    metrics_->active.dec();
    metrics_->sessions.with({"timeout"}).inc();
    auto finished = step.finished_tasks;
    if (!step.batch.empty()) {
      store_.write(std::move(step.batch), [this, finished](Status) { tasks_finished(finished); });
    }
  }
  // Waiters past their deadline get the task as it is.
  std::vector<std::pair<int64_t, std::shared_ptr<Waiter>>> late;
  std::vector<std::function<void()>> due;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      if (it->second->deadline_ms <= now_ms) {
        late.emplace_back(it->first, it->second);
        it = waiters_.erase(it);
      } else {
        ++it;
      }
    }
    while (!scheduled_.empty() && scheduled_.begin()->first <= now_ms) {
      due.push_back(std::move(scheduled_.begin()->second));
      scheduled_.erase(scheduled_.begin());
    }
  }
  for (auto& [id, w] : late) {
    if (w->fired.exchange(true)) continue;
    auto t = store_.get_task(id);
    if (!t) {
      w->done(t.error());
    } else if (!t->has_value()) {
      w->done(make_error(ErrorCode::kNotFound, "no such task"));
    } else {
      w->done(**t);
    }
  }
  for (auto& fn : due) fn();
  if (now_ms - last_expiry_ms_ >= 5000) {
    last_expiry_ms_ = now_ms;
    expire_offline_tasks();
  }
}

// Running tasks of devices that are not in a session, whose completion event never came.
void AcsService::expire_offline_tasks() {
  store::TaskQuery q;
  q.state = store::TaskState::kRunning;
  q.limit = 1000;
  auto running = store_.find_tasks(q);
  if (!running) return;
  const int64_t now_ms = to_unix_ms(clock_.now());
  store::WriteBatch batch;
  std::vector<store::TaskRecord> finished;
  for (auto& task : *running) {
    if (task.expires_ms == 0 || task.expires_ms > now_ms) continue;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (by_device_.count(task.device_id) != 0) continue;  // the session handles it
    }
    bool success = false;
    if (task.name == "download") {
      auto device = store_.get_device(task.device_id);
      if (device && device->has_value()) {
        success = device::quirks_for(options_.config.quirks, (*device)->oui, (*device)->product_class)
                      .download_success_on_timeout;
      }
    }
    task.updated_ms = now_ms;
    task.expires_ms = 0;
    if (success) {
      task.state = store::TaskState::kDone;
      task.result_json = json{{"assumed", true}, {"reason", "no TransferComplete"}}.dump();
    } else {
      task.state = store::TaskState::kFault;
      task.fault_json = json{{"code", 0}, {"message", "timed out waiting for the device to complete " + task.name}}.dump();
    }
    batch.add(store::PutTask{task});
    finished.push_back(task);
  }
  if (batch.empty()) return;
  store_.write(std::move(batch), [this, finished](Status st) {
    if (st) tasks_finished(finished);
  });
}

}  // namespace hearth::acs
