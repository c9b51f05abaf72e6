// ClientConnection against the real net::HttpServer on loopback port 0: keep-alive reuse,
// reconnecting after Connection: close and after the server silently dropped an idle connection,
// timeouts, refused connections, and close() dropping the callback.
#include "net/client_connection.h"

#include <gtest/gtest.h>

#include <thread>

#include "net/http_server.h"
#include "net/testing/mailbox.h"

namespace hearth::net {
namespace {

using namespace std::chrono_literals;
using testing::Mailbox;

// Runs the loop until `done` is called for the request (bounded by a guard timer).
Result<HttpResponse> exchange(EventLoop& loop, ClientConnection& conn, HttpRequest req) {
  std::optional<Result<HttpResponse>> out;
  conn.send(std::move(req), [&](Result<HttpResponse> r) {
    out = std::move(r);
    loop.stop();
  });
  const auto guard = loop.call_after(20s, [&] { loop.stop(); });
  loop.run();
  loop.cancel(guard);
  if (!out) return make_error(ErrorCode::kInternal, "no callback");
  return std::move(*out);
}

HttpRequest get(const std::string& target) {
  HttpRequest r;
  r.method = "GET";
  r.target = target;
  return r;
}

// An echo server: answers "<method> <target> <body>", closing when the target says so.
std::unique_ptr<HttpServer> echo_server(HttpServerOptions options = {}, Mailbox<HttpRequest>* seen = nullptr) {
  auto server = std::make_unique<HttpServer>(options, [seen](HttpRequest&& req, const ConnectionInfo& info,
                                                             Respond respond) {
    HttpResponse r = make_response(200, req.method + " " + req.target + " " + req.body);
    r.headers.add("X-Connection", std::to_string(info.id));
    r.close = req.target == "/close";
    if (seen) seen->put(std::move(req));
    respond(std::move(r));
  });
  EXPECT_TRUE(server->start().ok());
  return server;
}

TEST(ClientConnectionTest, KeepsOneConnectionForSeveralRequests) {
  Mailbox<HttpRequest> seen;
  auto server = echo_server({}, &seen);
  EventLoop loop;
  ClientConnection conn(loop, "127.0.0.1", server->port());
  HttpRequest post;
  post.method = "POST";
  post.target = "/acs";
  post.body = "<inform/>";
  post.headers.add("Content-Type", "text/xml");
  post.headers.add("Cookie", "session=abc");
  auto first = exchange(loop, conn, post);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "POST /acs <inform/>");
  EXPECT_FALSE(first->close);
  auto second = exchange(loop, conn, get("/next"));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->body, "GET /next ");
  EXPECT_EQ(first->headers.get("X-Connection"), second->headers.get("X-Connection"));
  EXPECT_EQ(conn.connects(), 1u);
  auto req = seen.take();
  ASSERT_TRUE(req.has_value());
  EXPECT_EQ(req->headers.get("Cookie"), "session=abc");
  EXPECT_EQ(req->headers.get("Content-Type"), "text/xml");
  EXPECT_EQ(req->headers.get("Host"), "127.0.0.1:" + std::to_string(server->port()));
}

TEST(ClientConnectionTest, ReconnectsAfterConnectionClose) {
  auto server = echo_server();
  EventLoop loop;
  ClientConnection conn(loop, "127.0.0.1", server->port());
  auto closing = exchange(loop, conn, get("/close"));
  ASSERT_TRUE(closing.ok()) << closing.error().message;
  EXPECT_TRUE(closing->close);
  EXPECT_FALSE(conn.connected());
  auto next = exchange(loop, conn, get("/again"));
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->body, "GET /again ");
  EXPECT_NE(closing->headers.get("X-Connection"), next->headers.get("X-Connection"));
  EXPECT_EQ(conn.connects(), 2u);
}

TEST(ClientConnectionTest, ResendsOnceWhenTheServerDroppedTheIdleConnection) {
  HttpServerOptions options;
  options.idle_timeout = 1ms;
  auto server = echo_server(options);
  EventLoop loop;
  ClientConnection conn(loop, "127.0.0.1", server->port());
  ASSERT_TRUE(exchange(loop, conn, get("/one")).ok());
  // Wait (bounded) until the server has closed the idle connection on its side.
  for (int i = 0; i < 1000 && server->stats().connections_open.load() > 0; ++i) std::this_thread::sleep_for(5ms);
  ASSERT_EQ(server->stats().connections_open.load(), 0u);
  EXPECT_TRUE(conn.connected());  // the client has not noticed yet
  auto two = exchange(loop, conn, get("/two"));
  ASSERT_TRUE(two.ok()) << two.error().message;
  EXPECT_EQ(two->body, "GET /two ");
  EXPECT_EQ(conn.connects(), 2u);
}

TEST(ClientConnectionTest, TimesOutWhenTheServerDoesNotAnswer) {
  Mailbox<Respond> held;
  HttpServer server(HttpServerOptions{}, [&](HttpRequest&&, const ConnectionInfo&, Respond respond) {
    held.put(std::move(respond));
  });
  ASSERT_TRUE(server.start().ok());
  EventLoop loop;
  ClientConnectionOptions o;
  o.timeout = 100ms;
  ClientConnection conn(loop, "127.0.0.1", server.port(), o);
  auto r = exchange(loop, conn, get("/slow"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kTimeout);
  EXPECT_FALSE(conn.connected());
  auto respond = held.take();
  ASSERT_TRUE(respond.has_value());
  (*respond)(make_response(200, "late"));
}

TEST(ClientConnectionTest, RefusedConnectionIsUnavailable) {
  uint16_t port = 0;
  {
    auto server = echo_server();
    port = server->port();
  }  // stopped: nothing listens there now
  EventLoop loop;
  ClientConnection conn(loop, "127.0.0.1", port);
  auto r = exchange(loop, conn, get("/"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(conn.busy());
}

TEST(ClientConnectionTest, CloseDropsTheCallbackOfTheRequestInFlight) {
  Mailbox<Respond> held;
  HttpServer server(HttpServerOptions{}, [&](HttpRequest&&, const ConnectionInfo&, Respond respond) {
    held.put(std::move(respond));
  });
  ASSERT_TRUE(server.start().ok());
  EventLoop loop;
  auto conn = std::make_unique<ClientConnection>(loop, "127.0.0.1", server.port());
  bool called = false;
  conn->send(get("/held"), [&](Result<HttpResponse>) { called = true; });
  // Once the server holds the request, destroy the connection, then let the loop drain.
  std::thread waiter([&] {
    auto respond = held.take();
    loop.post([&] { conn.reset(); });
    loop.post([&] { loop.stop(); });
    if (respond) (*respond)(make_response(200, "too late"));
  });
  loop.run();
  waiter.join();
  loop.call_after(20ms, [&] { loop.stop(); });
  loop.run();
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace hearth::net
