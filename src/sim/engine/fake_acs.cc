// The engine tests' scripted ACS (see fake_acs.h).
#include "sim/engine/fake_acs.h"

#include "core/clock.h"
#include "core/crypto.h"
#include "cwmp/codec.h"
#include "net/digest_authenticator.h"
#include "net/http_auth.h"

namespace hearth::sim::testing {

class DigestHolder {
 public:
  DigestHolder() : auth("fake-acs-secret-fake-acs-secret-0", "fake-acs", SystemClock::instance()) {}
  net::DigestAuthenticator auth;
};

FakeAcs::FakeAcs(std::function<std::string(const std::string&)> password_of)
    : password_of_(std::move(password_of)), digest_(std::make_unique<DigestHolder>()) {
  crypto::init();
  server_ = std::make_unique<net::HttpServer>(
      net::HttpServerOptions{}, [this](net::HttpRequest&& req, const net::ConnectionInfo&, net::Respond respond) {
        handle(std::move(req), respond);
      });
  (void)server_->start();
}

FakeAcs::~FakeAcs() { server_->stop(); }

std::string FakeAcs::url() const { return "http://" + server_->bound_address() + "/acs"; }
std::string FakeAcs::file_url(const std::string& name) const {
  return "http://" + server_->bound_address() + "/files/" + name;
}

void FakeAcs::add_file(const std::string& name, std::string content) {
  std::lock_guard lock(mu_);
  files_[name] = std::move(content);
}

void FakeAcs::queue(const std::string& serial, cwmp::Body request) {
  std::lock_guard lock(mu_);
  queued_[serial].push_back(std::move(request));
}

DeviceLog FakeAcs::device(const std::string& serial) const {
  std::lock_guard lock(mu_);
  auto it = devices_.find(serial);
  return it == devices_.end() ? DeviceLog{} : it->second;
}

int FakeAcs::max_concurrent_sessions() const {
  std::lock_guard lock(mu_);
  return max_open_;
}

int FakeAcs::sessions_done() const {
  std::lock_guard lock(mu_);
  return done_;
}

int FakeAcs::file_requests() const {
  std::lock_guard lock(mu_);
  return file_requests_;
}

void FakeAcs::handle(net::HttpRequest&& req, const net::Respond& respond) {
  const bool file = req.path().rfind("/files/", 0) == 0;
  // Authentication: Digest for everything, Basic accepted for CWMP (Basic-only CPE models).
  std::string scheme;
  if (auto header = req.headers.get("Authorization")) {
    auto parsed = net::parse_authorization(*header);
    if (parsed.ok() && parsed->scheme == net::Authorization::Scheme::kDigest) {
      const std::string user = parsed->digest.username;
      const std::string pw = file ? (user == "dl" ? "dlpw" : "") : password_of_(user);
      if (!pw.empty() && digest_->auth.verify(parsed->digest, req.method, net::digest_ha1(user, "fake-acs", pw),
                                              req.body, req.target) == net::DigestVerdict::kOk) {
        scheme = "Digest";
      }
    } else if (parsed.ok() && !file) {
      const std::string pw = password_of_(parsed->basic.username);
      if (!pw.empty() && pw == parsed->basic.password) scheme = "Basic";
    }
  }
  if (scheme.empty()) {
    net::HttpResponse r = net::make_response(401);
    r.headers.add("WWW-Authenticate", digest_->auth.make_challenge());
    return respond(std::move(r));
  }
  if (file) {
    std::lock_guard lock(mu_);
    ++file_requests_;
    auto it = files_.find(std::string(req.path().substr(7)));
    return respond(it == files_.end() ? net::make_response(404) : net::make_response(200, it->second));
  }
  respond(cwmp(req, scheme));
}

net::HttpResponse FakeAcs::cwmp(const net::HttpRequest& req, const std::string& scheme) {
  std::lock_guard lock(mu_);
  const std::string cookie = req.headers.get_or("Cookie");
  cwmp::Envelope out;
  if (!cwmp::is_empty_body(req.body)) {
    auto env = cwmp::parse_envelope(req.body);
    if (!env.ok()) return net::make_response(400, env.error().message);
    out.cwmp_ns = env->cwmp_ns;
    out.header.id = env->header.id;
    if (const auto* inform = std::get_if<cwmp::Inform>(&env->body)) {
      const std::string serial = inform->device_id.serial_number;
      DeviceLog& log = devices_[serial];
      std::vector<std::string> codes;
      for (const auto& e : inform->events) codes.push_back(e.code);
      log.inform_events.push_back(std::move(codes));
      log.inform_cookies.push_back(cookie);
      log.schemes.push_back(scheme);
      const std::string id = std::to_string(next_session_++);
      session_serial_["session=" + id] = serial;
      session_ns_["session=" + id] = env->cwmp_ns;
      max_open_ = std::max(max_open_, ++open_sessions_);
      out.body = cwmp::InformResponse{1};
      net::HttpResponse r = net::make_response(200, cwmp::write_envelope(out), "text/xml");
      r.headers.add("Set-Cookie", "session=" + id + "; Path=/");
      return r;
    }
    auto it = session_serial_.find(cookie);
    if (it == session_serial_.end()) return net::make_response(400, "no session");
    DeviceLog& log = devices_[it->second];
    log.methods.push_back(cwmp::body_method_name(env->body));
    log.later_cookies.push_back(cookie);
    log.schemes.push_back(scheme);
    if (std::holds_alternative<cwmp::TransferComplete>(env->body)) {
      out.body = cwmp::TransferCompleteResponse{};
      return net::make_response(200, cwmp::write_envelope(out), "text/xml");
    }
  }
  // An empty POST or the answer to our request: the next queued request, or 204.
  auto it = session_serial_.find(cookie);
  if (it == session_serial_.end()) return net::make_response(400, "no session");
  DeviceLog& log = devices_[it->second];
  if (cwmp::is_empty_body(req.body)) {
    log.methods.push_back("empty");
    log.later_cookies.push_back(cookie);
    log.schemes.push_back(scheme);
  }
  auto& queue = queued_[it->second];
  if (!queue.empty()) {
    out.cwmp_ns = session_ns_[cookie];
    out.header.id = "acs-1";
    out.body = std::move(queue.front());
    queue.erase(queue.begin());
    return net::make_response(200, cwmp::write_envelope(out), "text/xml");
  }
  ++log.sessions_done;
  ++done_;
  --open_sessions_;
  net::HttpResponse r = net::make_response(204);
  r.close = true;
  return r;
}

}  // namespace hearth::sim::testing
