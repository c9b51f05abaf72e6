// The two data model roots as render functions over a View (the world) into an Emitter (what is
// wanted). TR-181 (Device:2) is split by area over tr181_*.cc, TR-098 (InternetGatewayDevice:1)
// over tr098_*.cc; both share the diagnostics objects (render_diagnostics.cc).
#pragma once

#include <string>
#include <string_view>

#include "sim/data_model.h"
#include "sim/model/diagnostics.h"
#include "sim/model/emitter.h"
#include "sim/model/view.h"

namespace hearth::sim::model {

using cwmp::ValueType;

void render_tr181(const View& v, Emitter& e);
void render_tr098(const View& v, Emitter& e);

// TR-181 areas (inside "Device.").
void tr181_device_info(const View& v, Emitter& e);
void tr181_management_server(const View& v, Emitter& e);
void tr181_wan(const View& v, Emitter& e);        // DSL / Optical / Ethernet / PPP / IP / DNS / NAT
void tr181_wifi(const View& v, Emitter& e);       // Radio, SSID, AccessPoint, neighbour scan
void tr181_data_elements(const View& v, Emitter& e);  // inside "Device.WiFi."
// DataElements.FailedConnectionEvent, inside "Device.WiFi.DataElements.".
void tr181_failed_connections(const View& v, Emitter& e);
void tr181_hosts(const View& v, Emitter& e);
// TR-098 areas (inside "InternetGatewayDevice.").
void tr098_lan(const View& v, Emitter& e);        // LANDevice.1
void tr098_wan(const View& v, Emitter& e);        // WANDevice.1

// The shared ManagementServer leaves (same names in both roots) and DeviceInfo basics.
void management_server_leaves(const View& v, Emitter& e);
// The diagnostics objects of a root, entered at their place in the tree by the caller:
// one call per kind with the current object entered.
void diagnostics_leaves(const View& v, Emitter& e, DiagnosticKind kind);

// TR-181: the Radio (and main SSID / AccessPoint) instance of a gateway band.
uint32_t radio_instance(const View& v, Band b);
// TR-181: the Ethernet.Interface (LAN port 2..5) a wired extender is plugged into, or 0.
uint32_t ethernet_port(const View& v, uint8_t node);
// A host name for an extender ("FRITZ-Repeater-1200-AX-1").
std::string extender_host_name(const View& v, uint8_t node);

// The object path of a diagnostic in a root, or "" when the root has none.
std::string diagnostic_object(bool tr098, DiagnosticKind kind);
// The inputs of a diagnostic as written (or the defaults the tree shows).
DiagnosticInputs diagnostic_inputs(const DeviceState& st, bool tr098, DiagnosticKind kind);

// A writable leaf kept in the device's map, shown as written or as `fallback`.
inline void stored(const View& v, Emitter& e, std::string_view leaf, ValueType type, Rule rule,
                   std::string_view fallback, Target target = Target::kStore, uint8_t arg = 0) {
  e.rw(leaf, type, rule, Hook{target, arg}, [&] {
    if (v.st.written.empty()) return std::string(fallback);
    std::string name = e.path();
    name.append(leaf);
    return v.st.value_or(name, fallback);
  });
}

// A write-only secret: accepted and kept, read back empty (tr069.md quirk 24).
inline void secret(const View& v, Emitter& e, std::string_view leaf, Rule rule,
                   Target target = Target::kStore, uint8_t arg = 0) {
  (void)v;
  e.rw(leaf, ValueType::kString, rule, Hook{target, arg}, [] { return std::string(); });
}

}  // namespace hearth::sim::model
