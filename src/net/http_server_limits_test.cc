// The server's defences against slow, oversized and malformed requests.
#include <gtest/gtest.h>

#include <thread>

#include "net/compression.h"
#include "net/http_server.h"
#include "net/testing/raw_client.h"

namespace hearth::net {
namespace {

using testing::RawClient;

void ok_handler(HttpRequest&& req, const ConnectionInfo&, Respond respond) {
  respond(make_response(200, "got " + std::to_string(req.body.size())));
}

std::string post(const std::string& target, const std::string& body, const std::string& extra_headers = "") {
  return "POST " + target + " HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
         extra_headers + "\r\n" + body;
}

class HttpServerLimitsTest : public ::testing::Test {
 protected:
  HttpServerLimitsTest() {
    options_.body_limit = [](const HttpRequest& head) -> uint64_t {
      return head.path() == "/upload" ? 100'000 : 1'000;
    };
  }
  void start(Handler handler = ok_handler) {
    server_ = std::make_unique<HttpServer>(options_, std::move(handler));
    ASSERT_TRUE(server_->start().ok());
  }
  uint16_t port() const { return server_->port(); }

  HttpServerOptions options_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(HttpServerLimitsTest, BodyOverTheLimitGets413AndTheConnectionCloses) {
  start();
  RawClient c(port());
  ASSERT_TRUE(c.send("POST /acs HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n" + std::string(100, 'a')));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->header("Connection"), "close");
  c.send(std::string(4900, 'a'));  // the rest of the body is drained, not answered
  EXPECT_TRUE(c.wait_closed());
}

TEST_F(HttpServerLimitsTest, BodyLimitCallbackAllowsBigUploadsOnOneRoute) {
  start();
  RawClient c(port());
  ASSERT_TRUE(c.send(post("/upload", std::string(50'000, 'u'))));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "got 50000");
  ASSERT_TRUE(c.send(post("/acs", std::string(1'000, 'a'))));  // exactly at the limit
  r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
}

TEST_F(HttpServerLimitsTest, ChunkedBodyOverTheLimitGets413) {
  start();
  RawClient c(port());
  std::string chunks;
  for (int i = 0; i < 20; ++i) chunks += "64\r\n" + std::string(100, 'c') + "\r\n";  // 20 x 100 bytes
  ASSERT_TRUE(c.send("POST /acs HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + "0\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  EXPECT_TRUE(c.wait_closed());
}

TEST_F(HttpServerLimitsTest, CompressedBodyThatInflatesPastTheLimitGets413) {
  start();
  const std::string bomb = gzip_encode(std::string(500'000, '0'));
  ASSERT_LT(bomb.size(), 1'000u);
  RawClient c(port());
  ASSERT_TRUE(c.send(post("/acs", bomb, "Content-Encoding: gzip\r\n")));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
}

TEST_F(HttpServerLimitsTest, OversizedHeaderGets431) {
  options_.header_limit = 2048;
  start();
  RawClient c(port());
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(4096, 'h') + "\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 431);
  EXPECT_TRUE(c.wait_closed());
}

TEST_F(HttpServerLimitsTest, MalformedRequestsGet400AndClose) {
  start();
  const std::string cases[] = {
      "GARBAGE\r\n\r\n",
      "GET / HTTP/1.1 extra\r\n\r\n",
      "GET / HTTP/2.5\r\n\r\n",
      "GET / FTP/1.1\r\n\r\n",
      "GET\r\n\r\n",
      "G\x01T / HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
      "GET / HTTP/1.1\r\n: empty name\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
      std::string("GET /\0 HTTP/1.1\r\n\r\n", 19),
  };
  for (const auto& request : cases) {
    RawClient c(port());
    ASSERT_TRUE(c.send(request));
    auto r = c.read_response();
    ASSERT_TRUE(r.has_value()) << request;
    EXPECT_EQ(r->status, 400) << request;
    EXPECT_TRUE(c.wait_closed()) << request;
  }
  // The server is still fine.
  RawClient c(port());
  ASSERT_TRUE(c.send(post("/", "x")));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
}

TEST_F(HttpServerLimitsTest, ClientThatLeavesMidRequestIsForgotten) {
  start();
  for (const std::string partial : {"", "GET / HT", "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"}) {
    RawClient c(port());
    c.send(partial);
  }
  RawClient c(port());
  ASSERT_TRUE(c.send(post("/", "x")));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
}

// Slowloris: bytes keep coming, but the whole request must arrive within read_timeout.
TEST_F(HttpServerLimitsTest, SlowClientIsCutOffWhileAnotherIsServed) {
  options_.read_timeout = std::chrono::milliseconds(200);
  options_.threads = 1;
  start();
  RawClient slow(port());
  ASSERT_TRUE(slow.send("GET / HTTP/1.1\r\n"));
  RawClient fast(port());
  ASSERT_TRUE(fast.send(post("/", "quick")));
  auto r = fast.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);

  const auto started = std::chrono::steady_clock::now();
  bool closed = false;
  // One header byte every 20 ms; each byte arrives well within any per-read timeout.
  while (std::chrono::steady_clock::now() - started < std::chrono::seconds(10)) {
    if (!slow.send("X") || slow.wait_closed(std::chrono::milliseconds(20))) {
      closed = true;
      break;
    }
  }
  EXPECT_TRUE(closed);
}

TEST_F(HttpServerLimitsTest, ConnectionThatNeverSpeaksIsClosed) {
  options_.read_timeout = std::chrono::milliseconds(100);
  start();
  RawClient silent(port());
  EXPECT_TRUE(silent.wait_closed());
}

TEST_F(HttpServerLimitsTest, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  options_.idle_timeout = std::chrono::milliseconds(100);
  start();
  RawClient c(port());
  ASSERT_TRUE(c.send(post("/", "x")));
  ASSERT_TRUE(c.read_response().has_value());
  EXPECT_TRUE(c.wait_closed());
}

TEST_F(HttpServerLimitsTest, ConnectionsOverTheCapGet503) {
  options_.max_connections = 1;
  start();
  RawClient first(port());
  ASSERT_TRUE(first.send(post("/", "1")));
  ASSERT_TRUE(first.read_response().has_value());  // the first connection is now surely counted
  RawClient second(port());
  ASSERT_TRUE(second.send(post("/", "2")));
  auto r = second.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(r->header("Retry-After"), "60");
  EXPECT_TRUE(second.wait_closed());
  EXPECT_EQ(server_->stats().connections_rejected.load(), 1u);
  // The first connection is unaffected, and once it leaves there is room again.
  ASSERT_TRUE(first.send(post("/", "1")));
  ASSERT_TRUE(first.read_response().has_value());
  first.close();
  bool served = false;
  for (int attempt = 0; attempt < 200 && !served; ++attempt) {
    RawClient third(port());
    ASSERT_TRUE(third.send(post("/", "3")));
    auto r3 = third.read_response();
    served = r3.has_value() && r3->status == 200;
  }
  EXPECT_TRUE(served);
}

}  // namespace
}  // namespace hearth::net
