// One server connection: a coroutine that reads requests one at a time, hands them to the
// handler, waits for its answer (which may come from any thread) and writes it back.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <spdlog/spdlog.h>

#include "core/strings.h"
#include "net/compression.h"
#include "net/request_decoding.h"
#include "net/response_slot.h"
#include "net/server_internal.h"

namespace hearth::net::detail {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

constexpr size_t kReadChunk = 4096;
constexpr size_t kMaxLingerBytes = 1u << 20;
constexpr uint64_t kMaxReserve = 256u << 10;
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr auto kTlsShutdownTime = std::chrono::seconds(2);

auto redirect(error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

struct IncomingRequest {
  HttpRequest request;
  bool keep_alive = false;
  uint64_t body_limit = kDefaultBodyLimit;
};

// What the response needs to know about the request it answers.
struct RequestFacts {
  int version = 11;
  bool keep_alive = false;
  bool head = false;
};

// The status to answer a failed read with; 0 means just close (the client left or was too slow).
int status_for_read_error(const error_code& ec) {
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) return 0;
  if (ec == http::error::header_limit) return 431;
  if (ec == http::error::body_limit) return 413;
  if (ec.category() == make_error_code(http::error::bad_method).category()) return 400;
  return 0;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// A handler must not be able to split the response with CR/LF in a header.
bool header_is_safe(const HttpHeader& h) {
  return is_token(h.name) && h.value.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos;
}

bool is_managed_header(std::string_view name) {
  return iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") || iequals(name, "Connection");
}

template <class Stream>
class Session final : public ConnectionBase, public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  Session(ServerCore& core, Stream stream, ConnectionInfo info, bool reject)
      : core_(core),
        stream_(std::move(stream)),
        wake_(stream_.get_executor()),
        info_(std::move(info)),
        reject_(reject) {}

  uint64_t id() const { return info_.id; }

  asio::awaitable<void> run() {
    auto self = this->shared_from_this();
    struct ExitGuard {
      Session* s;
      ~ExitGuard() { s->on_exit(); }
    } guard{this};
    bool graceful = false;
    try {
      graceful = co_await serve();
    } catch (const std::exception& e) {
      spdlog::warn("http: connection {} failed: {}", info_.id, e.what());
    }
    if (graceful && !force_closed_) {
      try {
        co_await finish();
      } catch (const std::exception&) {
      }
    }
    beast::get_lowest_layer(stream_).close();
  }

  void on_server_stop() override {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->idle_) beast::get_lowest_layer(self->stream_).close();
    });
  }

  void force_close() override {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
      self->force_closed_ = true;
      self->wake_.cancel();
      beast::get_lowest_layer(self->stream_).close();
    });
  }

 private:
  const HttpServerOptions& opts() const { return core_.options; }
  void expire_after(std::chrono::milliseconds d) { beast::get_lowest_layer(stream_).expires_after(d); }

  // Returns true when the connection should end with a TLS close_notify / lingering close.
  asio::awaitable<bool> serve() {
    // The first request's deadline runs from the accept, over the TLS handshake too.
    expire_after(opts().read_timeout);
    if constexpr (kTls) {
      error_code ec;
      co_await stream_.async_handshake(asio::ssl::stream_base::server, redirect(ec));
      if (ec) co_return false;
    }
    for (bool first = true;; first = false) {
      if (!co_await wait_for_request(first)) co_return false;
      int error_status = 0;
      std::optional<IncomingRequest> in = co_await read_request(&error_status);
      if (!in) {
        if (error_status == 0) co_return false;
        linger_ = true;  // the client may still be sending what we refused to read
        HttpResponse r = make_response(error_status, std::string(reason_phrase(error_status)) + "\n");
        r.close = true;
        co_await write_response(std::move(r), RequestFacts{});
        co_return true;
      }
      const RequestFacts facts{in->request.version, in->keep_alive, in->request.method == "HEAD"};
      std::optional<HttpResponse> response;
      if (reject_) {
        response = make_response(503, "server busy\n");
        response->headers.add("Retry-After", "60");
        response->close = true;
      } else {
        response = decode_request_body(in->request, in->body_limit);
        if (!response) response = co_await call_handler(std::move(in->request));
        if (!response) co_return false;  // cut off by stop()
      }
      const int outcome = co_await write_response(std::move(*response), facts);
      if (outcome != kKeepAlive) co_return outcome == kClose;
    }
  }

  // Waits for the first byte of the next request. Until it arrives the connection is idle: the
  // idle timeout applies and stop() may close it. From the first byte on, the whole request must
  // arrive within read_timeout.
  asio::awaitable<bool> wait_for_request(bool first) {
    if (buffer_.size() > 0) {
      if (!first) expire_after(opts().read_timeout);
      co_return true;
    }
    if (core_.stopping) co_return false;
    if (!first) expire_after(opts().idle_timeout);
    idle_ = true;
    error_code ec;
    const size_t n = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), redirect(ec));
    idle_ = false;
    if (ec) co_return false;
    buffer_.commit(n);
    if (!first) expire_after(opts().read_timeout);
    co_return true;
  }

  asio::awaitable<std::optional<IncomingRequest>> read_request(int* error_status) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<uint32_t>(std::min<size_t>(opts().header_limit, UINT32_MAX)));
    parser.body_limit(boost::none);  // decided per request below, once the header is known
    error_code ec;
    size_t n = co_await http::async_read_header(stream_, buffer_, parser, redirect(ec));
    core_.stats.bytes_in += n;
    if (ec) {
      *error_status = status_for_read_error(ec);
      co_return std::nullopt;
    }
    IncomingRequest in;
    {
      const auto& h = parser.get();
      in.request.method = std::string(h.method_string());
      in.request.target = std::string(h.target());
      in.request.version = static_cast<int>(h.version());
      for (const auto& field : h) in.request.headers.add(std::string(field.name_string()), std::string(field.value()));
      in.keep_alive = h.keep_alive();
    }
    if (opts().body_limit) {
      try {
        in.body_limit = opts().body_limit(in.request);
      } catch (const std::exception& e) {
        spdlog::error("http: body_limit callback threw: {}", e.what());
      }
    }
    if (const auto length = parser.content_length(); length && *length > in.body_limit) {
      *error_status = 413;
      co_return std::nullopt;
    }
    parser.body_limit(in.body_limit);
    if (in.request.version >= 11 && iequals(in.request.headers.get_or("Expect"), "100-continue") &&
        !parser.is_done()) {
      http::response<http::empty_body> cont{http::status::continue_, 11};
      co_await http::async_write(stream_, cont, redirect(ec));
      if (ec) co_return std::nullopt;
    }
    // The body usually arrived with the header: parse what is buffered at once, without another
    // asynchronous operation (which would cost a trip through the event loop).
    while (!parser.is_done() && buffer_.size() > 0) {
      const size_t used = parser.put(buffer_.data(), ec);
      buffer_.consume(used);
      core_.stats.bytes_in += used;
      if (ec == http::error::need_more) {
        ec = {};
        break;
      }
      if (ec) {
        *error_status = status_for_read_error(ec);
        co_return std::nullopt;
      }
      if (used == 0) break;
    }
    if (!parser.is_done()) {
      // Room for the rest of the body at once (a 50 KB answer then takes a read or two, not a
      // dozen 4 KB ones); capped, so that a client announcing a large body gets no memory for
      // bytes it has not sent.
      if (const auto length = parser.content_length_remaining(); length && *length > 0) {
        buffer_.reserve(buffer_.size() + static_cast<size_t>(std::min<uint64_t>(*length, kMaxReserve)));
      }
      n = co_await http::async_read(stream_, buffer_, parser, redirect(ec));
      core_.stats.bytes_in += n;
      if (ec) {
        *error_status = status_for_read_error(ec);
        co_return std::nullopt;
      }
    }
    in.request.body = std::move(parser.get().body());
    co_return in;
  }

  // Runs the handler and waits for its Respond, however late and from whichever thread.
  asio::awaitable<std::optional<HttpResponse>> call_handler(HttpRequest request) {
    auto slot = std::make_shared<ResponseSlot>([weak = this->weak_from_this(), ex = stream_.get_executor()] {
      asio::post(ex, [weak] {
        if (auto self = weak.lock()) self->wake_.cancel();
      });
    });
    slot_ = slot;
    try {
      if (core_.handler) {
        core_.handler(std::move(request), info_, make_respond(slot));
      } else {
        slot->deliver(make_response(500, "no handler\n"));
      }
    } catch (const std::exception& e) {
      spdlog::error("http: handler threw: {}", e.what());
      slot->deliver(make_response(500, "internal error\n"));
    } catch (...) {
      spdlog::error("http: handler threw a non-exception");
      slot->deliver(make_response(500, "internal error\n"));
    }
    for (;;) {
      if (auto response = slot->take()) {
        slot->abandon();
        co_return response;
      }
      if (force_closed_) co_return std::nullopt;
      wake_.expires_at(asio::steady_timer::time_point::max());
      error_code ec;
      co_await wake_.async_wait(redirect(ec));
    }
  }

  enum WriteOutcome { kKeepAlive, kClose, kFailed };

  asio::awaitable<int> write_response(HttpResponse r, const RequestFacts& facts) {
    if (r.status < 200 || r.status > 999) r = make_response(500, "invalid response status\n");
    bool keep = facts.keep_alive && !r.close && !reject_ && !core_.stopping && !force_closed_;
    if (const auto c = r.headers.get("Connection"); c && iequals(trim(*c), "close")) keep = false;

    http::response_header<> header;
    header.version(facts.version == 10 ? 10 : 11);
    header.result(static_cast<unsigned>(r.status));
    header.reason(reason_phrase(r.status));
    for (const auto& h : r.headers) {
      if (is_managed_header(h.name)) continue;
      if (!header_is_safe(h)) {
        spdlog::warn("http: dropped an unsafe response header '{}'", h.name);
        continue;
      }
      header.insert(h.name, h.value);
    }
    const int status = r.status;
    if (status == 204 || status == 304) {
      http::response<http::empty_body> m{std::move(header)};
      m.keep_alive(keep);
      co_return co_await write_message(m, status, keep);
    }
    if (r.file_path) {
      http::file_body::value_type file;
      error_code ec;
      file.open(r.file_path->c_str(), beast::file_mode::scan, ec);
      if (ec) {
        spdlog::error("http: cannot open {}: {}", *r.file_path, ec.message());
        HttpResponse err = make_response(500, "cannot read the file\n");
        err.close = !keep;
        co_return co_await write_response(std::move(err), facts);
      }
      if (facts.head) {
        http::response<http::empty_body> m{std::move(header)};
        m.keep_alive(keep);
        m.content_length(file.size());
        co_return co_await write_message(m, status, keep);
      }
      http::response<http::file_body> m{std::move(header), std::move(file)};
      m.keep_alive(keep);
      m.prepare_payload();
      co_return co_await write_message(m, status, keep);
    }
    if (!r.content_encoding.empty() && !r.body.empty()) {
      const ContentCoding coding = parse_content_coding(r.content_encoding);
      if (coding == ContentCoding::kGzip) {
        r.body = gzip_encode(r.body);
        header.set(http::field::content_encoding, "gzip");
      } else if (coding == ContentCoding::kDeflate) {
        r.body = deflate_encode(r.body);
        header.set(http::field::content_encoding, "deflate");
      }
    }
    if (facts.head) {
      http::response<http::empty_body> m{std::move(header)};
      m.keep_alive(keep);
      m.content_length(r.body.size());
      co_return co_await write_message(m, status, keep);
    }
    http::response<http::string_body> m{std::move(header), std::move(r.body)};
    m.keep_alive(keep);
    m.prepare_payload();
    co_return co_await write_message(m, status, keep);
  }

  template <class Message>
  asio::awaitable<int> write_message(Message& m, int status, bool keep) {
    expire_after(opts().write_timeout);
    error_code ec;
    const size_t n = co_await http::async_write(stream_, m, redirect(ec));
    core_.stats.bytes_out += n;
    core_.stats.requests++;
    if (status >= 400 && status < 500) core_.stats.responses_4xx++;
    if (status >= 500) core_.stats.responses_5xx++;
    if (ec) co_return kFailed;
    co_return keep ? kKeepAlive : kClose;
  }

  // Ends the connection politely: TLS close_notify; for plain TCP, after an answer to a request
  // that was not read whole, a half-close and then draining what the client still sends, so that
  // the answer is not lost to a reset. Otherwise the close itself sends the FIN (one system call
  // per connection less on the periodic session's path).
  asio::awaitable<void> finish() {
    error_code ec;
    if constexpr (kTls) {
      expire_after(std::min<std::chrono::milliseconds>(opts().write_timeout, kTlsShutdownTime));
      co_await stream_.async_shutdown(redirect(ec));
    } else {
      if (!linger_) co_return;
      beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_send, ec);
      if (ec) co_return;
      expire_after(kLingerTime);
      char sink[kReadChunk];
      size_t drained = 0;
      while (!ec && drained < kMaxLingerBytes) {
        drained += co_await stream_.async_read_some(asio::buffer(sink), redirect(ec));
      }
    }
  }

  void on_exit() {
    if (slot_) slot_->abandon();
    if (reject_) {
      core_.rejecting--;
    } else {
      core_.stats.connections_open--;
      if (opts().on_connection_closed) {
        try {
          opts().on_connection_closed(info_);
        } catch (const std::exception& e) {
          spdlog::error("http: on_connection_closed threw: {}", e.what());
        }
      }
    }
    core_.remove_live(info_.id);  // last: stop() may destroy the server once `live` is empty
  }

  ServerCore& core_;
  Stream stream_;
  beast::flat_buffer buffer_;
  asio::steady_timer wake_;  // cancelled to wake the coroutine when a response arrives
  ConnectionInfo info_;
  const bool reject_;
  bool idle_ = false;          // waiting for the first byte of a request
  bool force_closed_ = false;  // stop()'s grace period is over
  bool linger_ = false;        // we answered without reading the whole request
  std::shared_ptr<ResponseSlot> slot_;
};

}  // namespace

void ServerCore::add_live(uint64_t id, std::weak_ptr<ConnectionBase> conn) {
  std::lock_guard lock(mu);
  live.emplace(id, std::move(conn));
}

void ServerCore::remove_live(uint64_t id) {
  std::lock_guard lock(mu);
  live.erase(id);
  if (live.empty()) all_closed.notify_all();
}

void spawn_session(ServerCore& core, tcp::socket socket, const tcp::endpoint& remote, asio::ssl::context* tls,
                   bool reject) {
  ConnectionInfo info;
  info.id = core.next_connection_id++;
  info.tls = tls != nullptr;
  {
    asio::ip::address address = remote.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
      address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
    }
    info.remote_ip = address.to_string();
    info.remote_port = remote.port();
  }
  if (reject) {
    core.rejecting++;
  } else {
    core.stats.connections_open++;
    core.stats.connections_total++;
  }
  auto on_done = [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      spdlog::error("http: connection coroutine ended with: {}", ex.what());
    } catch (...) {
    }
  };
  const auto executor = socket.get_executor();
  if (tls != nullptr) {
    auto session = std::make_shared<Session<TlsStream>>(core, TlsStream(PlainStream(std::move(socket)), *tls),
                                                        std::move(info), reject);
    core.add_live(session->id(), session);
    asio::co_spawn(executor, session->run(), on_done);
  } else {
    auto session =
        std::make_shared<Session<PlainStream>>(core, PlainStream(std::move(socket)), std::move(info), reject);
    core.add_live(session->id(), session);
    asio::co_spawn(executor, session->run(), on_done);
  }
}

}  // namespace hearth::net::detail
