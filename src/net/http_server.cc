// The listening side of HttpServer: address parsing, TLS set-up, the accept loop, the threads
// and the stop sequence. Connections themselves live in server_session.cc.
#include "net/http_server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <pthread.h>
#include <spdlog/spdlog.h>

#include <thread>
#include <vector>

#include "core/strings.h"
#include "net/server_internal.h"

namespace hearth::net {

namespace asio = boost::asio;
using boost::system::error_code;
using tcp = asio::ip::tcp;

namespace {

// Connections over max_connections are answered 503; at most this many at a time, the rest are
// closed at once.
constexpr size_t kMaxRejecting = 64;
// After the grace period, how long stop() waits for cut-off connections to unwind.
constexpr auto kForceCloseWait = std::chrono::seconds(5);

Result<tcp::endpoint> parse_listen_address(std::string_view text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return make_error(ErrorCode::kInvalidArgument, "listen address without a port");
  std::string_view host = text.substr(0, colon);
  const auto port = parse_uint64(text.substr(colon + 1));
  if (!port || *port > 65535) return make_error(ErrorCode::kInvalidArgument, "bad port in listen address");
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return make_error(ErrorCode::kInvalidArgument, "IPv6 listen addresses need brackets: [ADDR]:PORT");
  }
  error_code ec;
  const auto address = asio::ip::make_address(std::string(host), ec);
  if (ec) return make_error(ErrorCode::kInvalidArgument, "bad listen address '" + std::string(host) + "'");
  return tcp::endpoint(address, static_cast<uint16_t>(*port));
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(HttpServerOptions options, Handler handler) : ioc_(std::max(1, options.threads)) {
    core_.options = std::move(options);
    core_.handler = std::move(handler);
  }

  ~Impl() { stop(); }

  Status start() {
    if (started_) return make_error(ErrorCode::kConflict, "server already started");
    auto endpoint = parse_listen_address(core_.options.listen);
    if (!endpoint.ok()) return endpoint.error();
    if (core_.options.tls) {
      if (auto s = setup_tls(*core_.options.tls); !s.ok()) return s;
    }
    acceptor_.emplace(accept_strand_);
    error_code ec;
    acceptor_->open(endpoint->protocol(), ec);
    if (!ec) acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_->bind(*endpoint, ec);
    if (!ec) acceptor_->listen(asio::socket_base::max_listen_connections, ec);
    if (!ec) bound_ = acceptor_->local_endpoint(ec);
    if (ec) {
      acceptor_.reset();
      const ErrorCode code = ec == asio::error::address_in_use || ec == asio::error::access_denied
                                 ? ErrorCode::kUnavailable
                                 : ErrorCode::kInvalidArgument;
      return make_error(code, "cannot listen on " + core_.options.listen + ": " + ec.message());
    }
    work_.emplace(ioc_.get_executor());
    asio::co_spawn(accept_strand_, accept_loop(), [](std::exception_ptr e) {
      if (e) spdlog::error("http: the accept loop ended with an exception");
    });
    const int threads = std::max(1, core_.options.threads);
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run_thread(); });
    started_ = true;
    return ok_status();
  }

  void stop() {
    if (!started_ || stopped_) return;
    stopped_ = true;
    core_.stopping = true;
    asio::post(accept_strand_, [this] {
      error_code ec;
      acceptor_->close(ec);
    });
    for (const auto& conn : live_connections()) conn->on_server_stop();
    if (!wait_all_closed(core_.options.stop_grace)) {
      for (const auto& conn : live_connections()) conn->force_close();
      if (!wait_all_closed(kForceCloseWait)) spdlog::warn("http: some connections did not close in time");
    }
    work_.reset();
    ioc_.stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

  std::string bound_address() const {
    const auto a = bound_.address();
    const std::string host = a.is_v6() ? "[" + a.to_string() + "]" : a.to_string();
    return host + ":" + std::to_string(bound_.port());
  }
  uint16_t port() const { return bound_.port(); }
  const HttpServerStats& stats() const { return core_.stats; }

 private:
  Status setup_tls(const TlsFiles& files) {
    ssl_.emplace(asio::ssl::context::tls_server);
    ssl_->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                      asio::ssl::context::no_sslv3 | asio::ssl::context::single_dh_use);
    error_code ec;
    ssl_->use_certificate_chain_file(files.certificate_file, ec);
    if (ec) {
      ssl_.reset();
      return make_error(ErrorCode::kInvalidArgument, "cannot load TLS certificate " + files.certificate_file);
    }
    ssl_->use_private_key_file(files.private_key_file, asio::ssl::context::pem, ec);
    if (ec) {
      ssl_.reset();
      return make_error(ErrorCode::kInvalidArgument, "cannot load TLS key " + files.private_key_file);
    }
    return ok_status();
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      error_code ec;
      // The accept fills in the peer's address (no getpeername per connection). With one thread
      // the io_context is itself a strand, so connections skip the strand's bookkeeping.
      tcp::endpoint remote;
      const asio::any_io_executor executor = core_.options.threads <= 1
                                                 ? asio::any_io_executor(ioc_.get_executor())
                                                 : asio::any_io_executor(asio::make_strand(ioc_));
      tcp::socket socket =
          co_await acceptor_->async_accept(executor, remote, asio::redirect_error(asio::use_awaitable, ec));
      if (core_.stopping || !acceptor_->is_open()) co_return;
      if (ec) {
        // Out of file descriptors and the like: pause instead of spinning on the error.
        spdlog::warn("http: accept failed: {}", ec.message());
        asio::steady_timer pause(accept_strand_, std::chrono::milliseconds(50));
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        continue;
      }
      const bool over = core_.stats.connections_open.load() >= core_.options.max_connections;
      if (over) {
        core_.stats.connections_rejected++;
        if (core_.rejecting.load() >= kMaxRejecting) {
          socket.close(ec);
          continue;
        }
      }
      detail::spawn_session(core_, std::move(socket), remote, ssl_ ? &*ssl_ : nullptr, over);
    }
  }

  void run_thread() {
    pthread_setname_np(pthread_self(), "hearth-net");
    for (;;) {
      try {
        ioc_.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("http: exception escaped to the event loop: {}", e.what());
      }
    }
  }

  std::vector<std::shared_ptr<detail::ConnectionBase>> live_connections() {
    std::vector<std::shared_ptr<detail::ConnectionBase>> out;
    std::lock_guard lock(core_.mu);
    for (auto& [id, weak] : core_.live) {
      if (auto conn = weak.lock()) out.push_back(std::move(conn));
    }
    return out;
  }

  bool wait_all_closed(std::chrono::milliseconds timeout) {
    std::unique_lock lock(core_.mu);
    return core_.all_closed.wait_for(lock, timeout, [this] { return core_.live.empty(); });
  }

  // Declaration order is destruction order reversed: the io_context goes before the state its
  // pending handlers may still touch (core_, ssl_).
  detail::ServerCore core_;
  std::optional<asio::ssl::context> ssl_;
  std::vector<std::thread> threads_;
  tcp::endpoint bound_;
  bool started_ = false;
  bool stopped_ = false;
  asio::io_context ioc_;
  asio::strand<asio::io_context::executor_type> accept_strand_{asio::make_strand(ioc_)};
  std::optional<tcp::acceptor> acceptor_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
};

HttpServer::HttpServer(HttpServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}
HttpServer::~HttpServer() = default;
Status HttpServer::start() { return impl_->start(); }
void HttpServer::stop() { impl_->stop(); }
std::string HttpServer::bound_address() const { return impl_->bound_address(); }
uint16_t HttpServer::port() const { return impl_->port(); }
const HttpServerStats& HttpServer::stats() const { return impl_->stats(); }

}  // namespace hearth::net
