#include "net/http_server.h"

#include <gtest/gtest.h>

#include <fstream>

#include "net/compression.h"
#include "net/testing/mailbox.h"
#include "net/testing/raw_client.h"
#include "net/testing/temp_dir.h"

namespace hearth::net {
namespace {

using testing::Mailbox;
using testing::RawClient;

// Answers with what it saw, so tests can check what reached the handler.
void echo(HttpRequest&& req, const ConnectionInfo& conn, Respond respond) {
  HttpResponse r = make_response(200, req.method + " " + req.target + " " + req.body);
  r.headers.add("X-Connection-Id", std::to_string(conn.id));
  r.headers.add("X-Was-Compressed", req.was_compressed ? "yes" : "no");
  r.headers.add("X-Content-Encoding", req.content_encoding);
  r.headers.add("X-Had-Content-Encoding", req.headers.contains("Content-Encoding") ? "yes" : "no");
  respond(std::move(r));
}

std::string post(const std::string& target, const std::string& body, const std::string& extra_headers = "") {
  return "POST " + target + " HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
         extra_headers + "\r\n" + body;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void start(Handler handler = echo) {
    server_ = std::make_unique<HttpServer>(options_, std::move(handler));
    ASSERT_TRUE(server_->start().ok());
  }
  uint16_t port() const { return server_->port(); }

  HttpServerOptions options_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(HttpServerTest, ServesSeveralRequestsOnOneKeepAliveConnection) {
  start();
  RawClient c(port());
  ASSERT_TRUE(c.connected());
  std::string conn_id;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.send(post("/acs", "envelope " + std::to_string(i))));
    auto r = c.read_response();
    ASSERT_TRUE(r.has_value()) << i;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "POST /acs envelope " + std::to_string(i));
    if (i == 0) conn_id = r->header("X-Connection-Id");
    EXPECT_EQ(r->header("X-Connection-Id"), conn_id);
    EXPECT_NE(r->header("Connection"), "close");
  }
  EXPECT_FALSE(c.peer_closed());
  RawClient other(port());
  ASSERT_TRUE(other.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto r = other.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_NE(r->header("X-Connection-Id"), conn_id);
}

TEST_F(HttpServerTest, AnswersPipelinedRequestsInOrder) {
  start();
  RawClient c(port());
  ASSERT_TRUE(c.send(post("/a", "1") + post("/b", "2") + "GET /c HTTP/1.1\r\nHost: t\r\n\r\n"));
  for (const char* expected : {"POST /a 1", "POST /b 2", "GET /c "}) {
    auto r = c.read_response();
    ASSERT_TRUE(r.has_value()) << expected;
    EXPECT_EQ(r->body, expected);
  }
}

TEST_F(HttpServerTest, Http10ClosesAfterTheResponse) {
  start();
  RawClient c(port());
  ASSERT_TRUE(c.send("GET /old HTTP/1.0\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->head.substr(0, 8), "HTTP/1.0");
  EXPECT_TRUE(c.wait_closed());
}

TEST_F(HttpServerTest, ClosesWhenTheResponseAsksForIt) {
  start([](HttpRequest&&, const ConnectionInfo&, Respond respond) {
    HttpResponse r = make_response(204);
    r.close = true;  // tr069.md 1.5: the session's last answer is 204 + Connection: close
    respond(std::move(r));
  });
  RawClient c(port());
  ASSERT_TRUE(c.send(post("/", "")));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 204);
  EXPECT_EQ(r->header("Connection"), "close");
  EXPECT_EQ(r->header("Content-Length"), "");
  EXPECT_TRUE(c.wait_closed());
}

// tr069.md 2.2 / quirk 7.
TEST_F(HttpServerTest, DecodesCompressedBodiesBeforeTheHandler) {
  start();
  const std::string body = "<soap:Envelope>" + std::string(5000, 'x') + "</soap:Envelope>";
  struct Case {
    const char* header;
    std::string encoded;
    const char* reported;
  };
  const Case cases[] = {
      {"gzip", gzip_encode(body), "gzip"},
      {"x-gzip", gzip_encode(body), "x-gzip"},
      {"deflate", deflate_encode(body), "deflate"},
      {"Deflate", raw_deflate_encode(body), "deflate"},
      {"gzip, identity", gzip_encode(body), "gzip, identity"},
  };
  RawClient c(port());
  for (const auto& k : cases) {
    ASSERT_TRUE(c.send(post("/acs", k.encoded, std::string("Content-Encoding: ") + k.header + "\r\n")));
    auto r = c.read_response();
    ASSERT_TRUE(r.has_value()) << k.header;
    EXPECT_EQ(r->status, 200) << k.header;
    EXPECT_EQ(r->body, "POST /acs " + body) << k.header;
    EXPECT_EQ(r->header("X-Was-Compressed"), "yes") << k.header;
    EXPECT_EQ(r->header("X-Content-Encoding"), k.reported) << k.header;
    EXPECT_EQ(r->header("X-Had-Content-Encoding"), "no") << k.header;
  }
  ASSERT_TRUE(c.send(post("/acs", "plain", "Content-Encoding: identity\r\n")));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "POST /acs plain");
  EXPECT_EQ(r->header("X-Was-Compressed"), "no");
}

TEST_F(HttpServerTest, RefusesUnsupportedOrCorruptEncodings) {
  start();
  RawClient c(port());
  ASSERT_TRUE(c.send(post("/acs", "xyz", "Content-Encoding: br\r\n")));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 415);
  EXPECT_EQ(r->header("Accept-Encoding"), "gzip, deflate");
  // The body was read in full, so the connection stays usable.
  ASSERT_TRUE(c.send(post("/acs", "not gzip", "Content-Encoding: gzip\r\n")));
  r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 400);
  ASSERT_TRUE(c.send(post("/acs", "ok")));
  r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
}

TEST_F(HttpServerTest, CompressesTheResponseWhenAsked) {
  const std::string text(20000, 'y');
  start([&](HttpRequest&&, const ConnectionInfo&, Respond respond) {
    HttpResponse r = make_response(200, text, "text/xml");
    r.content_encoding = "gzip";
    respond(std::move(r));
  });
  RawClient c(port());
  ASSERT_TRUE(c.send(post("/", "")));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->header("Content-Encoding"), "gzip");
  EXPECT_LT(r->body.size(), text.size());
  auto decoded = gzip_decode(r->body, 1u << 20);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, text);
}

TEST_F(HttpServerTest, HeadGetsTheLengthWithoutTheBody) {
  start();
  RawClient c(port());
  ASSERT_TRUE(c.send("HEAD /x HTTP/1.1\r\nHost: t\r\n\r\nGET /y HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto head = c.read_response();
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->header("Content-Length"), std::to_string(std::string("HEAD /x ").size()));
  // RawClient read the announced length as a body: it must be the next response's status line.
  EXPECT_EQ(head->body.substr(0, 5), "HTTP/");
}

TEST_F(HttpServerTest, StreamsAFileFromDisk) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/firmware.bin";
  std::string content;
  for (int i = 0; i < 100000; ++i) content.push_back(static_cast<char>(i * 7));
  std::ofstream(path, std::ios::binary) << content;
  start([&](HttpRequest&& req, const ConnectionInfo&, Respond respond) {
    HttpResponse r;
    r.headers.add("Content-Type", "application/octet-stream");
    r.file_path = req.target == "/missing" ? dir.path() + "/nope" : path;
    respond(std::move(r));
  });
  RawClient c(port());
  ASSERT_TRUE(c.send("GET /file HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, content);
  ASSERT_TRUE(c.send("GET /missing HTTP/1.1\r\nHost: t\r\n\r\n"));
  r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 500);
}

TEST_F(HttpServerTest, HonoursExpectContinue) {
  start();
  RawClient c(port());
  ASSERT_TRUE(c.send("POST /up HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"));
  auto cont = c.read_response();
  ASSERT_TRUE(cont.has_value());
  EXPECT_EQ(cont->status, 100);
  ASSERT_TRUE(c.send("data"));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "POST /up data");
}

TEST_F(HttpServerTest, HandlerFailuresBecome500) {
  start([](HttpRequest&& req, const ConnectionInfo&, Respond respond) {
    if (req.target == "/throw") throw std::runtime_error("boom");
    if (req.target == "/drop") return;  // never answers; the dropped Respond answers 500
    if (req.target == "/bad-status") {
      respond(make_response(42));
      return;
    }
    respond(make_response(200, "fine"));
  });
  RawClient c(port());
  for (const char* target : {"/throw", "/drop", "/bad-status"}) {
    ASSERT_TRUE(c.send(std::string("GET ") + target + " HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto r = c.read_response();
    ASSERT_TRUE(r.has_value()) << target;
    EXPECT_EQ(r->status, 500) << target;
  }
  ASSERT_TRUE(c.send("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_GE(server_->stats().responses_5xx.load(), 3u);
}

TEST_F(HttpServerTest, DropsResponseHeadersThatCouldSplitTheResponse) {
  start([](HttpRequest&&, const ConnectionInfo&, Respond respond) {
    HttpResponse r = make_response(200, "x");
    r.headers.add("Set-Cookie", "session=abc; Path=/");
    r.headers.add("X-Evil", "a\r\nInjected: yes");
    r.headers.add("Bad Name", "v");
    r.headers.add("Content-Length", "999");
    respond(std::move(r));
  });
  RawClient c(port());
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->header("Set-Cookie"), "session=abc; Path=/");
  EXPECT_EQ(r->header("Injected"), "");
  EXPECT_EQ(r->header("X-Evil"), "");
  EXPECT_EQ(r->header("Content-Length"), "1");
}

TEST_F(HttpServerTest, ReportsClosedConnectionsAndCountsTraffic) {
  Mailbox<ConnectionInfo> closed;
  options_.on_connection_closed = [&](const ConnectionInfo& c) { closed.put(c); };
  start();
  {
    RawClient c(port());
    ASSERT_TRUE(c.send(post("/", "abc")));
    auto r = c.read_response();
    ASSERT_TRUE(r.has_value());
    ASSERT_TRUE(c.send("NOT HTTP\r\n\r\n"));
    r = c.read_response();
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 400);
  }
  auto info = closed.take();
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->remote_ip, "127.0.0.1");
  EXPECT_NE(info->remote_port, 0);
  EXPECT_FALSE(info->tls);
  const HttpServerStats& s = server_->stats();
  EXPECT_EQ(s.connections_total.load(), 1u);
  EXPECT_EQ(s.connections_open.load(), 0u);
  EXPECT_EQ(s.requests.load(), 2u);
  EXPECT_EQ(s.responses_4xx.load(), 1u);
  EXPECT_GT(s.bytes_in.load(), 20u);
  EXPECT_GT(s.bytes_out.load(), 40u);
}

TEST(HttpServerStartTest, ReportsTheBoundAddress) {
  HttpServer server(HttpServerOptions{}, echo);
  ASSERT_TRUE(server.start().ok());
  EXPECT_NE(server.port(), 0);
  EXPECT_EQ(server.bound_address(), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_FALSE(server.start().ok());
}

TEST(HttpServerStartTest, ListensOnIpv6Loopback) {
  HttpServerOptions o;
  o.listen = "[::1]:0";
  HttpServer server(o, echo);
  const Status s = server.start();
  if (!s.ok()) GTEST_SKIP() << "no IPv6 loopback here: " << s.error().message;
  EXPECT_EQ(server.bound_address(), "[::1]:" + std::to_string(server.port()));
}

TEST(HttpServerStartTest, RejectsBadAddressesAndBusyPorts) {
  for (const char* listen : {"", "127.0.0.1", "localhost:80", "::1:80", "1.2.3.4.5:0", "127.0.0.1:70000"}) {
    HttpServerOptions o;
    o.listen = listen;
    HttpServer server(o, echo);
    const Status s = server.start();
    ASSERT_FALSE(s.ok()) << listen;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument) << listen;
  }
  HttpServer first(HttpServerOptions{}, echo);
  ASSERT_TRUE(first.start().ok());
  HttpServerOptions o;
  o.listen = first.bound_address();
  HttpServer second(o, echo);
  const Status s = second.start();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
}

TEST(HttpServerStartTest, RejectsUnreadableTlsFiles) {
  HttpServerOptions o;
  o.tls = TlsFiles{"/nonexistent/cert.pem", "/nonexistent/key.pem"};
  HttpServer server(o, echo);
  const Status s = server.start();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace hearth::net
