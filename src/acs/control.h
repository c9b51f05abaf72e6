// What the API (and the CLI through it) may ask of the running ACS. Implemented by acs::Acs;
// api/ tests use a fake. Callbacks may run on any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/result.h"
#include "store/records.h"

namespace hearth::acs {

enum class ConnectionRequestOutcome {
  kOk,             // the device answered 200/204: a session should follow
  kNoUrl,          // no (valid) ConnectionRequestURL known
  kInSession,      // the device is in a session now; the task will be picked up there
  kUnreachable,    // refused, reset, timed out
  kAuthFailed,     // the device rejected our credentials
  kBusy,           // 503 from the device
  kError,          // another HTTP status
};
const char* connection_request_outcome_name(ConnectionRequestOutcome outcome);

class DeviceControl {
 public:
  virtual ~DeviceControl() = default;

  // Makes the task durable (state pending) and calls back with the stored record.
  virtual void submit_task(store::TaskRecord task, std::function<void(Result<store::TaskRecord>)> done) = 0;
  // Sends (or joins an in-flight) connection request to the device.
  virtual void connection_request(const std::string& device_id,
                                  std::function<void(ConnectionRequestOutcome)> done) = 0;
  // Checks that the device can be reached without starting a session: an unauthenticated GET of
  // its ConnectionRequestURL, which a live CPE answers (401, or any HTTP status). `done(true)`
  // on any HTTP answer; false when refused, reset, timed out, or no URL is known. Never joins
  // or counts as a connection request; never retried.
  virtual void probe(const std::string& device_id, std::function<void(bool answered)> done) = 0;
  // Calls back when the task is done, fault or cancelled, or after `timeout` with its record as
  // it is then (the caller tells a finished task by its state).
  virtual void wait_task(int64_t task_id, std::chrono::milliseconds timeout,
                         std::function<void(Result<store::TaskRecord>)> done) = 0;
  // Cancels a pending task (a running one is cancelled once its RPC returns). kNotFound, or
  // kConflict when it has already finished.
  virtual void cancel_task(int64_t task_id, std::function<void(Result<store::TaskRecord>)> done) = 0;
  // Puts a faulted or cancelled task back to pending with its attempts reset.
  virtual void retry_task(int64_t task_id, std::function<void(Result<store::TaskRecord>)> done) = 0;
  // Tells the ACS that profiles changed so devices get them at their next session.
  virtual void profiles_changed() = 0;
};

}  // namespace hearth::acs
