#include "incidents/webhooks.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "net/http_server.h"
#include "net/testing/mailbox.h"

namespace hearth::incidents {
namespace {

using net::testing::Mailbox;
using nlohmann::json;

constexpr const char* kSecret = "whsec-0123456789-abcdef-never-logged";

// A webhook receiver on loopback: answers from a script of statuses (then `fallback`), or holds
// every answer for the test to give.
class Receiver {
 public:
  Receiver() {
    net::HttpServerOptions options;
    options.stop_grace = std::chrono::milliseconds(100);
    server_ = std::make_unique<net::HttpServer>(
        options, [this](net::HttpRequest&& req, const net::ConnectionInfo&, net::Respond respond) {
          int status;
          bool hold;
          {
            std::lock_guard<std::mutex> lock(mu_);
            hold = hold_;
            status = fallback_;
            if (!script_.empty()) {
              status = script_.front();
              script_.erase(script_.begin());
            }
          }
          requests.put(std::move(req));
          if (hold) {
            held.put(std::move(respond));
          } else {
            respond(net::make_response(status));
          }
        });
    EXPECT_TRUE(server_->start().ok());
  }
  std::string url(const std::string& path = "/hook") const {
    return "http://" + server_->bound_address() + path;
  }
  void script(std::vector<int> statuses, int fallback = 200) {
    std::lock_guard<std::mutex> lock(mu_);
    script_ = std::move(statuses);
    fallback_ = fallback;
  }
  void set_hold(bool hold) {
    std::lock_guard<std::mutex> lock(mu_);
    hold_ = hold;
  }

  Mailbox<net::HttpRequest> requests;
  Mailbox<net::Respond> held;

 private:
  std::mutex mu_;
  std::vector<int> script_;
  int fallback_ = 200;
  bool hold_ = false;
  std::unique_ptr<net::HttpServer> server_;
};

// Waits (bounded, without sleeping) for what another thread does after a request is answered.
template <class Pred>
bool eventually(Pred pred) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

// Against both stores: the memory store runs write callbacks at once, SQLite on its writer.
class WebhookSenderTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string url = GetParam();
    if (url == "sqlite:") {
      static std::atomic<int> counter{0};
      dir_ = std::filesystem::temp_directory_path() /
             ("hearth-webhooks-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
      std::filesystem::remove_all(dir_);
      ASSERT_TRUE(std::filesystem::create_directories(dir_));
      url += (dir_ / "hearth.db").string();
    }
    auto opened = store::open_store(url);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
  }
  void TearDown() override {
    sender_.reset();
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  void add_webhook(const std::string& id, const std::string& url, std::vector<std::string> events = {},
                   bool enabled = true) {
    store::WebhookRecord w;
    w.id = id;
    w.url = url;
    w.secret = kSecret;
    w.events = std::move(events);
    w.enabled = enabled;
    w.created_ms = now_ms();
    ASSERT_TRUE(store_->write_sync(store::WriteBatch().add(store::PutWebhook{w})).ok());
  }
  WebhookSender& sender(WebhookOptions options = {}) {
    if (!sender_) sender_ = std::make_unique<WebhookSender>(*store_, client_, clock_, options);
    return *sender_;
  }
  std::vector<store::WebhookDeliveryRecord> outbox() {
    auto list = store_->list_webhook_deliveries(1000);
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<store::WebhookDeliveryRecord>{};
  }
  int64_t now_ms() const { return to_unix_ms(clock_.now()); }
  net::HttpRequest take(Receiver& r) {
    auto req = r.requests.take(std::chrono::seconds(20));
    EXPECT_TRUE(req.has_value());
    return req.value_or(net::HttpRequest{});
  }

  std::filesystem::path dir_;
  FakeClock clock_;  // 2026-01-01T00:00:00Z, a whole second
  std::unique_ptr<store::Store> store_;
  Receiver receiver_;
  net::HttpClient client_{2};
  std::unique_ptr<WebhookSender> sender_;
};

TEST_P(WebhookSenderTest, PostsTheSignedBodyWithItsHeaders) {
  add_webhook("wh-1", receiver_.url("/hooks/noc?team=access"));
  const json incident = {{"id", 7}, {"state", "suspected"}, {"homes", {"h1", "h2"}}};
  const int64_t event_ms = now_ms() - 1500;
  sender().publish("incident.opened", incident, event_ms);

  const net::HttpRequest req = take(receiver_);
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/hooks/noc?team=access");
  EXPECT_EQ(req.headers.get_or("Content-Type"), "application/json");
  EXPECT_EQ(req.headers.get_or("X-Hearth-Event"), "incident.opened");
  const std::string delivery = req.headers.get_or("X-Hearth-Delivery");
  ASSERT_EQ(delivery.size(), 19u);
  EXPECT_EQ(delivery.rfind("dl-", 0), 0u);
  EXPECT_TRUE(std::all_of(delivery.begin() + 3, delivery.end(),
                          [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) && !std::isupper(c); }));
  const std::string timestamp = req.headers.get_or("X-Hearth-Timestamp");
  EXPECT_EQ(timestamp, std::to_string(now_ms() / 1000));
  EXPECT_EQ(req.headers.get_or("X-Hearth-Signature"), webhook_signature(kSecret, std::stoll(timestamp), req.body));
  EXPECT_NE(req.headers.get_or("X-Hearth-Signature"), webhook_signature("another secret", std::stoll(timestamp), req.body));

  const json body = json::parse(req.body);
  EXPECT_EQ(body["event"], "incident.opened");
  EXPECT_EQ(body["delivery"], delivery);
  EXPECT_EQ(body["time"], format_iso8601(from_unix_ms(event_ms), true));
  EXPECT_EQ(body["data"], incident);

  ASSERT_TRUE(eventually([&] { return sender().stats().delivered == 1; }));
  EXPECT_TRUE(outbox().empty());
  const WebhookStats s = sender().stats();
  EXPECT_EQ(s.failed_attempts, 0u);
  EXPECT_EQ(s.pending, 0u);
}

TEST(WebhookSignatureTest, IsHexHmacSha256OfTimestampDotBody) {
  // Reference values from `printf '%s' '<timestamp>.<body>' | openssl dgst -sha256 -hmac <secret>`.
  EXPECT_EQ(webhook_signature("key", 12, "34"),
            "sha256=6bbf7ccd49474fba6f12afb1c047f6ce8aaaa7a11b668cd619b14b7f94762318");
  EXPECT_EQ(webhook_signature("Jefe", 1767225600, R"({"event":"ping"})"),
            "sha256=632b03cb639e3a9db49abc7413be94a58eb62e543c1b6867eda16d82198e62ce");
  EXPECT_NE(webhook_signature("Jefe", 1767225601, R"({"event":"ping"})"),
            webhook_signature("Jefe", 1767225600, R"({"event":"ping"})"));
}

// 500, 500, 200: retried at first_retry_ms and then twice that (each +-10%), never before.
TEST_P(WebhookSenderTest, RetriesWithExponentialBackOffUntilAcknowledged) {
  receiver_.script({500, 500});
  add_webhook("wh-1", receiver_.url());
  WebhookOptions options;
  options.first_retry_ms = 10'000;  // jitter +-1 s: the attempt a second early is told apart
  sender(options).publish("incident.updated", json{{"id", 1}}, now_ms());
  const std::string delivery = take(receiver_).headers.get_or("X-Hearth-Delivery");

  for (uint32_t attempt = 1; attempt <= 2; ++attempt) {
    ASSERT_TRUE(eventually([&] { return sender().stats().failed_attempts == attempt; }));
    const int64_t failed_at = now_ms();
    auto pending = outbox();
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].id, delivery);
    EXPECT_EQ(pending[0].attempts, attempt);
    EXPECT_EQ(pending[0].last_error, "HTTP 500");
    const int64_t delay = 10'000LL << (attempt - 1);
    const int64_t next = pending[0].next_attempt_ms;
    EXPECT_GE(next - failed_at, delay * 9 / 10) << attempt;
    EXPECT_LE(next - failed_at, delay * 11 / 10) << attempt;

    clock_.set(from_unix_ms(next - 1000));
    sender().tick();  // not yet due
    clock_.set(from_unix_ms(next));
    sender().tick();
    const net::HttpRequest retry = take(receiver_);
    EXPECT_EQ(retry.headers.get_or("X-Hearth-Delivery"), delivery);
    // Sent by the second tick: an attempt a second early would carry the earlier second.
    EXPECT_EQ(retry.headers.get_or("X-Hearth-Timestamp"), std::to_string(next / 1000));
    EXPECT_EQ(retry.headers.get_or("X-Hearth-Signature"),
              webhook_signature(kSecret, next / 1000, retry.body));
  }
  ASSERT_TRUE(eventually([&] { return sender().stats().delivered == 1; }));
  EXPECT_TRUE(outbox().empty());
  EXPECT_EQ(sender().stats().failed_attempts, 2u);
  EXPECT_EQ(receiver_.requests.size(), 0u);
}

// No answer is a failed attempt too; the back-off stops growing at max_retry_ms, and after
// max_attempts the delivery is dropped.
TEST_P(WebhookSenderTest, UnreachableReceiverIsRetriedUpToMaxAttemptsThenDropped) {
  uint16_t closed_port;
  {
    Receiver gone;
    closed_port = static_cast<uint16_t>(std::stoi(gone.url().substr(gone.url().rfind(':') + 1)));
  }
  add_webhook("wh-gone", "http://127.0.0.1:" + std::to_string(closed_port) + "/hook");
  WebhookOptions options;
  options.first_retry_ms = 1'000;
  options.max_retry_ms = 1'500;
  options.max_attempts = 3;
  sender(options).publish("incident.opened", json::object(), now_ms());
  const int64_t bounds[][2] = {{900, 1100}, {1350, 1650}};
  for (uint32_t attempt = 1; attempt <= 2; ++attempt) {
    ASSERT_TRUE(eventually([&] { return sender().stats().failed_attempts == attempt; }));
    auto pending = outbox();
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].attempts, attempt);
    EXPECT_FALSE(pending[0].last_error.empty());
    EXPECT_GE(pending[0].next_attempt_ms - now_ms(), bounds[attempt - 1][0]);
    EXPECT_LE(pending[0].next_attempt_ms - now_ms(), bounds[attempt - 1][1]);
    clock_.set(from_unix_ms(pending[0].next_attempt_ms));
    sender().tick();
  }
  ASSERT_TRUE(eventually([&] { return sender().stats().dropped == 1; }));
  EXPECT_TRUE(outbox().empty());
  EXPECT_EQ(sender().stats().failed_attempts, 3u);
  EXPECT_EQ(sender().stats().delivered, 0u);
}

TEST_P(WebhookSenderTest, GoneStopsWithoutRetrying) {
  receiver_.script({410});
  add_webhook("wh-1", receiver_.url());
  sender().publish("incident.resolved", json::object(), now_ms());
  take(receiver_);
  ASSERT_TRUE(eventually([&] { return sender().stats().dropped == 1; }));
  EXPECT_TRUE(outbox().empty());
  EXPECT_EQ(sender().stats().failed_attempts, 0u);
  clock_.advance(std::chrono::hours(2));
  sender().tick();
  EXPECT_EQ(sender().stats().delivered, 0u);
}

// What was pending when the process stopped goes out at the next start, at the first tick, even
// a delivery whose back-off has not run out.
TEST_P(WebhookSenderTest, ANewSenderSendsWhatWasPendingAfterARestart) {
  receiver_.script({500});
  add_webhook("wh-1", receiver_.url());
  WebhookOptions options;
  options.first_retry_ms = 60'000;
  std::set<std::string> expected;
  {
    WebhookSender first(*store_, client_, clock_, options);
    first.publish("incident.opened", json{{"id", 1}}, now_ms());
    expected.insert(take(receiver_).headers.get_or("X-Hearth-Delivery"));
    ASSERT_TRUE(eventually([&] { return first.stats().failed_attempts == 1; }));
    first.stop();
    first.publish("incident.updated", json{{"id", 1}}, now_ms());  // stored, not sent
    store_->flush();
    ASSERT_EQ(outbox().size(), 2u);
    EXPECT_EQ(first.stats().pending, 2u);
  }
  for (const auto& d : outbox()) expected.insert(d.id);
  ASSERT_EQ(expected.size(), 2u);
  EXPECT_EQ(receiver_.requests.size(), 0u);

  clock_.advance(std::chrono::seconds(5));  // well before the failed one's next attempt
  sender(options).tick();
  std::set<std::string> sent;
  for (int i = 0; i < 2; ++i) {
    const net::HttpRequest req = take(receiver_);
    sent.insert(req.headers.get_or("X-Hearth-Delivery"));
    EXPECT_EQ(req.headers.get_or("X-Hearth-Signature"),
              webhook_signature(kSecret, std::stoll(req.headers.get_or("X-Hearth-Timestamp")), req.body));
  }
  EXPECT_EQ(sent, expected);
  ASSERT_TRUE(eventually([&] { return sender().stats().delivered == 2; }));
  EXPECT_TRUE(outbox().empty());
}

TEST_P(WebhookSenderTest, OnlyEnabledSubscribersGetAnEvent) {
  add_webhook("wh-a", receiver_.url("/resolved-only"), {"incident.resolved"});
  add_webhook("wh-b", receiver_.url("/all"));
  add_webhook("wh-c", receiver_.url("/disabled"), {}, /*enabled=*/false);
  add_webhook("wh-d", receiver_.url("/opened-and-updated"), {"incident.opened", "incident.updated"});
  sender().publish("incident.opened", json{{"id", 1}}, now_ms());
  sender().publish("incident.resolved", json{{"id", 1}}, now_ms());
  ASSERT_TRUE(eventually([&] { return sender().stats().delivered == 4; }));
  std::multiset<std::string> got;
  for (int i = 0; i < 4; ++i) {
    const net::HttpRequest req = take(receiver_);
    got.insert(req.target + " " + req.headers.get_or("X-Hearth-Event"));
  }
  EXPECT_EQ(got, (std::multiset<std::string>{"/all incident.opened", "/all incident.resolved",
                                             "/opened-and-updated incident.opened",
                                             "/resolved-only incident.resolved"}));
  EXPECT_EQ(receiver_.requests.size(), 0u);
  EXPECT_TRUE(outbox().empty());
}

TEST_P(WebhookSenderTest, TestPingsOneWebhookAndRejectsUnknownIds) {
  add_webhook("wh-1", receiver_.url("/one"));
  add_webhook("wh-2", receiver_.url("/two"));
  const Status unknown = sender().test("wh-nope");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(outbox().empty());

  ASSERT_TRUE(sender().test("wh-2").ok());
  const net::HttpRequest req = take(receiver_);
  EXPECT_EQ(req.target, "/two");
  EXPECT_EQ(req.headers.get_or("X-Hearth-Event"), "ping");
  EXPECT_EQ(json::parse(req.body)["event"], "ping");
  ASSERT_TRUE(eventually([&] { return sender().stats().delivered == 1; }));
  EXPECT_EQ(receiver_.requests.size(), 0u);
}

// At most max_in_flight requests at once; the rest wait in the outbox for a later tick.
TEST_P(WebhookSenderTest, KeepsAtMostMaxInFlightRequests) {
  receiver_.set_hold(true);
  for (const char* id : {"wh-1", "wh-2", "wh-3"}) add_webhook(id, receiver_.url(std::string("/") + id));
  WebhookOptions options;
  options.max_in_flight = 2;
  sender(options).publish("incident.opened", json::object(), now_ms());
  take(receiver_);
  take(receiver_);
  sender().tick();  // both slots are taken: nothing more goes out
  EXPECT_EQ(outbox().size(), 3u);
  std::vector<net::Respond> answers;
  for (int i = 0; i < 2; ++i) {
    auto respond = receiver_.held.take(std::chrono::seconds(20));
    ASSERT_TRUE(respond.has_value());
    answers.push_back(std::move(*respond));
  }
  EXPECT_EQ(receiver_.requests.size(), 0u);
  receiver_.set_hold(false);
  for (auto& respond : answers) respond(net::make_response(204));
  ASSERT_TRUE(eventually([&] { return sender().stats().delivered == 2; }));
  sender().tick();
  take(receiver_);
  ASSERT_TRUE(eventually([&] { return sender().stats().delivered == 3; }));
  EXPECT_TRUE(outbox().empty());
}

TEST_P(WebhookSenderTest, PrivateTargetsAreRefusedWhenNotAllowed) {
  add_webhook("wh-1", receiver_.url());
  WebhookOptions options;
  options.allow_private_targets = false;
  sender(options).publish("incident.opened", json::object(), now_ms());
  ASSERT_TRUE(eventually([&] { return sender().stats().dropped == 1; }));
  EXPECT_TRUE(outbox().empty());
  EXPECT_EQ(receiver_.requests.size(), 0u);
}

TEST_P(WebhookSenderTest, DeliveriesOfDisabledOrDeletedWebhooksAreDropped) {
  receiver_.script({500, 500});
  add_webhook("wh-1", receiver_.url("/one"));
  add_webhook("wh-2", receiver_.url("/two"));
  sender().publish("incident.opened", json::object(), now_ms());
  take(receiver_);
  take(receiver_);
  ASSERT_TRUE(eventually([&] { return sender().stats().failed_attempts == 2; }));
  add_webhook("wh-1", receiver_.url("/one"), {}, /*enabled=*/false);
  store::WriteBatch gone;
  gone.add(store::DeleteWebhook{"wh-2"});
  ASSERT_TRUE(store_->write_sync(std::move(gone)).ok());
  clock_.advance(std::chrono::hours(2));
  sender().tick();
  ASSERT_TRUE(eventually([&] { return outbox().empty(); }));
  ASSERT_TRUE(eventually([&] { return sender().stats().dropped == 1; }));  // wh-1's
  EXPECT_EQ(receiver_.requests.size(), 0u);
}

// The secret and the signatures stay out of the log, whatever happens to a delivery.
TEST_P(WebhookSenderTest, NeverLogsTheSecretOrASignature) {
  auto previous = spdlog::default_logger();
  std::ostringstream log;
  auto logger = std::make_shared<spdlog::logger>("webhooks-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log));
  logger->set_level(spdlog::level::trace);
  spdlog::set_default_logger(logger);

  receiver_.script({500, 410});
  add_webhook("wh-1", receiver_.url());
  std::vector<std::string> signatures;
  {
    WebhookOptions options;
    options.max_attempts = 2;
    WebhookSender s(*store_, client_, clock_, options);
    s.publish("incident.opened", json{{"id", 1}}, now_ms());
    signatures.push_back(take(receiver_).headers.get_or("X-Hearth-Signature"));
    ASSERT_TRUE(eventually([&] { return s.stats().failed_attempts == 1; }));
    clock_.advance(std::chrono::hours(2));
    s.tick();
    signatures.push_back(take(receiver_).headers.get_or("X-Hearth-Signature"));
    ASSERT_TRUE(eventually([&] { return s.stats().dropped == 1; }));
    ASSERT_TRUE(s.test("wh-1").ok());
    signatures.push_back(take(receiver_).headers.get_or("X-Hearth-Signature"));
    ASSERT_TRUE(eventually([&] { return s.stats().delivered == 1; }));
  }
  spdlog::set_default_logger(previous);
  const std::string text = log.str();
  EXPECT_NE(text.find("wh-1"), std::string::npos) << text;  // the log does speak of it
  EXPECT_EQ(text.find(kSecret), std::string::npos) << text;
  for (const auto& sig : signatures) {
    ASSERT_GT(sig.size(), 7u);
    EXPECT_EQ(text.find(sig.substr(7)), std::string::npos) << text;
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, WebhookSenderTest, ::testing::Values("memory:", "sqlite:"),
                         [](const auto& p) { return p.param == "memory:" ? "Memory" : "Sqlite"; });

}  // namespace
}  // namespace hearth::incidents
