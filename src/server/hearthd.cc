#include "server/hearthd.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>

#include "acs/acs_service.h"
#include "api/api.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "core/strings.h"
#include "device/file_repository.h"
#include "campaigns/runner.h"
#include "incidents/service.h"
#include "insight/insight.h"
#include "net/connreq.h"
#include "net/http_server.h"
#include "selfservice/troubleshooter.h"
#include "selfservice/kb_seed.h"
#include "server/api_bridge.h"
#include "server/log_notifier.h"
#include "server/settings_service.h"
#include "server/static_files.h"
#include "store/store.h"

namespace hearth::server {

namespace {

// Connection requests through net's client (tr069.md 6.1).
class NetConnectionRequester final : public acs::ConnectionRequester {
 public:
  void send(const std::string& url, const std::string& username, const std::string& password,
            std::function<void(acs::ConnectionRequestOutcome)> done) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!client_) return done(acs::ConnectionRequestOutcome::kUnreachable);
    client_->send(url, username, password, [done = std::move(done)](net::ConnReqOutcome outcome) {
      using O = net::ConnReqOutcome;
      using A = acs::ConnectionRequestOutcome;
      switch (outcome) {
        case O::kOk: done(A::kOk); return;
        case O::kUnreachable: done(A::kUnreachable); return;
        case O::kAuthFailed: done(A::kAuthFailed); return;
        case O::kBusy: done(A::kBusy); return;
        case O::kInvalidUrl: done(A::kNoUrl); return;
        case O::kError: done(A::kError); return;
      }
      done(A::kError);
    });
  }
  void probe(const std::string& url, std::function<void(bool)> done) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!client_) return done(false);
    client_->probe(url, std::move(done));
  }
  // Ends the requests in flight (their callbacks run now, with an error) while the services
  // they call back into still exist; later requests fail at once.
  void shutdown() {
    std::unique_ptr<net::ConnectionRequestClient> client;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      client = std::move(client_);
    }
    client.reset();
  }

 private:
  std::mutex mutex_;
  std::unique_ptr<net::ConnectionRequestClient> client_ = std::make_unique<net::ConnectionRequestClient>();
};

std::string default_files_dir(const std::string& store_url) {
  if (starts_with(store_url, "sqlite:")) {
    std::string path = store_url.substr(7);
    const auto q = path.find('?');
    if (q != std::string::npos) path.resize(q);
    return path + ".files";
  }
  return "hearth-files";
}

// "0.0.0.0:7547" is where we listen, not where CPEs can reach us; use loopback for the default.
std::string public_url_from(const std::string& bound, bool tls) {
  std::string host_port = bound;
  if (starts_with(host_port, "0.0.0.0:")) host_port = "127.0.0.1:" + host_port.substr(8);
  if (starts_with(host_port, "[::]:")) host_port = "[::1]:" + host_port.substr(5);
  return std::string(tls ? "https://" : "http://") + host_port;
}

}  // namespace

static std::string http_metrics(const Hearthd::Parts& p);

struct Hearthd::Parts {
  metrics::Registry metrics;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<device::FileRepository> files;
  NetConnectionRequester requester;
  std::unique_ptr<insight::Insight> insight;  // before acs: the ACS calls it until it stops
  std::unique_ptr<incidents::IncidentService> incidents;  // likewise
  std::unique_ptr<SettingsService> settings;  // live thresholds: over the two above
  std::unique_ptr<acs::SinkTee> sinks;        // the ACS's one sink: the diagnosis, then incidents
  std::unique_ptr<acs::AcsService> acs;
  std::unique_ptr<selfservice::Troubleshooter> troubleshooter;  // guided troubleshooting (portal)
  std::unique_ptr<campaigns::CampaignService> campaigns;  // staged roll-outs, ticked every 5 s
  std::unique_ptr<api::Api> api;
  std::unique_ptr<StaticFiles> web;  // the front-end: every GET/HEAD outside the API
  std::unique_ptr<net::HttpServer> cwmp_server;
  std::unique_ptr<net::HttpServer> http_server;
  bool started = false;
  std::atomic<bool> ready{false};  // CWMP is answered only once everything is wired
};

// The listeners' own counters, in the exposition format, appended to /metrics.
static std::string http_metrics(const Hearthd::Parts& p) {
  std::string out;
  auto family = [&out](const char* name, const char* type, const char* help) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  };
  auto sample = [&out](const char* name, const char* listener, uint64_t v) {
    out += std::string(name) + "{listener=\"" + listener + "\"} " + std::to_string(v) + "\n";
  };
  const std::pair<const char*, const net::HttpServer*> servers[] = {{"cwmp", p.cwmp_server.get()},
                                                                    {"http", p.http_server.get()}};
  family("hearth_http_connections_open", "gauge", "Open TCP connections per listener");
  for (const auto& [name, s] : servers) {
    if (s) sample("hearth_http_connections_open", name, s->stats().connections_open.load());
  }
  family("hearth_http_connections_rejected_total", "counter", "Connections refused past the connection cap");
  for (const auto& [name, s] : servers) {
    if (s) sample("hearth_http_connections_rejected_total", name, s->stats().connections_rejected.load());
  }
  family("hearth_http_responses_total", "counter", "HTTP responses sent per listener");
  for (const auto& [name, s] : servers) {
    if (s) sample("hearth_http_responses_total", name, s->stats().requests.load());
  }
  family("hearth_http_responses_5xx_total", "counter", "HTTP 5xx responses per listener");
  for (const auto& [name, s] : servers) {
    if (s) sample("hearth_http_responses_5xx_total", name, s->stats().responses_5xx.load());
  }
  family("hearth_cwmp_sessions_open", "gauge", "CWMP sessions held in memory");
  out += "hearth_cwmp_sessions_open " + std::to_string(p.acs ? p.acs->open_sessions() : 0) + "\n";
  if (p.incidents && p.incidents->options().enabled) {
    const auto st = p.incidents->stats();
    const auto wh = p.incidents->webhook_stats();
    auto plain = [&](const char* name, const char* type, const char* help, const std::string& v) {
      family(name, type, help);
      out += std::string(name) + " " + v + "\n";
    };
    plain("hearth_incidents_open", "gauge", "Open (suspected or confirmed) incidents", std::to_string(st.open_incidents));
    plain("hearth_incidents_opened_total", "counter", "Incidents opened since start", std::to_string(st.incidents_opened));
    plain("hearth_outage_probes_total", "counter", "Reachability probes sent", std::to_string(st.probes_sent));
    plain("hearth_outage_probes_unanswered_total", "counter", "Reachability probes without an answer",
          std::to_string(st.probes_unanswered));
    plain("hearth_outage_pass_milliseconds", "gauge", "Duration of the last detection pass",
          std::to_string(st.last_pass_ms));
    plain("hearth_webhook_deliveries_total", "counter", "Webhook deliveries acknowledged", std::to_string(wh.delivered));
    plain("hearth_webhook_failed_attempts_total", "counter", "Webhook attempts that failed",
          std::to_string(wh.failed_attempts));
    plain("hearth_webhook_pending", "gauge", "Webhook deliveries waiting in the outbox", std::to_string(wh.pending));
  }
  return out;
}

Hearthd::Hearthd(ServerConfig config) : config_(std::move(config)), parts_(std::make_unique<Parts>()) {}

Hearthd::~Hearthd() { stop(); }

Status Hearthd::start() {
  Parts& p = *parts_;
  auto opened = store::open_store(config_.store);
  if (!opened) return opened.error();
  p.store = std::move(*opened);

  // Tasks that were running in a session when the process stopped go back to the queue.
  {
    store::TaskQuery q;
    q.state = store::TaskState::kRunning;
    q.limit = 100000;
    auto running = p.store->find_tasks(q);
    if (running) {
      store::WriteBatch batch;
      for (auto& t : *running) {
        if (t.expires_ms != 0) continue;  // waiting for an event: still valid
        t.state = store::TaskState::kPending;
        batch.add(store::PutTask{t});
      }
      if (!batch.empty()) (void)p.store->write_sync(std::move(batch));
    }
  }

  // A new installation starts with the knowledge base the portal's help links to.
  if (auto seeded = selfservice::seed_knowledge_base(*p.store, to_unix_ms(SystemClock::instance().now())); !seeded) {
    spdlog::warn("hearthd: seeding the knowledge base failed: {}", seeded.error().message);
  }

  p.files = std::make_unique<device::FileRepository>(config_.files_dir.empty() ? default_files_dir(config_.store)
                                                                               : config_.files_dir);

  // The CWMP listener first: its bound address gives the default public URL for downloads.
  net::HttpServerOptions cwmp_opts;
  cwmp_opts.listen = config_.cwmp_listen;
  cwmp_opts.threads = config_.cwmp_threads;
  if (!config_.tls_certificate.empty()) {
    cwmp_opts.tls = net::TlsFiles{config_.tls_certificate, config_.tls_private_key};
  }
  const uint64_t cwmp_limit = config_.cwmp_max_body_bytes;
  cwmp_opts.body_limit = [cwmp_limit](const net::HttpRequest&) { return cwmp_limit; };
  cwmp_opts.on_connection_closed = [&p](const net::ConnectionInfo& c) {
    if (p.acs) p.acs->connection_closed(c);
  };
  p.cwmp_server = std::make_unique<net::HttpServer>(
      std::move(cwmp_opts), [&p](net::HttpRequest&& req, const net::ConnectionInfo& conn, net::Respond respond) {
        if (!p.ready.load()) {
          net::HttpResponse r = net::make_response(503, "starting\n");
          r.headers.set("Retry-After", "5");
          respond(std::move(r));
          return;
        }
        p.acs->handle_http(std::move(req), conn, std::move(respond));
      });
  acs::AcsServiceOptions acs_opts;
  acs_opts.config = config_.acs;
  acs_opts.digest_secret = config_.digest_secret;
  acs_opts.allow_basic_over_http = config_.allow_basic_over_http;
  device::FileRepository* files = p.files.get();
  acs_opts.file_path = [files](const std::string& id) -> std::optional<std::string> {
    if (!files->exists(id)) return std::nullopt;
    auto path = files->path_for(id);
    if (!path) return std::nullopt;
    return path->string();
  };
  p.insight = std::make_unique<insight::Insight>(config_.diagnosis, *p.store, SystemClock::instance());
  p.incidents = std::make_unique<incidents::IncidentService>(config_.incidents, *p.store, SystemClock::instance());
  if (config_.incidents.enabled) {
    if (Status st = p.incidents->load(); !st) return st;
  }
  // Stored settings override the file's, before the services start.
  {
    insight::Insight* in = p.insight.get();
    incidents::IncidentService* inc = p.incidents.get();
    p.settings = std::make_unique<SettingsService>(
        *p.store, config_.diagnosis.rules, config_.incidents.detection,
        SettingsService::Targets{[in](const diag::DiagConfig& c) { in->set_rules(c); },
                                 [inc](const outage::OutageOptions& o) { inc->set_detection(o); }});
    if (Status st = p.settings->load(); !st) return st;
  }
  p.sinks = std::make_unique<acs::SinkTee>(p.insight.get(),
                                           config_.incidents.enabled ? p.incidents.get() : nullptr);
  acs_opts.telemetry = p.sinks.get();
  p.acs = std::make_unique<acs::AcsService>(std::move(acs_opts), *p.store, SystemClock::instance(), p.requester,
                                            p.metrics);
  p.insight->set_control(p.acs.get());
  p.incidents->set_control(p.acs.get());
  if (config_.incidents.enabled) p.insight->set_outage_source(p.incidents.get());
  if (config_.incidents.enabled) p.insight->set_wan_quality_listener(p.incidents.get());
  p.insight->start();
  p.incidents->start();
  if (Status st = p.cwmp_server->start(); !st) return st;
  std::string public_url = config_.cwmp_public_url.empty()
                               ? public_url_from(p.cwmp_server->bound_address(), !config_.tls_certificate.empty())
                               : config_.cwmp_public_url;
  while (ends_with(public_url, "/")) public_url.pop_back();
  // AcsService copied its options; the files URL is known only now.
  p.acs->set_files_base_url(public_url + "/files/");
  p.acs->start();

  const char* token = std::getenv("HEARTH_BOOTSTRAP_TOKEN");
  api::ApiDeps deps{*p.store, *p.acs, *p.files, p.metrics, SystemClock::instance(),
                    token != nullptr && *token != '\0' ? std::optional<std::string>(token) : std::nullopt,
                    public_url, [&p] { return http_metrics(p); }, config_.metrics_public};
  deps.diagnosis = p.insight.get();
  p.troubleshooter = std::make_unique<selfservice::Troubleshooter>(
      *p.store, *p.acs, *p.insight, config_.incidents.enabled ? p.incidents.get() : nullptr,
      SystemClock::instance(),
      selfservice::TroubleshooterOptions{.speed_test_url = config_.diagnosis.speed_test_url});
  deps.troubleshooter = p.troubleshooter.get();
  deps.portal = config_.portal;
  deps.staff = config_.staff;
  deps.notifier = notifier_for(config_.notifier);
  if (config_.incidents.enabled) deps.incidents = p.incidents.get();
  deps.settings = p.settings.get();
  // Campaigns resume from the store where the last run stopped.
  p.campaigns = std::make_unique<campaigns::CampaignService>(*p.store, *p.acs, SystemClock::instance(),
                                                             p.insight.get());
  p.campaigns->start(std::chrono::seconds(5));
  deps.campaigns = p.campaigns.get();
  p.api = std::make_unique<api::Api>(std::move(deps));

  {
    std::error_code ec;
    const std::string cwd = std::filesystem::current_path(ec).string();
    p.web = std::make_unique<StaticFiles>(find_web_root(config_.web_root, current_executable(), cwd));
    if (!p.web->root().empty()) spdlog::info("hearthd: web front-end from {}", p.web->root());
  }

  net::HttpServerOptions http_opts;
  http_opts.listen = config_.http_listen;
  http_opts.threads = config_.http_threads;
  const uint64_t upload_limit = config_.upload_max_bytes;
  http_opts.body_limit = [upload_limit](const net::HttpRequest& head) -> uint64_t {
    if (head.method == "PUT" && starts_with(head.path(), "/api/v1/files/")) return upload_limit;
    if (head.method == "POST" && head.path() == "/api/v1/import") return api::kMaxImportBody;
    return net::kDefaultBodyLimit;
  };
  p.http_server = std::make_unique<net::HttpServer>(
      std::move(http_opts), [&p](net::HttpRequest&& req, const net::ConnectionInfo& conn, net::Respond respond) {
        if ((req.method == "GET" || req.method == "HEAD") && !is_api_path(req.path())) {
          respond(p.web->serve(req));
          return;
        }
        dispatch_api(*p.api, std::move(req), conn, std::move(respond));
      });
  if (Status st = p.http_server->start(); !st) return st;
  p.started = true;
  p.ready = true;
  spdlog::info("hearthd: CWMP on {}, HTTP on {}, store {}", p.cwmp_server->bound_address(),
               p.http_server->bound_address(), config_.store);
  return ok_status();
}

void Hearthd::stop() {
  Parts& p = *parts_;
  if (!p.started && !p.cwmp_server) return;
  p.started = false;
  if (p.cwmp_server) p.cwmp_server->stop();
  if (p.http_server) p.http_server->stop();
  if (p.campaigns) p.campaigns->stop();
  if (p.acs) p.acs->stop();
  if (p.insight) p.insight->stop();
  if (p.incidents) p.incidents->stop();
  p.requester.shutdown();
  if (p.store) p.store->flush();
  p.http_server.reset();
  p.cwmp_server.reset();
  p.api.reset();
  p.troubleshooter.reset();
  p.campaigns.reset();
  p.web.reset();
  p.acs.reset();
  p.settings.reset();
  p.insight.reset();
  p.incidents.reset();
  p.sinks.reset();
  p.store.reset();
}

std::string Hearthd::cwmp_address() const {
  return parts_->cwmp_server ? parts_->cwmp_server->bound_address() : std::string();
}
std::string Hearthd::http_address() const {
  return parts_->http_server ? parts_->http_server->bound_address() : std::string();
}

}  // namespace hearth::server
