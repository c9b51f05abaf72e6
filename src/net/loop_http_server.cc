// LoopHttpServer: one acceptor per port on the loop's io_context, and per connection a small
// callback-driven read/answer cycle with Beast. Connections hold the shared Impl, so a server
// stopped and destroyed while completions are still queued leaves nothing dangling.
#include "net/loop_http_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <optional>
#include <unordered_map>

#include "core/strings.h"
#include "net/event_loop_internal.h"

namespace hearth::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;

namespace {

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

bool header_is_sendable(const HttpHeader& h) {
  if (iequals(h.name, "Content-Length") || iequals(h.name, "Transfer-Encoding") || iequals(h.name, "Connection")) {
    return false;
  }
  return is_token(h.name) && h.value.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos;
}

// The status answering a failed read; 0 means just close.
int status_for_read_error(const error_code& ec) {
  if (ec == http::error::header_limit) return 431;
  if (ec == http::error::body_limit) return 413;
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) return 0;
  if (ec.category() == make_error_code(http::error::bad_method).category()) return 400;
  return 0;
}

}  // namespace

class LoopHttpServer::Impl : public std::enable_shared_from_this<LoopHttpServer::Impl> {
 public:
  Impl(EventLoop& loop, LoopHttpServerOptions options, LoopHandler handler)
      : ioc_(detail::io_context(loop)), options_(std::move(options)), handler_(std::move(handler)) {}

  Status start();
  void stop();
  const std::vector<uint16_t>& ports() const { return ports_; }
  LoopHttpServerStats stats() const { return stats_; }
  size_t open_connections() const { return live_.size(); }

 private:
  class Conn;
  friend class Conn;

  void accept(size_t index);

  asio::io_context& ioc_;
  LoopHttpServerOptions options_;
  LoopHandler handler_;
  LoopHttpServerStats stats_;
  std::vector<tcp::acceptor> acceptors_;
  std::vector<uint16_t> ports_;
  std::unordered_map<uint64_t, std::weak_ptr<Conn>> live_;
  uint64_t next_id_ = 1;
  bool started_ = false;
  bool stopped_ = false;
};

class LoopHttpServer::Impl::Conn : public std::enable_shared_from_this<Conn> {
 public:
  Conn(std::shared_ptr<Impl> server, tcp::socket socket, ConnectionInfo info)
      : server_(std::move(server)), stream_(std::move(socket)), info_(std::move(info)) {}

  void start() { read(); }

  void close() {
    if (closed_) return;
    closed_ = true;
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
    server_->live_.erase(info_.id);
  }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(server_->options_.header_limit);
    parser_->body_limit(server_->options_.body_limit);
    stream_.expires_after(server_->options_.read_timeout);
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](error_code ec, size_t) {
      if (self->closed_) return;
      if (ec) {
        const int status = status_for_read_error(ec);
        if (status == 0) return self->close();
        return self->answer(make_response(status, std::string(reason_phrase(status)) + "\n"), false);
      }
      self->dispatch();
    });
  }

  void dispatch() {
    auto& req = parser_->get();
    HttpRequest request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    request.version = static_cast<int>(req.version());
    for (const auto& field : req) request.headers.add(std::string(field.name_string()), std::string(field.value()));
    request.body = std::move(req.body());
    const bool keep_alive = req.keep_alive();
    parser_.reset();
    server_->stats_.requests++;
    std::optional<HttpResponse> response;
    detail::run_guarded("http handler", [&] {
      response = server_->handler_ ? server_->handler_(request, info_) : make_response(500, "no handler\n");
    });
    if (!response) {
      server_->stats_.unanswered++;
      return close();
    }
    answer(std::move(*response), keep_alive && !response->close);
  }

  void answer(HttpResponse r, bool keep_alive) {
    res_ = {};
    res_.version(11);
    res_.result(static_cast<unsigned>(r.status));
    res_.reason(reason_phrase(r.status));
    for (const auto& h : r.headers) {
      if (header_is_sendable(h)) res_.insert(h.name, h.value);
    }
    if (const auto c = r.headers.get("Connection"); c && iequals(trim(*c), "close")) keep_alive = false;
    res_.keep_alive(keep_alive);
    if (r.status != 204 && r.status != 304) res_.body() = std::move(r.body);
    res_.prepare_payload();
    stream_.expires_after(server_->options_.read_timeout);
    http::async_write(stream_, res_, [self = shared_from_this(), keep_alive](error_code ec, size_t) {
      if (self->closed_) return;
      if (ec || !keep_alive || self->server_->stopped_) return self->close();
      self->read();
    });
  }

  std::shared_ptr<Impl> server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
  ConnectionInfo info_;
  bool closed_ = false;
};

Status LoopHttpServer::Impl::start() {
  if (started_) return make_error(ErrorCode::kConflict, "server already started");
  started_ = true;
  if (options_.last_port < options_.first_port) {
    return make_error(ErrorCode::kInvalidArgument, "port range ends before it starts");
  }
  error_code ec;
  const auto address = asio::ip::make_address(options_.address, ec);
  if (ec) return make_error(ErrorCode::kInvalidArgument, "bad listen address '" + options_.address + "'");
  for (uint32_t port = options_.first_port; port <= options_.last_port; ++port) {
    tcp::acceptor acceptor(ioc_);
    const tcp::endpoint endpoint(address, static_cast<uint16_t>(port));
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      acceptors_.clear();
      ports_.clear();
      return make_error(ErrorCode::kUnavailable,
                        "cannot listen on " + options_.address + ":" + std::to_string(port) + ": " + ec.message());
    }
    ports_.push_back(acceptor.local_endpoint(ec).port());
    acceptors_.push_back(std::move(acceptor));
  }
  for (size_t i = 0; i < acceptors_.size(); ++i) accept(i);
  return ok_status();
}

void LoopHttpServer::Impl::accept(size_t index) {
  acceptors_[index].async_accept(ioc_, [self = shared_from_this(), index](error_code ec, tcp::socket socket) {
    if (self->stopped_) return;
    if (ec) {
      // Out of descriptors and the like: keep accepting; the failed socket is gone.
      if (ec != asio::error::operation_aborted) spdlog::warn("http: accept failed: {}", ec.message());
      return self->accept(index);
    }
    if (self->live_.size() >= self->options_.max_connections) {
      self->stats_.rejected++;
      error_code ignored;
      socket.close(ignored);
      return self->accept(index);
    }
    self->stats_.connections++;
    ConnectionInfo info;
    info.id = self->next_id_++;
    const auto remote = socket.remote_endpoint(ec);
    if (!ec) {
      info.remote_ip = remote.address().to_string();
      info.remote_port = remote.port();
    }
    auto conn = std::make_shared<Conn>(self, std::move(socket), std::move(info));
    self->live_.emplace(self->next_id_ - 1, conn);
    conn->start();
    self->accept(index);
  });
}

void LoopHttpServer::Impl::stop() {
  if (stopped_) return;
  stopped_ = true;
  for (auto& a : acceptors_) {
    error_code ec;
    a.close(ec);
  }
  std::vector<std::shared_ptr<Conn>> conns;
  for (auto& [id, weak] : live_) {
    if (auto c = weak.lock()) conns.push_back(std::move(c));
  }
  for (auto& c : conns) c->close();
  live_.clear();
}

LoopHttpServer::LoopHttpServer(EventLoop& loop, LoopHttpServerOptions options, LoopHandler handler)
    : impl_(std::make_shared<Impl>(loop, std::move(options), std::move(handler))) {}
LoopHttpServer::~LoopHttpServer() { impl_->stop(); }
Status LoopHttpServer::start() { return impl_->start(); }
void LoopHttpServer::stop() { impl_->stop(); }
const std::vector<uint16_t>& LoopHttpServer::ports() const { return impl_->ports(); }
LoopHttpServerStats LoopHttpServer::stats() const { return impl_->stats(); }
size_t LoopHttpServer::open_connections() const { return impl_->open_connections(); }

}  // namespace hearth::net
