#include "server/config.h"

#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace hearth::server {

namespace {

Error bad(const std::string& what) { return make_error(ErrorCode::kInvalidArgument, "config: " + what); }

// Reads typed keys from one table and remembers which keys were used.
class Table {
 public:
  Table(const toml::table* t, std::string name) : t_(t), name_(std::move(name)) {}

  template <typename T>
  Status get(const char* key, T* out) {
    used_.insert(key);
    if (t_ == nullptr) return ok_status();
    const toml::node* n = t_->get(key);
    if (n == nullptr) return ok_status();
    if constexpr (std::is_same_v<T, bool>) {
      if (!n->is_boolean()) return bad(name_ + "." + key + " must be true or false");
      *out = n->as_boolean()->get();
    } else if constexpr (std::is_floating_point_v<T>) {
      if (!n->is_number()) return bad(name_ + "." + key + " must be a number");
      *out = n->is_integer() ? static_cast<T>(n->as_integer()->get()) : static_cast<T>(n->as_floating_point()->get());
    } else if constexpr (std::is_integral_v<T>) {
      if (!n->is_integer()) return bad(name_ + "." + key + " must be an integer");
      const int64_t v = n->as_integer()->get();
      if (v < 0) return bad(name_ + "." + key + " must not be negative");
      *out = static_cast<T>(v);
    } else {
      if (!n->is_string()) return bad(name_ + "." + key + " must be a string");
      *out = n->as_string()->get();
    }
    return ok_status();
  }

  Status seconds_ms(const char* key, int64_t* out_ms) {
    int64_t s = -1;
    auto st = get(key, &s);
    if (st && s >= 0) *out_ms = s * 1000;
    return st;
  }

  void use(const char* key) { used_.insert(key); }

  // An integer that may be negative.
  Status get_signed(const char* key, int* out) {
    used_.insert(key);
    if (t_ == nullptr) return ok_status();
    const toml::node* n = t_->get(key);
    if (n == nullptr) return ok_status();
    if (!n->is_integer()) return bad(name_ + "." + key + " must be an integer");
    *out = static_cast<int>(n->as_integer()->get());
    return ok_status();
  }

  Status check_unknown() const {
    if (t_ == nullptr) return ok_status();
    for (const auto& [k, v] : *t_) {
      if (used_.count(std::string(k.str())) == 0) return bad("unknown key " + name_ + "." + std::string(k.str()));
    }
    return ok_status();
  }

 private:
  const toml::table* t_;
  std::string name_;
  std::set<std::string> used_;
};

#define HEARTH_TRY(expr)             \
  do {                               \
    Status _s = (expr);              \
    if (!_s) return _s;              \
  } while (0)

Status load_quirks(const toml::array& list, acs::AcsConfig* acs) {
  for (const auto& node : list) {
    const toml::table* t = node.as_table();
    if (t == nullptr) return bad("each [[quirks]] entry must be a table");
    Table q(t, "quirks");
    device::QuirkRule rule;
    HEARTH_TRY(q.get("oui", &rule.oui));
    HEARTH_TRY(q.get("product_class", &rule.product_class));
    HEARTH_TRY(q.get("skip_root_gpn", &rule.quirks.skip_root_gpn));
    HEARTH_TRY(q.get("skip_writable_check", &rule.quirks.skip_writable_check));
    HEARTH_TRY(q.get("boolean_literal", &rule.quirks.boolean_literal));
    HEARTH_TRY(q.get("datetime_milliseconds", &rule.quirks.datetime_milliseconds));
    HEARTH_TRY(q.get("download_success_on_timeout", &rule.quirks.download_success_on_timeout));
    HEARTH_TRY(q.get("gpv_batch_size", &rule.quirks.gpv_batch_size));
    HEARTH_TRY(q.get("spv_batch_size", &rule.quirks.spv_batch_size));
    HEARTH_TRY(q.get("gpn_next_level_walk", &rule.quirks.gpn_next_level_walk));
    HEARTH_TRY(q.check_unknown());
    if (rule.quirks.gpv_batch_size == 0) return bad("quirks.gpv_batch_size must be at least 1");
    acs->quirks.push_back(std::move(rule));
  }
  return ok_status();
}

Status load_diagnosis(const toml::table& root, insight::InsightOptions* d) {
  const toml::table* diag = root["diagnosis"].as_table();
  Table t(diag, "diagnosis");
  HEARTH_TRY(t.get("enabled", &d->enabled));
  HEARTH_TRY(t.seconds_ms("telemetry_interval_seconds", &d->telemetry_interval_ms));
  HEARTH_TRY(t.get("telemetry_full_every", &d->telemetry_full_every));
  HEARTH_TRY(t.seconds_ms("telemetry_quiet_interval_seconds", &d->telemetry_quiet_interval_ms));
  if (d->telemetry_full_every == 0) return bad("diagnosis.telemetry_full_every must be at least 1");
  HEARTH_TRY(t.seconds_ms("ping_interval_seconds", &d->ping_interval_ms));
  HEARTH_TRY(t.seconds_ms("speed_test_interval_seconds", &d->speed_test_interval_ms));
  HEARTH_TRY(t.get("ping_host", &d->ping_host));
  HEARTH_TRY(t.get("speed_test_url", &d->speed_test_url));
  HEARTH_TRY(t.get("speed_test_max_active_mbps", &d->speed_test_max_active_mbps));
  HEARTH_TRY(t.seconds_ms("offline_grace_seconds", &d->offline_grace_ms));
  HEARTH_TRY(t.get("regional_min_homes", &d->regional_min_homes));
  HEARTH_TRY(t.get("regional_min_share", &d->regional_min_share));
  HEARTH_TRY(t.seconds_ms("raw_retention_seconds", &d->raw_retention_ms));
  HEARTH_TRY(t.seconds_ms("rollup_retention_seconds", &d->rollup_retention_ms));
  HEARTH_TRY(t.seconds_ms("findings_retention_seconds", &d->findings_retention_ms));
  HEARTH_TRY(t.seconds_ms("history_seconds", &d->history_ms));
  if (diag != nullptr) {
    if (const toml::node* rules = diag->get("rules")) {
      if (!rules->is_table()) return bad("diagnosis.rules must be a table");
      for (const auto& [k, v] : *rules->as_table()) {
        std::string text;
        if (v.is_string()) {
          text = v.as_string()->get();
        } else if (v.is_integer()) {
          text = std::to_string(v.as_integer()->get());
        } else if (v.is_floating_point()) {
          text = std::to_string(v.as_floating_point()->get());
        } else if (v.is_boolean()) {
          text = v.as_boolean()->get() ? "true" : "false";
        } else {
          return bad("diagnosis.rules." + std::string(k.str()) + " must be a number, string or boolean");
        }
        if (Status st = diag::set_diag_option(d->rules, std::string(k.str()), text); !st) {
          return bad("diagnosis.rules." + std::string(k.str()) + ": " + st.error().message);
        }
      }
    }
    t.use("rules");
  }
  HEARTH_TRY(t.check_unknown());

  Table o(root["optimiser"].as_table(), "optimiser");
  diag::OptimiserConfig& c = d->optimiser;
  HEARTH_TRY(o.get("enabled", &c.enabled));
  HEARTH_TRY(o.get("quiet_start_hour", &c.quiet_start_hour));
  HEARTH_TRY(o.get("quiet_end_hour", &c.quiet_end_hour));
  HEARTH_TRY(o.get_signed("utc_offset_minutes", &c.utc_offset_minutes));
  HEARTH_TRY(o.get("max_active_mbps", &c.max_active_mbps));
  HEARTH_TRY(o.seconds_ms("min_interval_seconds", &c.min_interval_ms));
  HEARTH_TRY(o.get("min_gain", &c.min_gain));
  HEARTH_TRY(o.seconds_ms("measure_after_seconds", &c.measure_after_ms));
  HEARTH_TRY(o.get("rollback_worse_pct", &c.rollback_worse_pct));
  HEARTH_TRY(o.get("band_steering", &c.band_steering));
  HEARTH_TRY(o.check_unknown());
  if (c.quiet_start_hour > 23 || c.quiet_end_hour > 24) return bad("optimiser quiet hours must be 0..24");
  return ok_status();
}

Status load_incidents(const toml::table& root, incidents::IncidentServiceOptions* o) {
  const toml::table* inc = root["incidents"].as_table();
  Table t(inc, "incidents");
  outage::OutageOptions& d = o->detection;
  HEARTH_TRY(t.get("enabled", &o->enabled));
  HEARTH_TRY(t.get("min_homes", &d.min_homes));
  HEARTH_TRY(t.get("min_share", &d.min_share));
  HEARTH_TRY(t.seconds_ms("window_seconds", &d.window_ms));
  HEARTH_TRY(t.seconds_ms("inform_grace_seconds", &d.inform_grace_ms));
  HEARTH_TRY(t.seconds_ms("unreachable_after_seconds", &d.unreachable_after_ms));
  HEARTH_TRY(t.seconds_ms("sentinel_interval_seconds", &d.sentinel_interval_ms));
  HEARTH_TRY(t.get("suspect_sample", &d.suspect_sample));
  HEARTH_TRY(t.get("probe_cap", &d.probe_cap));
  HEARTH_TRY(t.get("max_probes_per_pass", &d.max_probes_per_pass));
  HEARTH_TRY(t.seconds_ms("recovery_probe_interval_seconds", &d.recovery_probe_interval_ms));
  HEARTH_TRY(t.get("confirm_probe_share", &d.confirm_probe_share));
  HEARTH_TRY(t.seconds_ms("confirm_after_seconds", &d.confirm_after_ms));
  HEARTH_TRY(t.get("resolve_share", &d.resolve_share));
  HEARTH_TRY(t.seconds_ms("suspect_timeout_seconds", &d.suspect_timeout_ms));
  HEARTH_TRY(t.seconds_ms("baseline_tau_seconds", &d.baseline_tau_ms));
  HEARTH_TRY(t.get("baseline_factor", &d.baseline_factor));
  HEARTH_TRY(t.get("region_min_nodes", &d.region_min_nodes));
  HEARTH_TRY(t.seconds_ms("restart_grace_seconds", &d.restart_grace_ms));
  HEARTH_TRY(t.seconds_ms("degraded_window_seconds", &d.degraded_window_ms));
  HEARTH_TRY(t.seconds_ms("degraded_confirm_after_seconds", &d.degraded_confirm_after_ms));
  HEARTH_TRY(t.seconds_ms("tick_seconds", &o->tick_ms));
  HEARTH_TRY(t.seconds_ms("retention_seconds", &o->retention_ms));
  t.use("webhooks");
  HEARTH_TRY(t.check_unknown());
  if (d.min_homes == 0) return bad("incidents.min_homes must be at least 1");
  if (d.min_share < 0 || d.min_share > 1) return bad("incidents.min_share must be within 0..1");
  if (d.window_ms <= 0) return bad("incidents.window_seconds must be at least 1");
  if (d.degraded_window_ms <= 0) {
    return bad("incidents.degraded_window_seconds must be at least 1");
  }
  // A degraded suspicion not confirmed within the window is dropped, so a longer wait would
  // never confirm one.
  if (d.degraded_confirm_after_ms >= d.degraded_window_ms) {
    return bad(
        "incidents.degraded_confirm_after_seconds must be less than degraded_window_seconds");
  }
  if (o->tick_ms <= 0) return bad("incidents.tick_seconds must be at least 1");
  const toml::table* hooks = inc != nullptr ? (*inc)["webhooks"].as_table() : nullptr;
  if (inc != nullptr && inc->get("webhooks") != nullptr && hooks == nullptr) {
    return bad("incidents.webhooks must be a table");
  }
  Table w(hooks, "incidents.webhooks");
  HEARTH_TRY(w.seconds_ms("first_retry_seconds", &o->webhooks.first_retry_ms));
  HEARTH_TRY(w.seconds_ms("max_retry_seconds", &o->webhooks.max_retry_ms));
  HEARTH_TRY(w.get("max_attempts", &o->webhooks.max_attempts));
  int64_t timeout_ms = o->webhooks.timeout.count();
  HEARTH_TRY(w.seconds_ms("timeout_seconds", &timeout_ms));
  o->webhooks.timeout = std::chrono::milliseconds(timeout_ms);
  HEARTH_TRY(w.check_unknown());
  return ok_status();
}

Status load_selfservice(const toml::table& root, ServerConfig* c) {
  Table t(root["selfservice"].as_table(), "selfservice");
  api::PortalOptions& p = c->portal;
  // Lifetimes in minutes; each at least one.
  struct Minutes {
    const char* key;
    int64_t* ms;
  };
  for (const Minutes& m : {Minutes{"session_ttl_minutes", &p.session_ttl_ms}, Minutes{"idle_minutes", &p.idle_ttl_ms},
                           Minutes{"reset_ttl_minutes", &p.reset_ttl_ms}}) {
    int64_t minutes = -1;
    HEARTH_TRY(t.get(m.key, &minutes));
    if (minutes == 0) return bad(std::string("selfservice.") + m.key + " must be at least 1");
    if (minutes > 0) *m.ms = minutes * 60'000;
  }
  HEARTH_TRY(t.get("secure_cookies", &p.secure_cookies));
  HEARTH_TRY(t.get("public_url", &p.public_url));
  HEARTH_TRY(t.get("login_attempts_per_minute", &p.login_attempts_per_minute));
  HEARTH_TRY(t.get("notifier", &c->notifier));
  HEARTH_TRY(t.check_unknown());
  if (!p.public_url.empty() && p.public_url.rfind("http://", 0) != 0 && p.public_url.rfind("https://", 0) != 0) {
    return bad("selfservice.public_url must start with http:// or https://");
  }
  if (c->notifier != "log" && c->notifier != "none") return bad("selfservice.notifier must be log or none");
  return ok_status();
}

Status load_staff(const toml::table& root, ServerConfig* c) {
  Table t(root["staff"].as_table(), "staff");
  api::PortalOptions& p = c->staff;
  // Lifetimes in minutes; each at least one.
  for (const auto& [key, ms] :
       {std::pair{"session_ttl_minutes", &p.session_ttl_ms}, std::pair{"idle_minutes", &p.idle_ttl_ms}}) {
    int64_t minutes = -1;
    HEARTH_TRY(t.get(key, &minutes));
    if (minutes == 0) return bad(std::string("staff.") + key + " must be at least 1");
    if (minutes > 0) *ms = minutes * 60'000;
  }
  HEARTH_TRY(t.get("secure_cookies", &p.secure_cookies));
  HEARTH_TRY(t.get("login_attempts_per_minute", &p.login_attempts_per_minute));
  HEARTH_TRY(t.check_unknown());
  return ok_status();
}

Status load(const toml::table& root, ServerConfig* c) {
  static const std::set<std::string> kTables = {"cwmp", "http", "store",  "files",    "auth",
                                                "log",  "tasks", "quirks", "diagnosis", "optimiser",
                                                "incidents", "selfservice", "staff"};
  for (const auto& [k, v] : root) {
    if (kTables.count(std::string(k.str())) == 0) return bad("unknown table [" + std::string(k.str()) + "]");
  }
  Table cwmp(root["cwmp"].as_table(), "cwmp");
  HEARTH_TRY(cwmp.get("listen", &c->cwmp_listen));
  HEARTH_TRY(cwmp.get("public_url", &c->cwmp_public_url));
  HEARTH_TRY(cwmp.get("tls_certificate", &c->tls_certificate));
  HEARTH_TRY(cwmp.get("tls_private_key", &c->tls_private_key));
  HEARTH_TRY(cwmp.get("max_body_bytes", &c->cwmp_max_body_bytes));
  HEARTH_TRY(cwmp.get("threads", &c->cwmp_threads));
  HEARTH_TRY(cwmp.seconds_ms("session_timeout_seconds", &c->acs.session_timeout_ms));
  HEARTH_TRY(cwmp.get("set_connection_request_credentials", &c->acs.set_connection_request_credentials));
  HEARTH_TRY(cwmp.get("discover_trees", &c->acs.discover_trees));
  HEARTH_TRY(cwmp.check_unknown());

  Table http(root["http"].as_table(), "http");
  HEARTH_TRY(http.get("listen", &c->http_listen));
  HEARTH_TRY(http.get("threads", &c->http_threads));
  HEARTH_TRY(http.get("metrics_public", &c->metrics_public));
  HEARTH_TRY(http.get("upload_max_bytes", &c->upload_max_bytes));
  HEARTH_TRY(http.get("web_root", &c->web_root));
  HEARTH_TRY(http.check_unknown());

  Table store(root["store"].as_table(), "store");
  HEARTH_TRY(store.get("url", &c->store));
  HEARTH_TRY(store.check_unknown());

  Table files(root["files"].as_table(), "files");
  HEARTH_TRY(files.get("dir", &c->files_dir));
  HEARTH_TRY(files.check_unknown());

  Table auth(root["auth"].as_table(), "auth");
  std::string policy;
  HEARTH_TRY(auth.get("realm", &c->acs.realm));
  HEARTH_TRY(auth.get("unknown_devices", &policy));
  HEARTH_TRY(auth.get("bootstrap_username", &c->acs.bootstrap_username));
  HEARTH_TRY(auth.get("bootstrap_password", &c->acs.bootstrap_password));
  HEARTH_TRY(auth.get("require", &c->acs.require_auth));
  HEARTH_TRY(auth.get("issue_device_credentials", &c->acs.issue_device_credentials));
  HEARTH_TRY(auth.get("allow_basic_over_http", &c->allow_basic_over_http));
  HEARTH_TRY(auth.get("digest_secret", &c->digest_secret));
  HEARTH_TRY(auth.check_unknown());
  if (policy == "register") {
    c->acs.unknown_device_policy = acs::UnknownDevicePolicy::kRegister;
  } else if (policy == "bootstrap-secret") {
    c->acs.unknown_device_policy = acs::UnknownDevicePolicy::kBootstrapSecret;
    if (c->acs.bootstrap_username.empty()) return bad("auth.bootstrap_username is required with bootstrap-secret");
  } else if (policy == "reject") {
    c->acs.unknown_device_policy = acs::UnknownDevicePolicy::kReject;
  } else if (!policy.empty()) {
    return bad("auth.unknown_devices must be register, bootstrap-secret or reject");
  }

  Table log(root["log"].as_table(), "log");
  std::string format;
  HEARTH_TRY(log.get("format", &format));
  HEARTH_TRY(log.get("level", &c->log_level));
  HEARTH_TRY(log.check_unknown());
  if (format == "json") {
    c->log_format = LogFormat::kJson;
  } else if (format == "text") {
    c->log_format = LogFormat::kText;
  } else if (!format.empty()) {
    return bad("log.format must be text or json");
  }

  Table tasks(root["tasks"].as_table(), "tasks");
  HEARTH_TRY(tasks.seconds_ms("download_timeout_seconds", &c->acs.download_timeout_ms));
  HEARTH_TRY(tasks.seconds_ms("reboot_timeout_seconds", &c->acs.reboot_timeout_ms));
  HEARTH_TRY(tasks.seconds_ms("diagnostics_timeout_seconds", &c->acs.diagnostics_timeout_ms));
  HEARTH_TRY(tasks.seconds_ms("retry_base_seconds", &c->acs.retry_base_ms));
  HEARTH_TRY(tasks.seconds_ms("retry_max_seconds", &c->acs.retry_max_ms));
  HEARTH_TRY(tasks.seconds_ms("rediscover_after_seconds", &c->acs.rediscover_after_ms));
  HEARTH_TRY(tasks.check_unknown());

  HEARTH_TRY(load_diagnosis(root, &c->diagnosis));
  HEARTH_TRY(load_incidents(root, &c->incidents));
  HEARTH_TRY(load_selfservice(root, c));
  HEARTH_TRY(load_staff(root, c));

  if (const toml::node* q = root.get("quirks")) {
    if (!q->is_array()) return bad("quirks must be an array of tables ([[quirks]])");
    HEARTH_TRY(load_quirks(*q->as_array(), &c->acs));
  }
  return ok_status();
}

}  // namespace

Status load_config_text(const std::string& text, ServerConfig* config) {
  // Configuration is read at start-up, where exceptions are allowed; none escapes this function.
  try {
    toml::table table = toml::parse(text);
    return load(table, config);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << e.description() << " at line " << e.source().begin.line;
    return bad(msg.str());
  }
}

Status load_config_file(const std::string& path, ServerConfig* config) {
  std::ifstream in(path);
  if (!in) return make_error(ErrorCode::kNotFound, "config: cannot read " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  return load_config_text(buf.str(), config);
}

}  // namespace hearth::server
