#include "net/http_client.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/crypto.h"
#include "core/strings.h"
#include "net/http_auth.h"
#include "net/url.h"

namespace hearth::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;

namespace {

constexpr uint32_t kResponseHeaderLimit = 64 * 1024;

auto redirect(error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

// One TCP (or TLS) connection of a request. Shared so timer callbacks can outlive the coroutine.
struct Conn {
  explicit Conn(const asio::any_io_executor& ex) : resolver(ex), resolve_timer(ex) {}

  tcp::resolver resolver;
  asio::steady_timer resolve_timer;
  std::shared_ptr<asio::ssl::context> ssl;
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;
  bool resolve_timed_out = false;

  bool has_stream() const { return plain.has_value() || tls.has_value(); }
  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
  bool is_open() { return has_stream() && lowest().socket().is_open(); }
  void cancel() {
    resolver.cancel();
    resolve_timer.cancel();
    if (has_stream()) lowest().close();
  }
};

// One request from the API to its callback; lives on one strand.
struct Call {
  std::string method;
  Url url;
  HttpHeaders headers;
  std::string body;
  HttpClientOptions options;
  HttpCallback done;
  std::shared_ptr<Conn> conn;  // the connection in use, for cancellation
  bool cancelled = false;
};

Error transport_error(const error_code& ec, bool timed_out) {
  if (timed_out || ec == beast::error::timeout) return make_error(ErrorCode::kTimeout, "timed out");
  if (ec == asio::error::connection_refused) return make_error(ErrorCode::kUnavailable, "connection refused");
  if (ec == asio::error::connection_reset || ec == asio::error::eof || ec == asio::error::broken_pipe ||
      ec == http::error::end_of_stream || ec == http::error::partial_message ||
      ec == asio::ssl::error::stream_truncated) {
    return make_error(ErrorCode::kUnavailable, "connection closed by peer");
  }
  if (ec == asio::error::host_not_found || ec == asio::error::host_not_found_try_again ||
      ec == asio::error::no_data) {
    return make_error(ErrorCode::kUnavailable, "cannot resolve host");
  }
  if (ec == http::error::body_limit) return make_error(ErrorCode::kTooLarge, "response too large");
  if (ec.category() == make_error_code(http::error::bad_method).category()) {
    return make_error(ErrorCode::kInternal, "malformed HTTP response: " + ec.message());
  }
  return make_error(ErrorCode::kUnavailable, ec.message());
}

template <class F>
auto with_stream(Conn& c, F&& f) {
  if (c.tls) return f(*c.tls);
  return f(*c.plain);
}

asio::awaitable<Status> connect(Call& call, const std::shared_ptr<Conn>& conn,
                                std::chrono::steady_clock::time_point deadline) {
  error_code ec;
  // Resolution cannot be given a deadline directly; a timer cancels it.
  conn->resolve_timer.expires_at(deadline);
  conn->resolve_timer.async_wait([weak = std::weak_ptr<Conn>(conn)](error_code wait_ec) {
    if (wait_ec) return;
    if (auto c = weak.lock()) {
      c->resolve_timed_out = true;
      c->resolver.cancel();
    }
  });
  const auto endpoints =
      co_await conn->resolver.async_resolve(call.url.host, std::to_string(call.url.port), redirect(ec));
  conn->resolve_timer.cancel();
  if (call.cancelled) co_return make_error(ErrorCode::kUnavailable, "cancelled");
  if (ec) co_return transport_error(ec, conn->resolve_timed_out);

  const auto ex = conn->resolver.get_executor();
  if (call.url.scheme == "https") {
    conn->ssl = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
    if (call.options.verify_tls) {
      if (call.options.ca_file.empty()) {
        conn->ssl->set_default_verify_paths(ec);
      } else {
        conn->ssl->load_verify_file(call.options.ca_file, ec);
      }
      if (ec) co_return make_error(ErrorCode::kInvalidArgument, "cannot load CA certificates: " + ec.message());
      conn->ssl->set_verify_mode(asio::ssl::verify_peer);
    } else {
      conn->ssl->set_verify_mode(asio::ssl::verify_none);
    }
    conn->tls.emplace(ex, *conn->ssl);
    if (call.options.verify_tls) conn->tls->set_verify_callback(asio::ssl::host_name_verification(call.url.host));
    error_code addr_ec;
    asio::ip::make_address(call.url.host, addr_ec);
    if (addr_ec) SSL_set_tlsext_host_name(conn->tls->native_handle(), call.url.host.c_str());  // SNI: names only
  } else {
    conn->plain.emplace(ex);
  }
  conn->lowest().expires_at(deadline);
  co_await conn->lowest().async_connect(endpoints, redirect(ec));
  if (call.cancelled) co_return make_error(ErrorCode::kUnavailable, "cancelled");
  if (ec) co_return transport_error(ec, false);
  if (conn->tls) {
    co_await conn->tls->async_handshake(asio::ssl::stream_base::client, redirect(ec));
    if (call.cancelled) co_return make_error(ErrorCode::kUnavailable, "cancelled");
    if (ec) co_return make_error(ErrorCode::kUnavailable, "TLS handshake failed: " + ec.message());
  }
  co_return ok_status();
}

http::request<http::string_body> build_request(const Call& call, const std::optional<std::string>& authorization) {
  http::request<http::string_body> req;
  const http::verb verb = http::string_to_verb(call.method);
  if (verb == http::verb::unknown) {
    req.method_string(call.method);
  } else {
    req.method(verb);
  }
  req.target(call.url.target);
  req.version(11);
  req.set(http::field::host, call.url.host_header());
  for (const auto& h : call.headers) {
    if (iequals(h.name, "Host") || iequals(h.name, "Content-Length") || iequals(h.name, "Connection") ||
        iequals(h.name, "Transfer-Encoding")) {
      continue;
    }
    req.insert(h.name, h.value);
  }
  if (authorization) req.set(http::field::authorization, *authorization);
  req.body() = call.body;
  req.prepare_payload();
  return req;
}

template <class Stream>
asio::awaitable<Result<HttpResponse>> send_and_receive(Stream& stream, Conn& conn, Call& call,
                                                       const std::optional<std::string>& authorization,
                                                       std::chrono::steady_clock::time_point deadline) {
  conn.lowest().expires_at(deadline);
  auto req = build_request(call, authorization);
  error_code ec;
  co_await http::async_write(stream, req, redirect(ec));
  if (call.cancelled) co_return make_error(ErrorCode::kUnavailable, "cancelled");
  if (ec) co_return transport_error(ec, false);

  http::response_parser<http::string_body> parser;
  parser.header_limit(kResponseHeaderLimit);
  parser.body_limit(call.options.max_response_bytes);
  if (call.method == "HEAD") parser.skip(true);
  co_await http::async_read(stream, conn.buffer, parser, redirect(ec));
  if (call.cancelled) co_return make_error(ErrorCode::kUnavailable, "cancelled");
  if (ec) co_return transport_error(ec, false);

  auto& res = parser.get();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) out.headers.add(std::string(field.name_string()), std::string(field.value()));
  out.body = std::move(res.body());
  out.close = !res.keep_alive();
  co_return out;
}

// One request/response on `conn`, connecting first unless `reuse` and the connection is open.
asio::awaitable<Result<HttpResponse>> exchange(Call& call, std::shared_ptr<Conn>& conn,
                                               const std::optional<std::string>& authorization, bool reuse) {
  const auto deadline = std::chrono::steady_clock::now() + call.options.timeout;
  if (call.cancelled) co_return make_error(ErrorCode::kUnavailable, "cancelled");
  if (!reuse || !conn || !conn->is_open()) {
    conn = std::make_shared<Conn>(co_await asio::this_coro::executor);
    call.conn = conn;
    const Status s = co_await connect(call, conn, deadline);
    if (!s.ok()) co_return s.error();
  }
  co_return co_await with_stream(*conn, [&](auto& stream) {
    return send_and_receive(stream, *conn, call, authorization, deadline);
  });
}

// The Authorization value answering a 401, or nullopt when there is nothing we may answer.
std::optional<std::string> answer_challenge(const Call& call, const HttpResponse& challenge) {
  const HttpCredentials& cred = *call.options.credentials;
  const std::string cnonce = crypto::random_hex(8);
  bool basic_offered = false;
  for (const auto header : challenge.headers.get_all("WWW-Authenticate")) {
    auto auth = compute_digest_authorization(header, call.method, call.url.target, cred.username, cred.password, 1,
                                             cnonce, call.body);
    if (auth.ok()) return std::move(*auth);
    if (auto challenges = parse_challenges(header); challenges.ok()) {
      for (const auto& c : *challenges) basic_offered = basic_offered || iequals(c.scheme, "Basic");
    }
  }
  if (basic_offered && call.options.allow_basic) return basic_authorization(cred.username, cred.password);
  return std::nullopt;
}

asio::awaitable<Result<HttpResponse>> perform(Call& call) {
  std::shared_ptr<Conn> conn;
  auto first = co_await exchange(call, conn, std::nullopt, false);
  if (!first.ok() || first->status != 401 || !call.options.credentials) co_return first;
  const auto authorization = answer_challenge(call, *first);
  if (!authorization) co_return first;
  // tr069.md 1.7: after a challenge the next request goes on the same connection, unless the
  // server said Connection: close.
  const bool reuse = !first->close;
  auto second = co_await exchange(call, conn, authorization, reuse);
  if (!second.ok() && second.error().code == ErrorCode::kUnavailable && !call.cancelled) {
    // tr069.md quirk 28: some CPEs drop the connection right after their 401; retry once.
    second = co_await exchange(call, conn, authorization, false);
  }
  co_return second;
}

}  // namespace

class HttpClient::Impl {
 public:
  explicit Impl(int threads) : ioc_(std::max(1, threads)), work_(ioc_.get_executor()) {
    for (int i = 0; i < std::max(1, threads); ++i) {
      threads_.emplace_back([this] {
        for (;;) {
          try {
            ioc_.run();
            return;
          } catch (const std::exception&) {
          }
        }
      });
    }
  }

  ~Impl() {
    {
      std::unique_lock lock(mu_);
      closing_ = true;
      for (auto& [id, entry] : calls_) {
        asio::post(entry.strand, [call = entry.call] {
          call->cancelled = true;
          if (call->conn) call->conn->cancel();
        });
      }
      idle_.wait(lock, [this] { return calls_.empty(); });
    }
    work_.reset();
    for (auto& t : threads_) t.join();
  }

  void post(std::function<void()> fn) {
    asio::post(ioc_, [fn = std::move(fn)] {
      try {
        fn();
      } catch (...) {
      }
    });
  }

  void start(std::shared_ptr<Call> call) {
    auto strand = asio::make_strand(ioc_);
    uint64_t id;
    {
      std::lock_guard lock(mu_);
      if (closing_) {
        post([call] { call->done(make_error(ErrorCode::kUnavailable, "client shutting down")); });
        return;
      }
      id = next_id_++;
      calls_.emplace(id, Entry{strand, call});
    }
    asio::co_spawn(strand, run(std::move(call)), [this, id](std::exception_ptr) { finished(id); });
  }

 private:
  struct Entry {
    asio::strand<asio::io_context::executor_type> strand;
    std::shared_ptr<Call> call;
  };

  static asio::awaitable<void> run(std::shared_ptr<Call> call) {
    Result<HttpResponse> result = make_error(ErrorCode::kInternal, "request not run");
    try {
      result = co_await perform(*call);
    } catch (const std::exception& e) {
      result = make_error(ErrorCode::kInternal, std::string("request failed: ") + e.what());
    }
    call->conn.reset();
    try {
      call->done(std::move(result));
    } catch (...) {
    }
  }

  void finished(uint64_t id) {
    std::lock_guard lock(mu_);
    calls_.erase(id);
    if (calls_.empty()) idle_.notify_all();
  }

  asio::io_context ioc_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable idle_;
  std::unordered_map<uint64_t, Entry> calls_;
  uint64_t next_id_ = 1;
  bool closing_ = false;
};

HttpClient::HttpClient(int threads) : impl_(std::make_unique<Impl>(threads)) {}
HttpClient::~HttpClient() = default;

void HttpClient::get(const std::string& url, const HttpClientOptions& options, HttpCallback done) {
  request("GET", url, {}, {}, options, std::move(done));
}

void HttpClient::request(const std::string& method, const std::string& url, const HttpHeaders& headers,
                         std::string body, const HttpClientOptions& options, HttpCallback done) {
  auto parsed = parse_url(url);
  if (!parsed.ok()) {
    impl_->post([done = std::move(done), error = parsed.error()] { done(error); });
    return;
  }
  auto call = std::make_shared<Call>();
  call->method = method;
  call->url = std::move(*parsed);
  call->headers = headers;
  call->body = std::move(body);
  call->options = options;
  call->done = std::move(done);
  impl_->start(std::move(call));
}

void HttpClient::post(std::function<void()> fn) { impl_->post(std::move(fn)); }

Result<HttpResponse> http_request_sync(const std::string& method, const std::string& url, const HttpHeaders& headers,
                                       std::string body, const HttpClientOptions& options) {
  std::promise<Result<HttpResponse>> promise;
  auto future = promise.get_future();
  HttpClient client(1);
  client.request(method, url, headers, std::move(body), options,
                 [&promise](Result<HttpResponse> r) { promise.set_value(std::move(r)); });
  return future.get();
}

}  // namespace hearth::net
