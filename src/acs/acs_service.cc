#include "acs/acs_service.h"

#include <spdlog/spdlog.h>

#include "acs/acs_service_internal.h"
#include "acs/cpe_auth.h"
#include "core/crypto.h"
#include "core/ids.h"
#include "core/strings.h"
#include "cwmp/charset.h"
#include "cwmp/codec.h"

namespace hearth::acs {

class AcsService::StoreTreeReader final : public TreeReader {
 public:
  explicit StoreTreeReader(store::Store& s) : store_(s) {}
  std::optional<store::StoredParameter> get(const std::string& device_id, const std::string& name) override {
    auto list = store_.get_parameters(device_id, name);
    if (!list) return std::nullopt;
    for (auto& p : *list) {
      if (p.name == name) return std::move(p);
    }
    return std::nullopt;
  }
  std::vector<store::StoredParameter> list(const std::string& device_id, const std::string& prefix) override {
    auto list = store_.get_parameters(device_id, prefix);
    return list ? std::move(*list) : std::vector<store::StoredParameter>{};
  }

 private:
  store::Store& store_;
};

namespace {

net::HttpResponse text_response(int status, const std::string& text, bool close = false) {
  net::HttpResponse r = net::make_response(status, text + "\n", "text/plain; charset=utf-8");
  r.close = close;
  return r;
}

}  // namespace

AcsService::AcsService(AcsServiceOptions options, store::Store& store, const Clock& clock,
                       ConnectionRequester& requester, metrics::Registry& registry)
    : options_(std::move(options)),
      store_(store),
      clock_(clock),
      requester_(requester),
      metrics_(std::make_unique<Metrics>(registry)),
      tree_(std::make_unique<StoreTreeReader>(store)) {
  if (options_.digest_secret.empty()) options_.digest_secret = crypto::random_hex(32);
  digest_ = std::make_unique<net::DigestAuthenticator>(options_.digest_secret, options_.config.realm, clock_);
  registry.gauge_callback("hearth_store_write_queue_depth", "Write batches waiting for the store's writer",
                          [this] {
                            auto s = store_.stats();
                            return s ? static_cast<double>(s->write_queue_depth) : 0.0;
                          });
}

AcsService::~AcsService() { stop(); }

void AcsService::start() {
  std::lock_guard<std::mutex> lock(sweeper_mutex_);
  if (sweeper_.joinable()) return;
  stopping_ = false;
  sweeper_ = std::thread([this] {
    std::unique_lock<std::mutex> l(sweeper_mutex_);
    while (!stopping_) {
      sweeper_cv_.wait_for(l, std::chrono::milliseconds(options_.sweep_interval_ms));
      if (stopping_) break;
      l.unlock();
      sweep();
      l.lock();
    }
  });
}

void AcsService::stop() {
  {
    std::lock_guard<std::mutex> lock(sweeper_mutex_);
    stopping_ = true;
  }
  sweeper_cv_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
  std::vector<std::shared_ptr<Entry>> entries;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [cookie, e] : by_cookie_) entries.push_back(e);
    by_cookie_.clear();
    by_device_.clear();
    by_connection_.clear();
  }
  for (auto& e : entries) {
    std::lock_guard<std::mutex> l(e->mutex);
    Step step = e->session->abandon("server stopping");
    if (!step.batch.empty()) (void)store_.write_sync(std::move(step.batch));
  }
  store_.flush();
}

void AcsService::set_files_base_url(const std::string& url) {
  std::lock_guard<std::mutex> lock(mutex_);
  options_.config.files_base_url = url;
}

size_t AcsService::open_sessions() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return by_cookie_.size();
}

void AcsService::handle_http(net::HttpRequest&& request, const net::ConnectionInfo& conn,
                             std::function<void(net::HttpResponse)> respond) {
  const std::string path(request.path());
  if ((request.method == "GET" || request.method == "HEAD") && starts_with(path, "/files/")) {
    const std::string name = percent_decode(path.substr(7)).value_or("");
    std::optional<std::string> file = options_.file_path && !name.empty() ? options_.file_path(name) : std::nullopt;
    if (!file) {
      respond(text_response(404, "no such file"));
      return;
    }
    net::HttpResponse r;
    r.status = 200;
    r.headers.set("Content-Type", "application/octet-stream");
    r.file_path = *file;
    respond(std::move(r));
    return;
  }
  if (request.method != "POST") {
    metrics_->errors.with({"method"}).inc();
    net::HttpResponse r = text_response(405, "CWMP requests are POSTs");
    r.headers.set("Allow", "POST");
    respond(std::move(r));
    return;
  }
  handle_cwmp_post(std::move(request), conn, std::move(respond));
}

void AcsService::handle_cwmp_post(net::HttpRequest&& request, const net::ConnectionInfo& conn,
                                  std::function<void(net::HttpResponse)> respond) {
  auto text = cwmp::to_utf8(request.body, request.headers.get_or("Content-Type"));
  if (!text) {
    metrics_->errors.with({"charset"}).inc();
    respond(text_response(415, text.error().message));
    return;
  }
  if (cwmp::is_empty_body(*text)) {
    metrics_->empty_messages.inc();
    auto entry = find_entry(request, conn);
    if (!entry) {
      metrics_->errors.with({"no_session"}).inc();
      // tr069.md quirk 9: answer an empty POST with 204 even when there is nothing to talk about.
      net::HttpResponse r;
      r.status = 204;
      r.close = true;
      respond(std::move(r));
      return;
    }
    continue_session(std::move(entry), nullptr, std::move(request), conn, std::move(respond));
    return;
  }
  auto env = cwmp::parse_envelope(*text);
  if (!env) {
    metrics_->errors.with({"malformed"}).inc();
    spdlog::info("CWMP from {}: malformed message: {}", conn.remote_ip, env.error().message);
    respond(text_response(400, "malformed CWMP message: " + env.error().message));
    return;
  }
  if (std::holds_alternative<cwmp::Inform>(env->body)) {
    metrics_->inform_messages.inc();
    start_session(*env, std::move(request), conn, std::move(respond));
    return;
  }
  metrics_->messages.with({cwmp::body_method_name(env->body)}).inc();
  auto entry = find_entry(request, conn);
  if (!entry) {
    metrics_->errors.with({"no_session"}).inc();
    respond(text_response(400, "no CWMP session: start with an Inform"));
    return;
  }
  continue_session(std::move(entry), &*env, std::move(request), conn, std::move(respond));
}

void AcsService::start_session(const cwmp::Envelope& env, net::HttpRequest&& request,
                               const net::ConnectionInfo& conn, std::function<void(net::HttpResponse)> respond) {
  const auto& inform = std::get<cwmp::Inform>(env.body);
  const std::string device_id =
      make_device_id(inform.device_id.oui, inform.device_id.product_class, inform.device_id.serial_number);
  auto device = store_.get_device(device_id);
  if (!device) {
    spdlog::error("store read failed: {}", device.error().message);
    respond(text_response(503, "temporarily unavailable"));
    return;
  }
  bool bootstrap = false;
  for (const auto& e : inform.events) bootstrap = bootstrap || e.code == "0 BOOTSTRAP";
  CpeAuthRequest areq;
  areq.device = device->has_value() ? &**device : nullptr;
  areq.bootstrap = bootstrap;
  areq.authorization = request.headers.get("Authorization");
  areq.method = request.method;
  areq.target = request.target;
  areq.body = request.body;
  areq.tls = conn.tls;
  const CpeAuthVerdict verdict = authenticate_cpe(options_.config, *digest_, areq, options_.allow_basic_over_http);
  if (verdict.kind == CpeAuthVerdict::Kind::kChallenge) {
    metrics_->auth.with({verdict.close ? "wrong" : "challenge"}).inc();
    if (verdict.close) spdlog::info("device {} from {}: {}", device_id, conn.remote_ip, verdict.reason);
    net::HttpResponse r = text_response(401, "authentication required", verdict.close);
    r.headers.set("WWW-Authenticate", verdict.www_authenticate);
    respond(std::move(r));
    return;
  }
  if (verdict.kind == CpeAuthVerdict::Kind::kReject) {
    metrics_->auth.with({"rejected"}).inc();
    spdlog::info("device {} from {} rejected: {}", device_id, conn.remote_ip, verdict.reason);
    respond(text_response(403, "device not allowed", true));
    return;
  }
  metrics_->auth_accepted.inc();

  // One session per device: a new Inform means the device gave up its previous session.
  std::shared_ptr<Entry> old;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = by_device_.find(device_id);
    if (it != by_device_.end()) old = it->second;
  }
  if (old) {
    remove_entry(old);
    std::lock_guard<std::mutex> l(old->mutex);
    Step step = old->session->abandon("the device started a new session");
    metrics_->sessions.with({"replaced"}).inc();
    metrics_->active.dec();
    auto finished = step.finished_tasks;
    if (!step.batch.empty()) store_.write(std::move(step.batch), [](Status) {});
    tasks_finished(finished);
  }

  // The record moves into the session; the entry keeps a copy for re-authenticating the session
  // on another connection.
  store::DeviceRecord auth_snapshot;
  SessionStart start;
  if (device->has_value()) {
    auth_snapshot = **device;
    start.device = std::move(**device);
  }
  start.remote_ip = conn.remote_ip;
  start.issue_credentials = verdict.issue_credentials;
  start.profiles = profiles();
  for (auto state : {store::TaskState::kPending, store::TaskState::kRunning}) {
    store::TaskQuery q;
    q.device_id = device_id;
    q.state = state;
    q.limit = 1000;
    auto tasks = store_.find_tasks(q);
    if (tasks) {
      for (auto& t : *tasks) start.tasks.push_back(std::move(t));
    }
  }

  auto entry = std::make_shared<Entry>();
  entry->cookie = crypto::random_hex(16);
  entry->device_id = device_id;
  entry->connection_id = conn.id;
  entry->started = clock_.now();
  entry->auth_snapshot = std::move(auth_snapshot);
  entry->session = std::make_unique<Session>(options_.config, clock_, *tree_);
  Step step;
  {
    std::lock_guard<std::mutex> l(entry->mutex);
    step = entry->session->start(env, std::move(start));
    if (options_.telemetry != nullptr && !step.ended) {
      entry->session->set_telemetry_sink(options_.telemetry);
      if (const auto* msg = std::get_if<cwmp::Inform>(&env.body)) {
        TelemetryRead read = options_.telemetry->on_inform(entry->session->device(), msg->events, msg->parameters,
                                                           to_unix_ms(clock_.now()));
        entry->session->set_telemetry_paths(std::move(read.paths), std::move(read.fallback));
      }
    }
  }
  if (!step.ended) {
    std::lock_guard<std::mutex> lock(mutex_);
    by_cookie_[entry->cookie] = entry;
    by_device_[device_id] = entry;
    by_connection_[conn.id] = entry;
  }
  metrics_->active.inc();
  deliver(entry, std::move(step), request, std::move(respond));
}

void AcsService::continue_session(std::shared_ptr<Entry> entry, cwmp::Envelope* message,
                                  net::HttpRequest&& request, const net::ConnectionInfo& conn,
                                  std::function<void(net::HttpResponse)> respond) {
  if (entry->connection_id != conn.id) {
    // tr069.md quirk 4: the session goes on over a new connection; authenticate that one too.
    CpeAuthRequest areq;
    areq.device = &entry->auth_snapshot;
    areq.authorization = request.headers.get("Authorization");
    areq.method = request.method;
    areq.target = request.target;
    areq.body = request.body;
    areq.tls = conn.tls;
    const CpeAuthVerdict verdict =
        reauthenticate_cpe(options_.config, *digest_, areq, options_.allow_basic_over_http);
    if (verdict.kind != CpeAuthVerdict::Kind::kAccept) {
      metrics_->auth.with({"challenge"}).inc();
      net::HttpResponse r = text_response(401, "authentication required", verdict.close);
      r.headers.set("WWW-Authenticate", verdict.www_authenticate);
      respond(std::move(r));
      return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    entry->connection_id = conn.id;
    entry->moved = true;
    by_connection_[conn.id] = entry;
  }
  if (message != nullptr) {
    if (const auto* f = std::get_if<cwmp::Fault>(&message->body)) {
      metrics_->faults.with({std::to_string(f->code)}).inc();
    }
  }
  Step step;
  {
    std::lock_guard<std::mutex> l(entry->mutex);
    step = entry->session->handle_movable(message);
  }
  deliver(std::move(entry), std::move(step), request, std::move(respond));
}

void AcsService::deliver(std::shared_ptr<Entry> entry, Step step, const net::HttpRequest& request,
                         std::function<void(net::HttpResponse)> respond) {
  const auto begin = std::chrono::steady_clock::now();
  net::HttpResponse response;
  response.status = step.http_status;
  if (step.reply) {
    cwmp::WriteOptions wo;
    {
      std::lock_guard<std::mutex> l(entry->mutex);
      wo.boolean_literal = entry->session->quirks().boolean_literal;
      wo.datetime_milliseconds = entry->session->quirks().datetime_milliseconds;
    }
    if (!std::holds_alternative<cwmp::InformResponse>(step.reply->body) &&
        !std::holds_alternative<cwmp::Fault>(step.reply->body)) {
      metrics_->requests.with({cwmp::body_method_name(step.reply->body)}).inc();
    }
    response.body = cwmp::write_envelope(*step.reply, wo);
    response.headers.set("Content-Type", "text/xml; charset=\"utf-8\"");
    response.status = 200;
    if (std::holds_alternative<cwmp::InformResponse>(step.reply->body)) {
      // tr069.md quirk 1: some CPEs return the cookie only when it carries Path=/.
      response.headers.set("Set-Cookie", "session=" + entry->cookie + "; Path=/; HttpOnly");
    }
    if (request.was_compressed) response.content_encoding = request.content_encoding;
  } else if (step.http_status == 400) {
    response = text_response(400, step.error);
  } else {
    response.status = 204;
  }
  if (step.ended) {
    response.close = true;
    remove_entry(entry);
    metrics_->active.dec();
    (step.http_status == 204 ? metrics_->sessions_completed : metrics_->sessions.with({"failed"})).inc();
    metrics_->duration.observe(std::chrono::duration<double>(clock_.now() - entry->started).count());
  }
  auto finished = std::move(step.finished_tasks);
  std::function<void()> hand_on;  // the telemetry, once committed and answered
  if (step.telemetry && options_.telemetry != nullptr) {
    store::DeviceRecord device;
    {
      std::lock_guard<std::mutex> l(entry->mutex);
      device = entry->session->device();
    }
    hand_on = [this, device = std::move(device), values = std::move(*step.telemetry)]() mutable {
      options_.telemetry->on_telemetry(device, std::move(values), to_unix_ms(clock_.now()));
    };
  }
  if (step.batch.empty()) {
    respond(std::move(response));
    tasks_finished(finished);
    if (hand_on) hand_on();
    return;
  }
  store_.write(std::move(step.batch),
               [this, entry, response = std::move(response), respond = std::move(respond),
                finished = std::move(finished), begin, hand_on = std::move(hand_on)](Status st) mutable {
                 if (!st) {
                   // Not durable, so not acknowledged: the CPE retries the session later.
                   spdlog::error("device {}: commit failed: {}", entry->device_id, st.error().message);
                   remove_entry(entry);
                   respond(text_response(503, "temporarily unavailable", true));
                   return;
                 }
                 metrics_->latency.observe(
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count());
                 respond(std::move(response));
                 tasks_finished(finished);
                 if (hand_on) hand_on();
               });
}

std::shared_ptr<AcsService::Entry> AcsService::find_entry(const net::HttpRequest& request,
                                                          const net::ConnectionInfo& conn) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto cookie = net::find_cookie(request.headers, "session")) {
    auto it = by_cookie_.find(*cookie);
    if (it != by_cookie_.end()) return it->second;
  }
  // CPEs that do not return cookies stay on one connection.
  auto it = by_connection_.find(conn.id);
  if (it != by_connection_.end()) return it->second;
  return nullptr;
}

void AcsService::remove_entry(const std::shared_ptr<Entry>& entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto c = by_cookie_.find(entry->cookie);
  if (c != by_cookie_.end() && c->second == entry) by_cookie_.erase(c);
  auto d = by_device_.find(entry->device_id);
  if (d != by_device_.end() && d->second == entry) by_device_.erase(d);
  if (!entry->moved) {
    // One connection only: no need to look at every open session's.
    auto k = by_connection_.find(entry->connection_id);
    if (k != by_connection_.end() && k->second == entry) by_connection_.erase(k);
    return;
  }
  for (auto it = by_connection_.begin(); it != by_connection_.end();) {
    if (it->second == entry) {
      it = by_connection_.erase(it);
    } else {
      ++it;
    }
  }
}

void AcsService::connection_closed(const net::ConnectionInfo& conn) {
  // The session may continue on a new connection (quirk 4); its time-out ends it otherwise.
  std::lock_guard<std::mutex> lock(mutex_);
  by_connection_.erase(conn.id);
}

std::vector<store::ProfileRecord> AcsService::profiles() {
  std::lock_guard<std::mutex> lock(profiles_mutex_);
  if (!profiles_loaded_) {
    auto list = store_.list_profiles();
    if (list) {
      profiles_ = std::move(*list);
      profiles_loaded_ = true;
    }
  }
  return profiles_;
}

void AcsService::profiles_changed() {
  std::lock_guard<std::mutex> lock(profiles_mutex_);
  profiles_loaded_ = false;
}

void AcsService::tasks_finished(const std::vector<store::TaskRecord>& tasks) {
  for (const auto& task : tasks) {
    metrics_->tasks.with({store::task_state_name(task.state)}).inc();
    std::vector<std::shared_ptr<Waiter>> fire;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto range = waiters_.equal_range(task.id);
      for (auto it = range.first; it != range.second; ++it) fire.push_back(it->second);
      waiters_.erase(range.first, range.second);
    }
    for (auto& w : fire) {
      if (!w->fired.exchange(true)) w->done(task);
    }
  }
}

}  // namespace hearth::acs
