// Writes to a simulated gateway (gateway.h): SetParameterValues validated name by name (9005
// unknown, 9008 not writable, 9007 bad value) and applied all or none (tr069.md 3.2, 4.4), and
// AddObject / DeleteObject on the tables the tree marks writable.
#include <algorithm>

#include "core/strings.h"
#include "sim/model/diagnostics.h"
#include "sim/model/format.h"
#include "sim/model/gateway.h"
#include "sim/radio.h"

namespace hearth::sim::model {
namespace {

constexpr uint32_t kMaxAddedInstances = 32;

cwmp::SetParameterValuesFault fault(const std::string& name, uint32_t code) {
  const char* text = code == 9005   ? "Invalid parameter name"
                     : code == 9008 ? "Attempt to set a non-writable parameter"
                                    : "Invalid parameter value";
  return cwmp::SetParameterValuesFault{name, code, text};
}

// Writes whose effect depends on others of the same request go last: an explicit
// AutoChannelEnable beats the implicit "off" of a Channel write, and a diagnostic requested
// together with its inputs is not reset by them.
bool goes_last(Target t) { return t == Target::kAutoChannel || t == Target::kDiagState; }

// Band steering switched on: the gateway sends its dual-band stations on 2.4 GHz whose 5 GHz
// signal is fair a BSS transition request (802.11v) to its node's 5 GHz BSS. Later (re)joins
// follow radio.h best_association, which reads the switch.
void steer_to_5g(Home& home, int64_t now_ms) {
  if (!home.wifi.radio_enabled_5g) return;
  for (Station& s : home.stations) {
    if (!s.connected || s.wrong_password || !s.dual_band || s.band != Band::k2g) continue;
    if (s.node >= home.nodes.size() || !home.nodes[s.node].online) continue;
    if (station_link_on(home, s, s.node, Band::k5g).signal_dbm < kBandSteerDbm) continue;
    s.band = Band::k5g;
    s.associated_since_ms = now_ms;
  }
}

}  // namespace

SetOutcome Gateway::set(const std::vector<cwmp::ParameterValue>& values, int64_t now_ms) {
  SetOutcome out;
  std::vector<std::pair<Emitter::Found, std::string>> accepted;
  accepted.reserve(values.size());
  for (const auto& pv : values) {
    Emitter e = Emitter::one(pv.name);
    render(e, now_ms);
    if (!e.found()) {
      out.faults.push_back(fault(pv.name, 9005));
      continue;
    }
    const Emitter::Found& f = *e.found();
    std::string normalised;
    if (!f.meta.writable) {
      out.faults.push_back(fault(pv.name, 9008));
    } else if (!validate(f.meta, pv.value, &normalised)) {
      out.faults.push_back(fault(pv.name, 9007));
    } else {
      accepted.emplace_back(f, std::move(normalised));
    }
  }
  if (!out.faults.empty()) {
    out.fault_code = 9003;
    return out;
  }
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& [found, value] : accepted) {
      if (goes_last(found.meta.hook.target) == (pass == 1)) apply(found, value, now_ms, &out);
    }
  }
  return out;
}

void Gateway::apply(const Emitter::Found& found, const std::string& value, int64_t now_ms,
                    SetOutcome* out) {
  const std::string& name = found.param.name;
  const uint8_t arg = found.meta.hook.arg;
  const Band band = band_at(std::min<int>(arg, kBandCount - 1));
  const bool on = value == "true";
  Node& gw = home_.nodes[0];
  switch (found.meta.hook.target) {
    case Target::kStore:
    case Target::kAutoChannel:
      st_.written[name] = value;
      break;
    case Target::kIgnore:
      break;
    case Target::kManagement:
      st_.written[name] = value;
      out->management_changed = true;
      break;
    case Target::kRadioEnable:
      if (band == Band::k2g) home_.wifi.radio_enabled_2g = on;
      if (band == Band::k5g) home_.wifi.radio_enabled_5g = on;
      if (band == Band::k6g) st_.radio_6g_enabled = on;
      break;
    case Target::kRadioChannel: {
      const auto ch = static_cast<uint8_t>(parse_uint64(value).value_or(0));
      if (band == Band::k2g) gw.channel_2g = ch;
      if (band == Band::k5g) gw.channel_5g = ch;
      if (band == Band::k6g) st_.channel_6g = ch;
      st_.channel_change_ms[arg] = now_ms;
      ++st_.manual_channel_changes[arg];
      // A channel set by hand turns automatic selection off (the sibling AutoChannelEnable).
      st_.written[name.substr(0, name.size() - 7) + "AutoChannelEnable"] = "false";
      break;
    }
    case Target::kRadioWidth: {
      const uint8_t mhz = width_mhz(value, band);
      if (band == Band::k2g) gw.width_2g_mhz = std::min<uint8_t>(mhz, 40);
      if (band == Band::k5g) gw.width_5g_mhz = mhz;
      if (band == Band::k6g) st_.width_6g = mhz;
      if (value == "Auto") {
        st_.written[name] = value;
      } else {
        st_.written.erase(name);
      }
      break;
    }
    case Target::kRadioTxPower:
      st_.written[name] = value;
      gw.tx_power_dbm = tx_power_dbm(static_cast<int>(parse_int64(value).value_or(100)));
      break;
    case Target::kSsid:
      (arg == 0 ? home_.wifi.ssid : home_.wifi.guest_ssid) = value;
      break;
    case Target::kPassphrase:
      if (arg == 0) {
        home_.wifi.passphrase = value;
      } else {
        st_.written[name] = value;
      }
      break;
    case Target::kGuestEnable:
      home_.wifi.guest_enabled = on;
      break;
    case Target::kBandSteering:
      home_.wifi.band_steering = on;
      if (on) steer_to_5g(home_, now_ms);
      break;
    case Target::kDiagState: {
      if (!st_.diagnostics) st_.diagnostics = std::make_unique<DiagnosticsStore>();
      const auto kind = static_cast<DiagnosticKind>(arg);
      if (value == "Requested") {
        st_.diagnostics->state[arg] = "Requested";
        auto& req = out->diagnostics_requested;
        if (std::find(req.begin(), req.end(), kind) == req.end()) req.push_back(kind);
      } else {
        st_.diagnostics->state[arg] = "None";  // Canceled: the test stops, results are gone
      }
      break;
    }
    case Target::kDiagInput:
      st_.written[name] = value;
      // Writing an input aborts a test in progress and invalidates old results (TR-181).
      if (st_.diagnostics && arg < kDiagnosticKinds) st_.diagnostics->state[arg] = "None";
      break;
  }
}

std::pair<uint32_t, uint32_t> Gateway::add_object(const std::string& table_path) {
  if (table_path.empty() || table_path.back() != '.') return {0, 9005};
  std::vector<ObjectInfo> objects;
  Emitter e = Emitter::under(table_path, nullptr, &objects);
  // The tables exist whatever the time; use the last time the device was read at.
  render(e, last_now_ms_ == INT64_MIN ? 0 : last_now_ms_, false);
  if (objects.empty() || objects.front().path != table_path || !objects.front().writable) return {0, 9005};
  AddedTable* t = st_.added_table(table_path);
  if (t == nullptr) {
    st_.added.push_back(AddedTable{table_path, 1, {}});
    t = &st_.added.back();
  }
  if (t->instances.size() >= kMaxAddedInstances) return {0, 9004};
  // Above every instance the table has now (built-in ones included).
  for (const ObjectInfo& o : objects) {
    const std::string_view rest = std::string_view(o.path).substr(table_path.size());
    if (rest.empty() || rest.find('.') != rest.size() - 1) continue;
    if (auto n = parse_uint64(rest.substr(0, rest.size() - 1))) {
      t->first_free = std::max<uint32_t>(t->first_free, static_cast<uint32_t>(*n) + 1);
    }
  }
  const uint32_t instance = t->first_free++;
  t->instances.push_back(instance);
  return {instance, 0};
}

uint32_t Gateway::delete_object(const std::string& instance_path) {
  if (instance_path.size() < 3 || instance_path.back() != '.') return 9005;
  const size_t dot = instance_path.rfind('.', instance_path.size() - 2);
  if (dot == std::string::npos) return 9005;
  const std::string table = instance_path.substr(0, dot + 1);
  const auto n = parse_uint64(std::string_view(instance_path).substr(dot + 1, instance_path.size() - dot - 2));
  AddedTable* t = st_.added_table(table);
  if (!n || t == nullptr) return 9005;
  auto it = std::find(t->instances.begin(), t->instances.end(), static_cast<uint32_t>(*n));
  if (it == t->instances.end()) return 9005;
  t->instances.erase(it);
  auto first = st_.written.lower_bound(instance_path);
  auto last = first;
  while (last != st_.written.end() && last->first.compare(0, instance_path.size(), instance_path) == 0) ++last;
  st_.written.erase(first, last);
  return 0;
}

}  // namespace hearth::sim::model
