// Where the ACS hands what devices tell it to the diagnosis (insight/ implements it). The ACS
// does not know what is collected or why: at each Inform the sink says which paths to read in
// that session, and gets the answer back.
//
// Thread safety: called from network threads, concurrently for different devices; calls for one
// device are serialised (one session per device).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cwmp/messages.h"
#include "store/records.h"

namespace hearth::acs {

class TelemetrySink {
 public:
  virtual ~TelemetrySink() = default;

  // An Inform opened a session (after authentication). Returns the paths the session should read
  // with one GetParameterValues after the other work of the session (tasks first); empty: none.
  virtual std::vector<std::string> on_inform(const store::DeviceRecord& device,
                                             const std::vector<cwmp::EventStruct>& events,
                                             const std::vector<cwmp::ParameterValue>& parameters,
                                             int64_t now_ms) = 0;
  // The answer to that GetParameterValues (after the session's batch was committed).
  virtual void on_telemetry(const store::DeviceRecord& device,
                            std::vector<cwmp::ParameterValue> values, int64_t now_ms) = 0;
  // The device answered (or not) a connection request.
  virtual void on_connection_request(const std::string& device_id, bool reached, int64_t now_ms) {
    (void)device_id; (void)reached; (void)now_ms;
  }
};

}  // namespace hearth::acs
