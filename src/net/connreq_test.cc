#include "net/connreq.h"

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

// A CPE's connection-request server (tr069.md 6.1): Digest with the CR credentials.
class TestCpe {
 public:
  explicit TestCpe(int success_status = 200) {
    server_ = std::make_unique<HttpServer>(
        HttpServerOptions{}, [this, success_status](HttpRequest&& req, const ConnectionInfo&, Respond respond) {
          requests.put(req);
          if (const auto header = req.headers.get("Authorization")) {
            auto parsed = parse_authorization(*header);
            if (parsed.ok() && parsed->scheme == Authorization::Scheme::kDigest &&
                digest_.verify(parsed->digest, req.method, digest_ha1("acs-user", "cpe", "cr-pass"), req.body,
                               req.target) == DigestVerdict::kOk) {
              respond(make_response(success_status));
              return;
            }
          }
          HttpResponse r = make_response(401);
          r.headers.add("WWW-Authenticate", digest_.make_challenge());
          respond(std::move(r));
        });
    EXPECT_TRUE(server_->start().ok());
  }
  std::string url() const { return "http://" + server_->bound_address() + "/cr/8f3a"; }

  Mailbox<HttpRequest> requests;

 private:
  FakeClock clock_;
  DigestAuthenticator digest_{"cpe-secret-cpe-secret-cpe-secret!", "cpe", clock_};
  std::unique_ptr<HttpServer> server_;
};

ConnReqResult send_sync(ConnectionRequestClient& client, const std::string& url, const std::string& user = "acs-user",
                        const std::string& pass = "cr-pass") {
  Mailbox<ConnReqResult> result;
  client.send_detailed(url, user, pass, [&](ConnReqResult r) { result.put(std::move(r)); });
  auto r = result.take();
  EXPECT_TRUE(r.has_value());
  return r.value_or(ConnReqResult{});
}

TEST(ConnectionRequestTest, GetsWithoutCredentialsThenAnswersTheDigestChallenge) {
  for (int status : {200, 204}) {
    TestCpe cpe(status);
    ConnectionRequestClient client;
    const ConnReqResult r = send_sync(client, cpe.url());
    EXPECT_EQ(r.outcome, ConnReqOutcome::kOk) << r.detail;
    EXPECT_EQ(r.http_status, status);
    auto first = cpe.requests.take();
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->method, "GET");
    EXPECT_FALSE(first->headers.contains("Authorization"));
    auto second = cpe.requests.take();
    ASSERT_TRUE(second.has_value());
    EXPECT_TRUE(second->headers.contains("Authorization"));
  }
}

TEST(ConnectionRequestTest, WrongPasswordIsAuthFailed) {
  TestCpe cpe;
  ConnectionRequestClient client;
  const ConnReqResult r = send_sync(client, cpe.url(), "acs-user", "wrong");
  EXPECT_EQ(r.outcome, ConnReqOutcome::kAuthFailed);
  EXPECT_EQ(r.http_status, 401);
}

TEST(ConnectionRequestTest, OutcomeOnlyCallbackMatchesTheDetailedOne) {
  TestCpe cpe;
  ConnectionRequestClient client;
  Mailbox<ConnReqOutcome> outcome;
  client.send(cpe.url(), "acs-user", "cr-pass", [&](ConnReqOutcome o) { outcome.put(o); });
  EXPECT_EQ(outcome.take(), ConnReqOutcome::kOk);
}

// tr069.md quirk 28: the CPE closes the connection right after its 401 (without saying so).
TEST(ConnectionRequestTest, RetriesOnceWhenTheCpeDropsAfterTheChallenge) {
  FakeClock clock;
  DigestAuthenticator digest("cpe-secret-cpe-secret-cpe-secret!", "cpe", clock);
  Mailbox<std::string> authorizations;
  RawServer cpe([&](int index, RawClient& conn) {
    auto req = conn.read_request();
    if (!req) return;
    authorizations.put(req->header("Authorization"));
    if (index == 0) {
      conn.send("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: " + digest.make_challenge() +
                "\r\nContent-Length: 0\r\n\r\n");
      return;  // closes, although the response promised keep-alive
    }
    conn.send("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  });
  ConnectionRequestClient client;
  const ConnReqResult r = send_sync(client, "http://127.0.0.1:" + std::to_string(cpe.port()) + "/cr");
  EXPECT_EQ(r.outcome, ConnReqOutcome::kOk) << r.detail;
  EXPECT_EQ(authorizations.take(), "");
  auto retried = authorizations.take();
  ASSERT_TRUE(retried.has_value());
  EXPECT_EQ(retried->rfind("Digest ", 0), 0u);
  EXPECT_EQ(cpe.connections(), 2);
}

TEST(ConnectionRequestTest, GivesUpWhenTheCpeDropsTheRetryToo) {
  FakeClock clock;
  DigestAuthenticator digest("cpe-secret-cpe-secret-cpe-secret!", "cpe", clock);
  RawServer cpe([&](int index, RawClient& conn) {
    if (!conn.read_request()) return;
    if (index == 0) {
      conn.send("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: " + digest.make_challenge() +
                "\r\nContent-Length: 0\r\n\r\n");
    }
  });
  ConnectionRequestClient client;
  const ConnReqResult r = send_sync(client, "http://127.0.0.1:" + std::to_string(cpe.port()) + "/cr");
  EXPECT_EQ(r.outcome, ConnReqOutcome::kUnreachable);
  EXPECT_EQ(cpe.connections(), 2);  // the authenticated GET first reused the dropped connection
}

// tr069.md quirk 29.
TEST(ConnectionRequestTest, Busy503) {
  HttpServer cpe(HttpServerOptions{}, [](HttpRequest&&, const ConnectionInfo&, Respond respond) {
    respond(make_response(503));
  });
  ASSERT_TRUE(cpe.start().ok());
  ConnectionRequestClient client;
  const ConnReqResult r = send_sync(client, "http://" + cpe.bound_address() + "/cr");
  EXPECT_EQ(r.outcome, ConnReqOutcome::kBusy);
  EXPECT_EQ(r.http_status, 503);
}

TEST(ConnectionRequestTest, OtherStatusesAreErrors) {
  for (int status : {302, 404, 500}) {
    HttpServer cpe(HttpServerOptions{}, [status](HttpRequest&&, const ConnectionInfo&, Respond respond) {
      respond(make_response(status));
    });
    ASSERT_TRUE(cpe.start().ok());
    ConnectionRequestClient client;
    const ConnReqResult r = send_sync(client, "http://" + cpe.bound_address() + "/cr");
    EXPECT_EQ(r.outcome, ConnReqOutcome::kError) << status;
    EXPECT_EQ(r.http_status, status);
  }
}

TEST(ConnectionRequestTest, RefusedPortAndSilentCpeAreUnreachable) {
  uint16_t closed_port;
  {
    HttpServer s(HttpServerOptions{}, [](HttpRequest&&, const ConnectionInfo&, Respond r) { r(make_response(200)); });
    ASSERT_TRUE(s.start().ok());
    closed_port = s.port();
  }
  ConnectionRequestClient client;
  EXPECT_EQ(send_sync(client, "http://127.0.0.1:" + std::to_string(closed_port) + "/cr").outcome,
            ConnReqOutcome::kUnreachable);

  RawServer silent([](int, RawClient& conn) { conn.wait_closed(std::chrono::seconds(10)); });
  ConnReqOptions o;
  o.timeout = std::chrono::milliseconds(200);
  ConnectionRequestClient impatient(o);
  const ConnReqResult r = send_sync(impatient, "http://127.0.0.1:" + std::to_string(silent.port()) + "/cr");
  EXPECT_EQ(r.outcome, ConnReqOutcome::kUnreachable);
  EXPECT_EQ(r.detail, "timed out");
}

// tr069.md quirk 30.
TEST(ConnectionRequestTest, ValidatesTheUrlBeforeAnyIo) {
  const std::string bad[] = {
      "",
      "garbage",
      "https://10.0.0.1:7547/cr",
      "ftp://10.0.0.1/",
      "http://admin:pw@10.0.0.1:7547/cr",
      "http://10.0.0.1:0/cr",
      "http://10.0.0.1:65536/cr",
      "http:///cr",
      "http://10.0.0.1:7547/c r",
      "http://10.0.0.1:7547/" + std::string(300, 'x'),
  };
  ConnectionRequestClient client;
  for (const auto& url : bad) {
    EXPECT_FALSE(validate_connection_request_url(url).ok()) << url;
    EXPECT_EQ(send_sync(client, url).outcome, ConnReqOutcome::kInvalidUrl) << url;
  }
  for (const char* good : {"http://10.0.0.1:7547/cr/abc", "http://[2001:db8::5]:30005/", "http://cpe.isp.net/",
                           "HTTP://10.0.0.1:7547"}) {
    EXPECT_TRUE(validate_connection_request_url(good).ok()) << good;
  }
  EXPECT_STREQ(connreq_outcome_name(ConnReqOutcome::kInvalidUrl), "invalid_url");
}

bool probe_sync(ConnectionRequestClient& client, const std::string& url) {
  Mailbox<bool> result;
  client.probe(url, [&](bool answered) { result.put(answered); });
  auto r = result.take();
  EXPECT_TRUE(r.has_value());
  return r.value_or(false);
}

// A live CPE answers 401: reachable, and the challenge is not taken up (no session follows).
TEST(ConnectionRequestProbeTest, A401IsAnAnswerAndIsNotAnswered) {
  TestCpe cpe;
  ConnectionRequestClient client;
  EXPECT_TRUE(probe_sync(client, cpe.url()));
  auto first = cpe.requests.take();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->method, "GET");
  EXPECT_FALSE(first->headers.contains("Authorization"));
  EXPECT_EQ(cpe.requests.size(), 0u);  // an answered challenge would have come before `done`
}

TEST(ConnectionRequestProbeTest, AnyStatusIsAnAnswer) {
  for (int status : {200, 204, 404, 500, 503}) {
    HttpServer cpe(HttpServerOptions{}, [status](HttpRequest&&, const ConnectionInfo&, Respond respond) {
      respond(make_response(status));
    });
    ASSERT_TRUE(cpe.start().ok());
    ConnectionRequestClient client;
    EXPECT_TRUE(probe_sync(client, "http://" + cpe.bound_address() + "/cr")) << status;
  }
}

TEST(ConnectionRequestProbeTest, RefusedClosedAndSilentAreNotAnswers) {
  uint16_t closed_port;
  {
    HttpServer s(HttpServerOptions{}, [](HttpRequest&&, const ConnectionInfo&, Respond r) { r(make_response(200)); });
    ASSERT_TRUE(s.start().ok());
    closed_port = s.port();
  }
  ConnectionRequestClient client;
  EXPECT_FALSE(probe_sync(client, "http://127.0.0.1:" + std::to_string(closed_port) + "/cr"));

  // Reads the request and closes without a word; the probe is not retried.
  RawServer mute([](int, RawClient& conn) { (void)conn.read_request(); });
  EXPECT_FALSE(probe_sync(client, "http://127.0.0.1:" + std::to_string(mute.port()) + "/cr"));
  EXPECT_EQ(mute.connections(), 1);

  RawServer silent([](int, RawClient& conn) { conn.wait_closed(std::chrono::seconds(10)); });
  ConnReqOptions o;
  o.timeout = std::chrono::milliseconds(200);
  ConnectionRequestClient impatient(o);
  EXPECT_FALSE(probe_sync(impatient, "http://127.0.0.1:" + std::to_string(silent.port()) + "/cr"));
}

TEST(ConnectionRequestProbeTest, InvalidUrlIsFalseWithoutIo) {
  RawServer never([](int, RawClient&) {});
  ConnectionRequestClient client;
  // Userinfo makes the URL invalid although the port is a live one.
  EXPECT_FALSE(probe_sync(client, "http://admin:pw@127.0.0.1:" + std::to_string(never.port()) + "/cr"));
  EXPECT_FALSE(probe_sync(client, "https://127.0.0.1:" + std::to_string(never.port()) + "/cr"));
  EXPECT_FALSE(probe_sync(client, ""));
  EXPECT_EQ(never.connections(), 0);
}

}  // namespace
}  // namespace hearth::net
