// Shared set-up for integration tests: a real hearthd on loopback with a temporary store.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "core/ids.h"
#include "tests/integration/api_client.h"
#include "tests/support/hearthd_process.h"
#include "tests/support/scripted_cpe.h"

namespace hearth::testing {

inline constexpr const char* kToken = "integration-test-token";

class AcsFixture : public ::testing::Test {
 protected:
  void SetUp() override { start(); }
  // Subclasses that change config_toml override SetUp and call start() themselves.
  void TearDown() override {
    if (hearthd) {
      EXPECT_EQ(hearthd->stop(), 0);
    }
  }
  void start() {
    HearthdProcess::Options opts;
    opts.store_path = dir.path() + "/hearth.db";
    opts.env["HEARTH_BOOTSTRAP_TOKEN"] = kToken;
    opts.config_toml = config_toml;
    hearthd = std::make_unique<HearthdProcess>(dir.path(), opts);
    std::string error;
    ASSERT_TRUE(hearthd->start(&error)) << error;
    api = std::make_unique<ApiClient>(hearthd->http_url(), kToken);
  }
  std::unique_ptr<ScriptedCpe> make_cpe(const std::string& serial) {
    auto cpe = std::make_unique<ScriptedCpe>(hearthd->cwmp_url(), serial);
    cpe->tree = default_tr181_tree("http://127.0.0.1:9/none");
    return cpe;
  }
  static std::string device_id(const ScriptedCpe& cpe) {
    return make_device_id(cpe.oui, cpe.product_class, cpe.serial);
  }
  std::string device_path(const ScriptedCpe& cpe) const { return "/api/v1/devices/" + encode_segment(device_id(cpe)); }

  // Polls the API (bounded) until `pred` holds for the task; returns the last task JSON.
  nlohmann::json wait_for_task(const std::string& id, const std::function<bool(const nlohmann::json&)>& pred) {
    nlohmann::json last;
    for (int i = 0; i < 300; ++i) {
      auto r = api->get("/api/v1/tasks/" + id);
      last = r.json;
      if (r.status == 200 && pred(r.json)) return last;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return last;
  }

  // The scripted CPE checks exact RPC sequences: the diagnosis (telemetry reads, WAN tests) is
  // off here and tested by the accuracy harness (tests/accuracy) against the simulator.
  static constexpr const char* kNoDiagnosis = "[diagnosis]\nenabled = false\n";
  std::string config_toml =
      std::string("[cwmp]\nsession_timeout_seconds = 2\n[tasks]\nretry_base_seconds = 0\n") + kNoDiagnosis;
  TempDir dir;
  std::unique_ptr<HearthdProcess> hearthd;
  std::unique_ptr<ApiClient> api;
};

}  // namespace hearth::testing
