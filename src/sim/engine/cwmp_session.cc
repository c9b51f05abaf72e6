// A CWMP session on a ClientConnection: the HTTP details of tr069.md 1.5-1.7 around the pure Cpe.
#include "sim/engine/cwmp_session.h"

#include "net/url.h"

namespace hearth::sim {

Result<AcsEndpoint> parse_acs_endpoint(const std::string& url) {
  auto parsed = net::parse_url(url);
  if (!parsed.ok()) return make_error(ErrorCode::kInvalidArgument, "bad ACS URL '" + url + "': " + parsed.error().message);
  if (parsed->scheme != "http") {
    return make_error(ErrorCode::kInvalidArgument, "the simulator speaks plain http only: '" + url + "'");
  }
  return AcsEndpoint{url, parsed->host, parsed->port, parsed->target};
}

CwmpSession::CwmpSession(net::EventLoop& loop, const Clock& clock, Cpe& cpe, const AcsEndpoint& acs,
                         std::chrono::milliseconds timeout, std::function<void(SessionOutcome)> done)
    : clock_(clock),
      cpe_(cpe),
      acs_(acs),
      conn_(loop, acs.host, acs.port, net::ClientConnectionOptions{timeout}),
      auth_(!cpe.model().digest_auth, cpe.acs_username(), cpe.acs_password()),
      done_(std::move(done)) {}

CwmpSession::~CwmpSession() = default;

bool CwmpSession::start(const std::string& stale_cookie) {
  std::string inform = cpe_.begin_session(now_ms());
  if (inform.empty()) return false;
  started_ = std::chrono::steady_clock::now();
  stale_cookie_ = stale_cookie;
  inform_in_flight_ = true;
  post(std::move(inform), stale_cookie_);
  return true;
}

void CwmpSession::post(std::string body, const std::string& cookie_override) {
  body_ = std::move(body);
  net::HttpRequest req;
  req.method = "POST";
  req.target = acs_.target;
  req.headers.add("Content-Type", "text/xml; charset=\"utf-8\"");
  if (!body_.empty()) req.headers.add("SOAPAction", "\"\"");
  const std::string cookie = !cookie_override.empty() ? cookie_override : inform_in_flight_ ? "" : jar_.header();
  if (!cookie.empty()) req.headers.add("Cookie", cookie);
  if (const std::string a = auth_.header_for("POST", acs_.target, body_); !a.empty()) {
    req.headers.add("Authorization", a);
  }
  req.body = body_;
  ++outcome_.requests;
  conn_.send(std::move(req), [this](Result<net::HttpResponse> answer) { on_answer(std::move(answer)); });
}

void CwmpSession::on_answer(Result<net::HttpResponse> answer) {
  if (!answer.ok()) {
    cpe_.session_failed(now_ms());
    return finish(false, answer.error().message);
  }
  outcome_.last_status = answer->status;
  jar_.update(answer->headers);
  if (answer->status == 401) {
    // One answer per challenge; a 401 to our credentials means they are wrong (or the ACS
    // does not take this scheme).
    if (++challenges_ > 1 || !auth_.answer(answer->headers)) {
      outcome_.auth_failed = true;
      cpe_.session_failed(now_ms());
      return finish(false, "the ACS refused the credentials of " + cpe_.acs_username());
    }
    return post(std::move(body_), inform_in_flight_ ? stale_cookie_ : std::string());
  }
  challenges_ = 0;
  inform_in_flight_ = false;
  const Cpe::Next next = cpe_.on_response(answer->status, answer->body, now_ms());
  if (next.done) return finish(!next.failed, next.failed ? "HTTP " + std::to_string(answer->status) : "");
  post(next.body, {});
}

void CwmpSession::finish(bool ok, std::string error) {
  conn_.close();
  outcome_.ok = ok;
  outcome_.error = std::move(error);
  outcome_.cookies = jar_.header();
  outcome_.latency_us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_).count();
  auto done = std::move(done_);
  done_ = nullptr;
  if (done) done(std::move(outcome_));  // last: it may destroy this session
}

}  // namespace hearth::sim
