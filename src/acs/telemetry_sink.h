// Where the ACS hands what devices tell it to the diagnosis (insight/ implements it). The ACS
// does not know what is collected or why: at each Inform the sink says which paths to read in
// that session, and gets the answer back.
//
// Thread safety: called from network threads, concurrently for different devices; calls for one
// device are serialised (one session per device).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "cwmp/messages.h"
#include "store/records.h"

namespace hearth::acs {

// What a session reads for the diagnosis, last, in one GetParameterValues.
struct TelemetryRead {
  std::vector<std::string> paths;  // empty: nothing this session
  // When `paths` is a narrowed read (only some leaves of objects): what to read instead if the
  // device faults it (its rows changed since). Empty: `paths` is the full read.
  std::vector<std::string> fallback;
};

class TelemetrySink {
 public:
  virtual ~TelemetrySink() = default;

  // An Inform opened a session (after authentication). Returns what the session should read with
  // one GetParameterValues after the other work of the session (tasks first).
  virtual TelemetryRead on_inform(const store::DeviceRecord& device,
                                             const std::vector<cwmp::EventStruct>& events,
                                             const std::vector<cwmp::ParameterValue>& parameters,
                                             int64_t now_ms) = 0;
  // The answer to that GetParameterValues (after the session's batch was committed); the full
  // read's when a narrowed one faulted.
  virtual void on_telemetry(const store::DeviceRecord& device,
                            std::vector<cwmp::ParameterValue> values, int64_t now_ms) = 0;
  // The device answered (or not) a connection request.
  virtual void on_connection_request(const std::string& device_id, bool reached, int64_t now_ms) {
    (void)device_id; (void)reached; (void)now_ms;
  }
  // The device acknowledged a Reboot, FactoryReset or Download (or ScheduleDownload): it will
  // probably be silent for a while, and that is not an outage.
  virtual void on_restart_expected(const std::string& device_id, int64_t now_ms) {
    (void)device_id; (void)now_ms;
  }
};

// Hands everything to two sinks: paths are the first one's (the second's on_inform result is
// ignored), telemetry goes to the first only. Either may be null.
class SinkTee final : public TelemetrySink {
 public:
  SinkTee(TelemetrySink* first, TelemetrySink* second) : first_(first), second_(second) {}
  TelemetryRead on_inform(const store::DeviceRecord& device, const std::vector<cwmp::EventStruct>& events,
                          const std::vector<cwmp::ParameterValue>& parameters, int64_t now_ms) override {
    if (second_ != nullptr) second_->on_inform(device, events, parameters, now_ms);
    return first_ != nullptr ? first_->on_inform(device, events, parameters, now_ms) : TelemetryRead{};
  }
  void on_telemetry(const store::DeviceRecord& device, std::vector<cwmp::ParameterValue> values,
                    int64_t now_ms) override {
    if (first_ != nullptr) first_->on_telemetry(device, std::move(values), now_ms);
  }
  void on_connection_request(const std::string& device_id, bool reached, int64_t now_ms) override {
    if (first_ != nullptr) first_->on_connection_request(device_id, reached, now_ms);
    if (second_ != nullptr) second_->on_connection_request(device_id, reached, now_ms);
  }
  void on_restart_expected(const std::string& device_id, int64_t now_ms) override {
    if (first_ != nullptr) first_->on_restart_expected(device_id, now_ms);
    if (second_ != nullptr) second_->on_restart_expected(device_id, now_ms);
  }

 private:
  TelemetrySink* first_;
  TelemetrySink* second_;
};

}  // namespace hearth::acs
