// The webhook sender (webhooks.h): an outbox in the store, HTTP POSTs through net::HttpClient,
// exponential back-off with jitter. A delivery is sent at most once at a time (the in-flight
// set) and its outcome is committed before it may be picked again, so a tick between the
// answer and the commit cannot send it twice. Secrets and signatures never reach a log.
#include "incidents/webhooks.h"

#include <arpa/inet.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "core/crypto.h"
#include "core/strings.h"
#include "net/url.h"

namespace hearth::incidents {

using nlohmann::json;

namespace {

constexpr const char* kPing = "ping";
// After a restart the whole outbox is read at once; a bound that no real outbox reaches.
constexpr size_t kCatchUpListLimit = 1'000'000;
constexpr uint64_t kMaxResponseBytes = 64 * 1024;  // receivers answer with little or nothing

bool subscribed(const store::WebhookRecord& w, const std::string& event) {
  return w.events.empty() || std::find(w.events.begin(), w.events.end(), event) != w.events.end();
}

bool private_ipv4(const std::array<uint8_t, 4>& a) {
  return a[0] == 0 || a[0] == 10 || a[0] == 127 || (a[0] == 169 && a[1] == 254) ||
         (a[0] == 172 && (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168) ||
         (a[0] == 100 && (a[1] & 0xc0) == 64);  // shared address space (carrier NAT)
}

// Loopback, private, link-local and unspecified address literals, and localhost names. Names
// are not resolved here: a public name that resolves to a private address is not caught.
bool private_target(const net::Url& url) {
  const std::string host = to_lower(url.host);
  if (host == "localhost" || ends_with(host, ".localhost")) return true;
  if (url.ipv6) {
    std::array<uint8_t, 16> a{};
    if (inet_pton(AF_INET6, host.c_str(), a.data()) != 1) return true;  // unparsable: refuse
    const bool v4_mapped = std::all_of(a.begin(), a.begin() + 10, [](uint8_t b) { return b == 0; }) &&
                           a[10] == 0xff && a[11] == 0xff;
    if (v4_mapped) return private_ipv4({a[12], a[13], a[14], a[15]});
    const bool zero_prefix = std::all_of(a.begin(), a.begin() + 15, [](uint8_t b) { return b == 0; });
    if (zero_prefix && (a[15] == 0 || a[15] == 1)) return true;  // :: and ::1
    return (a[0] & 0xfe) == 0xfc || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80);  // fc00::/7, fe80::/10
  }
  std::array<uint8_t, 4> a{};
  if (inet_pton(AF_INET, host.c_str(), a.data()) != 1) return false;  // a name
  return private_ipv4(a);
}

}  // namespace

std::string webhook_signature(const std::string& secret, int64_t timestamp_s, const std::string& body) {
  return "sha256=" + crypto::hmac_sha256_hex(secret, std::to_string(timestamp_s) + "." + body);
}

class WebhookSender::Impl {
 public:
  Impl(store::Store& store, net::HttpClient& client, const Clock& clock, WebhookOptions options)
      : store_(store), client_(client), clock_(clock), options_(options) {
    crypto::init();
    if (options_.max_in_flight == 0) options_.max_in_flight = 1;
  }

  ~Impl() {
    stop();
    std::unique_lock<std::mutex> lock(mu_);
    idle_.wait(lock, [this] { return outstanding_ == 0; });
  }

  void publish(const std::string& event, const json& data, int64_t time_ms) {
    auto webhooks = store_.list_webhooks();
    if (!webhooks) {
      spdlog::error("webhooks: cannot list webhooks for {}: {}", event, webhooks.error().message);
      return;
    }
    std::vector<std::pair<store::WebhookDeliveryRecord, store::WebhookRecord>> out;
    for (const auto& w : *webhooks) {
      if (!w.enabled || !subscribed(w, event)) continue;
      out.emplace_back(make_delivery(w.id, event, data, time_ms), w);
    }
    if (out.empty()) return;
    store::WriteBatch batch;
    for (const auto& [d, w] : out) batch.add(store::PutWebhookDelivery{d});
    begin_work();
    // Sent only once durable: a crash before the commit loses nothing that was acknowledged.
    store_.write(std::move(batch), [this, out = std::move(out)](Status st) {
      if (!st) {
        spdlog::error("webhooks: cannot store {} deliveries: {}", out.size(), st.error().message);
      } else {
        for (const auto& [d, w] : out) try_send(d, w);
      }
      end_work();
    });
  }

  Status test(const std::string& webhook_id) {
    auto webhooks = store_.list_webhooks();
    if (!webhooks) return webhooks.error();
    const auto it = std::find_if(webhooks->begin(), webhooks->end(),
                                 [&](const store::WebhookRecord& w) { return w.id == webhook_id; });
    if (it == webhooks->end()) return make_error(ErrorCode::kNotFound, "no webhook " + webhook_id);
    // A ping is an operator's explicit check: it goes to a disabled webhook too.
    const int64_t now = now_ms();
    store::WebhookDeliveryRecord d = make_delivery(it->id, kPing, json{{"webhook", it->id}}, now);
    if (Status st = store_.write_sync(store::WriteBatch().add(store::PutWebhookDelivery{d})); !st) {
      return st;
    }
    try_send(d, *it);
    return ok_status();
  }

  void tick() {
    bool catch_up;
    size_t busy;
    uint64_t listed_at;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopped_ || in_flight_.size() >= options_.max_in_flight) return;
      catch_up = catch_up_;
      busy = in_flight_.size();
      listed_at = completions_;
      ++active_ticks_;
    }
    pick_due(catch_up, busy, listed_at);
    std::lock_guard<std::mutex> lock(mu_);
    if (--active_ticks_ == 0) completed_at_.clear();
  }

  void stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
  }

  WebhookStats stats() const {
    WebhookStats s;
    {
      std::lock_guard<std::mutex> lock(mu_);
      s = stats_;
    }
    auto pending = store_.list_webhook_deliveries(kCatchUpListLimit);
    if (pending) s.pending = pending->size();
    return s;
  }

 private:
  // The body of tick(). `listed_at`: the completion count before the outbox is read; what
  // completed after it is listed as it was before its outcome and is left alone.
  void pick_due(bool catch_up, size_t busy, uint64_t listed_at) {
    // The in-flight ones are still listed (their record changes after their answer).
    const size_t limit = catch_up ? kCatchUpListLimit : busy + 2 * options_.max_in_flight + 16;
    auto deliveries = store_.list_webhook_deliveries(limit);
    auto webhooks = store_.list_webhooks();
    if (!deliveries || !webhooks) {
      spdlog::error("webhooks: cannot read the outbox: {}",
                    !deliveries ? deliveries.error().message : webhooks.error().message);
      return;
    }
    std::map<std::string, const store::WebhookRecord*> by_id;
    for (const auto& w : *webhooks) by_id[w.id] = &w;
    const int64_t now = now_ms();
    bool out_of_slots = false;
    store::WriteBatch orphans;
    for (const auto& d : *deliveries) {
      const bool due = d.next_attempt_ms <= now;
      if (!due && !catch_up) break;  // listed by next_attempt_ms
      if (busy_or_stale(d.id, listed_at)) continue;
      const auto w = by_id.find(d.webhook_id);
      if (w == by_id.end() || (!w->second->enabled && d.event != kPing)) {
        spdlog::warn("webhooks: delivery {} dropped: its webhook {} is {}", d.id, d.webhook_id,
                     w == by_id.end() ? "gone" : "disabled");
        orphans.add(store::DeleteWebhookDelivery{d.id});
        continue;
      }
      if (!due && tried_since_start(d.id)) continue;
      if (!try_send(d, *w->second, listed_at) && slots_full()) {
        out_of_slots = true;
        break;
      }
    }
    if (catch_up && !out_of_slots && deliveries->size() < limit) end_catch_up();
    if (!orphans.empty()) drop_orphans(std::move(orphans));
  }

  int64_t now_ms() const { return to_unix_ms(clock_.now()); }

  store::WebhookDeliveryRecord make_delivery(const std::string& webhook_id, const std::string& event,
                                             const json& data, int64_t time_ms) {
    store::WebhookDeliveryRecord d;
    d.id = "dl-" + crypto::random_hex(8);
    d.webhook_id = webhook_id;
    d.event = event;
    d.body = json{{"event", event},
                  {"delivery", d.id},
                  {"time", format_iso8601(from_unix_ms(time_ms), true)},
                  {"data", data}}
                 .dump();
    d.created_ms = now_ms();
    d.next_attempt_ms = d.created_ms;
    return d;
  }

  // first_retry_ms * 2^(attempts-1), at most max_retry_ms, then +-10% so that receivers that
  // come back are not hit by every sender at once.
  int64_t retry_delay_ms(uint32_t attempts) const {
    int64_t delay = std::max<int64_t>(1, options_.first_retry_ms);
    for (uint32_t i = 1; i < attempts && delay < options_.max_retry_ms; ++i) delay *= 2;
    delay = std::min(delay, std::max<int64_t>(1, options_.max_retry_ms));
    thread_local std::mt19937_64 rng{std::random_device{}()};
    std::uniform_int_distribution<int64_t> jitter(-delay / 10, delay / 10);
    return std::max<int64_t>(1, delay + jitter(rng));
  }

  void begin_work() {
    std::lock_guard<std::mutex> lock(mu_);
    ++outstanding_;
  }
  void end_work() {
    std::lock_guard<std::mutex> lock(mu_);
    --outstanding_;
    idle_.notify_all();
  }

  bool slots_full() const {
    std::lock_guard<std::mutex> lock(mu_);
    return in_flight_.size() >= options_.max_in_flight;
  }
  bool busy_or_stale(const std::string& id, uint64_t listed_at) const {
    std::lock_guard<std::mutex> lock(mu_);
    return in_flight_.count(id) != 0 || stale(id, listed_at);
  }
  // Under mu_: `id` completed after the outbox was read at `listed_at`.
  bool stale(const std::string& id, uint64_t listed_at) const {
    const auto it = completed_at_.find(id);
    return it != completed_at_.end() && it->second > listed_at;
  }
  bool tried_since_start(const std::string& id) const {
    std::lock_guard<std::mutex> lock(mu_);
    return tried_.count(id) != 0;
  }
  void end_catch_up() {
    std::lock_guard<std::mutex> lock(mu_);
    catch_up_ = false;
    tried_.clear();
  }

  void drop_orphans(store::WriteBatch batch) {
    const size_t n = batch.ops.size();
    begin_work();
    store_.write(std::move(batch), [this, n](Status st) {
      if (st) {
        std::lock_guard<std::mutex> lock(mu_);
        stats_.dropped += n;
      }
      end_work();
    });
  }

  // Sends `d` unless stopped, already in flight, out of slots (it stays in the outbox for a
  // later tick) or, when read from the outbox at `listed_at`, completed since. Returns whether
  // it was sent.
  bool try_send(const store::WebhookDeliveryRecord& d, const store::WebhookRecord& w,
                std::optional<uint64_t> listed_at = std::nullopt) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopped_ || in_flight_.size() >= options_.max_in_flight || in_flight_.count(d.id) != 0 ||
          (listed_at && stale(d.id, *listed_at))) {
        return false;
      }
      in_flight_.insert(d.id);
      if (catch_up_) tried_.insert(d.id);
      ++outstanding_;
    }
    auto url = net::parse_url(w.url);
    if (!url || (!options_.allow_private_targets && private_target(*url))) {
      Result<net::HttpResponse> refused = make_error(
          ErrorCode::kInvalidArgument, url ? "private target refused" : url.error().message);
      finish(d, refused, /*permanent=*/true);
      return true;
    }
    const int64_t timestamp_s = now_ms() / 1000;
    net::HttpHeaders headers;
    headers.set("Content-Type", "application/json");
    headers.set("X-Hearth-Event", d.event);
    headers.set("X-Hearth-Delivery", d.id);
    headers.set("X-Hearth-Timestamp", std::to_string(timestamp_s));
    headers.set("X-Hearth-Signature", webhook_signature(w.secret, timestamp_s, d.body));
    net::HttpClientOptions options;
    options.timeout = options_.timeout;
    options.max_response_bytes = kMaxResponseBytes;
    client_.request("POST", w.url, headers, d.body, options,
                    [this, d](Result<net::HttpResponse> r) { finish(d, r, /*permanent=*/false); });
    return true;
  }

  // Stores the outcome of one attempt, then lets the delivery be picked again. `permanent`: the
  // attempt can never succeed (a refused URL), so it is not retried.
  void finish(store::WebhookDeliveryRecord d, const Result<net::HttpResponse>& r, bool permanent) {
    enum class Outcome { kDelivered, kRetry, kDropped } outcome;
    bool failed = false;  // a failed attempt (counted), whether retried or dropped
    if (r.ok() && r->status >= 200 && r->status < 300) {
      outcome = Outcome::kDelivered;
      spdlog::debug("webhooks: delivery {} ({}) to {} acknowledged ({})", d.id, d.event,
                    d.webhook_id, r->status);
    } else if (r.ok() && r->status == 410) {
      outcome = Outcome::kDropped;
      spdlog::warn("webhooks: delivery {} ({}) dropped: webhook {} answered 410 Gone", d.id,
                   d.event, d.webhook_id);
    } else {
      failed = true;
      d.attempts += 1;
      d.last_error = r.ok() ? "HTTP " + std::to_string(r->status) : r.error().message;
      if (permanent || d.attempts >= options_.max_attempts) {
        outcome = Outcome::kDropped;
        spdlog::warn("webhooks: delivery {} ({}) to {} dropped after {} attempt(s): {}", d.id,
                     d.event, d.webhook_id, d.attempts, d.last_error);
      } else {
        outcome = Outcome::kRetry;
        d.next_attempt_ms = now_ms() + retry_delay_ms(d.attempts);
        spdlog::info("webhooks: delivery {} ({}) to {} failed (attempt {}): {}", d.id, d.event,
                     d.webhook_id, d.attempts, d.last_error);
      }
    }
    store::WriteBatch batch;
    if (outcome == Outcome::kRetry) {
      batch.add(store::PutWebhookDelivery{d});
    } else {
      batch.add(store::DeleteWebhookDelivery{d.id});
    }
    store_.write(std::move(batch), [this, id = d.id, outcome, failed](Status st) {
      if (!st) {
        spdlog::error("webhooks: cannot store the outcome of delivery {}: {}", id,
                      st.error().message);
      }
      std::lock_guard<std::mutex> lock(mu_);
      in_flight_.erase(id);
      ++completions_;
      if (active_ticks_ > 0) completed_at_[id] = completions_;
      if (failed) ++stats_.failed_attempts;
      if (st && outcome == Outcome::kDelivered) ++stats_.delivered;
      if (st && outcome == Outcome::kDropped) ++stats_.dropped;
      --outstanding_;
      idle_.notify_all();
    });
  }

  store::Store& store_;
  net::HttpClient& client_;
  const Clock& clock_;
  WebhookOptions options_;

  mutable std::mutex mu_;  // guards everything below
  std::condition_variable idle_;
  std::set<std::string> in_flight_;  // delivery ids sent and not yet stored back
  size_t outstanding_ = 0;           // requests and store writes whose callback has not run
  bool stopped_ = false;
  // Until the first tick that reaches the end of the outbox, every delivery is due once, even
  // if its back-off has not run out (the receiver may have been fixed while we were down).
  bool catch_up_ = true;
  std::set<std::string> tried_;  // sent since start, while catching up
  // A tick reads the outbox without the lock; an outcome stored meanwhile makes its copy stale.
  uint64_t completions_ = 0;                       // outcomes stored so far
  size_t active_ticks_ = 0;
  std::map<std::string, uint64_t> completed_at_;   // while a tick runs: id -> completion number
  WebhookStats stats_;
};

WebhookSender::WebhookSender(store::Store& store, net::HttpClient& client, const Clock& clock,
                             WebhookOptions options)
    : impl_(std::make_unique<Impl>(store, client, clock, options)) {}

WebhookSender::~WebhookSender() = default;

void WebhookSender::publish(const std::string& event, const nlohmann::json& data, int64_t time_ms) {
  impl_->publish(event, data, time_ms);
}

Status WebhookSender::test(const std::string& webhook_id) { return impl_->test(webhook_id); }

void WebhookSender::tick() { impl_->tick(); }

void WebhookSender::stop() { impl_->stop(); }

WebhookStats WebhookSender::stats() const { return impl_->stats(); }

}  // namespace hearth::incidents
