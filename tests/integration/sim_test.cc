// hearth-sim against the real hearthd, both as processes on loopback: ~30 simulated homes
// bootstrap and register; a task runs at once through a Digest connection request to a simulated
// home; a reboot comes back with 1 BOOT and M Reboot; a firmware file uploaded through the API
// is downloaded with TransferComplete and a new SoftwareVersion; the same seed exports the same
// fleet. Waits poll the API (bounded); no sleep is an assertion.
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <thread>

#include "tests/integration/api_client.h"
#include "tests/support/hearthd_process.h"
#include "tests/support/sim_process.h"

namespace hearth::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kToken = "sim-integration-token";
constexpr int kHomes = 30;

// Polls (every 200 ms, at most `limit`) until pred() holds; returns pred().
bool eventually(const std::function<bool()>& pred, std::chrono::seconds limit = 90s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(200ms);
  }
  return true;
}

std::string id_of(const json& task) {
  return task["id"].is_string() ? task["id"].get<std::string>() : std::to_string(task["id"].get<int64_t>());
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class SimIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    HearthdProcess::Options opts;
    opts.store_path = dir_->path() + "/hearth.db";
    opts.env["HEARTH_BOOTSTRAP_TOKEN"] = kToken;
    // One model of the table only does HTTP Basic to the ACS (tr069.md 1.7 allows it over TLS).
    opts.config_toml = "[auth]\nallow_basic_over_http = true\n[tasks]\nretry_base_seconds = 0\n";
    hearthd_ = new HearthdProcess(dir_->path(), opts);
    std::string error;
    ASSERT_TRUE(hearthd_->start(&error)) << error;
    api_ = new ApiClient(hearthd_->http_url(), kToken);
    sim_ = new SimProcess({"--acs", hearthd_->cwmp_url(), "--homes", std::to_string(kHomes), "--seed", "5",
                           "--inform-interval", "30", "--inform-jitter", "2", "--boot-time", "1", "--reboot-time",
                           "1", "--truth", dir_->path() + "/truth.json", "--log-level", "warn"});
    ASSERT_TRUE(sim_->start());
    running_ = json::parse(sim_->read_line(30s), nullptr, false);
  }

  static void TearDownTestSuite() {
    if (sim_) {
      EXPECT_EQ(sim_->stop(), 0);
    }
    delete sim_;
    delete api_;
    if (hearthd_) {
      EXPECT_EQ(hearthd_->stop(), 0);
    }
    delete hearthd_;
    delete dir_;
  }

  void SetUp() override {
    ASSERT_TRUE(running_.is_object()) << "hearth-sim did not print its running line";
    ASSERT_TRUE(eventually([] { return registered().size() == kHomes; })) << registered().size() << " registered";
  }

  // The devices hearthd knows that have bootstrapped.
  static std::vector<json> registered() {
    auto r = api_->get("/api/v1/devices?limit=1000");
    std::vector<json> out;
    if (r.status != 200) return out;
    for (const auto& d : r.json["items"]) {
      if (!d["lastBootstrap"].is_null()) out.push_back(d);
    }
    return out;
  }
  static json device(size_t i) {
    auto all = registered();
    std::sort(all.begin(), all.end(), [](const json& a, const json& b) { return a["id"] < b["id"]; });
    return i < all.size() ? all[i] : json();
  }
  static std::string path_of(const json& d) { return "/api/v1/devices/" + encode_segment(d["id"].get<std::string>()); }
  static json task(const std::string& id) { return api_->get("/api/v1/tasks/" + id).json; }

  static TempDir* dir_;
  static HearthdProcess* hearthd_;
  static ApiClient* api_;
  static SimProcess* sim_;
  static json running_;
};

TempDir* SimIntegrationTest::dir_ = nullptr;
HearthdProcess* SimIntegrationTest::hearthd_ = nullptr;
ApiClient* SimIntegrationTest::api_ = nullptr;
SimProcess* SimIntegrationTest::sim_ = nullptr;
json SimIntegrationTest::running_;

TEST_F(SimIntegrationTest, EveryGatewayBootstrapsAndRegisters) {
  EXPECT_EQ(running_["event"], "running");
  EXPECT_EQ(running_["homes"], kHomes);
  EXPECT_EQ(running_["cr"].get<std::string>().rfind("127.0.0.1:", 0), 0u);
  std::set<std::string> roots, classes;
  for (const auto& d : registered()) {
    roots.insert(d["root"].get<std::string>());
    classes.insert(d["productClass"].get<std::string>());
    EXPECT_FALSE(d["softwareVersion"].get<std::string>().empty()) << d.dump();
  }
  EXPECT_EQ(roots.size(), 2u) << "TR-181 and TR-098 gateways";
  EXPECT_GE(classes.size(), 4u) << "at least four vendor models";
}

TEST_F(SimIntegrationTest, TaskRunsNowThroughADigestConnectionRequest) {
  const json d = device(0);
  const std::string name = d["root"].get<std::string>() + "DeviceInfo.UpTime";
  auto r = api_->post(path_of(d) + "/tasks?run=now&wait=30",
                      json{{"name", "getParameterValues"}, {"parameterNames", {name}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["connectionRequest"], "ok") << r.body;
  EXPECT_EQ(r.json["state"], "done") << r.body;
  ASSERT_EQ(r.json["result"]["parameters"].size(), 1u) << r.body;
  EXPECT_EQ(r.json["result"]["parameters"][0]["name"], name);
  auto events = api_->get(path_of(d) + "/events?limit=20");
  ASSERT_EQ(events.status, 200);
  bool cr = false;
  for (const auto& e : events.json["items"]) cr = cr || e["code"] == "6 CONNECTION REQUEST";
  EXPECT_TRUE(cr) << events.body;
}

TEST_F(SimIntegrationTest, RebootedGatewayComesBackWithBootAndMReboot) {
  const json d = device(1);
  auto r = api_->post(path_of(d) + "/tasks?run=now&wait=30", json{{"name", "reboot"}});
  ASSERT_EQ(r.status / 100, 2) << r.body;
  const std::string id = id_of(r.json);
  ASSERT_TRUE(eventually([&] { return task(id)["state"] == "done"; })) << task(id).dump();
  auto events = api_->get(path_of(d) + "/events?limit=50");
  ASSERT_EQ(events.status, 200);
  int boots = 0, reboots = 0;
  for (const auto& e : events.json["items"]) {
    boots += e["code"] == "1 BOOT";
    reboots += e["code"] == "M Reboot";
  }
  EXPECT_GE(boots, 2) << "the first boot and the one after the reboot: " << events.body;
  EXPECT_EQ(reboots, 1) << events.body;
}

TEST_F(SimIntegrationTest, DownloadOfAnUploadedFileInstallsTheNewFirmware) {
  const json d = device(2);
  const std::string file = "fw-9.9.9.bin";
  auto up = api_->call("PUT", "/api/v1/files/" + encode_segment(file) + "?version=9.9.9", std::string(50000, 'z'),
                       "application/octet-stream");
  ASSERT_EQ(up.status / 100, 2) << up.body;
  auto r = api_->post(path_of(d) + "/tasks?run=now&wait=30", json{{"name", "download"}, {"fileId", file}});
  ASSERT_EQ(r.status / 100, 2) << r.body;
  const std::string id = id_of(r.json);
  ASSERT_TRUE(eventually([&] { return task(id)["state"] == "done"; })) << task(id).dump();
  ASSERT_TRUE(eventually([&] { return api_->get(path_of(d)).json["softwareVersion"] == "9.9.9"; }))
      << api_->get(path_of(d)).body;
  auto events = api_->get(path_of(d) + "/events?limit=50");
  bool transfer = false, m_download = false;
  for (const auto& e : events.json["items"]) {
    transfer = transfer || e["code"] == "7 TRANSFER COMPLETE";
    m_download = m_download || e["code"] == "M Download";
  }
  EXPECT_TRUE(transfer) << events.body;
  EXPECT_TRUE(m_download) << events.body;
}

TEST(SimExportTest, SameSeedGivesTheSameExportFile) {
  TempDir dir;
  auto run = [&](const std::string& seed, const std::string& name) {
    SimProcess p({"--export", dir.path() + "/" + name, "--homes", "50", "--seed", seed});
    EXPECT_TRUE(p.start());
    EXPECT_EQ(p.wait(), 0);
    return read_text(dir.path() + "/" + name);
  };
  const std::string a = run("9", "a.json");
  const std::string b = run("9", "b.json");
  const std::string c = run("10", "c.json");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_TRUE(json::parse(a, nullptr, false).is_object());
}

}  // namespace
}  // namespace hearth::testing
