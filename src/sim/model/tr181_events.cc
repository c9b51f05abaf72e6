// TR-181 2.17 Device.WiFi.DataElements.FailedConnectionEvent: the gateway's last
// FailedJoinLog::kKept failed joins (failed_joins.h) as FailedConnectionEventData rows. A wrong
// passphrase fails the 4-way handshake: StatusCode 0 with ReasonCode 15, as the object's
// description asks when the failure is reported by a reason code (802.11-2020 Table 9-49).
#include "sim/model/render.h"

namespace hearth::sim::model {

void tr181_failed_connections(const View& v, Emitter& e) {
  Scope event(e, "FailedConnectionEvent");
  if (!event) return;
  const FailedJoinLog& log = v.failed_joins();
  e.ro("FailedConnectionEventDataNumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(log.rows().size()); });
  Scope table(e, "FailedConnectionEventData");
  if (!table) return;
  for (const FailedJoin& f : log.rows()) {
    Scope inst(e, f.instance);
    if (!inst) continue;
    e.ro("BSSID", ValueType::kString, [&] { return v.mac(f.bssid); });
    e.ro("MACAddress", ValueType::kString, [&] { return v.mac(f.station); });
    e.ro("StatusCode", ValueType::kUnsignedInt, [] { return std::string("0"); });
    e.ro("ReasonCode", ValueType::kUnsignedInt, [] { return u64(FailedJoinLog::kReasonCode); });
    e.ro("TimeStamp", ValueType::kString, [&] { return v.iso(f.time_ms); });
  }
}

}  // namespace hearth::sim::model
