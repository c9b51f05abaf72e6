// The Simulator against the fake ACS on loopback, with a FakeClock driving the CPEs' time: the
// session cap, boot and periodic sessions, cookies and the stale-cookie quirk, Digest vs Basic,
// connection requests, downloads, scenarios, load mode.
#include "sim/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "net/client_connection.h"
#include "net/http_auth.h"
#include "net/url.h"
#include "sim/data_model.h"
#include "sim/engine/fake_acs.h"
#include "sim/models.h"

namespace hearth::sim {
namespace {

using namespace std::chrono_literals;

// Runs the loop until pred() holds (checked every few ms) or 20 s pass; returns pred().
bool run_until(net::EventLoop& loop, const std::function<bool()>& pred) {
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  std::function<void()> check = [&] {
    if (pred() || std::chrono::steady_clock::now() > deadline) {
      loop.stop();
      return;
    }
    loop.call_after(2ms, check);
  };
  loop.post(check);
  loop.run();
  return pred();
}

class SimulatorTest : public ::testing::Test {
 protected:
  void make(SimulatorOptions o) {
    acs = std::make_unique<testing::FakeAcs>([this](const std::string& user) {
      std::lock_guard lock(mu);
      auto it = passwords.find(user);
      return it == passwords.end() ? std::string() : it->second;
    });
    o.acs_url = acs->url();
    o.cpe.power_on_boot_ms = 1000;
    o.cpe.inform_jitter_s = 0;
    sim = std::make_unique<Simulator>(o, clock);
    std::lock_guard lock(mu);
    for (const Home& h : sim->fleet().homes) {
      passwords[h.nodes[0].serial] = default_acs_password(h.seed, h.nodes[0].serial);
    }
  }
  // start() and one pump at the current (fake) time: the gateways power on and schedule their boot.
  void start() {
    ASSERT_TRUE(sim->start(loop).ok());
    loop.call_after(20ms, [&] { loop.stop(); });
    loop.run();
  }
  std::string serial(uint32_t home) const { return sim->fleet().homes[home].nodes[0].serial; }
  const ModelInfo& model(uint32_t home) const { return model_of(sim->fleet().homes[home].nodes[0].model); }
  size_t homes() const { return sim->fleet().homes.size(); }

  // Moves the CPEs' clock and lets the simulator act on it until `sessions` have ended at the ACS.
  bool advance_until_sessions(std::chrono::milliseconds by, int sessions) {
    clock.advance(by);
    sim->poke();
    // Both sides: the ACS sent its 204 and the simulator has taken it.
    return run_until(loop, [&] {
      return acs->sessions_done() >= sessions && sim->stats().sessions_ok >= static_cast<uint64_t>(sessions);
    });
  }

  FakeClock clock;
  net::EventLoop loop;
  std::mutex mu;
  std::map<std::string, std::string> passwords;
  std::unique_ptr<testing::FakeAcs> acs;
  std::unique_ptr<Simulator> sim;
};

TEST_F(SimulatorTest, EveryHomeBootsWithinTheSessionCap) {
  SimulatorOptions o;
  o.homes = 12;
  o.max_sessions = 2;
  make(o);
  start();
  // Nothing happens until the gateways have booted (FakeClock: no time has passed).
  EXPECT_EQ(sim->stats().sessions_started, 0u);

  ASSERT_TRUE(advance_until_sessions(2s, static_cast<int>(homes())));
  EXPECT_LE(acs->max_concurrent_sessions(), 2);
  bool saw_basic = false, saw_digest = false;
  for (uint32_t h = 0; h < homes(); ++h) {
    const auto log = acs->device(serial(h));
    ASSERT_EQ(log.inform_events.size(), 1u) << serial(h);
    const auto& events = log.inform_events[0];
    EXPECT_NE(std::find(events.begin(), events.end(), "0 BOOTSTRAP"), events.end()) << serial(h);
    EXPECT_NE(std::find(events.begin(), events.end(), "1 BOOT"), events.end()) << serial(h);
    EXPECT_EQ(log.inform_cookies[0], "") << "no cookie before the ACS set one";
    ASSERT_FALSE(log.later_cookies.empty());
    for (const auto& c : log.later_cookies) EXPECT_EQ(c.rfind("session=", 0), 0u) << c;
    const std::string expected = model(h).digest_auth ? "Digest" : "Basic";
    for (const auto& s : log.schemes) EXPECT_EQ(s, expected) << serial(h);
    (model(h).digest_auth ? saw_digest : saw_basic) = true;
  }
  EXPECT_TRUE(saw_digest);
  const auto st = sim->stats();
  EXPECT_EQ(st.sessions_ok, homes());
  EXPECT_EQ(st.sessions_failed, 0u);
  EXPECT_GT(st.p50_ms, 0);
  EXPECT_GE(st.p99_ms, st.p50_ms);
  (void)saw_basic;
}

TEST_F(SimulatorTest, PeriodicInformsFollowAndStaleCookieModelsResendTheOldCookie) {
  SimulatorOptions o;
  o.homes = 40;
  o.inform_interval_s = 60;
  make(o);
  start();
  ASSERT_TRUE(advance_until_sessions(2s, static_cast<int>(homes())));
  ASSERT_TRUE(advance_until_sessions(61s, 2 * static_cast<int>(homes())));
  int stale_models = 0;
  for (uint32_t h = 0; h < homes(); ++h) {
    const auto log = acs->device(serial(h));
    ASSERT_EQ(log.inform_events.size(), 2u) << serial(h);
    EXPECT_NE(std::find(log.inform_events[1].begin(), log.inform_events[1].end(), "2 PERIODIC"),
              log.inform_events[1].end());
    if (model(h).stale_cookie) {
      ++stale_models;
      EXPECT_EQ(log.inform_cookies[1], log.later_cookies.front()) << "quirk 2: the last session's cookie";
    } else {
      EXPECT_EQ(log.inform_cookies[1], "");
    }
  }
  EXPECT_GT(stale_models, 0) << "40 homes should include the stale-cookie model";
}

TEST_F(SimulatorTest, WrongCredentialsFailTheSessionAndCountAsAuthFailures) {
  SimulatorOptions o;
  o.homes = 3;
  make(o);
  {
    std::lock_guard lock(mu);
    passwords.clear();  // the ACS knows nobody
  }
  start();
  clock.advance(2s);
  sim->poke();
  ASSERT_TRUE(run_until(loop, [&] { return sim->stats().sessions_failed >= 3; }));
  EXPECT_EQ(sim->stats().auth_failures, sim->stats().sessions_failed);
  EXPECT_EQ(sim->stats().sessions_ok, 0u);
  EXPECT_EQ(acs->sessions_done(), 0);
}

// A connection request as hearthd sends it, on the simulator's own loop.
Result<net::HttpResponse> connection_request(net::EventLoop& loop, const std::string& url, const std::string& user,
                                             const std::string& password) {
  auto parsed = net::parse_url(url);
  if (!parsed.ok()) return parsed.error();
  net::ClientConnection conn(loop, parsed->host, parsed->port);
  std::optional<Result<net::HttpResponse>> out;
  auto send = [&](const std::string& authorization) {
    net::HttpRequest req;
    req.method = "GET";
    req.target = parsed->target;
    if (!authorization.empty()) req.headers.add("Authorization", authorization);
    out.reset();
    conn.send(std::move(req), [&](Result<net::HttpResponse> r) { out = std::move(r); });
    run_until(loop, [&] { return out.has_value(); });
    return out.value_or(make_error(ErrorCode::kTimeout, "no answer"));
  };
  auto first = send({});
  if (!first.ok() || first->status != 401) return first;
  auto auth = net::compute_digest_authorization(first->headers.get_or("WWW-Authenticate"), "GET", parsed->target,
                                                user, password, 1, "0a1b2c3d");
  if (!auth.ok()) return auth.error();
  return send(*auth);
}

TEST_F(SimulatorTest, ConnectionRequestBringsASessionWithEvent6) {
  SimulatorOptions o;
  o.homes = 4;
  make(o);
  start();
  ASSERT_FALSE(sim->cr_range().empty());
  ASSERT_TRUE(advance_until_sessions(2s, static_cast<int>(homes())));
  Cpe& cpe = sim->cpe(2);
  const std::string url = sim->connection_request_url(2);
  EXPECT_EQ(url.rfind("http://127.0.0.1:", 0), 0u) << url;

  auto wrong = connection_request(loop, url, cpe.connection_request_username(), "wrong");
  ASSERT_TRUE(wrong.ok()) << wrong.error().message;
  EXPECT_EQ(wrong->status, 401);

  auto r = connection_request(loop, url, cpe.connection_request_username(), cpe.connection_request_password());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  ASSERT_TRUE(run_until(loop, [&] { return acs->device(serial(2)).inform_events.size() == 2; }));
  const auto events = acs->device(serial(2)).inform_events[1];
  EXPECT_NE(std::find(events.begin(), events.end(), "6 CONNECTION REQUEST"), events.end());
  EXPECT_EQ(sim->stats().cr_accepted, 1u);

  auto unknown = connection_request(loop, url.substr(0, url.rfind('/')) + "/nobody", "x", "y");
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->status, 404);
}

TEST_F(SimulatorTest, PoweredOffHomeDoesNotAnswerConnectionRequests) {
  SimulatorOptions o;
  o.homes = 2;
  make(o);
  ASSERT_TRUE(sim->add_inject("power-cut:" + sim->fleet().homes[1].id).ok());
  start();
  clock.advance(2s);
  sim->poke();
  ASSERT_TRUE(run_until(loop, [&] { return sim->stats().sessions_ok >= 1; }));
  Cpe& cpe = sim->cpe(1);
  auto r = connection_request(loop, sim->connection_request_url(1), cpe.connection_request_username(),
                              cpe.connection_request_password());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(sim->stats().cr_unanswered, 1u);
  EXPECT_TRUE(acs->device(serial(1)).inform_events.empty());
}

TEST_F(SimulatorTest, DownloadIsFetchedAndReportedWithTransferComplete) {
  SimulatorOptions o;
  o.homes = 1;
  o.cpe.download_ms = 1000;
  o.cpe.reboot_offline_ms = 1000;
  make(o);
  acs->add_file("fw-9.9.9.bin", std::string(4096, 'f'));
  cwmp::Download dl;
  dl.command_key = "dl-1";
  dl.file_type = "1 Firmware Upgrade Image";
  dl.url = acs->file_url("fw-9.9.9.bin");
  dl.username = "dl";
  dl.password = "dlpw";
  dl.file_size = 4096;
  acs->queue(serial(0), dl);
  start();
  ASSERT_TRUE(advance_until_sessions(2s, 1));
  ASSERT_TRUE(run_until(loop, [&] { return sim->stats().downloads_ok == 1; }));
  EXPECT_EQ(acs->file_requests(), 1);  // served once, after the Digest challenge
  // Installing and rebooting take FakeClock time.
  ASSERT_TRUE(advance_until_sessions(5s, 2));
  const auto log = acs->device(serial(0));
  ASSERT_EQ(log.inform_events.size(), 2u);
  const auto& events = log.inform_events[1];
  EXPECT_NE(std::find(events.begin(), events.end(), "7 TRANSFER COMPLETE"), events.end());
  EXPECT_NE(std::find(events.begin(), events.end(), "M Download"), events.end());
  EXPECT_NE(std::find(log.methods.begin(), log.methods.end(), "TransferComplete"), log.methods.end());
  EXPECT_EQ(sim->cpe(0).data_model().software_version(), "9.9.9");
}

TEST_F(SimulatorTest, LoadModeEndsWithASummary) {
  SimulatorOptions o;
  o.homes = 5;
  o.inform_interval_s = 1;
  o.load = true;
  o.duration_s = 0.3;
  make(o);
  bool finished = false;
  sim->on_finished([&] {
    finished = true;
    loop.stop();
  });
  start();
  clock.advance(2s);
  sim->poke();
  loop.call_after(20s, [&] { loop.stop(); });
  loop.run();
  ASSERT_TRUE(finished);
  const std::string summary = sim->load_summary_json();
  EXPECT_EQ(summary.rfind("{\"event\":\"load-summary\",\"sessions\":", 0), 0u) << summary;
  for (const char* key : {"\"errors\":", "\"sessionsPerSecond\":", "\"p50Ms\":", "\"p95Ms\":", "\"p99Ms\":",
                          "\"durationS\":"}) {
    EXPECT_NE(summary.find(key), std::string::npos) << key;
  }
  EXPECT_GE(sim->stats().sessions_ok, 5u);
  EXPECT_GE(sim->stats().elapsed_s, 0.3);
}

TEST(SimulatorExportTest, SameSeedSameExport) {
  FakeClock clock;
  SimulatorOptions o;
  o.homes = 30;
  o.seed = 42;
  o.acs_url = "http://127.0.0.1:9/acs";
  const std::string a = Simulator(o, clock).export_json();
  const std::string b = Simulator(o, clock).export_json();
  EXPECT_EQ(a, b);
  o.seed = 43;
  EXPECT_NE(Simulator(o, clock).export_json(), a);
}

}  // namespace
}  // namespace hearth::sim
