// The customer's Wi-Fi (GET/PUT /api/v1/selfservice/wifi) and device names
// (PUT /api/v1/selfservice/devices/{mac}).
//
// The Wi-Fi settings are read from the gateway's stored parameter tree. TR-181: each
// Device.WiFi.SSID.{i} with its AccessPoint (by SSIDReference); a guest network is one whose
// AccessPoint isolates its stations (IsolationEnable) or whose interface is a secondary one
// ("wl0.1"); SSIDs without a name (rows the ACS added) are not networks. TR-098: each
// LANDevice.1.WLANConfiguration.{i}; the first row of a band is that band's main network, further
// rows of the band are guest networks (the numbering of the diagnosis' telemetry, wifi_tr098.cc).
//
// A change is one SetParameterValues task, then a connection request, then a wait of up to 20 s.
// The password goes into that task only: it is not logged, not audited, and task views mask it
// (redaction.h: KeyPassphrase is a secret name).
#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/body_fields.h"
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/portal_support.h"
#include "api/request_params.h"
#include "api/selfservice_handlers.h"
#include "core/ids.h"
#include "core/strings.h"
#include "device/task_spec.h"

namespace hearth::api {

namespace {

using nlohmann::json;
using acs::ConnectionRequestOutcome;

constexpr std::chrono::milliseconds kWifiWait{20'000};
constexpr size_t kMaxSsidBytes = 32;
constexpr size_t kMinPassword = 8;
constexpr size_t kMaxPassword = 63;
constexpr size_t kMaxDeviceName = 40;  // characters
constexpr const char* kTr181WiFi = "Device.WiFi.";
constexpr const char* kTr098Wlan = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.";

struct Network {
  std::string path;      // SSID.{i}. or WLANConfiguration.{i}.
  std::string ap_path;   // TR-181 AccessPoint.{j}. ("" none); TR-098: the same row
  std::string band;      // "2.4GHz", "5GHz", "6GHz" or "" unknown
  std::string ssid;
  std::string security;  // "WPA2", "WPA3", "WPA2/WPA3", "WPA/WPA2", "none" or "" unknown
  bool enabled = false;
  bool guest = false;
};

struct Layout {
  bool tr098 = false;
  std::vector<Network> networks;  // by instance
  // The stored parameters by name, to write only what the gateway has.
  std::map<std::string, std::string> values;
};

bool is_true(const std::string& v) {
  return v == "true" || v == "1";
}

// The instance numbers directly under `table` ("Device.WiFi.SSID."), ascending.
std::vector<uint32_t> instances(const std::map<std::string, std::string>& values, const std::string& table) {
  std::set<uint32_t> out;
  for (auto it = values.lower_bound(table); it != values.end() && starts_with(it->first, table); ++it) {
    const std::string_view rest = std::string_view(it->first).substr(table.size());
    const size_t dot = rest.find('.');
    if (dot == std::string_view::npos || dot == 0) continue;
    if (auto n = parse_uint64(rest.substr(0, dot)); n && *n > 0 && *n <= UINT32_MAX)
      out.insert(static_cast<uint32_t>(*n));
  }
  return {out.begin(), out.end()};
}

std::string value_of(const Layout& l, const std::string& name) {
  auto it = l.values.find(name);
  return it == l.values.end() ? "" : it->second;
}

std::string tr181_security(const std::string& mode) {
  if (mode == "WPA2-Personal" || mode == "WPA2-Enterprise") return "WPA2";
  if (mode == "WPA3-Personal" || mode == "WPA3-Enterprise") return "WPA3";
  if (mode == "WPA3-Personal-Transition") return "WPA2/WPA3";
  if (mode == "WPA-WPA2-Personal") return "WPA/WPA2";
  if (mode == "None") return "none";
  return "";
}

std::string tr098_security(const std::string& beacon) {
  if (beacon == "11i" || beacon == "Basicand11i") return "WPA2";
  if (beacon == "WPAand11i" || beacon == "WPAWPA2" || beacon == "BasicandWPAand11i") return "WPA/WPA2";
  if (beacon == "WPA" || beacon == "BasicandWPA") return "WPA";
  if (beacon == "None" || beacon == "Basic") return "none";
  return "";
}

std::string band_of_channel(int64_t channel) {
  if (channel >= 1 && channel <= 14) return "2.4GHz";
  if (channel >= 32 && channel <= 177) return "5GHz";
  return "";
}

void read_tr181(Layout& l) {
  // AccessPoints by the SSID they serve.
  std::map<std::string, std::string> ap_of;
  const std::string aps = std::string(kTr181WiFi) + "AccessPoint.";
  for (uint32_t j : instances(l.values, aps)) {
    const std::string ap = aps + std::to_string(j) + ".";
    std::string ref = value_of(l, ap + "SSIDReference");
    if (!ref.empty() && ref.back() != '.') ref += '.';
    if (!ref.empty() && !ap_of.count(ref)) ap_of[ref] = ap;
  }
  const std::string ssids = std::string(kTr181WiFi) + "SSID.";
  for (uint32_t i : instances(l.values, ssids)) {
    Network n;
    n.path = ssids + std::to_string(i) + ".";
    n.ssid = value_of(l, n.path + "SSID");
    if (n.ssid.empty()) continue;
    if (auto it = ap_of.find(n.path); it != ap_of.end()) n.ap_path = it->second;
    n.enabled = is_true(value_of(l, n.path + "Enable"));
    n.guest = (!n.ap_path.empty() && is_true(value_of(l, n.ap_path + "IsolationEnable"))) ||
              value_of(l, n.path + "Name").find('.') != std::string::npos;
    std::string radio = value_of(l, n.path + "LowerLayers");
    radio = radio.substr(0, radio.find(','));
    if (!radio.empty() && radio.back() != '.') radio += '.';
    n.band = value_of(l, radio + "OperatingFrequencyBand");
    if (n.band.empty()) n.band = value_of(l, radio + "SupportedFrequencyBands");
    if (!n.ap_path.empty()) n.security = tr181_security(value_of(l, n.ap_path + "Security.ModeEnabled"));
    l.networks.push_back(std::move(n));
  }
}

void read_tr098(Layout& l) {
  std::set<std::string> bands_seen;
  for (uint32_t i : instances(l.values, kTr098Wlan)) {
    Network n;
    n.path = std::string(kTr098Wlan) + std::to_string(i) + ".";
    n.ap_path = n.path;
    n.ssid = value_of(l, n.path + "SSID");
    n.enabled = is_true(value_of(l, n.path + "Enable"));
    n.band = band_of_channel(parse_int64(value_of(l, n.path + "Channel")).value_or(0));
    if (n.band.empty()) {
      // Channel 0 while auto channel selection runs: the standards the row offers.
      const std::string standard = value_of(l, n.path + "Standard");
      n.band = starts_with(standard, "a") || standard.find("ac") != std::string::npos ? "5GHz" : "2.4GHz";
    }
    n.guest = !bands_seen.insert(n.band).second;
    n.security = tr098_security(value_of(l, n.path + "BeaconType"));
    l.networks.push_back(std::move(n));
  }
}

// The gateway's networks from its stored parameters (none when the tree was never read).
Result<Layout> read_layout(const ApiDeps& deps, const std::string& device_id) {
  Layout l;
  for (const char* root : {kTr181WiFi, kTr098Wlan}) {
    auto params = deps.store.get_parameters(device_id, root);
    if (!params) return params.error();
    if (params->empty()) continue;
    for (const store::StoredParameter& p : *params) l.values[p.name] = p.value;
    l.tr098 = root == kTr098Wlan;
    if (l.tr098) {
      read_tr098(l);
    } else {
      read_tr181(l);
    }
    break;
  }
  return l;
}

const Network* first(const Layout& l, bool guest) {
  for (const Network& n : l.networks) {
    if (n.guest == guest) return &n;
  }
  return nullptr;
}

json wifi_json(const Layout& l) {
  const Network* main = first(l, false);
  const Network* guest = first(l, true);
  std::vector<std::string> bands;
  for (const char* b : {"2.4GHz", "5GHz", "6GHz"}) {
    const bool on = std::any_of(l.networks.begin(), l.networks.end(),
                                [&](const Network& n) { return !n.guest && n.enabled && n.band == b; });
    if (on) bands.push_back(b);
  }
  const bool guest_on = std::any_of(l.networks.begin(), l.networks.end(),
                                    [](const Network& n) { return n.guest && n.enabled; });
  json security = nullptr;
  if (main != nullptr) security = main->security.empty() ? "WPA2" : main->security;
  return {{"ssid", main ? json(main->ssid) : json(nullptr)},
          {"bands", bands},
          {"security", security},
          {"guest",
           {{"available", guest != nullptr},
            {"enabled", guest_on},
            {"ssid", guest ? json(guest->ssid) : json(nullptr)}}}};
}

// Loads the home's gateway id, or the error for a home without one.
Result<std::string> gateway_id(const store::HomeRecord& home) {
  const store::HomeDevice* gw = home_gateway(home);
  if (gw == nullptr) return make_error(ErrorCode::kNotFound, "no router is registered for this home");
  return gw->device_id;
}

void get_wifi(const ApiDeps& deps, const CallPtr& call) {
  Result<store::HomeRecord> home = customer_home(deps, *call);
  if (!home) return call->fail(home.error());
  Layout layout;
  if (const store::HomeDevice* gw = home_gateway(*home)) {
    Result<Layout> l = read_layout(deps, gw->device_id);
    if (!l) return call->fail(l.error());
    layout = std::move(*l);
  }
  call->reply(200, wifi_json(layout));
}

struct WifiChange {
  std::optional<std::string> ssid;
  std::optional<std::string> password;
  std::optional<bool> guest_enabled;
};

Result<WifiChange> parse_wifi_change(const json& body) {
  if (Status st = only_fields(body, {"ssid", "password", "guestEnabled"}); !st) return st.error();
  WifiChange c;
  if (auto it = body.find("ssid"); it != body.end()) {
    if (!it->is_string()) return invalid_field("ssid", "must be a string");
    const std::string& s = it->get_ref<const std::string&>();
    if (s.empty() || s.size() > kMaxSsidBytes) return invalid_field("ssid", "1 to 32 bytes");
    for (unsigned char ch : s) {
      if (ch < 0x20 || ch == 0x7f) return invalid_field("ssid", "holds a control character");
    }
    c.ssid = s;
  }
  if (auto it = body.find("password"); it != body.end()) {
    // The message never repeats the password.
    const Error bad = invalid_field("password", "8 to 63 printable ASCII characters");
    if (!it->is_string()) return bad;
    const std::string& p = it->get_ref<const std::string&>();
    if (p.size() < kMinPassword || p.size() > kMaxPassword) return bad;
    for (unsigned char ch : p) {
      if (ch < 0x20 || ch > 0x7e) return bad;
    }
    c.password = p;
  }
  if (auto it = body.find("guestEnabled"); it != body.end()) {
    if (!it->is_boolean()) return invalid_field("guestEnabled", "must be true or false");
    c.guest_enabled = it->get<bool>();
  }
  if (!c.ssid && !c.password && !c.guest_enabled) {
    return make_error(ErrorCode::kInvalidArgument, "ssid, password or guestEnabled: at least one is required");
  }
  return c;
}

// The SetParameterValues items for a change: the name and password of every main network, the
// switch of every guest network. Only parameters the gateway has are written.
Result<device::SetParameterValuesSpec> wifi_items(const Layout& l, const WifiChange& c) {
  device::SetParameterValuesSpec spec;
  const auto add = [&](const std::string& name, const std::string& value) {
    if (l.values.count(name)) spec.values.push_back(device::SpvItem{name, value, std::nullopt});
  };
  const bool has_main = first(l, false) != nullptr;
  if ((c.ssid || c.password) && !has_main) {
    return make_error(ErrorCode::kConflict, "the router's Wi-Fi settings are not known yet; try again later");
  }
  if (c.guest_enabled && first(l, true) == nullptr) {
    return invalid_field("guestEnabled", "this router has no guest network");
  }
  for (const Network& n : l.networks) {
    if (n.guest) {
      if (!c.guest_enabled) continue;
      const char* v = *c.guest_enabled ? "true" : "false";
      add(n.path + "Enable", v);
      if (!l.tr098 && !n.ap_path.empty()) add(n.ap_path + "Enable", v);
      continue;
    }
    if (c.ssid) add(n.path + "SSID", *c.ssid);
    if (c.password && !n.ap_path.empty()) {
      add(n.ap_path + (l.tr098 ? "KeyPassphrase" : "Security.KeyPassphrase"), *c.password);
    }
  }
  if (spec.values.empty()) {
    return make_error(ErrorCode::kConflict, "the router's Wi-Fi settings are not known yet; try again later");
  }
  return spec;
}

bool session_expected(ConnectionRequestOutcome o) {
  return o == ConnectionRequestOutcome::kOk || o == ConnectionRequestOutcome::kInSession ||
         o == ConnectionRequestOutcome::kBusy;
}

const char* outcome_of(store::TaskState s) {
  switch (s) {
    case store::TaskState::kDone: return "ok";
    case store::TaskState::kFault:
    case store::TaskState::kCancelled: return "failed";
    default: return "pending";
  }
}

const char* state_of(store::TaskState s) {
  switch (s) {
    case store::TaskState::kDone: return "done";
    case store::TaskState::kFault:
    case store::TaskState::kCancelled: return "failed";
    default: return "pending";
  }
}

// After the wait: the audit entries (never the password), then the answer.
void finish_wifi_change(const ApiDeps& deps, const CallPtr& call, const store::HomeRecord& home,
                        const WifiChange& change, const store::TaskRecord& task) {
  const std::string lang = request_lang(*call);
  const std::string task_id = std::to_string(task.id);
  const int64_t now = now_ms(deps);
  store::WriteBatch batch;
  if (change.ssid || change.password) {
    json details = {{"ssidChanged", change.ssid.has_value()},
                    {"passwordChanged", change.password.has_value()},
                    {"taskId", task_id}};
    if (change.ssid) details["ssid"] = *change.ssid;
    batch.add(store::AddAudit{customer_audit(*call, home, "wifi.update", outcome_of(task.state), details, now)});
  }
  if (change.guest_enabled) {
    batch.add(store::AddAudit{customer_audit(*call, home, "wifi.guest", outcome_of(task.state),
                                             {{"enabled", *change.guest_enabled}, {"taskId", task_id}}, now)});
  }
  json answer = {{"state", state_of(task.state)}, {"taskId", task_id}, {"warning", nullptr}};
  if (change.ssid || change.password) {
    answer["warning"] = in_lang({"Your devices will lose the Wi-Fi connection and must connect again with the new "
                                 "settings.",
                                 "Ihre Geräte verlieren die WLAN-Verbindung und müssen sich mit den neuen "
                                 "Einstellungen neu verbinden.",
                                 "Dina enheter tappar wifi-anslutningen och måste anslutas igen med de nya "
                                 "inställningarna."},
                                lang);
  }
  write_then(deps, std::move(batch), call, [call, answer] { call->reply(200, answer); });
}

void put_wifi(const ApiDeps& deps, const CallPtr& call) {
  Result<store::HomeRecord> home = customer_home(deps, *call);
  if (!home) return call->fail(home.error());
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  Result<WifiChange> change = parse_wifi_change(*body);
  if (!change) return call->fail(change.error());
  Result<std::string> device_id = gateway_id(*home);
  if (!device_id) return call->fail(device_id.error());
  Result<Layout> layout = read_layout(deps, *device_id);
  if (!layout) return call->fail(layout.error());
  Result<device::SetParameterValuesSpec> items = wifi_items(*layout, *change);
  if (!items) return call->fail(items.error());

  device::TaskSpec spec;
  spec.body = std::move(*items);
  store::TaskRecord task;
  task.id = next_unique_id();
  task.device_id = *device_id;
  task.name = device::task_name(spec.body);
  task.args_json = device::task_spec_to_json(spec);
  task.origin = "selfservice";
  task.state = store::TaskState::kPending;
  task.created_ms = now_ms(deps);
  task.updated_ms = task.created_ms;

  // From here on only whether the password changed matters: the task holds the only copy.
  if (change->password) change->password = std::string();
  const ApiDeps* d = &deps;
  auto shared = std::make_shared<std::pair<store::HomeRecord, WifiChange>>(std::move(*home), std::move(*change));
  deps.control.submit_task(std::move(task), [d, call, shared](Result<store::TaskRecord> stored) {
    if (!stored) return call->fail(stored.error());
    d->control.connection_request(stored->device_id, [d, call, shared, task = *stored](ConnectionRequestOutcome o) {
      if (!session_expected(o)) return finish_wifi_change(*d, call, shared->first, shared->second, task);
      d->control.wait_task(task.id, kWifiWait, [d, call, shared, task](Result<store::TaskRecord> r) {
        finish_wifi_change(*d, call, shared->first, shared->second, r.ok() ? *r : task);
      });
    });
  });
}

// A device name: 1 to 40 characters (UTF-8 code points), no control characters, trimmed.
Result<std::string> parse_device_name(const json& body) {
  if (Status st = only_fields(body, {"name"}); !st) return st.error();
  Result<std::optional<std::string>> name = text_field(body, "name", kMaxDeviceName * 4, true);
  if (!name) return name.error();
  const std::string trimmed(trim(**name));
  const size_t chars = static_cast<size_t>(std::count_if(
      trimmed.begin(), trimmed.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
  if (chars == 0 || chars > kMaxDeviceName) return invalid_field("name", "1 to 40 characters");
  return trimmed;
}

void put_device_name(const ApiDeps& deps, const CallPtr& call) {
  Result<store::HomeRecord> home = customer_home(deps, *call);
  if (!home) return call->fail(home.error());
  const std::optional<std::string> mac = normalise_mac(call->param("mac"));
  const Error unknown = make_error(ErrorCode::kNotFound, "no device '" + call->param("mac") + "' in your home");
  if (!mac) return call->fail(unknown);
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  Result<std::string> name = parse_device_name(*body);
  if (!name) return call->fail(name.error());
  auto names = load_device_names(deps, home->id);
  if (!names) return call->fail(names.error());
  // A device of the home: seen in its newest snapshot, or named before.
  bool known = names->count(*mac) != 0;
  if (!known && deps.diagnosis != nullptr) {
    auto snapshot = deps.diagnosis->home_snapshot(home->id);
    if (snapshot && *snapshot) {
      const auto& stations = (*snapshot)->stations;
      known = std::any_of(stations.begin(), stations.end(), [&](const diag::Station& s) { return s.mac == *mac; });
    }
  }
  if (!known) return call->fail(unknown);
  (*names)[*mac] = *name;
  json map = json::object();
  for (const auto& [m, n] : *names) map[m] = n;
  store::WriteBatch batch;
  batch.add(store::PutMeta{device_names_key(home->id), map.dump()});
  batch.add(store::AddAudit{customer_audit(*call, *home, "device.rename", "ok", {{"mac", *mac}, {"name", *name}},
                                           now_ms(deps))});
  write_then(deps, std::move(batch), call, [call, mac = *mac, name = *name] {
    call->reply(200, {{"mac", mac}, {"name", name}});
  });
}

}  // namespace

void add_selfservice_wifi_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/selfservice/wifi", [d](CallPtr c) { get_wifi(*d, c); }, Access::kCustomer);
  router.add("PUT", "/api/v1/selfservice/wifi", [d](CallPtr c) { put_wifi(*d, c); }, Access::kCustomer);
  router.add("PUT", "/api/v1/selfservice/devices/{mac}", [d](CallPtr c) { put_device_name(*d, c); },
             Access::kCustomer);
}

}  // namespace hearth::api
