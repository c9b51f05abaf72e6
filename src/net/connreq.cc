#include "net/connreq.h"

#include "net/url.h"

namespace hearth::net {

const char* connreq_outcome_name(ConnReqOutcome outcome) {
  switch (outcome) {
    case ConnReqOutcome::kOk: return "ok";
    case ConnReqOutcome::kUnreachable: return "unreachable";
    case ConnReqOutcome::kAuthFailed: return "auth_failed";
    case ConnReqOutcome::kBusy: return "busy";
    case ConnReqOutcome::kError: return "error";
    case ConnReqOutcome::kInvalidUrl: return "invalid_url";
  }
  return "error";
}

Status validate_connection_request_url(std::string_view url) {
  if (url.size() > kMaxConnectionRequestUrlLength) {
    return make_error(ErrorCode::kInvalidArgument, "ConnectionRequestURL longer than 256 characters");
  }
  auto parsed = parse_url(url);
  if (!parsed.ok()) return parsed.error();
  // tr069.md 6.1: the Connection Request URL is plain http.
  if (parsed->scheme != "http") return make_error(ErrorCode::kInvalidArgument, "ConnectionRequestURL is not http://");
  return ok_status();
}

ConnectionRequestClient::ConnectionRequestClient(ConnReqOptions options)
    : owned_client_(std::make_unique<HttpClient>(1)), client_(*owned_client_), options_(options) {}

ConnectionRequestClient::ConnectionRequestClient(HttpClient& client, ConnReqOptions options)
    : client_(client), options_(options) {}

ConnectionRequestClient::~ConnectionRequestClient() = default;

namespace {

// tr069.md 6.1 GenieACS client behaviour, steps 1-4.
ConnReqResult classify(const Result<HttpResponse>& r) {
  ConnReqResult out;
  if (!r.ok()) {
    out.detail = r.error().message;
    switch (r.error().code) {
      case ErrorCode::kUnavailable:
      case ErrorCode::kTimeout: out.outcome = ConnReqOutcome::kUnreachable; break;
      case ErrorCode::kInvalidArgument: out.outcome = ConnReqOutcome::kInvalidUrl; break;
      default: out.outcome = ConnReqOutcome::kError; break;
    }
    return out;
  }
  out.http_status = r->status;
  switch (r->status) {
    case 200:
    case 204: out.outcome = ConnReqOutcome::kOk; break;
    case 401:
      out.outcome = ConnReqOutcome::kAuthFailed;
      out.detail = "the device rejected the credentials";
      break;
    case 503:
      out.outcome = ConnReqOutcome::kBusy;
      out.detail = "the device is busy or rate-limiting connection requests";
      break;
    default:
      out.outcome = ConnReqOutcome::kError;
      out.detail = "unexpected HTTP status " + std::to_string(r->status);
      break;
  }
  return out;
}

}  // namespace

void ConnectionRequestClient::send(const std::string& url, const std::string& username, const std::string& password,
                                   std::function<void(ConnReqOutcome)> done) {
  send_detailed(url, username, password, [done = std::move(done)](ConnReqResult r) { done(r.outcome); });
}

void ConnectionRequestClient::send_detailed(const std::string& url, const std::string& username,
                                            const std::string& password, std::function<void(ConnReqResult)> done) {
  if (auto s = validate_connection_request_url(url); !s.ok()) {
    client_.post([done = std::move(done), message = s.error().message] {
      done(ConnReqResult{ConnReqOutcome::kInvalidUrl, 0, message});
    });
    return;
  }
  HttpClientOptions options;
  options.timeout = options_.timeout;
  options.allow_basic = options_.allow_basic;
  options.max_response_bytes = 64 * 1024;  // the answer has no body worth reading
  options.credentials = HttpCredentials{username, password};
  client_.get(url, options, [done = std::move(done)](Result<HttpResponse> r) { done(classify(r)); });
}

void ConnectionRequestClient::probe(const std::string& url, std::function<void(bool answered)> done) {
  if (!validate_connection_request_url(url).ok()) {
    client_.post([done = std::move(done)] { done(false); });
    return;
  }
  HttpClientOptions options;
  options.timeout = options_.timeout;
  options.max_response_bytes = 64 * 1024;
  // No credentials: a 401 is the answer, not a challenge to take up.
  client_.get(url, options, [done = std::move(done)](Result<HttpResponse> r) { done(r.ok()); });
}

}  // namespace hearth::net
