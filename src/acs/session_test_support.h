// Fixtures of the session tests: a tree over a map, message builders, and the SessionTest
// fixture that opens sessions with a fake clock.
#pragma once

#include "acs/session.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "core/ids.h"

namespace hearth::acs::testing {

using nlohmann::json;

class MapTree final : public TreeReader {
 public:
  std::optional<store::StoredParameter> get(const std::string&, const std::string& name) override {
    auto it = params.find(name);
    if (it == params.end()) return std::nullopt;
    return it->second;
  }
  std::vector<store::StoredParameter> list(const std::string&, const std::string& prefix) override {
    std::vector<store::StoredParameter> out;
    for (const auto& [n, p] : params) {
      if (n.rfind(prefix, 0) == 0) out.push_back(p);
    }
    return out;
  }
  void set(const std::string& name, const std::string& value, cwmp::ValueType type = cwmp::ValueType::kString) {
    params[name] = store::StoredParameter{name, value, type, true, 0};
  }
  std::map<std::string, store::StoredParameter> params;
};

inline cwmp::Envelope inform(std::vector<cwmp::EventStruct> events, std::vector<cwmp::ParameterValue> params = {}) {
  cwmp::Inform in;
  in.device_id = {"Acme", "00D09E", "HG1", "SN1"};
  in.events = std::move(events);
  if (params.empty()) {
    params = {{"Device.DeviceInfo.SoftwareVersion", "1.0", cwmp::ValueType::kString},
              {"Device.ManagementServer.ConnectionRequestURL", "http://127.0.0.1:9/cr", cwmp::ValueType::kString}};
  }
  in.parameters = std::move(params);
  cwmp::Envelope env;
  env.header.id = "ID-1";
  env.body = std::move(in);
  return env;
}

inline cwmp::Envelope reply(cwmp::Body body) {
  cwmp::Envelope env;
  env.header.id = "x";
  env.body = std::move(body);
  return env;
}

inline cwmp::Fault cpe_fault(uint32_t code) {
  cwmp::Fault f;
  f.faultcode = "Client";
  f.code = code;
  f.string = "fault " + std::to_string(code);
  return f;
}

inline Step send(Session& s, cwmp::Body body) {
  cwmp::Envelope env = reply(std::move(body));
  return s.handle(&env);
}

template <typename T>
const T* find_op(const store::WriteBatch& b) {
  for (const auto& op : b.ops) {
    if (const T* t = std::get_if<T>(&op)) return t;
  }
  return nullptr;
}

inline store::TaskRecord task(const std::string& args) {
  store::TaskRecord t;
  t.id = next_unique_id();
  t.device_id = "00D09E-HG1-SN1";
  t.name = json::parse(args)["name"];
  t.args_json = args;
  return t;
}

// A device that is already known, discovered and has credentials: sessions go straight to tasks.
inline store::DeviceRecord known_device(int64_t now_ms) {
  store::DeviceRecord d;
  d.id = "00D09E-HG1-SN1";
  d.oui = "00D09E";
  d.product_class = "HG1";
  d.serial_number = "SN1";
  d.root = "Device.";
  d.discovered_ms = now_ms;
  d.cr_username = d.id;
  d.cr_password = "secret";
  return d;
}

class SessionTest : public ::testing::Test {
 protected:
  AcsConfig config;
  FakeClock clock;
  MapTree tree;

  std::unique_ptr<Session> open(SessionStart start, const cwmp::Envelope& in) {
    auto s = std::make_unique<Session>(config, clock, tree);
    last = s->start(in, std::move(start));
    return s;
  }
  SessionStart known(std::vector<store::TaskRecord> tasks = {}) {
    SessionStart st;
    st.device = known_device(to_unix_ms(clock.now()));
    st.tasks = std::move(tasks);
    return st;
  }
  // Returns a copy: the Step it comes from is usually a temporary.
  template <typename T>
  T expect_request(const Step& step) {
    EXPECT_EQ(step.http_status, 200);
    EXPECT_TRUE(step.reply.has_value());
    if (!step.reply) return T{};
    const T* r = std::get_if<T>(&step.reply->body);
    EXPECT_NE(r, nullptr) << "got " << cwmp::body_method_name(step.reply->body);
    return r ? *r : T{};
  }
  Step last;
};

}  // namespace hearth::acs::testing
