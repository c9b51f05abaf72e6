#include "net/http_client.h"

#include <gtest/gtest.h>

#include "net/digest_authenticator.h"
#include "net/http_server.h"
#include "net/testing/mailbox.h"
#include "net/testing/raw_server.h"

namespace hearth::net {
namespace {

using testing::Mailbox;
using testing::RawClient;
using testing::RawServer;

std::string url_of(const HttpServer& s, const std::string& path = "/") { return "http://" + s.bound_address() + path; }

TEST(HttpClientTest, SendsMethodHeadersAndBody) {
  Mailbox<HttpRequest> seen;
  HttpServer server(HttpServerOptions{}, [&](HttpRequest&& req, const ConnectionInfo&, Respond respond) {
    HttpResponse r = make_response(201, "made");
    r.headers.add("X-Reply", "yes");
    seen.put(std::move(req));
    respond(std::move(r));
  });
  ASSERT_TRUE(server.start().ok());
  HttpHeaders h;
  h.add("Content-Type", "application/json");
  h.add("Host", "ignored.example");
  auto r = http_request_sync("PUT", url_of(server, "/things/1?x=y"), h, "{\"a\":1}");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, "made");
  EXPECT_EQ(r->headers.get("X-Reply"), "yes");
  auto req = seen.take();
  ASSERT_TRUE(req.has_value());
  EXPECT_EQ(req->method, "PUT");
  EXPECT_EQ(req->target, "/things/1?x=y");
  EXPECT_EQ(req->body, "{\"a\":1}");
  EXPECT_EQ(req->headers.get("Content-Type"), "application/json");
  EXPECT_EQ(req->headers.get("Host"), server.bound_address());
}

TEST(HttpClientTest, AnswersADigestChallenge) {
  FakeClock clock;
  DigestAuthenticator digest("secret-secret-secret-secret-secret", "cpe", clock);
  Mailbox<std::string> authorizations;
  HttpServer server(HttpServerOptions{}, [&](HttpRequest&& req, const ConnectionInfo&, Respond respond) {
    const auto header = req.headers.get("Authorization");
    authorizations.put(header ? std::string(*header) : "");
    if (header) {
      auto parsed = parse_authorization(*header);
      if (parsed.ok() && parsed->scheme == Authorization::Scheme::kDigest &&
          digest.verify(parsed->digest, req.method, digest_ha1("acs", "cpe", "pw"), req.body, req.target) ==
              DigestVerdict::kOk) {
        respond(make_response(200, "welcome"));
        return;
      }
    }
    HttpResponse r = make_response(401);
    r.headers.add("WWW-Authenticate", "Basic realm=\"cpe\"");
    r.headers.add("WWW-Authenticate", digest.make_challenge());
    respond(std::move(r));
  });
  ASSERT_TRUE(server.start().ok());
  HttpClientOptions o;
  o.credentials = HttpCredentials{"acs", "pw"};
  auto r = http_request_sync("POST", url_of(server, "/cr"), {}, "payload", o);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(authorizations.take(), "");
  auto second = authorizations.take();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->rfind("Digest ", 0), 0u);

  o.credentials = HttpCredentials{"acs", "wrong"};
  r = http_request_sync("POST", url_of(server, "/cr"), {}, "payload", o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 401);  // one challenge is answered, not two

  auto no_credentials = http_request_sync("GET", url_of(server));
  ASSERT_TRUE(no_credentials.ok());
  EXPECT_EQ(no_credentials->status, 401);
}

TEST(HttpClientTest, UsesBasicOnlyWhenAllowed) {
  Mailbox<std::string> authorizations;
  HttpServer server(HttpServerOptions{}, [&](HttpRequest&& req, const ConnectionInfo&, Respond respond) {
    const std::string header = req.headers.get_or("Authorization");
    authorizations.put(header);
    if (header == basic_authorization("u", "p")) {
      respond(make_response(204));
      return;
    }
    HttpResponse r = make_response(401);
    r.headers.add("WWW-Authenticate", "Basic realm=\"x\"");
    respond(std::move(r));
  });
  ASSERT_TRUE(server.start().ok());
  HttpClientOptions o;
  o.credentials = HttpCredentials{"u", "p"};
  auto r = http_request_sync("GET", url_of(server), {}, {}, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 401);
  o.allow_basic = true;
  r = http_request_sync("GET", url_of(server), {}, {}, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 204);
}

TEST(HttpClientTest, ReportsTransportFailuresAsValues) {
  // A port nobody listens on: bind one, note it, close it.
  uint16_t closed_port;
  {
    HttpServer s(HttpServerOptions{}, [](HttpRequest&&, const ConnectionInfo&, Respond r) { r(make_response(200)); });
    ASSERT_TRUE(s.start().ok());
    closed_port = s.port();
  }
  auto refused = http_request_sync("GET", "http://127.0.0.1:" + std::to_string(closed_port) + "/");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);

  auto bad_url = http_request_sync("GET", "http://user@host/");
  ASSERT_FALSE(bad_url.ok());
  EXPECT_EQ(bad_url.error().code, ErrorCode::kInvalidArgument);

  RawServer silent([](int, RawClient& conn) { conn.wait_closed(std::chrono::seconds(10)); });
  HttpClientOptions o;
  o.timeout = std::chrono::milliseconds(200);
  auto timed_out = http_request_sync("GET", "http://127.0.0.1:" + std::to_string(silent.port()) + "/", {}, {}, o);
  ASSERT_FALSE(timed_out.ok());
  EXPECT_EQ(timed_out.error().code, ErrorCode::kTimeout);
}

TEST(HttpClientTest, RejectsMalformedAndOversizedResponses) {
  RawServer garbage([](int, RawClient& conn) {
    conn.read_request();
    conn.send("this is not HTTP\r\n\r\n");
  });
  auto r = http_request_sync("GET", "http://127.0.0.1:" + std::to_string(garbage.port()) + "/");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);

  HttpServer big(HttpServerOptions{}, [](HttpRequest&&, const ConnectionInfo&, Respond respond) {
    respond(make_response(200, std::string(100'000, 'b')));
  });
  ASSERT_TRUE(big.start().ok());
  HttpClientOptions o;
  o.max_response_bytes = 10'000;
  r = http_request_sync("GET", url_of(big), {}, {}, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kTooLarge);
}

TEST(HttpClientTest, DestructionCancelsWhatIsInFlight) {
  RawServer silent([](int, RawClient& conn) { conn.wait_closed(std::chrono::seconds(10)); });
  Mailbox<Result<HttpResponse>> results;
  {
    HttpClient client;
    HttpClientOptions o;
    o.timeout = std::chrono::seconds(60);
    client.get("http://127.0.0.1:" + std::to_string(silent.port()) + "/", o,
               [&](Result<HttpResponse> r) { results.put(std::move(r)); });
  }
  auto r = results.take(std::chrono::milliseconds(0));
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->ok());
}

}  // namespace
}  // namespace hearth::net
