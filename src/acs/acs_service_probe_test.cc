// AcsService::probe (DeviceControl): a reachability check of the device's ConnectionRequestURL
// that is neither a connection request nor counted as one.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "acs/acs_service.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "net/connreq.h"
#include "net/http_server.h"
#include "net/testing/mailbox.h"
#include "store/store.h"

namespace hearth::acs {
namespace {

using net::testing::Mailbox;

// Answers probes with `answer` and records both kinds of call.
class FakeRequester final : public ConnectionRequester {
 public:
  void send(const std::string& url, const std::string&, const std::string&,
            std::function<void(ConnectionRequestOutcome)> done) override {
    {
      std::lock_guard<std::mutex> lock(mutex);
      sent.push_back(url);
    }
    done(ConnectionRequestOutcome::kOk);
  }
  void probe(const std::string& url, std::function<void(bool)> done) override {
    {
      std::lock_guard<std::mutex> lock(mutex);
      probed.push_back(url);
    }
    done(answer);
  }
  std::mutex mutex;
  std::vector<std::string> sent;
  std::vector<std::string> probed;
  bool answer = true;
};

// Probes through net's client, as hearthd does.
class NetRequester final : public ConnectionRequester {
 public:
  void send(const std::string&, const std::string&, const std::string&,
            std::function<void(ConnectionRequestOutcome)> done) override {
    done(ConnectionRequestOutcome::kError);
  }
  void probe(const std::string& url, std::function<void(bool)> done) override {
    client_.probe(url, std::move(done));
  }

 private:
  net::ConnectionRequestClient client_;
};

class CountingSink final : public TelemetrySink {
 public:
  TelemetryRead on_inform(const store::DeviceRecord&, const std::vector<cwmp::EventStruct>&,
                          const std::vector<cwmp::ParameterValue>&, int64_t) override {
    return {};
  }
  void on_telemetry(const store::DeviceRecord&, std::vector<cwmp::ParameterValue>, int64_t) override {}
  void on_connection_request(const std::string&, bool, int64_t) override { ++connection_requests; }
  std::atomic<int> connection_requests{0};
};

class AcsProbeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_store("memory:");
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
  }
  void put_device(const std::string& id, const std::string& url) {
    store::DeviceRecord d;
    d.id = id;
    d.connection_request_url = url;
    d.cr_username = "acs";
    d.cr_password = "cr-pass";
    store::WriteBatch batch;
    batch.add(store::UpsertDevice{d});
    ASSERT_TRUE(store_->write_sync(std::move(batch)).ok());
  }
  std::unique_ptr<AcsService> make_service(ConnectionRequester& requester) {
    AcsServiceOptions options;
    options.digest_secret = "probe-test-secret-probe-test-secret";
    options.telemetry = &sink_;
    return std::make_unique<AcsService>(options, *store_, clock_, requester, registry_);
  }
  bool probe_sync(AcsService& acs, const std::string& device_id) {
    Mailbox<bool> result;
    acs.probe(device_id, [&](bool answered) { result.put(answered); });
    auto r = result.take();
    EXPECT_TRUE(r.has_value());
    return r.value_or(false);
  }
  uint64_t count(const char* family, const char* outcome) {
    return registry_.counter(family, "", {"outcome"}).with({outcome}).value();
  }

  FakeClock clock_;
  metrics::Registry registry_;
  std::unique_ptr<store::Store> store_;
  CountingSink sink_;
};

TEST_F(AcsProbeTest, AnswersAndCountsByOutcome) {
  put_device("dev-live", "http://192.0.2.1:7547/cr");
  put_device("dev-no-url", "");
  struct Case {
    std::string device;
    bool requester_answer;
    bool expected;
    const char* outcome;
  };
  const Case cases[] = {
      {"dev-live", true, true, "answered"},
      {"dev-live", false, false, "unreachable"},
      {"dev-no-url", true, false, "no-url"},
      {"dev-unknown", true, false, "no-url"},
  };
  FakeRequester requester;
  auto acs = make_service(requester);  // one per registry (it registers its metrics)
  for (const auto& c : cases) {
    requester.answer = c.requester_answer;
    requester.probed.clear();
    const uint64_t before = count("hearth_probes_total", c.outcome);
    EXPECT_EQ(probe_sync(*acs, c.device), c.expected) << c.device;
    EXPECT_EQ(count("hearth_probes_total", c.outcome), before + 1) << c.device;
    EXPECT_TRUE(requester.sent.empty());
    EXPECT_EQ(requester.probed.size(), c.outcome == std::string("no-url") ? 0u : 1u);
  }
  // Never a connection request: not counted as one, not reported to the diagnosis.
  for (const char* o : {"ok", "unreachable", "no_url", "in_session", "error"}) {
    EXPECT_EQ(count("hearth_connection_requests_total", o), 0u) << o;
  }
  EXPECT_EQ(sink_.connection_requests.load(), 0);
}

TEST_F(AcsProbeTest, ProbesAreNotCoalescedLikeConnectionRequests) {
  put_device("dev-live", "http://192.0.2.1:7547/cr");
  FakeRequester requester;
  auto acs = make_service(requester);
  EXPECT_TRUE(probe_sync(*acs, "dev-live"));
  EXPECT_TRUE(probe_sync(*acs, "dev-live"));
  EXPECT_EQ(requester.probed, (std::vector<std::string>{"http://192.0.2.1:7547/cr", "http://192.0.2.1:7547/cr"}));
}

// Over the network: a live CPE's 401 is an answer, and its challenge is not taken up.
TEST_F(AcsProbeTest, ALiveCpeAnswering401IsReachable) {
  Mailbox<bool> authorized;
  net::HttpServer cpe(net::HttpServerOptions{},
                      [&](net::HttpRequest&& req, const net::ConnectionInfo&, net::Respond respond) {
                        authorized.put(req.headers.contains("Authorization"));
                        net::HttpResponse r = net::make_response(401);
                        r.headers.add("WWW-Authenticate", "Digest realm=\"cpe\", nonce=\"abc\", qop=\"auth\"");
                        respond(std::move(r));
                      });
  ASSERT_TRUE(cpe.start().ok());
  uint16_t closed_port;
  {
    net::HttpServer gone(net::HttpServerOptions{},
                         [](net::HttpRequest&&, const net::ConnectionInfo&, net::Respond r) {
                           r(net::make_response(200));
                         });
    ASSERT_TRUE(gone.start().ok());
    closed_port = gone.port();
  }
  put_device("dev-live", "http://" + cpe.bound_address() + "/cr");
  put_device("dev-gone", "http://127.0.0.1:" + std::to_string(closed_port) + "/cr");
  NetRequester requester;
  auto acs = make_service(requester);
  EXPECT_TRUE(probe_sync(*acs, "dev-live"));
  EXPECT_EQ(authorized.take(), false);
  EXPECT_EQ(authorized.size(), 0u);
  EXPECT_FALSE(probe_sync(*acs, "dev-gone"));
  EXPECT_EQ(count("hearth_probes_total", "answered"), 1u);
  EXPECT_EQ(count("hearth_probes_total", "unreachable"), 1u);
}

}  // namespace
}  // namespace hearth::acs
