// Test helpers for the CPE: a hand-built home, a Cpe on the fake data model, a scripted ACS that
// writes its messages with the codec, and a clock the test moves. Header-only, tests only.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "cwmp/codec.h"
#include "sim/cpe.h"
#include "sim/cpe/fake_data_model.h"

namespace hearth::sim::cpe::testing {

inline constexpr int64_t kStart = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

inline ModelInfo test_model() {
  ModelInfo m;
  m.manufacturer = "Acme Networks";
  m.oui = "00AABB";
  m.product_class = "HG100";
  m.model_name = "HG100";
  m.firmware = "1.0.0";
  m.latest_firmware = "1.2.0";
  m.cwmp_ns = "urn:dslforum-org:cwmp-1-0";
  return m;
}

inline Home test_home() {
  Home h;
  h.id = "home-000001";
  Node gw;
  gw.gateway = true;
  gw.serial = "ACME0001";
  h.nodes.push_back(gw);
  return h;
}

// Writes what the ACS sends; the ACS answers in the CPE's namespace.
inline std::string acs(cwmp::Body body, const std::string& id = "acs-1",
                       const std::string& ns = "urn:dslforum-org:cwmp-1-0") {
  cwmp::Envelope env;
  env.header.id = id;
  env.cwmp_ns = ns;
  env.body = std::move(body);
  return cwmp::write_envelope(env);
}

inline cwmp::Envelope parse(const std::string& xml) {
  auto env = cwmp::parse_envelope(xml);
  EXPECT_TRUE(env.ok()) << (env.ok() ? "" : env.error().message) << "\n" << xml;
  return env.ok() ? std::move(*env) : cwmp::Envelope{};
}

template <typename T>
T body_as(const std::string& xml) {
  cwmp::Envelope env = parse(xml);
  const T* m = std::get_if<T>(&env.body);
  EXPECT_NE(m, nullptr) << "got " << cwmp::body_method_name(env.body) << "\n" << xml;
  return m ? *m : T{};
}

inline std::vector<std::string> codes(const std::vector<cwmp::EventStruct>& events) {
  std::vector<std::string> out;
  for (const auto& e : events)
    out.push_back(e.command_key.empty() ? e.code : e.code + "/" + e.command_key);
  return out;
}

struct Harness {
  explicit Harness(CpeOptions options = {}, uint64_t seed = 7, ModelInfo m = test_model())
      : home(test_home()), model(std::move(m)) {
    auto fake = std::make_unique<FakeDataModel>();
    dm = fake.get();
    cpe = std::make_unique<Cpe>(home, model, std::move(fake), options, seed);
  }

  // Moves the clock to `t` and ticks.
  void at(int64_t t) {
    now = t;
    cpe->tick(now);
  }
  void advance(int64_t ms) { at(now + ms); }
  // Ticks until the device wants a session (or `limit` passes); true if it does.
  bool until_session(int64_t limit_ms = 24LL * 3600 * 1000) {
    const int64_t end = now + limit_ms;
    cpe->tick(now);
    for (int i = 0; i < 100000; ++i) {
      const int64_t t = cpe->next_session_ms(now);
      if (t <= now) return true;
      if (t > end) return false;
      at(t);
    }
    return false;
  }
  // Powers on and runs to the first Inform time.
  void power_on() {
    at(kStart);
    ASSERT_TRUE(until_session());
  }

  cwmp::Inform begin() {
    const std::string xml = cpe->begin_session(now);
    EXPECT_FALSE(xml.empty());
    return body_as<cwmp::Inform>(xml);
  }
  // InformResponse; returns what the CPE posts next.
  Cpe::Next inform_response() {
    return cpe->on_response(200, acs(cwmp::InformResponse{1}, "1", model.cwmp_ns), now);
  }
  Cpe::Next request(cwmp::Body b, const std::string& id = "acs-1") {
    return cpe->on_response(200, acs(std::move(b), id, model.cwmp_ns), now);
  }
  Cpe::Next end() { return cpe->on_response(204, "", now); }

  // A whole session in which the ACS asks `requests`; returns the CPE's answers.
  std::vector<std::string> session(const std::vector<cwmp::Body>& requests,
                                   cwmp::Inform* inform = nullptr) {
    cwmp::Inform i = begin();
    if (inform) *inform = i;
    Cpe::Next n = inform_response();
    while (!n.done && !n.body.empty()) {  // CPE requests first (TransferComplete)
      n = cpe->on_response(200, acs(cwmp::TransferCompleteResponse{}, "2", model.cwmp_ns), now);
    }
    std::vector<std::string> out;
    for (const auto& r : requests) {
      Cpe::Next a = request(r);
      EXPECT_FALSE(a.done);
      out.push_back(a.body);
    }
    EXPECT_TRUE(end().done);
    return out;
  }

  Home home;
  ModelInfo model;
  FakeDataModel* dm = nullptr;
  std::unique_ptr<Cpe> cpe;
  int64_t now = kStart;
};

}  // namespace hearth::sim::cpe::testing
