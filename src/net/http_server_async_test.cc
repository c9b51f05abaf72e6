// Late answers, stopping, and TLS.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "net/http_client.h"
#include "net/http_server.h"
#include "net/testing/mailbox.h"
#include "net/testing/raw_client.h"
#include "net/testing/temp_dir.h"
#include "net/testing/test_cert.h"

namespace hearth::net {
namespace {

using testing::Mailbox;
using testing::RawClient;

const std::string kGet = "GET /late HTTP/1.1\r\nHost: t\r\n\r\n";

// Parks every Respond in a mailbox so the test answers when and from where it likes.
struct Parking {
  Mailbox<Respond> responds;
  Handler handler() {
    return [this](HttpRequest&&, const ConnectionInfo&, Respond respond) { responds.put(std::move(respond)); };
  }
};

TEST(HttpServerAsyncTest, RespondFromAnotherThreadLater) {
  Parking parking;
  HttpServer server(HttpServerOptions{}, parking.handler());
  ASSERT_TRUE(server.start().ok());
  RawClient c(server.port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.send(kGet));
    auto respond = parking.responds.take();
    ASSERT_TRUE(respond.has_value());
    std::thread writer([r = std::move(*respond), i] { r(make_response(200, "late " + std::to_string(i))); });
    auto resp = c.read_response();
    writer.join();
    ASSERT_TRUE(resp.has_value());
    EXPECT_EQ(resp->body, "late " + std::to_string(i));
  }
}

TEST(HttpServerAsyncTest, SecondRespondIsIgnored) {
  Parking parking;
  HttpServer server(HttpServerOptions{}, parking.handler());
  ASSERT_TRUE(server.start().ok());
  RawClient c(server.port());
  ASSERT_TRUE(c.send(kGet));
  auto respond = parking.responds.take();
  ASSERT_TRUE(respond.has_value());
  (*respond)(make_response(200, "first"));
  (*respond)(make_response(500, "second"));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "first");
  ASSERT_TRUE(c.send(kGet));  // the next request gets a fresh Respond
  auto next = parking.responds.take();
  ASSERT_TRUE(next.has_value());
  (*respond)(make_response(500, "stale"));
  (*next)(make_response(200, "next"));
  r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "next");
}

TEST(HttpServerAsyncTest, RespondAfterTheClientLeftIsHarmless) {
  Parking parking;
  Mailbox<ConnectionInfo> closed;
  HttpServerOptions o;
  o.on_connection_closed = [&](const ConnectionInfo& c) { closed.put(c); };
  HttpServer server(o, parking.handler());
  ASSERT_TRUE(server.start().ok());
  {
    RawClient c(server.port());
    ASSERT_TRUE(c.send(kGet));
  }
  auto respond = parking.responds.take();
  ASSERT_TRUE(respond.has_value());
  (*respond)(make_response(200, std::string(1 << 20, 'z')));  // written into a closed socket
  EXPECT_TRUE(closed.take().has_value());
  RawClient again(server.port());
  ASSERT_TRUE(again.send(kGet));
  auto next = parking.responds.take();
  ASSERT_TRUE(next.has_value());
  (*next)(make_response(200, "alive"));
  auto r = again.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "alive");
}

TEST(HttpServerAsyncTest, RespondAfterTheServerIsGoneIsHarmless) {
  Parking parking;
  HttpServerOptions o;
  o.stop_grace = std::chrono::milliseconds(50);
  std::optional<Respond> respond;
  {
    HttpServer server(o, parking.handler());
    ASSERT_TRUE(server.start().ok());
    RawClient c(server.port());
    ASSERT_TRUE(c.send(kGet));
    respond = parking.responds.take();
    ASSERT_TRUE(respond.has_value());
    server.stop();  // the handler never answered: cut off after the grace period
    EXPECT_TRUE(c.wait_closed());
  }
  (*respond)(make_response(200, "too late"));
  respond.reset();
}

TEST(HttpServerAsyncTest, StopLetsARequestInFlightFinish) {
  Parking parking;
  HttpServerOptions o;
  o.stop_grace = std::chrono::seconds(30);
  HttpServer server(o, parking.handler());
  ASSERT_TRUE(server.start().ok());
  RawClient busy(server.port());
  ASSERT_TRUE(busy.send(kGet));
  auto respond = parking.responds.take();
  ASSERT_TRUE(respond.has_value());
  RawClient idle(server.port());
  ASSERT_TRUE(idle.send(kGet));
  auto idle_respond = parking.responds.take();
  ASSERT_TRUE(idle_respond.has_value());
  (*idle_respond)(make_response(200, "done"));
  ASSERT_TRUE(idle.read_response().has_value());  // now waiting for a next request: idle

  auto stopped = std::async(std::launch::async, [&] { server.stop(); });
  EXPECT_TRUE(idle.wait_closed());  // idle keep-alive connections close at once
  EXPECT_EQ(stopped.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);
  (*respond)(make_response(200, "finished"));
  auto r = busy.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "finished");
  EXPECT_EQ(r->header("Connection"), "close");
  EXPECT_TRUE(busy.wait_closed());
  stopped.get();
  RawClient after(server.port());
  EXPECT_FALSE(after.connected() && after.send(kGet) && after.read_response().has_value());
}

TEST(HttpServerAsyncTest, StopIsIdempotentAndWorksWithoutStart) {
  HttpServer never_started(HttpServerOptions{}, Parking{}.handler());
  never_started.stop();
  Parking parking;
  HttpServer server(HttpServerOptions{}, parking.handler());
  ASSERT_TRUE(server.start().ok());
  server.stop();
  server.stop();
}

TEST(HttpServerAsyncTest, ManyClientsOnSeveralThreads) {
  HttpServerOptions o;
  o.threads = 4;
  HttpServer server(o, [](HttpRequest&& req, const ConnectionInfo&, Respond respond) {
    respond(make_response(200, req.body));
  });
  ASSERT_TRUE(server.start().ok());
  HttpClient client(2);
  constexpr int kRequests = 200;
  Mailbox<std::pair<int, Result<HttpResponse>>> results;
  const std::string url = "http://" + server.bound_address() + "/echo";
  for (int i = 0; i < kRequests; ++i) {
    client.request("POST", url, {}, "body " + std::to_string(i), HttpClientOptions{},
                   [&results, i](Result<HttpResponse> r) { results.put({i, std::move(r)}); });
  }
  for (int i = 0; i < kRequests; ++i) {
    auto r = results.take();
    ASSERT_TRUE(r.has_value());
    ASSERT_TRUE(r->second.ok()) << r->second.error().message;
    EXPECT_EQ(r->second->body, "body " + std::to_string(r->first));
  }
  server.stop();  // counters are final once every connection has finished
  EXPECT_EQ(server.stats().requests.load(), static_cast<uint64_t>(kRequests));
}

TEST(HttpServerTlsTest, ServesHttpsWithASelfSignedCertificate) {
  testing::TempDir dir;
  testing::TestCertificate cert;
  ASSERT_TRUE(testing::write_self_signed_certificate(dir.path(), &cert));
  HttpServerOptions o;
  o.tls = TlsFiles{cert.certificate_file, cert.private_key_file};
  Mailbox<ConnectionInfo> seen;
  HttpServer server(o, [&](HttpRequest&& req, const ConnectionInfo& conn, Respond respond) {
    seen.put(conn);
    respond(make_response(200, "secure " + req.body));
  });
  ASSERT_TRUE(server.start().ok());
  HttpClientOptions co;
  co.ca_file = cert.certificate_file;
  auto r = http_request_sync("POST", "https://127.0.0.1:" + std::to_string(server.port()) + "/", {}, "hi", co);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->body, "secure hi");
  auto conn = seen.take();
  ASSERT_TRUE(conn.has_value());
  EXPECT_TRUE(conn->tls);

  // Without the certificate as a trust anchor the client refuses the server.
  auto untrusted = http_request_sync("GET", "https://127.0.0.1:" + std::to_string(server.port()) + "/");
  EXPECT_FALSE(untrusted.ok());
  // Plain HTTP on the TLS port is not served.
  RawClient plain(server.port());
  ASSERT_TRUE(plain.send(kGet));
  EXPECT_FALSE(plain.read_response().has_value());
}

}  // namespace
}  // namespace hearth::net
