// ClientConnection: Beast on a tcp_stream, written as completion callbacks (no coroutine frame per
// request). The state lives in a shared Impl so a completion arriving after the owner is gone
// finds a valid object and nothing to call.
#include "net/client_connection.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <optional>

#include "core/strings.h"
#include "net/event_loop_internal.h"

namespace hearth::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;

namespace {

Error transport_error(const error_code& ec) {
  if (ec == beast::error::timeout) return make_error(ErrorCode::kTimeout, "timed out");
  if (ec == asio::error::connection_refused) return make_error(ErrorCode::kUnavailable, "connection refused");
  if (ec == asio::error::connection_reset || ec == asio::error::eof || ec == asio::error::broken_pipe ||
      ec == http::error::end_of_stream || ec == http::error::partial_message) {
    return make_error(ErrorCode::kUnavailable, "connection closed by peer");
  }
  if (ec == http::error::body_limit || ec == http::error::header_limit) {
    return make_error(ErrorCode::kTooLarge, "response too large");
  }
  if (ec.category() == make_error_code(http::error::bad_method).category()) {
    return make_error(ErrorCode::kInternal, "malformed HTTP response: " + ec.message());
  }
  return make_error(ErrorCode::kUnavailable, ec.message());
}

// The server closed a kept-alive connection before answering anything: worth one more try.
bool closed_before_answer(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::connection_reset || ec == asio::error::eof ||
         ec == asio::error::broken_pipe;
}

bool is_managed_header(std::string_view name) {
  return iequals(name, "Host") || iequals(name, "Content-Length") || iequals(name, "Connection") ||
         iequals(name, "Transfer-Encoding");
}

}  // namespace

class ClientConnection::Impl : public std::enable_shared_from_this<ClientConnection::Impl> {
 public:
  Impl(EventLoop& loop, std::string host, uint16_t port, ClientConnectionOptions options)
      : ioc_(detail::io_context(loop)), host_(std::move(host)), port_(port), options_(options) {
    host_header_ = host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_;
    if (port_ != 80) host_header_ += ":" + std::to_string(port_);
  }

  void send(HttpRequest request, ClientCallback done) {
    done_ = std::move(done);
    busy_ = true;
    retried_ = false;
    req_ = {};
    const http::verb verb = http::string_to_verb(request.method);
    if (verb == http::verb::unknown) {
      req_.method_string(request.method);
    } else {
      req_.method(verb);
    }
    head_ = verb == http::verb::head;
    req_.target(request.target.empty() ? "/" : request.target);
    req_.version(11);
    req_.set(http::field::host, host_header_);
    for (const auto& h : request.headers) {
      if (!is_managed_header(h.name)) req_.insert(h.name, h.value);
    }
    req_.body() = std::move(request.body);
    req_.keep_alive(true);
    req_.prepare_payload();
    deadline_ = std::chrono::steady_clock::now() + options_.timeout;
    if (connected()) {
      write(true);
    } else {
      connect();
    }
  }

  bool busy() const { return busy_; }
  bool connected() const { return stream_.has_value() && stream_->socket().is_open(); }
  uint64_t connects() const { return connects_; }

  // Drops the request in flight (no callback) and the TCP connection.
  void close() {
    done_ = nullptr;
    busy_ = false;
    ++generation_;
    close_socket();
  }

 private:
  void close_socket() {
    if (stream_) {
      error_code ec;
      stream_->socket().shutdown(tcp::socket::shutdown_both, ec);
      stream_->close();
      stream_.reset();
    }
    buffer_.clear();
  }

  void connect() {
    close_socket();
    if (!endpoint_) {
      error_code ec;
      const auto address = asio::ip::make_address(host_, ec);
      if (!ec) {
        endpoint_ = tcp::endpoint(address, port_);
      } else {
        // Names are rare here (the ACS URL); a blocking lookup once per connection object.
        tcp::resolver resolver(ioc_);
        const auto results = resolver.resolve(host_, std::to_string(port_), ec);
        if (ec || results.empty()) {
          const uint64_t gen = generation_;
          asio::post(ioc_, [self = shared_from_this(), gen] {
            if (gen == self->generation_) self->finish(make_error(ErrorCode::kUnavailable, "cannot resolve host"));
          });
          return;
        }
        endpoint_ = results.begin()->endpoint();
      }
    }
    stream_.emplace(ioc_);
    stream_->expires_at(deadline_);
    ++connects_;
    stream_->async_connect(*endpoint_, [self = shared_from_this(), gen = generation_](error_code ec) {
      if (gen != self->generation_) return;
      if (ec) return self->fail(ec);
      self->write(false);
    });
  }

  void write(bool reused) {
    stream_->expires_at(deadline_);
    http::async_write(*stream_, req_,
                      [self = shared_from_this(), gen = generation_, reused](error_code ec, size_t) {
                        if (gen != self->generation_) return;
                        if (ec) {
                          if (reused && !self->retried_ && closed_before_answer(ec)) return self->retry();
                          return self->fail(ec);
                        }
                        self->read(reused);
                      });
  }

  void read(bool reused) {
    parser_.emplace();
    parser_->header_limit(options_.header_limit);
    parser_->body_limit(options_.max_response_bytes);
    if (head_) parser_->skip(true);
    http::async_read(*stream_, buffer_, *parser_,
                     [self = shared_from_this(), gen = generation_, reused](error_code ec, size_t n) {
                       if (gen != self->generation_) return;
                       if (ec) {
                         if (reused && !self->retried_ && n == 0 && closed_before_answer(ec)) return self->retry();
                         return self->fail(ec);
                       }
                       self->received();
                     });
  }

  void retry() {
    retried_ = true;
    connect();
  }

  void received() {
    auto& res = parser_->get();
    HttpResponse out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res) out.headers.add(std::string(field.name_string()), std::string(field.value()));
    out.body = std::move(res.body());
    out.close = !res.keep_alive();
    parser_.reset();
    if (out.close) close_socket();
    finish(std::move(out));
  }

  void fail(const error_code& ec) {
    close_socket();
    finish(transport_error(ec));
  }

  void finish(Result<HttpResponse> result) {
    busy_ = false;
    ClientCallback done = std::move(done_);
    done_ = nullptr;
    if (done) detail::run_guarded("client connection callback", [&] { done(std::move(result)); });
  }

  asio::io_context& ioc_;
  const std::string host_;
  const uint16_t port_;
  const ClientConnectionOptions options_;
  std::string host_header_;
  std::optional<tcp::endpoint> endpoint_;
  std::optional<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  std::optional<http::response_parser<http::string_body>> parser_;
  std::chrono::steady_clock::time_point deadline_;
  ClientCallback done_;
  uint64_t generation_ = 0;  // bumped by close(): completions of an older generation are ignored
  uint64_t connects_ = 0;
  bool busy_ = false;
  bool retried_ = false;
  bool head_ = false;
};

ClientConnection::ClientConnection(EventLoop& loop, std::string host, uint16_t port, ClientConnectionOptions options)
    : impl_(std::make_shared<Impl>(loop, std::move(host), port, options)) {}
ClientConnection::~ClientConnection() { impl_->close(); }
void ClientConnection::send(HttpRequest request, ClientCallback done) { impl_->send(std::move(request), std::move(done)); }
bool ClientConnection::busy() const { return impl_->busy(); }
bool ClientConnection::connected() const { return impl_->connected(); }
void ClientConnection::close() { impl_->close(); }
uint64_t ClientConnection::connects() const { return impl_->connects(); }

}  // namespace hearth::net
