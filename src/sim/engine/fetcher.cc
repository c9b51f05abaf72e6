// File download of a simulated gateway (tr069.md 3.2 Download, 4.3 transfer fault codes).
#include "sim/engine/fetcher.h"

#include "core/crypto.h"
#include "core/strings.h"
#include "net/http_auth.h"

namespace hearth::sim {

uint32_t fetch_fault_code(int http_status, bool auth_failed) {
  if (auth_failed || http_status == 401) return 9012;
  if (http_status >= 200 && http_status < 300) return 0;
  if (http_status == 0) return 9015;
  if (http_status == 403 || http_status == 404 || http_status == 410) return 9016;
  return 9010;
}

Fetcher::Fetcher(net::EventLoop& loop, FetchRequest request, std::chrono::milliseconds timeout,
                 std::function<void(FetchOutcome)> done)
    : loop_(loop), request_(std::move(request)), timeout_(timeout), done_(std::move(done)) {}

Fetcher::~Fetcher() { *alive_ = false; }

void Fetcher::start() {
  auto url = net::parse_url(request_.url);
  if (!url.ok() || url->scheme != "http") {
    // Fail on the loop, never inside start().
    loop_.post([this, alive = alive_, error = url.ok() ? std::string("https is not simulated") : url.error().message] {
      if (*alive) finish(FetchOutcome{false, 0, 9015, error});
    });
    return;
  }
  url_ = std::move(*url);
  net::ClientConnectionOptions options;
  options.timeout = timeout_;
  options.max_response_bytes = kMaxFileBytes;
  conn_ = std::make_unique<net::ClientConnection>(loop_, url_.host, url_.port, options);
  get({});
}

void Fetcher::get(const std::string& authorization) {
  net::HttpRequest req;
  req.method = "GET";
  req.target = url_.target;
  if (!authorization.empty()) req.headers.add("Authorization", authorization);
  conn_->send(std::move(req), [this](Result<net::HttpResponse> answer) { on_answer(std::move(answer)); });
}

void Fetcher::on_answer(Result<net::HttpResponse> answer) {
  if (!answer.ok()) {
    const uint32_t fault = answer.error().code == ErrorCode::kTooLarge ? 9010 : fetch_fault_code(0, false);
    return finish(FetchOutcome{false, 0, fault, answer.error().message});
  }
  if (answer->status == 401 && !answered_challenge_ && !request_.username.empty()) {
    answered_challenge_ = true;
    const std::string cnonce = crypto::random_hex(8);
    bool basic_offered = false;
    for (const std::string_view header : answer->headers.get_all("WWW-Authenticate")) {
      auto digest = net::compute_digest_authorization(header, "GET", url_.target, request_.username,
                                                      request_.password, 1, cnonce);
      if (digest.ok()) return get(*digest);
      if (auto challenges = net::parse_challenges(header); challenges.ok()) {
        for (const auto& c : *challenges) basic_offered = basic_offered || iequals(c.scheme, "Basic");
      }
    }
    if (basic_offered) return get(net::basic_authorization(request_.username, request_.password));
  }
  const uint32_t fault = fetch_fault_code(answer->status, answered_challenge_ && answer->status == 401);
  if (fault != 0) return finish(FetchOutcome{false, 0, fault, "HTTP " + std::to_string(answer->status)});
  finish(FetchOutcome{true, answer->body.size(), 0, {}});
}

void Fetcher::finish(FetchOutcome outcome) {
  if (conn_) conn_->close();
  auto done = std::move(done_);
  done_ = nullptr;
  if (done) done(std::move(outcome));  // last: it may destroy this fetcher
}

}  // namespace hearth::sim
