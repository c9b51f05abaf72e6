// The flow's Wi-Fi and device checks (flow_support.h), and verify() (flow.h).
#include <algorithm>
#include <set>

#include "core/strings.h"
#include "selfservice/flow_support.h"

namespace hearth::selfservice {

namespace flow {

namespace {

// The Wi-Fi findings that can explain each symptom.
bool wifi_relevant(Symptom s, const std::string& code) {
  static const std::set<std::string> kSlow = {"WIFI-CAP-1", "WIFI-CAP-2", "WIFI-CHAN-1", "WIFI-RTY-1",
                                              "WIFI-PHY-1", "WIFI-PHY-2", "WIFI-SPD-1", "WIFI-COV-1",
                                              "WIFI-COV-2", "WIFI-BH-1"};
  static const std::set<std::string> kCoverage = {"WIFI-COV-1", "WIFI-COV-2", "WIFI-BH-1", "WIFI-SPD-1"};
  static const std::set<std::string> kConnect = {"WIFI-AUTH-1", "WIFI-CAP-1", "WIFI-CAP-2"};
  static const std::set<std::string> kInternet = {"WIFI-AUTH-1", "WIFI-COV-1", "WIFI-COV-2", "WIFI-BH-1"};
  switch (s) {
    case Symptom::kWifiSlow:
    case Symptom::kStreamingBuffers: return kSlow.count(code) > 0;
    case Symptom::kNoCoverage: return kCoverage.count(code) > 0;
    case Symptom::kDeviceCannotConnect: return kConnect.count(code) > 0;
    case Symptom::kNoInternet: return kInternet.count(code) > 0;
  }
  return false;
}

void kb_for(Step& s, const std::string& code) {
  if (code == "WIFI-CAP-1" || code == "WIFI-CAP-2" || code == "WIFI-CHAN-1") add_kb(s, "wifi-channel");
  if (code == "WIFI-COV-1" || code == "WIFI-COV-2" || code == "WIFI-BH-1" || code == "WIFI-SPD-1") {
    add_kb(s, "wifi-placement");
  }
  if (code == "WIFI-AUTH-1") add_kb(s, "wifi-password");
}

bool about_device(const Facts& f, const diag::Finding& x) {
  return x.entity.kind == diag::EntityKind::kStation && !f.device_mac.empty() &&
         to_lower(x.entity.id) == f.device_mac;
}

// A finding's fix: the remedy's, with the target it acts on.
void offer_remedy(const Facts& f, Step& s, const diag::Finding& x) {
  const std::string fix = fix_for_remedy(x.remedy.action);
  if (fix.empty()) return;
  std::string target;
  if (fix == "change-channel") target = x.entity.id;
  if (fix == "move-to-5ghz" && x.entity.kind == diag::EntityKind::kStation) target = to_lower(x.entity.id);
  if (fix == "move-to-5ghz" && !target.empty() && f.snapshot) {
    // Band steering helps a station on 2.4 GHz only.
    const diag::Station* st = find_station(*f.snapshot, target);
    if (st == nullptr || st->band != diag::Band::k2g) return;
  }
  offer(f, s, fix, target);
  if (fix == "move-to-5ghz") add_kb(s, "5ghz-band");
}

}  // namespace

Step check_wifi(const Facts& f) {
  Step s{Check::kWifi, Outcome::kOk, {}, {}, {}, {}};
  if (f.symptom == Symptom::kStreamingBuffers) add_kb(s, "streaming-buffering");
  if (!f.snapshot) {
    s.outcome = Outcome::kUnknown;
    s.text.push_back(msg("wifi.unknown"));
    return s;
  }
  bool radio_off = false;
  for (const auto& r : f.snapshot->radios) {
    if (!r.enabled && !r.path.empty()) {
      radio_off = true;
      s.text.push_back(msg("wifi.radio_off", {{"band", band_text(r.band)}}));
    }
  }
  if (radio_off && !verified_fix(f, "restart-wifi", "")) s.outcome = Outcome::kProblem;
  for (const auto& x : f.diagnosis.findings) {
    if (!wifi_relevant(f.symptom, x.code) || about_device(f, x) || addressed(f, x)) continue;
    // With a device in question, other stations' troubles are not this customer's symptom.
    if (x.entity.kind == diag::EntityKind::kStation && !f.device_mac.empty() && x.code != "WIFI-AUTH-1") continue;
    s.outcome = Outcome::kProblem;
    s.findings.push_back(x.code);
    s.text.push_back(finding_message(f, x));
    offer_remedy(f, s, x);
    kb_for(s, x.code);
  }
  if (f.symptom == Symptom::kNoCoverage) add_kb(s, "wifi-placement");
  if (s.outcome == Outcome::kProblem) {
    // Restarting the Wi-Fi is the last resort: only when nothing better is left to try.
    if (s.fixes.empty() && wifi_symptom(f.symptom)) offer(f, s, "restart-wifi", "");
    if (radio_off) offer(f, s, "restart-wifi", "");
    return s;
  }
  s.text.insert(s.text.begin(), msg("wifi.ok"));
  return s;
}

Step check_device(const Facts& f) {
  Step s{Check::kDevice, Outcome::kOk, {}, {}, {}, {}};
  const bool connect = f.symptom == Symptom::kDeviceCannotConnect;
  if (connect) add_kb(s, "device-cannot-connect");
  if (f.device_mac.empty()) {
    s.outcome = connect ? Outcome::kUnknown : Outcome::kSkipped;
    s.text.push_back(msg(connect ? "device.none_given" : "device.none"));
    if (connect && wifi_symptom(f.symptom)) offer(f, s, "restart-wifi", "");
    if (!connect) s.kb.clear();
    return s;
  }
  if (!f.snapshot) {
    s.outcome = Outcome::kUnknown;
    s.text.push_back(msg("device.unknown"));
    return s;
  }
  const diag::Station* st = find_station(*f.snapshot, f.device_mac);
  if (st == nullptr) {
    const auto& macs = f.snapshot->join_failures.macs;
    const bool refused = std::any_of(macs.begin(), macs.end(),
                                     [&](const std::string& m) { return to_lower(m) == f.device_mac; });
    s.outcome = connect || refused ? Outcome::kProblem : Outcome::kUnknown;
    if (refused) {
      s.text.push_back(msg("device.refused", {{"name", f.device_mac}}));
      add_kb(s, "wifi-password");
    } else {
      s.text.push_back(msg("device.not_seen", {{"name", f.device_mac}}));
      add_kb(s, "device-cannot-connect");
      add_kb(s, "guest-network");
      if (connect) offer(f, s, "restart-wifi", "");
    }
    return s;
  }
  const std::string name = station_text(*st);
  s.text.push_back(msg("device.connected", {{"name", name},
                                            {"band", band_text(st->band)},
                                            {"bars", std::to_string(signal_bars(st->signal_dbm))}}));
  for (const auto& x : f.diagnosis.findings) {
    if (!about_device(f, x) || addressed(f, x)) continue;
    s.outcome = Outcome::kProblem;
    s.findings.push_back(x.code);
    s.text.push_back(finding_message(f, x));
    offer_remedy(f, s, x);
    kb_for(s, x.code);
  }
  // A dual-band device on 2.4 GHz with a signal good enough for 5 GHz: slower than it need be.
  const bool slow = f.symptom == Symptom::kWifiSlow || f.symptom == Symptom::kStreamingBuffers;
  if (slow && st->band == diag::Band::k2g && has_5ghz(*f.snapshot) && diag::known(st->signal_dbm) &&
      st->signal_dbm >= -65 && !verified_fix(f, "move-to-5ghz", f.device_mac)) {
    s.outcome = Outcome::kProblem;
    s.text.push_back(msg("device.on_2g", {{"name", name}}));
    offer(f, s, "move-to-5ghz", f.device_mac);
    add_kb(s, "5ghz-band");
  }
  if (s.outcome == Outcome::kProblem && s.fixes.empty() && wifi_symptom(f.symptom)) {
    offer(f, s, "restart-wifi", "");
  }
  return s;
}

}  // namespace flow

const diag::Station* find_station(const diag::HomeSnapshot& snap, const std::string& mac) {
  const std::string want = to_lower(mac);
  for (const auto& s : snap.stations) {
    if (to_lower(s.mac) == want) return &s;
  }
  return nullptr;
}

size_t char_count(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

int signal_bars(double signal_dbm) {
  if (!diag::known(signal_dbm)) return 0;
  if (signal_dbm >= -55) return 4;
  if (signal_dbm >= -65) return 3;
  if (signal_dbm >= -72) return 2;
  if (signal_dbm >= -80) return 1;
  return 0;
}

namespace {

const diag::Radio* find_radio(const diag::HomeSnapshot& snap, const std::string& id) {
  for (const auto& r : snap.radios) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace

std::optional<bool> verify(const VerifyInput& in) {
  const diag::HomeSnapshot* after = in.after && in.after->time_ms > in.applied_ms ? &*in.after : nullptr;
  if (in.fix == "restart-gateway") {
    if (in.last_boot_ms >= in.applied_ms && in.last_boot_ms > 0) return true;
    if (after && after->device.uptime_s >= 0) {
      return after->device.uptime_s * 1000 <= after->time_ms - in.applied_ms;
    }
    return std::nullopt;
  }
  if (in.fix == "update-firmware") {
    if (in.firmware_after.empty() || in.firmware_before.empty()) return std::nullopt;
    return in.firmware_after != in.firmware_before;
  }
  if (after == nullptr) return std::nullopt;
  if (in.fix == "speed-test") {
    const diag::SpeedResult& d = after->wan.download;
    if (d.time_ms <= in.applied_ms) return std::nullopt;
    return d.ok;
  }
  if (in.fix == "restart-wifi") {
    bool any = false;
    for (const auto& r : after->radios) {
      if (r.path.empty()) continue;
      any = true;
      if (!r.enabled) return false;
    }
    return any ? std::optional<bool>(true) : std::nullopt;
  }
  if (in.fix == "change-channel") {
    const diag::Radio* b = in.before ? find_radio(*in.before, in.target) : nullptr;
    const diag::Radio* a = find_radio(*after, in.target);
    if (b == nullptr || a == nullptr) return std::nullopt;
    if (a->channel == b->channel) return false;
    if (diag::known(a->utilisation_pct) && diag::known(b->utilisation_pct)) {
      return a->utilisation_pct < b->utilisation_pct;
    }
    return true;  // moved; its load is not reported
  }
  if (in.fix == "move-to-5ghz") {
    if (!in.target.empty()) {
      const diag::Station* s = find_station(*after, in.target);
      if (s == nullptr) return std::nullopt;  // reconnecting
      return s->band != diag::Band::k2g;
    }
    if (!in.before) return std::nullopt;
    auto on_2g = [](const diag::HomeSnapshot& snap) {
      return std::count_if(snap.stations.begin(), snap.stations.end(),
                           [](const diag::Station& s) { return s.band == diag::Band::k2g; });
    };
    return on_2g(*after) < on_2g(*in.before);
  }
  return std::nullopt;
}

}  // namespace hearth::selfservice
