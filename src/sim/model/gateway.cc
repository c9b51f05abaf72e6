// Reads, life cycle and ManagementServer values of a simulated gateway (gateway.h); writes are
// in gateway_write.cc.
#include "sim/model/gateway.h"

#include "core/strings.h"
#include "sim/model/diagnostics.h"
#include "sim/model/failed_joins.h"
#include "sim/model/render.h"
#include "sim/model/view.h"

namespace hearth::sim {

std::unique_ptr<DataModel> make_data_model(Home& home, const DataModelOptions& options) {
  return std::make_unique<model::Gateway>(home, options);
}

namespace model {

Gateway::Gateway(Home& home, const DataModelOptions& options)
    : home_(home), model_(model_of(home.nodes.empty() ? 0 : home.nodes[0].model)) {
  root_ = model_.tr098 ? "InternetGatewayDevice." : "Device.";
  const std::string serial = home.nodes.empty() ? std::string() : home.nodes[0].serial;
  st_.acs_url = options.acs_url;
  st_.acs_username = options.acs_username.empty() ? serial : options.acs_username;
  st_.acs_password =
      options.acs_password.empty() ? default_acs_password(home.seed, serial) : options.acs_password;
  st_.cr_username =
      options.connection_request_username.empty() ? serial : options.connection_request_username;
  st_.cr_password = options.connection_request_password.empty()
                        ? default_connection_request_password(home.seed, serial)
                        : options.connection_request_password;
  st_.periodic_interval_s = options.periodic_inform_interval_s;
  st_.memory_leak_per_hour = options.memory_leak_per_hour;
  st_.initial_wifi = home.wifi;
  for (const Node& n : home.nodes) {
    st_.initial_nodes.push_back(
        NodeRadioDefaults{n.channel_2g, n.channel_5g, n.width_2g_mhz, n.width_5g_mhz, n.tx_power_dbm});
  }
  st_.software_version = model_.firmware;
  st_.connection_request_url =
      "http://" + ipv4_string(home.wan.ipv4) + ":7547/" + derive_secret(home.seed, serial, 3).substr(0, 10);
}

cwmp::DeviceIdStruct Gateway::device_id() const {
  return cwmp::DeviceIdStruct{model_.manufacturer, model_.oui, model_.product_class,
                              home_.nodes.empty() ? std::string() : home_.nodes[0].serial};
}

std::vector<std::string> Gateway::inform_parameter_names() const {
  const std::string& r = root_;
  if (model_.tr098) {
    const bool ppp = home_.wan.access == Wan::Access::kDsl;
    return {r + "DeviceSummary",
            r + "DeviceInfo.SpecVersion",
            r + "DeviceInfo.HardwareVersion",
            r + "DeviceInfo.SoftwareVersion",
            r + "DeviceInfo.ProvisioningCode",
            r + "ManagementServer.ConnectionRequestURL",
            r + "ManagementServer.ParameterKey",
            r + "WANDevice.1.WANConnectionDevice.1." + (ppp ? "WANPPPConnection" : "WANIPConnection") +
                ".1.ExternalIPAddress"};
  }
  return {r + "RootDataModelVersion",
          r + "DeviceInfo.HardwareVersion",
          r + "DeviceInfo.SoftwareVersion",
          r + "DeviceInfo.ProvisioningCode",
          r + "ManagementServer.ConnectionRequestURL",
          r + "ManagementServer.ParameterKey",
          r + "ManagementServer.AliasBasedAddressing",
          r + "IP.Interface.1.IPv4Address.1.IPAddress"};
}

void Gateway::render(Emitter& e, int64_t now_ms, bool may_boot) const {
  if (may_boot) {
    if (st_.boot_ms == INT64_MIN) st_.boot_ms = now_ms;
    last_now_ms_ = now_ms;
  }
  const View v(home_, model_, st_, now_ms);
  if (model_.tr098) {
    render_tr098(v, e);
  } else {
    render_tr181(v, e);
  }
}

std::vector<Param> Gateway::parameters(int64_t now_ms) const {
  std::vector<Param> out;
  out.reserve(size_hint_);
  Emitter e = Emitter::all(&out, nullptr);
  render(e, now_ms);
  size_hint_ = out.size();
  return out;
}

std::vector<ObjectInfo> Gateway::objects(int64_t now_ms) const {
  std::vector<ObjectInfo> out;
  Emitter e = Emitter::all(nullptr, &out);
  render(e, now_ms);
  return out;
}

std::optional<Param> Gateway::get(const std::string& name, int64_t now_ms) const {
  Emitter e = Emitter::one(name);
  render(e, now_ms);
  if (!e.found()) return std::nullopt;
  return e.found()->param;
}

std::vector<Param> Gateway::parameters_under(const std::string& path, int64_t now_ms) const {
  std::vector<Param> out;
  Emitter e = Emitter::under(path, &out, nullptr);
  render(e, now_ms);
  return out;
}

std::vector<ObjectInfo> Gateway::objects_under(const std::string& path, int64_t now_ms) const {
  std::vector<ObjectInfo> out;
  Emitter e = Emitter::under(path, nullptr, &out);
  render(e, now_ms);
  return out;
}

void Gateway::booted(int64_t now_ms) {
  st_.boot_ms = now_ms;
  st_.wan = WanCounters{};
  st_.channel_change_ms = {};
  st_.diagnostics.reset();  // results do not survive a reboot; states read None again
  st_.tables.clear();       // dynamic rows are numbered afresh
  if (st_.failed_joins) st_.failed_joins->clear();
}

void Gateway::factory_reset(int64_t now_ms) {
  st_.written.clear();
  st_.added.clear();
  st_.parameter_key.clear();
  st_.leases.clear();
  st_.radio_6g_enabled = true;
  st_.channel_6g = 0;
  st_.width_6g = 160;
  st_.manual_channel_changes = {};
  home_.wifi = st_.initial_wifi;
  for (size_t i = 0; i < home_.nodes.size() && i < st_.initial_nodes.size(); ++i) {
    const NodeRadioDefaults& d = st_.initial_nodes[i];
    Node& n = home_.nodes[i];
    n.channel_2g = d.channel_2g;
    n.channel_5g = d.channel_5g;
    n.width_2g_mhz = d.width_2g;
    n.width_5g_mhz = d.width_5g;
    n.tx_power_dbm = d.tx_power_dbm;
  }
  booted(now_ms);
}

int64_t Gateway::diagnostic_duration_ms(DiagnosticKind kind) const {
  return model::diagnostic_duration_ms(home_, kind, diagnostic_inputs(st_, model_.tr098, kind));
}

void Gateway::complete_diagnostic(DiagnosticKind kind, int64_t now_ms) {
  // Only a diagnostic still requested finishes (a reboot or a cancel ended the others).
  if (!st_.diagnostics || st_.diagnostics->state[kind_index(kind)] != "Requested") return;
  run_diagnostic(home_, kind, diagnostic_inputs(st_, model_.tr098, kind), model_.tr098, now_ms,
                 st_.diagnostics.get());
}

std::string Gateway::management(const char* leaf, const std::string& fallback) const {
  return st_.value_or(root_ + "ManagementServer." + leaf, fallback);
}

uint32_t Gateway::periodic_inform_interval_s() const {
  auto v = parse_uint64(management("PeriodicInformInterval", ""));
  return v ? static_cast<uint32_t>(*v) : st_.periodic_interval_s;
}

std::string Gateway::acs_username() const { return management("Username", st_.acs_username); }
std::string Gateway::acs_password() const { return management("Password", st_.acs_password); }
std::string Gateway::connection_request_username() const {
  return management("ConnectionRequestUsername", st_.cr_username);
}
std::string Gateway::connection_request_password() const {
  return management("ConnectionRequestPassword", st_.cr_password);
}
std::string Gateway::acs_url() const { return management("URL", st_.acs_url); }
bool Gateway::periodic_inform_enabled() const { return management("PeriodicInformEnable", "true") == "true"; }

uint32_t Gateway::retry_minimum_wait_s() const {
  return static_cast<uint32_t>(parse_uint64(management("CWMPRetryMinimumWaitInterval", "")).value_or(5));
}

uint32_t Gateway::retry_interval_multiplier() const {
  return static_cast<uint32_t>(parse_uint64(management("CWMPRetryIntervalMultiplier", "")).value_or(2000));
}

}  // namespace model
}  // namespace hearth::sim
