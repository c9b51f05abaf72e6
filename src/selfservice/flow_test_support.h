// A fixture home for the flow's tests: a gateway with a 2.4 and a 5 GHz radio, a laptop on 5 GHz
// and a phone on 2.4 GHz, the line up, and a healthy diagnosis.
#pragma once

#include <string>

#include "selfservice/flow.h"

namespace hearth::selfservice::testing {

inline constexpr int64_t kNow = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
inline constexpr const char* kRadio24 = "gw/2.4GHz";
inline constexpr const char* kRadio5 = "gw/5GHz";
inline constexpr const char* kLaptop = "aa:bb:cc:00:00:01";
inline constexpr const char* kPhone = "aa:bb:cc:00:00:02";

inline diag::HomeSnapshot home_snapshot() {
  diag::HomeSnapshot s;
  s.device_id = "gw";
  s.root = "Device.";
  s.time_ms = kNow;
  s.device.uptime_s = 86'400;
  s.device.software_version = "1.0";
  s.wan.up = true;
  s.wan.access = "fiber";
  s.nodes.push_back(diag::Node{"gw", true});
  diag::Radio r24;
  r24.id = kRadio24;
  r24.path = "Device.WiFi.Radio.1.";
  r24.band = diag::Band::k2g;
  r24.channel = 6;
  r24.utilisation_pct = 70;
  diag::Radio r5;
  r5.id = kRadio5;
  r5.path = "Device.WiFi.Radio.2.";
  r5.band = diag::Band::k5g;
  r5.channel = 36;
  r5.utilisation_pct = 20;
  s.radios = {r24, r5};
  diag::Station laptop;
  laptop.mac = kLaptop;
  laptop.hostname = "laptop";
  laptop.band = diag::Band::k5g;
  laptop.radio = 1;
  laptop.signal_dbm = -52;
  diag::Station phone;
  phone.mac = kPhone;
  phone.hostname = "phone";
  phone.band = diag::Band::k2g;
  phone.radio = 0;
  phone.signal_dbm = -58;
  s.stations = {laptop, phone};
  return s;
}

inline diag::Finding finding(const std::string& code, diag::EntityKind kind, const std::string& id,
                             const std::string& remedy) {
  diag::Finding f;
  f.code = code;
  f.entity = diag::Entity{kind, id, id};
  f.remedy.action = remedy;
  f.start_ms = kNow - 3600'000;
  return f;
}

inline Facts healthy_facts(Symptom symptom) {
  Facts f;
  f.symptom = symptom;
  f.gateway = GatewayState::kLive;
  f.last_contact_ms = kNow;
  f.diagnosis.home_id = "home-1";
  f.snapshot = home_snapshot();
  f.plan_down_mbps = 100;
  f.now_ms = kNow;
  return f;
}

}  // namespace hearth::selfservice::testing
