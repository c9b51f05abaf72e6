// Simulator set-up and the outside view: building the fleet and every gateway, the
// connection-request server, start and stop, load mode's window, statistics.
#include <fmt/format.h>

#include <cmath>
#include <fstream>

#include "core/crypto.h"
#include "sim/data_model.h"
#include "sim/engine/simulator_impl.h"
#include "sim/fleet.h"
#include "sim/models.h"

namespace hearth::sim {

namespace {

constexpr uint64_t kCrTokenSalt = 0x63722d746f6b656eULL;  // "cr-token"
constexpr uint64_t kCpeSeedSalt = 0x6370652d73656564ULL;  // "cpe-seed"

FleetOptions fleet_options(const SimulatorOptions& o) {
  FleetOptions f;
  f.homes = o.homes;
  f.seed = o.seed;
  f.model_count = static_cast<uint32_t>(models().size());
  for (const ModelInfo& m : models()) f.model_ouis.push_back(m.oui);
  return f;
}

}  // namespace

Simulator::Impl::Impl(SimulatorOptions opts, const Clock& c)
    : options(std::move(opts)),
      clock(c),
      fleet(generate_fleet(fleet_options(options))),
      schedule(fleet, to_unix_ms(c.now())),
      wakes(static_cast<uint32_t>(fleet.homes.size())) {
  crypto::init();
  const size_t n = fleet.homes.size();
  cpes.reserve(n);
  slots.resize(n);
  Rng tokens(options.seed ^ kCrTokenSalt);
  DataModelOptions dm;
  dm.acs_url = options.acs_url;
  dm.periodic_inform_interval_s = options.inform_interval_s;
  dm.memory_leak_per_hour = options.memory_leak_per_hour;
  for (size_t i = 0; i < n; ++i) {
    Home& home = fleet.homes[i];
    const ModelInfo& model = model_of(home.nodes.empty() ? 0 : home.nodes[0].model);
    cpes.emplace_back(home, model, make_data_model(home, dm), options.cpe, home.seed ^ kCpeSeedSalt);
    slots[i].cr_token = tokens.next();
  }
}

bool Simulator::Impl::home_answers(uint32_t home, int64_t now) const {
  const Conditions& c = fleet.homes[home].cond;
  if (c.powered_off || c.unreachable || c.wan_down) return false;
  return cpes[home].online(now);
}

bool Simulator::Impl::accept_connection_request(uint32_t home) {
  const int64_t now = now_ms();
  if (!cpes[home].connection_request(now)) return false;
  // The session follows at once (tr069.md 6.1), or when the one in progress ends.
  if (running && !slots[home].in_session && !slots[home].queued) {
    wakes.schedule(home, now);
    pump_soon();
  }
  return true;
}

void Simulator::Impl::finish_load() {
  load_timer = 0;
  auto fn = std::move(finished_fn);
  finished_fn = nullptr;
  shutdown();
  if (fn) fn();
}

void Simulator::Impl::shutdown() {
  if (stopped) return;
  const bool was_started = loop != nullptr;
  running = false;
  stopped = true;
  if (!ended_at) ended_at = std::chrono::steady_clock::now();
  if (loop) {
    if (timer) loop->cancel(timer);
    if (load_timer) loop->cancel(load_timer);
  }
  timer = load_timer = 0;
  // Sessions in flight are dropped: their connections close, their callbacks never run.
  sessions.clear();
  fetchers.clear();
  fetch_waiting.clear();
  ready.clear();
  if (cr_server) cr_server->stop();
  if (line_events) line_events_stats = line_events->stats();
  line_events.reset();
  if (was_started && !options.truth_path.empty()) write_truth_if_changed();
}

Simulator::Simulator(SimulatorOptions options, const Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(options), clock)) {}

Simulator::~Simulator() { stop(); }

Status Simulator::add_scenario_file_text(const std::string& text) {
  auto s = impl_->schedule.add_file_text(text);
  if (s.ok() && impl_->running) impl_->pump_soon();
  return s;
}

Status Simulator::add_inject(const std::string& spec) {
  auto s = impl_->schedule.add_spec(spec);
  if (s.ok() && impl_->running) impl_->pump_soon();
  return s;
}

const Fleet& Simulator::fleet() const { return impl_->fleet; }
Cpe& Simulator::cpe(uint32_t home) { return impl_->cpes.at(home); }
std::string Simulator::export_json() const { return export_fleet_json(impl_->fleet, models()); }
std::string Simulator::truth_json() const { return truth_to_json(impl_->schedule.truth()); }

Status Simulator::start(net::EventLoop& loop) {
  Impl& s = *impl_;
  if (s.running || s.stopped) return make_error(ErrorCode::kConflict, "the simulator was already started");
  auto acs = parse_acs_endpoint(s.options.acs_url);
  if (!acs.ok()) return acs.error();
  s.acs = std::move(*acs);
  if (!s.options.line_events_url.empty()) {
    LineEventSenderOptions lo;
    lo.url = s.options.line_events_url;
    lo.token = s.options.line_events_token;
    lo.timeout = std::chrono::milliseconds(s.options.request_timeout_ms);
    lo.first_retry = std::chrono::milliseconds(std::max<int64_t>(1, s.options.line_events_retry_ms));
    auto sender = LineEventSender::create(loop, std::move(lo));
    if (!sender.ok()) return sender.error();
    s.line_events = std::move(*sender);
    s.line_watch.reset(s.fleet);  // lines down before the start are not news
  }
  s.loop = &loop;

  CrResponder::Homes homes;
  homes.token = [&s](uint32_t h) -> std::optional<uint64_t> {
    if (h >= s.slots.size()) return std::nullopt;
    return s.slots[h].cr_token;
  };
  homes.answers = [&s](uint32_t h) { return s.home_answers(h, s.now_ms()); };
  homes.credentials = [&s](uint32_t h) {
    return std::make_pair(s.cpes[h].connection_request_username(), s.cpes[h].connection_request_password());
  };
  homes.accept = [&s](uint32_t h) { return s.accept_connection_request(h); };
  s.cr = std::make_unique<CrResponder>(s.clock, crypto::random_hex(32), std::move(homes));

  net::LoopHttpServerOptions so;
  so.address = s.options.cr_listen;
  so.first_port = s.options.cr_first_port;
  so.last_port = s.options.cr_last_port;
  s.cr_server = std::make_unique<net::LoopHttpServer>(
      loop, so, [&s](const net::HttpRequest& req, const net::ConnectionInfo&) { return s.cr->handle(req); });
  if (auto st = s.cr_server->start(); !st.ok()) {
    s.cr_server.reset();
    return st;
  }
  const std::string host = s.options.cr_listen.find(':') != std::string::npos ? "[" + s.options.cr_listen + "]"
                                                                              : s.options.cr_listen;
  for (uint16_t port : s.cr_server->ports()) s.cr_urls_prefix.push_back(fmt::format("http://{}:{}", host, port));
  for (uint32_t h = 0; h < s.cpes.size(); ++h) s.cpes[h].set_connection_request_url(connection_request_url(h));

  s.running = true;
  s.started_at = std::chrono::steady_clock::now();
  s.next_start_ms = static_cast<double>(s.now_ms());
  const int64_t now = s.now_ms();
  for (uint32_t h = 0; h < s.cpes.size(); ++h) s.wakes.schedule(h, now);
  if (s.options.load) {
    const auto window = std::chrono::milliseconds(static_cast<int64_t>(std::llround(s.options.duration_s * 1000)));
    s.load_timer = loop.call_after(window, [&s] { s.finish_load(); });
  }
  s.pump_soon();
  return ok_status();
}

void Simulator::stop() { impl_->shutdown(); }

void Simulator::poke() {
  if (impl_->running) impl_->pump_soon();
}

void Simulator::on_finished(std::function<void()> fn) { impl_->finished_fn = std::move(fn); }

std::string Simulator::cr_range() const {
  const Impl& s = *impl_;
  if (!s.cr_server || s.cr_server->ports().empty()) return {};
  const auto& ports = s.cr_server->ports();
  return fmt::format("{}:{}-{}", s.options.cr_listen, ports.front(), ports.back());
}

std::string Simulator::connection_request_url(uint32_t home) const {
  const Impl& s = *impl_;
  if (s.cr_urls_prefix.empty() || home >= s.slots.size()) return {};
  return s.cr_urls_prefix[home % s.cr_urls_prefix.size()] + cr_path(home, s.slots[home].cr_token);
}

SimulatorStats Simulator::stats() const {
  const Impl& s = *impl_;
  SimulatorStats out = s.counters;
  out.in_flight = s.sessions.size();
  out.waiting = s.ready.size();
  if (s.cr) {
    const CrStats& cr = s.cr->stats();
    out.cr_received = cr.received;
    out.cr_accepted = cr.accepted;
    out.cr_refused = cr.refused;
    out.cr_unanswered = cr.unanswered;
  }
  out.p50_ms = s.latency.quantile_ms(0.50);
  out.p95_ms = s.latency.quantile_ms(0.95);
  out.p99_ms = s.latency.quantile_ms(0.99);
  out.max_ms = s.latency.max_ms();
  if (s.loop) {
    const auto end = s.ended_at.value_or(std::chrono::steady_clock::now());
    out.elapsed_s = std::chrono::duration<double>(end - s.started_at).count();
  }
  out.sessions_per_second = out.elapsed_s > 0 ? static_cast<double>(out.sessions_ok) / out.elapsed_s : 0;
  {
    const LineEventSenderStats le = s.line_events ? s.line_events->stats() : s.line_events_stats;
    out.line_events_sent = le.sent;
    out.line_events_pending = le.pending;
    out.line_event_posts_failed = le.failed_posts;
  }
  return out;
}

std::string Simulator::load_summary_json() const {
  const SimulatorStats st = stats();
  return fmt::format(
      "{{\"event\":\"load-summary\",\"sessions\":{},\"errors\":{},\"sessionsPerSecond\":{:.1f},\"p50Ms\":{:.1f},"
      "\"p95Ms\":{:.1f},\"p99Ms\":{:.1f},\"durationS\":{:.2f}}}",
      st.sessions_ok, st.sessions_failed, st.sessions_per_second, st.p50_ms, st.p95_ms, st.p99_ms, st.elapsed_s);
}

}  // namespace hearth::sim
