#include "tests/support/scripted_cpe.h"

#include <set>

#include "core/clock.h"
#include "core/strings.h"
#include "cwmp/codec.h"
#include "net/compression.h"
#include "net/digest_authenticator.h"
#include "net/http_auth.h"
#include "net/http_client.h"
#include "net/http_server.h"

namespace hearth::testing {

using cwmp::ValueType;

std::map<std::string, CpeParam> default_tr181_tree(const std::string& cr_url) {
  std::map<std::string, CpeParam> t;
  auto add = [&](const std::string& n, const std::string& v, ValueType ty = ValueType::kString, bool w = false) {
    t["Device." + n] = CpeParam{v, ty, w, 0};
  };
  add("RootDataModelVersion", "2.17");
  add("DeviceInfo.Manufacturer", "Acme");
  add("DeviceInfo.ModelName", "Acme Gateway 5");
  add("DeviceInfo.SoftwareVersion", "1.0.0");
  add("DeviceInfo.HardwareVersion", "HW1");
  add("DeviceInfo.ProvisioningCode", "", ValueType::kString, true);
  add("DeviceInfo.UpTime", "100", ValueType::kUnsignedInt);
  add("ManagementServer.URL", "", ValueType::kString, true);
  add("ManagementServer.Username", "", ValueType::kString, true);
  add("ManagementServer.Password", "", ValueType::kString, true);
  add("ManagementServer.ParameterKey", "");
  add("ManagementServer.ConnectionRequestURL", cr_url);
  add("ManagementServer.ConnectionRequestUsername", "", ValueType::kString, true);
  add("ManagementServer.ConnectionRequestPassword", "", ValueType::kString, true);
  add("ManagementServer.PeriodicInformEnable", "true", ValueType::kBoolean, true);
  add("ManagementServer.PeriodicInformInterval", "3600", ValueType::kUnsignedInt, true);
  add("WiFi.Radio.1.Channel", "1", ValueType::kUnsignedInt, true);
  add("WiFi.Radio.1.AutoChannelEnable", "true", ValueType::kBoolean, true);
  add("WiFi.Radio.1.OperatingFrequencyBand", "2.4GHz");
  add("WiFi.SSID.1.SSID", "Home", ValueType::kString, true);
  add("WiFi.SSID.1.Enable", "true", ValueType::kBoolean, true);
  add("WiFi.AccessPoint.1.Security.KeyPassphrase", "", ValueType::kString, true);
  add("IP.Diagnostics.IPPing.DiagnosticsState", "None", ValueType::kString, true);
  add("IP.Diagnostics.IPPing.Host", "", ValueType::kString, true);
  add("IP.Diagnostics.IPPing.SuccessCount", "0", ValueType::kUnsignedInt);
  add("IP.Diagnostics.IPPing.AverageResponseTime", "0", ValueType::kUnsignedInt);
  return t;
}

ScriptedCpe::ScriptedCpe(std::string url, std::string sn, std::string r)
    : acs_url(std::move(url)), serial(std::move(sn)), root(std::move(r)) {}

ScriptedCpe::~ScriptedCpe() {
  if (cr_server_) cr_server_->stop();
  join_background();
}

void ScriptedCpe::join_background() {
  std::vector<std::thread> ts;
  {
    std::lock_guard<std::mutex> l(threads_mutex_);
    ts.swap(threads_);
  }
  for (auto& t : ts) t.join();
}

std::string ScriptedCpe::cr_username() const {
  auto it = tree.find(root + "ManagementServer.ConnectionRequestUsername");
  return it == tree.end() ? "" : it->second.value;
}
std::string ScriptedCpe::cr_password() const {
  auto it = tree.find(root + "ManagementServer.ConnectionRequestPassword");
  return it == tree.end() ? "" : it->second.value;
}

cwmp::Envelope ScriptedCpe::make_inform(std::vector<cwmp::EventStruct> events) const {
  cwmp::Inform in;
  in.device_id = {"Acme", oui, product_class, serial};
  in.events = std::move(events);
  in.current_time = format_iso8601(SystemClock::instance().now());
  static const char* kForced[] = {"DeviceInfo.SoftwareVersion", "DeviceInfo.HardwareVersion",
                                  "DeviceInfo.ProvisioningCode", "ManagementServer.ConnectionRequestURL",
                                  "ManagementServer.ParameterKey", "ManagementServer.PeriodicInformInterval"};
  for (const char* rel : kForced) {
    auto it = tree.find(root + rel);
    if (it != tree.end()) in.parameters.push_back({it->first, it->second.value, it->second.type});
  }
  cwmp::Envelope env;
  env.cwmp_ns = cwmp_ns;
  env.header.id = "cpe-1";
  env.body = std::move(in);
  return env;
}

Result<net::HttpResponse> ScriptedCpe::post(const std::string& body, const std::string& content_type) {
  net::HttpHeaders headers;
  headers.set("Content-Type", content_type);
  if (!cookie_.empty()) headers.set("Cookie", "session=" + cookie_);
  net::HttpClientOptions opts;
  opts.timeout = std::chrono::milliseconds(20000);
  if (!username.empty()) opts.credentials = net::HttpCredentials{username, password};
  // tr069.md 1.7: over TLS the ACS asks for Basic.
  opts.allow_basic = starts_with(acs_url, "https://");
  opts.ca_file = ca_file;
  std::string payload = body;
  if (gzip_requests && !body.empty()) {
    payload = net::gzip_encode(body);
    headers.set("Content-Encoding", "gzip");
  }
  auto r = net::http_request_sync("POST", acs_url, headers, std::move(payload), opts);
  if (r && r->headers.get_or("Content-Encoding") == "gzip") {
    auto plain = net::gzip_decode(r->body, 64u << 20);
    if (!plain) return plain.error();
    r->body = std::move(*plain);
    r->headers.erase("Content-Encoding");
  }
  if (r) {
    for (auto v : r->headers.get_all("Set-Cookie")) {
      const std::string s(v);
      if (starts_with(s, "session=")) cookie_ = s.substr(8, s.find(';') - 8);
    }
  }
  return r;
}

ScriptedCpe::SessionResult ScriptedCpe::run_session(std::vector<cwmp::EventStruct> events) {
  SessionResult res;
  for (auto& e : queued_events_) events.push_back(e);
  queued_events_.clear();
  cookie_.clear();
  auto r = post(cwmp::write_envelope(make_inform(events)));
  if (!r) {
    res.error = "Inform: " + r.error().message;
    return res;
  }
  res.inform_status = r->status;
  if (r->status != 200) {
    res.error = "Inform answered " + std::to_string(r->status) + ": " + r->body;
    return res;
  }
  if (pending_transfer_) {
    cwmp::Envelope tc;
    tc.cwmp_ns = cwmp_ns;
    tc.header.id = "cpe-tc";
    tc.body = *pending_transfer_;
    pending_transfer_.reset();
    auto t = post(cwmp::write_envelope(tc));
    if (!t || t->status != 200) {
      res.error = "TransferComplete failed";
      return res;
    }
  }
  std::string body;  // empty POST first
  for (int i = 0; i < 10000; ++i) {
    auto resp = post(body);
    if (!resp) {
      res.error = resp.error().message;
      return res;
    }
    if (resp->status == 204) {
      res.ok = true;
      break;
    }
    if (resp->status != 200) {
      res.error = "HTTP " + std::to_string(resp->status) + ": " + resp->body;
      return res;
    }
    auto env = cwmp::parse_envelope(resp->body);
    if (!env) {
      res.error = "ACS sent malformed XML: " + env.error().message;
      return res;
    }
    res.requests.push_back(cwmp::body_method_name(env->body));
    if (vanish_on && vanish_on(*env)) {
      res.vanished = true;
      return res;
    }
    std::optional<cwmp::Body> custom = intercept ? intercept(*env) : std::nullopt;
    cwmp::Envelope out;
    out.cwmp_ns = cwmp_ns;
    out.header.id = env->header.id;
    out.body = custom ? std::move(*custom) : answer(*env);
    body = cwmp::write_envelope(out);
  }
  if (credentials_changed_) {
    username = pending_username_;
    password = pending_password_;
    credentials_changed_ = false;
  }
  return res;
}

namespace {

cwmp::Fault fault(uint32_t code, const std::string& text) {
  cwmp::Fault f;
  f.faultcode = code == 9003 || (code >= 9005 && code <= 9008) ? "Client" : "Server";
  f.code = code;
  f.string = text;
  return f;
}

}  // namespace

cwmp::Body ScriptedCpe::answer(const cwmp::Envelope& req) {
  const auto& b = req.body;
  if (const auto* gpn = std::get_if<cwmp::GetParameterNames>(&b)) {
    cwmp::GetParameterNamesResponse out;
    const std::string& path = gpn->parameter_path;
    std::set<std::string> objects;
    bool found = false;
    for (const auto& [name, param] : tree) {
      if (!starts_with(name, path)) continue;
      found = true;
      // Every object between the path and the leaf.
      for (size_t pos = name.find('.', path.size()); pos != std::string::npos; pos = name.find('.', pos + 1)) {
        objects.insert(name.substr(0, pos + 1));
      }
    }
    if (!found && tree.count(path) == 0) return fault(9005, "Invalid parameter name");
    auto depth = [](const std::string& s) { return std::count(s.begin(), s.end(), '.'); };
    const auto base = depth(path);
    for (const auto& o : objects) {
      if (!gpn->next_level || depth(o) == base + 1) out.parameters.push_back({o, false});
    }
    for (const auto& [name, param] : tree) {
      if (!starts_with(name, path)) continue;
      if (gpn->next_level && depth(name) != base) continue;
      out.parameters.push_back({name, param.writable});
    }
    return out;
  }
  if (const auto* gpv = std::get_if<cwmp::GetParameterValues>(&b)) {
    cwmp::GetParameterValuesResponse out;
    for (const auto& n : gpv->parameter_names) {
      if (!n.empty() && n.back() == '.') {
        bool any = false;
        for (const auto& [name, param] : tree) {
          if (starts_with(name, n)) {
            out.parameters.push_back({name, param.value, param.type});
            any = true;
          }
        }
        if (!any) return fault(9005, "Invalid parameter name");
      } else {
        auto it = tree.find(n);
        if (it == tree.end()) return fault(9005, "Invalid parameter name");
        out.parameters.push_back({n, it->second.value, it->second.type});
      }
    }
    return out;
  }
  if (const auto* spv = std::get_if<cwmp::SetParameterValues>(&b)) {
    cwmp::Fault f = fault(9003, "Invalid arguments");
    for (const auto& pv : spv->parameters) {
      auto it = tree.find(pv.name);
      if (it == tree.end()) {
        f.set_parameter_values_faults.push_back({pv.name, 9005, "Invalid parameter name"});
      } else if (!it->second.writable) {
        f.set_parameter_values_faults.push_back({pv.name, 9008, "Attempt to set a non-writable parameter"});
      } else {
        std::string norm;
        if (!cwmp::normalise_value(it->second.type, pv.value, &norm)) {
          f.set_parameter_values_faults.push_back({pv.name, 9007, "Invalid parameter value"});
        }
      }
    }
    if (!f.set_parameter_values_faults.empty()) return f;
    bool diagnostics = false;
    for (const auto& pv : spv->parameters) {
      std::string norm;
      cwmp::normalise_value(tree[pv.name].type, pv.value, &norm);
      tree[pv.name].value = norm;
      if (pv.name == root + "ManagementServer.Username") {
        pending_username_ = norm;
        credentials_changed_ = true;
      }
      if (pv.name == root + "ManagementServer.Password") {
        pending_password_ = norm;
        credentials_changed_ = true;
      }
      if (ends_with(pv.name, "DiagnosticsState") && norm == "Requested") diagnostics = true;
    }
    if (credentials_changed_ && pending_username_.empty()) pending_username_ = username;
    if (diagnostics) {
      tree[p("IP.Diagnostics.IPPing.DiagnosticsState")].value = "Complete";
      tree[p("IP.Diagnostics.IPPing.SuccessCount")].value = "4";
      tree[p("IP.Diagnostics.IPPing.AverageResponseTime")].value = "7";
      queued_events_.push_back({"8 DIAGNOSTICS COMPLETE", ""});
    }
    tree[p("ManagementServer.ParameterKey")].value = spv->parameter_key;
    return cwmp::SetParameterValuesResponse{0};
  }
  if (const auto* gpa = std::get_if<cwmp::GetParameterAttributes>(&b)) {
    cwmp::GetParameterAttributesResponse out;
    for (const auto& n : gpa->parameter_names) {
      auto it = tree.find(n);
      if (it == tree.end()) return fault(9005, "Invalid parameter name");
      out.parameters.push_back({n, it->second.notification, {}});
    }
    return out;
  }
  if (const auto* spa = std::get_if<cwmp::SetParameterAttributes>(&b)) {
    for (const auto& a : spa->parameters) {
      auto it = tree.find(a.name);
      if (it == tree.end()) return fault(9005, "Invalid parameter name");
      if (a.notification_change) it->second.notification = a.notification;
    }
    return cwmp::SetParameterAttributesResponse{};
  }
  if (const auto* add = std::get_if<cwmp::AddObject>(&b)) {
    uint32_t max = 0;
    std::vector<std::string> template_leaves;
    for (const auto& [name, param] : tree) {
      if (!starts_with(name, add->object_name)) continue;
      const std::string rest = name.substr(add->object_name.size());
      const auto dot = rest.find('.');
      if (dot == std::string::npos) continue;
      if (auto n = parse_uint64(rest.substr(0, dot))) {
        max = std::max<uint32_t>(max, static_cast<uint32_t>(*n));
        if (*n == 1) template_leaves.push_back(rest.substr(dot + 1));
      }
    }
    if (max == 0) return fault(9005, "Invalid parameter name");
    const uint32_t n = max + 1;
    for (const auto& leaf : template_leaves) {
      tree[add->object_name + std::to_string(n) + "." + leaf] = CpeParam{"", ValueType::kString, true, 0};
    }
    return cwmp::AddObjectResponse{n, 0};
  }
  if (const auto* del = std::get_if<cwmp::DeleteObject>(&b)) {
    size_t removed = 0;
    for (auto it = tree.begin(); it != tree.end();) {
      if (starts_with(it->first, del->object_name)) {
        it = tree.erase(it);
        ++removed;
      } else {
        ++it;
      }
    }
    if (removed == 0) return fault(9005, "Invalid parameter name");
    return cwmp::DeleteObjectResponse{0};
  }
  if (const auto* rb = std::get_if<cwmp::Reboot>(&b)) {
    queued_events_.push_back({"1 BOOT", ""});
    queued_events_.push_back({"M Reboot", rb->command_key});
    return cwmp::RebootResponse{};
  }
  if (std::holds_alternative<cwmp::FactoryReset>(b)) {
    queued_events_.push_back({"0 BOOTSTRAP", ""});
    queued_events_.push_back({"1 BOOT", ""});
    pending_username_.clear();
    pending_password_.clear();
    credentials_changed_ = true;
    return cwmp::FactoryResetResponse{};
  }
  if (const auto* dl = std::get_if<cwmp::Download>(&b)) {
    downloads_.push_back(dl->url);
    net::HttpClientOptions opts;
    opts.timeout = std::chrono::milliseconds(10000);
    auto file = net::http_request_sync("GET", dl->url, {}, {}, opts);
    cwmp::TransferComplete tc;
    tc.command_key = dl->command_key;
    tc.start_time = format_iso8601(SystemClock::instance().now());
    tc.complete_time = tc.start_time;
    if (!file || file->status != 200) {
      tc.fault = {9016, "File transfer failure: unable to access file"};
    } else {
      tree[p("DeviceInfo.SoftwareVersion")].value = "2.0.0";
      queued_events_.push_back({"1 BOOT", ""});
    }
    queued_events_.push_back({"7 TRANSFER COMPLETE", ""});
    queued_events_.push_back({"M Download", dl->command_key});
    pending_transfer_ = tc;
    return cwmp::DownloadResponse{1, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"};
  }
  if (const auto* si = std::get_if<cwmp::ScheduleInform>(&b)) {
    queued_events_.push_back({"3 SCHEDULED", ""});
    queued_events_.push_back({"M ScheduleInform", si->command_key});
    return cwmp::ScheduleInformResponse{};
  }
  return fault(9000, "Method not supported");
}

void ScriptedCpe::start_connection_request_server(std::function<void()> on_request) {
  auto digest = std::make_shared<net::DigestAuthenticator>("cpe-secret-cpe-secret-cpe-secret", "cpe",
                                                           SystemClock::instance());
  net::HttpServerOptions opts;
  opts.listen = "127.0.0.1:0";
  cr_server_ = std::make_unique<net::HttpServer>(
      opts, [this, digest, on_request](net::HttpRequest&& req, const net::ConnectionInfo&, net::Respond respond) {
        auto auth = req.headers.get("Authorization");
        bool ok = false;
        if (auth) {
          auto parsed = net::parse_authorization(*auth);
          if (parsed && parsed->scheme == net::Authorization::Scheme::kDigest &&
              parsed->digest.username == cr_username()) {
            ok = digest->verify(parsed->digest, req.method, net::digest_ha1(cr_username(), "cpe", cr_password()),
                                req.body) == net::DigestVerdict::kOk;
          }
        }
        if (!ok) {
          net::HttpResponse r = net::make_response(401, "");
          r.headers.set("WWW-Authenticate", digest->make_challenge());
          respond(std::move(r));
          return;
        }
        cr_hits_++;
        respond(net::make_response(200, ""));
        std::lock_guard<std::mutex> l(threads_mutex_);
        threads_.emplace_back(on_request);
      });
  (void)cr_server_->start();
  tree[p("ManagementServer.ConnectionRequestURL")].value =
      "http://" + cr_server_->bound_address() + "/cr-" + serial;
}

}  // namespace hearth::testing
