// Line events delivered to a stand-in for hearthd's POST /api/v1/line-events (a LoopHttpServer
// on the same loop): the token, batching on one keep-alive connection, retries after failures
// without duplicates, refused bodies; and the Simulator reporting its homes' power cuts and lines
// down (not an access-node outage) to it.
#include "sim/engine/line_event_sender.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "net/loop_http_server.h"
#include "sim/data_model.h"
#include "sim/engine.h"
#include "sim/engine/fake_acs.h"

namespace hearth::sim {
namespace {

using namespace std::chrono_literals;

constexpr int64_t kT = 1'767'571'200'000;

void run_for(net::EventLoop& loop, std::chrono::milliseconds time) {
  loop.call_after(time, [&] { loop.stop(); });
  loop.run();
}

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

// What hearthd would do with the route: check the token, take the events, answer 202 (or what
// the test scripts).
class Receiver {
 public:
  explicit Receiver(net::EventLoop& loop) : server_(loop, {}, [this](const net::HttpRequest& r, const net::ConnectionInfo&) {
    return handle(r);
  }) {
    EXPECT_TRUE(server_.start().ok());
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_.ports().at(0)) + "/api/v1/line-events"; }

  std::vector<int> script;             // statuses to answer first, in order (then 202)
  std::vector<nlohmann::json> events;  // accepted, in order of arrival
  std::vector<size_t> batches;         // events per request that reached the handler
  std::vector<std::string> auth;       // Authorization of each request
  net::LoopHttpServer server_;

 private:
  std::optional<net::HttpResponse> handle(const net::HttpRequest& r) {
    net::HttpResponse res;
    auth.push_back(r.headers.get_or("Authorization"));
    if (r.method != "POST" || r.path() != "/api/v1/line-events" || r.headers.get_or("Content-Type") != "application/json") {
      res.status = 404;
      return res;
    }
    if (auth.back() != "Bearer tok-123") {
      res.status = 401;
      return res;
    }
    const auto body = nlohmann::json::parse(r.body);
    batches.push_back(body.at("events").size());
    if (!script.empty()) {
      res.status = script.front();
      script.erase(script.begin());
      if (res.status / 100 != 2) return res;
    }
    for (const auto& e : body["events"]) events.push_back(e);
    res.status = 202;
    return res;
  }
};

LineEvent event(int i) { return LineEvent{"home-" + std::to_string(i), "SER" + std::to_string(i), "dying-gasp", kT + i}; }

std::unique_ptr<LineEventSender> make_sender(net::EventLoop& loop, const std::string& url, size_t max_batch = 200) {
  LineEventSenderOptions o;
  o.url = url;
  o.token = "tok-123";
  o.first_retry = 5ms;
  o.max_retry = 40ms;
  o.max_batch = max_batch;
  auto s = LineEventSender::create(loop, o);
  EXPECT_TRUE(s.ok());
  return s.ok() ? std::move(*s) : nullptr;
}

TEST(LineEventSenderTest, BatchesWhatQueuesUpOnOneKeepAliveConnection) {
  net::EventLoop loop;
  Receiver rx(loop);
  auto sender = make_sender(loop, rx.url(), 4);
  sender->send({event(1)});
  sender->send({event(2), event(3)});  // before the first POST went out: the same request
  ASSERT_TRUE(run_until(loop, [&] { return rx.events.size() == 3; }));
  std::vector<LineEvent> many;
  for (int i = 4; i <= 13; ++i) many.push_back(event(i));
  sender->send(many);
  ASSERT_TRUE(run_until(loop, [&] { return rx.events.size() == 13 && sender->stats().pending == 0; }));
  EXPECT_EQ(rx.batches, (std::vector<size_t>{3, 4, 4, 2}));
  for (size_t i = 0; i < rx.events.size(); ++i) EXPECT_EQ(rx.events[i]["homeId"], "home-" + std::to_string(i + 1));
  for (const auto& a : rx.auth) EXPECT_EQ(a, "Bearer tok-123");
  EXPECT_EQ(rx.server_.stats().connections, 1u);
  EXPECT_EQ(sender->stats().sent, 13u);
  EXPECT_EQ(sender->stats().posts, 4u);
}

TEST(LineEventSenderTest, RetriesFailuresWithTheSameEventsAndNoDuplicates) {
  net::EventLoop loop;
  Receiver rx(loop);
  rx.script = {503, 500, 202};
  auto sender = make_sender(loop, rx.url());
  sender->send({event(1), event(2)});
  ASSERT_TRUE(run_until(loop, [&] { return rx.events.size() == 2; }));
  sender->send({event(3)});
  ASSERT_TRUE(run_until(loop, [&] { return rx.events.size() == 3; }));
  EXPECT_EQ(rx.batches, (std::vector<size_t>{2, 2, 2, 1}));
  EXPECT_EQ(sender->stats().failed_posts, 2u);
  EXPECT_EQ(sender->stats().sent, 3u);

  // A body the receiver refuses is dropped, not retried for ever.
  rx.script = {400};
  sender->send({event(4)});
  sender->send({});
  ASSERT_TRUE(run_until(loop, [&] { return sender->stats().dropped == 1; }));
  sender->send({event(5)});
  ASSERT_TRUE(run_until(loop, [&] { return rx.events.size() == 4; }));
  EXPECT_EQ(rx.events.back()["homeId"], "home-5");
}

TEST(LineEventSenderTest, KeepsEventsWhileNobodyListensAndRefusesHttps) {
  net::EventLoop loop;
  std::string url;
  {
    Receiver gone(loop);  // a port nobody listens on any more
    url = gone.url();
  }
  auto sender = make_sender(loop, url);
  sender->send({event(1)});
  ASSERT_TRUE(run_until(loop, [&] { return sender->stats().failed_posts >= 3; }));
  EXPECT_EQ(sender->stats().pending, 1u);
  EXPECT_EQ(sender->stats().sent, 0u);
  LineEventSenderOptions o;
  o.url = "https://127.0.0.1/api/v1/line-events";
  EXPECT_FALSE(LineEventSender::create(loop, o).ok());
  o.url = "not a url";
  EXPECT_FALSE(LineEventSender::create(loop, o).ok());
}

// The Simulator with --line-events: a power cut, a line down and an access-node outage.
TEST(SimulatorLineEventsTest, PowerCutsAndLinesDownReachTheReceiverWithTheToken) {
  FakeClock clock;
  net::EventLoop loop;
  Receiver rx(loop);
  std::mutex mu;
  std::map<std::string, std::string> passwords;
  testing::FakeAcs acs([&](const std::string& user) {
    std::lock_guard lock(mu);
    return passwords.count(user) ? passwords[user] : std::string();
  });
  SimulatorOptions o;
  o.homes = 60;
  o.acs_url = acs.url();
  o.line_events_url = rx.url();
  o.line_events_token = "tok-123";
  o.line_events_retry_ms = 5;
  Simulator sim(o, clock);
  const Fleet& fleet = sim.fleet();
  ASSERT_GE(fleet.access_nodes.size(), 2u);
  const std::string dark_node = fleet.access_nodes[1].id;
  const uint32_t dark_home = fleet.access_nodes[1].homes.at(0);
  const uint32_t cut = fleet.access_nodes[0].homes.at(0), down = fleet.access_nodes[0].homes.at(1);
  {
    std::lock_guard lock(mu);
    for (const Home& h : fleet.homes) passwords[h.nodes[0].serial] = default_acs_password(h.seed, h.nodes[0].serial);
  }
  ASSERT_TRUE(sim.add_inject("power-cut:" + fleet.homes[cut].id + "/10m").ok());
  ASSERT_TRUE(sim.add_inject("wan-down:" + fleet.homes[down].id + "@+1m/20m").ok());
  ASSERT_TRUE(sim.add_inject("access-node-outage:" + dark_node + "/30m").ok());
  ASSERT_TRUE(sim.add_inject("power-cut:" + fleet.homes[dark_home].id + "@+2m/5m").ok());  // behind the dark node
  const int64_t start = to_unix_ms(clock.now());
  ASSERT_TRUE(sim.start(loop).ok());

  auto received = [&](size_t n) { return run_until(loop, [&] { return rx.events.size() >= n; }); };
  ASSERT_TRUE(received(1));
  clock.advance(std::chrono::minutes(1));
  sim.poke();
  ASSERT_TRUE(received(2));
  clock.advance(std::chrono::minutes(10));
  sim.poke();
  ASSERT_TRUE(received(3));
  clock.advance(std::chrono::minutes(11));
  sim.poke();
  ASSERT_TRUE(received(4));
  clock.advance(std::chrono::minutes(10));  // the access node is back: nothing changed behind it
  sim.poke();
  run_for(loop, 300ms);

  struct Expected {
    uint32_t home;
    const char* kind;
    int64_t at_ms;
  };
  const Expected expected[] = {{cut, "dying-gasp", start},
                               {down, "loss-of-signal", start + 60'000},
                               {cut, "restored", start + 11 * 60'000},
                               {down, "restored", start + 22 * 60'000}};
  ASSERT_EQ(rx.events.size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    const auto& e = rx.events[i];
    const Home& h = fleet.homes[expected[i].home];
    EXPECT_EQ(e["homeId"], h.id);
    EXPECT_EQ(e["serial"], h.nodes[0].serial);
    EXPECT_EQ(e["kind"], expected[i].kind);
    int64_t at = 0;
    ASSERT_TRUE(parse_iso8601_ms(e["time"].get<std::string>(), &at));
    EXPECT_EQ(at, expected[i].at_ms) << e;
  }
  for (const auto& a : rx.auth) EXPECT_EQ(a, "Bearer tok-123");
  EXPECT_EQ(sim.stats().line_events_sent, 4u);
  sim.stop();
}

TEST(SimulatorLineEventsTest, ABadUrlStopsTheStart) {
  FakeClock clock;
  net::EventLoop loop;
  SimulatorOptions o;
  o.homes = 3;
  o.acs_url = "http://127.0.0.1:9/acs";
  o.line_events_url = "https://hearthd.example/api/v1/line-events";
  Simulator sim(o, clock);
  auto st = sim.start(loop);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace hearth::sim
