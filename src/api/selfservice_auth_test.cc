// The customer portal's sessions: login, me, logout, expiry, CSRF, the separation from API
// tokens, attempt limits, password resets and changes. Time moves only with the harness'
// FakeClock.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>

#include "api/selfservice_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;
using std::chrono::minutes;

const std::string kLogin = "/api/v1/selfservice/login";
const std::string kLogout = "/api/v1/selfservice/logout";
const std::string kMe = "/api/v1/selfservice/me";
const std::string kReset = "/api/v1/selfservice/password-reset";
const std::string kConfirm = "/api/v1/selfservice/password-reset/confirm";
const std::string kPassword = "/api/v1/selfservice/password";
const std::string kGoodPassword = "correct horse battery";

ApiResponse send(ApiHarness& h, ApiRequest request) {
  std::promise<ApiResponse> p;
  std::future<ApiResponse> f = p.get_future();
  h.api().handle(std::move(request), [&p](ApiResponse r) { p.set_value(std::move(r)); });
  return f.get();
}

// A portal request as a browser sends it: no bearer token, a Host, optionally an Origin.
ApiRequest browser(const std::string& method, const std::string& target, const json& body,
                   const std::string& ip = "127.0.0.1") {
  ApiRequest r = ApiHarness::request(method, target, body.is_null() ? "" : body.dump(), "");
  r.remote_ip = ip;
  r.headers.add("Host", "portal.test");
  return r;
}

ApiResponse try_login(ApiHarness& h, const std::string& login, const std::string& password,
                      const std::string& ip = "127.0.0.1") {
  return send(h, browser("POST", kLogin, {{"login", login}, {"password", password}}, ip));
}

std::string set_cookie(const ApiResponse& r) { return std::string(r.headers.get("Set-Cookie").value_or("")); }

HarnessOptions with_portal(PortalOptions portal, selfservice::Notifier* notifier = nullptr) {
  HarnessOptions o;
  o.portal = portal;
  o.notifier = notifier;
  return o;
}

// The token of a reset link ("<base>/#/reset/<token>").
std::string link_token(const std::string& link) { return link.substr(link.rfind('/') + 1); }

TEST(SelfServiceAuthTest, LogsInByAccountOrEmailIgnoringCase) {
  ApiHarness h;
  add_customer(h);
  for (const char* login : {"A-1001", "a-1001", "alice@example.net", "ALICE@Example.NET", "  A-1001 "}) {
    SCOPED_TRACE(login);
    const ApiResponse r = try_login(h, login, kGoodPassword);
    ASSERT_EQ(r.status, 200) << r.body;
    const json j = body_json(r);
    EXPECT_EQ(j["account"], "A-1001");
    EXPECT_EQ(j["name"], "Alice Example");
    EXPECT_EQ(j["email"], "alice@example.net");
    EXPECT_EQ(j["homeId"], "home-1");
    EXPECT_GE(j["csrfToken"].get<std::string>().size(), 32u);
    EXPECT_EQ(j["expiresAt"], "2026-01-01T12:00:00Z");  // the default 12 h from the FakeClock's start
    EXPECT_EQ(r.headers.get("Cache-Control"), "no-store");
  }
}

TEST(SelfServiceAuthTest, WrongPasswordAndUnknownLoginGetTheSameAnswer) {
  ApiHarness h;
  add_customer(h);
  CustomerSpec no_password;
  no_password.account = "A-2002";
  no_password.email = "bob@example.net";
  no_password.password = "";
  no_password.home_id = "home-2";
  no_password.gateway_serial = "SN0002";
  add_customer(h, no_password);
  const ApiResponse first = try_login(h, "A-1001", "wrong password");
  ASSERT_EQ(first.status, 401);
  EXPECT_EQ(error_code(first), "invalid_credentials");
  EXPECT_FALSE(first.headers.get("Set-Cookie"));
  const struct {
    const char* login;
    const char* password;
  } cases[] = {
      {"alice@example.net", "Correct horse battery"},
      {"A-9999", kGoodPassword.c_str()},
      {"nobody@example.net", kGoodPassword.c_str()},
      {"A-2002", ""},           // a subscriber without a portal password
      {"A-2002", "anything at all"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.login);
    const ApiResponse r = try_login(h, c.login, c.password);
    EXPECT_EQ(r.status, first.status);
    EXPECT_EQ(r.body, first.body);
    EXPECT_FALSE(r.headers.get("Set-Cookie"));
  }
}

TEST(SelfServiceAuthTest, MalformedLoginRequests) {
  ApiHarness h;
  const struct {
    std::string body;
    int status;
  } cases[] = {
      {"", 400},
      {"not json", 400},
      {R"({"login":"A-1001"})", 400},
      {R"({"password":"x"})", 400},
      {R"({"login":"","password":"x"})", 400},
      {R"({"login":"A-1001","password":7})", 400},
      {R"({"login":"A-1001","password":"x","remember":true})", 400},
      {R"({"login":"A-1001","password":")" + std::string(2000, 'x') + "\"}", 400},
  };
  for (const auto& c : cases) {
    ApiRequest r = browser("POST", kLogin, nullptr);
    r.body = c.body;
    const ApiResponse answer = send(h, std::move(r));
    EXPECT_EQ(answer.status, c.status) << c.body.substr(0, 60);
    EXPECT_EQ(answer.body.find("xxxxxxxx"), std::string::npos);  // the password is not echoed
  }
}

TEST(SelfServiceAuthTest, CookieAttributes) {
  for (bool secure : {false, true}) {
    SCOPED_TRACE(secure);
    ApiHarness h(with_portal(PortalOptions{.session_ttl_ms = 2 * 3600 * 1000, .secure_cookies = secure}));
    add_customer(h);
    const ApiResponse r = try_login(h, "A-1001", kGoodPassword);
    ASSERT_EQ(r.status, 200);
    const std::string cookie = set_cookie(r);
    EXPECT_EQ(cookie.rfind("hearth_session=", 0), 0u) << cookie;
    const std::string token = cookie.substr(15, cookie.find(';') - 15);
    EXPECT_EQ(token.size(), 43u);  // 32 random bytes
    for (const char* attribute : {"; Path=/", "; Max-Age=7200", "; HttpOnly", "; SameSite=Strict"}) {
      EXPECT_NE(cookie.find(attribute), std::string::npos) << attribute << " in " << cookie;
    }
    EXPECT_EQ(cookie.find("; Secure") != std::string::npos, secure) << cookie;
    // The store has only the token's hash.
    EXPECT_EQ(r.body.find(token), std::string::npos);
  }
}

TEST(SelfServiceAuthTest, MeAndLogout) {
  ApiHarness h;
  add_customer(h);
  const CustomerSession s = login_customer(h, "A-1001", kGoodPassword);
  const ApiResponse me = customer_call(h, s, "GET", kMe);
  ASSERT_EQ(me.status, 200) << me.body;
  const json j = body_json(me);
  EXPECT_EQ(j["account"], "A-1001");
  EXPECT_EQ(j["homeId"], "home-1");
  EXPECT_EQ(j["csrfToken"], s.csrf);
  EXPECT_EQ(j["expiresAt"], "2026-01-01T12:00:00Z");

  const ApiResponse out = customer_call(h, s, "POST", kLogout);
  ASSERT_EQ(out.status, 204) << out.body;
  const std::string cleared = set_cookie(out);
  EXPECT_EQ(cleared.rfind("hearth_session=;", 0), 0u) << cleared;
  EXPECT_NE(cleared.find("Max-Age=0"), std::string::npos) << cleared;
  for (const char* method : {"GET", "POST"}) {
    const ApiResponse after = customer_call(h, s, method, method == std::string("GET") ? kMe : kLogout);
    EXPECT_EQ(after.status, 401) << method;
    EXPECT_EQ(error_code(after), "unauthenticated");
  }
}

TEST(SelfServiceAuthTest, WithoutOrWithABadCookie) {
  ApiHarness h;
  add_customer(h);
  for (const char* cookie : {"", "hearth_session=", "hearth_session=short", "other=1",
                             "hearth_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
    ApiRequest r = browser("GET", kMe, nullptr);
    if (*cookie != '\0') r.headers.add("Cookie", cookie);
    const ApiResponse answer = send(h, std::move(r));
    EXPECT_EQ(answer.status, 401) << cookie;
    EXPECT_EQ(error_code(answer), "unauthenticated") << cookie;
  }
  // Among other cookies, in any position.
  const CustomerSession s = login_customer(h, "A-1001", kGoodPassword);
  ApiRequest r = browser("GET", kMe, nullptr);
  r.headers.add("Cookie", "theme=dark; hearth_session=" + s.cookie + "; lang=de");
  EXPECT_EQ(send(h, std::move(r)).status, 200);
}

TEST(SelfServiceAuthTest, IdleExpiryIsPushedBackByUse) {
  ApiHarness h(with_portal(PortalOptions{.idle_ttl_ms = 10 * 60 * 1000, .secure_cookies = false}));
  add_customer(h);
  const CustomerSession s = login_customer(h, "A-1001", kGoodPassword);
  // Used every 9 minutes the session lives on; 11 quiet minutes end it.
  for (int i = 0; i < 5; ++i) {
    h.clock().advance(minutes(9));
    ASSERT_EQ(customer_call(h, s, "GET", kMe).status, 200) << i;
    h.store().flush();  // the last-seen bump nobody waits for
  }
  h.clock().advance(minutes(11));
  const ApiResponse idle = customer_call(h, s, "GET", kMe);
  EXPECT_EQ(idle.status, 401);
  EXPECT_EQ(error_code(idle), "unauthenticated");
}

TEST(SelfServiceAuthTest, AbsoluteExpiryEndsAnActiveSession) {
  ApiHarness h(with_portal(
      PortalOptions{.session_ttl_ms = 60 * 60 * 1000, .idle_ttl_ms = 30 * 60 * 1000, .secure_cookies = false}));
  add_customer(h);
  const CustomerSession s = login_customer(h, "A-1001", kGoodPassword);
  for (int i = 1; i <= 11; ++i) {
    h.clock().advance(minutes(5));
    ASSERT_EQ(customer_call(h, s, "GET", kMe).status, 200) << i * 5 << " min";
    h.store().flush();
  }
  h.clock().advance(minutes(5));  // 60 minutes after the login
  EXPECT_EQ(customer_call(h, s, "GET", kMe).status, 401);
}

TEST(SelfServiceAuthTest, ChangesNeedTheCsrfTokenAndTheSameOrigin) {
  ApiHarness h;
  add_customer(h);
  const CustomerSession s = login_customer(h, "A-1001", kGoodPassword);
  enum class Csrf { kNone, kWrong, kPrefix, kRight };
  struct Case {
    const char* name;
    Csrf csrf;
    const char* origin;  // nullptr: none
    int status;
  };
  const Case cases[] = {
      {"no token", Csrf::kNone, nullptr, 403},
      {"wrong token", Csrf::kWrong, nullptr, 403},
      {"prefix of the token", Csrf::kPrefix, nullptr, 403},
      {"other origin", Csrf::kRight, "https://evil.example", 403},
      {"null origin", Csrf::kRight, "null", 403},
      {"same host other port", Csrf::kRight, "http://portal.test:8081", 403},
      {"right token, same origin", Csrf::kRight, "http://portal.test", 204},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ApiRequest r = browser("POST", kLogout, nullptr);
    r.headers.add("Cookie", "hearth_session=" + s.cookie);
    if (c.csrf == Csrf::kWrong) r.headers.add("X-CSRF-Token", "not-the-token");
    if (c.csrf == Csrf::kPrefix) r.headers.add("X-CSRF-Token", s.csrf.substr(0, 10));
    if (c.csrf == Csrf::kRight) r.headers.add("X-CSRF-Token", s.csrf);
    if (c.origin != nullptr) r.headers.add("Origin", c.origin);
    const ApiResponse answer = send(h, std::move(r));
    EXPECT_EQ(answer.status, c.status) << answer.body;
    if (c.status == 403) {
      EXPECT_EQ(error_code(answer), "csrf");
    }
  }
  // Reads need no CSRF token.
  const CustomerSession again = login_customer(h, "A-1001", kGoodPassword);
  EXPECT_EQ(customer_call(h, again, "GET", kMe, "", /*csrf=*/false).status, 200);
}

TEST(SelfServiceAuthTest, LoginFromAnotherSiteIsRefused) {
  ApiHarness h(with_portal(PortalOptions{.secure_cookies = false, .public_url = "https://portal.example.net/"}));
  add_customer(h);
  const struct {
    const char* origin;
    int status;
  } cases[] = {{"https://evil.example", 403},
               {"http://portal.test", 200},             // the request's Host
               {"https://portal.example.net", 200},     // the configured portal address
               {"https://portal.example.net:443", 200}};
  for (const auto& c : cases) {
    ApiRequest r = browser("POST", kLogin, {{"login", "A-1001"}, {"password", kGoodPassword}});
    r.headers.add("Origin", c.origin);
    const ApiResponse answer = send(h, std::move(r));
    EXPECT_EQ(answer.status, c.status) << c.origin;
  }
}

TEST(SelfServiceAuthTest, TokensAndSessionsDoNotMix) {
  ApiHarness h;
  add_customer(h);
  const CustomerSession s = login_customer(h, "A-1001", kGoodPassword);
  // A bearer token on a customer route: refused, with or without a session beside it.
  EXPECT_EQ(h.call("GET", kMe).status, 401);
  ApiRequest both = browser("GET", kMe, nullptr);
  both.headers.add("Authorization", std::string("Bearer ") + kBootstrapToken);
  both.headers.add("Cookie", "hearth_session=" + s.cookie);
  const ApiResponse mixed = send(h, std::move(both));
  EXPECT_EQ(mixed.status, 401);
  EXPECT_EQ(error_code(mixed), "unauthenticated");
  // A session cookie on a token route.
  for (const char* path : {"/api/v1/devices", "/api/v1/homes", "/api/v1/tokens"}) {
    const ApiResponse r = customer_call(h, s, "GET", path);
    EXPECT_EQ(r.status, 401) << path;
  }
  const ApiResponse token_create = customer_call(h, s, "POST", "/api/v1/tokens", R"({"name":"x"})");
  EXPECT_EQ(token_create.status, 401);
  // The token routes still work with their token.
  EXPECT_EQ(h.call("GET", "/api/v1/devices").status, 200);
}

// Every customer route of the router, whoever wrote it: tokens refused, a session needed, and
// for changes its CSRF token.
TEST(SelfServiceAuthTest, EveryCustomerRouteNeedsASessionAndChangesTheCsrfToken) {
  ApiHarness h;
  add_customer(h);
  const CustomerSession s = login_customer(h, "A-1001", kGoodPassword);
  size_t customer_routes = 0;
  for (const auto& route : h.api().router().routes()) {
    if (route.access != Access::kCustomer) continue;
    ++customer_routes;
    SCOPED_TRACE(route.method + " " + route.pattern);
    std::string path = route.pattern;
    for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{')) {
      path.replace(open, path.find('}', open) - open + 1, "x1");
    }
    EXPECT_EQ(h.call(route.method, path).status, 401);
    EXPECT_EQ(send(h, browser(route.method, path, nullptr)).status, 401);
    if (route.method != "GET") {
      const ApiResponse r = customer_call(h, s, route.method, path, "", /*csrf=*/false);
      EXPECT_EQ(r.status, 403);
      EXPECT_EQ(error_code(r), "csrf");
    }
  }
  EXPECT_GE(customer_routes, 3u);
}

TEST(SelfServiceAuthTest, LoginAttemptsAreLimitedPerAddressAndPerLogin) {
  ApiHarness h(with_portal(PortalOptions{.secure_cookies = false, .login_attempts_per_minute = 3}));
  add_customer(h);
  // Per address: three attempts with different logins, then even the right password waits.
  for (const char* login : {"x1", "x2", "x3"}) EXPECT_EQ(try_login(h, login, "guess", "192.0.2.1").status, 401);
  ApiResponse limited = try_login(h, "A-1001", kGoodPassword, "192.0.2.1");
  ASSERT_EQ(limited.status, 429);
  EXPECT_EQ(error_code(limited), "rate_limited");
  EXPECT_EQ(limited.headers.get("Retry-After"), "20");
  EXPECT_FALSE(limited.headers.get("Set-Cookie"));
  // Another address is not affected.
  EXPECT_EQ(try_login(h, "A-1001", kGoodPassword, "192.0.2.2").status, 200);

  // Per login: guesses at one account from many addresses.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(try_login(h, "a-1001", "guess", "198.51.100." + std::to_string(i)).status, 401);
  }
  limited = try_login(h, "A-1001", kGoodPassword, "198.51.100.9");
  EXPECT_EQ(limited.status, 429);

  // A minute later both have recovered.
  h.clock().advance(minutes(1));
  EXPECT_EQ(try_login(h, "A-1001", kGoodPassword, "192.0.2.1").status, 200);
  EXPECT_EQ(try_login(h, "A-1001", kGoodPassword, "198.51.100.9").status, 200);
}

TEST(SelfServiceAuthTest, PasswordResetEndToEnd) {
  RecordingNotifier notifier;
  ApiHarness h(with_portal(PortalOptions{.reset_ttl_ms = 30 * 60 * 1000, .secure_cookies = false,
                                         .public_url = "https://portal.example.net/"},
                           &notifier));
  add_customer(h);
  const CustomerSession before = login_customer(h, "A-1001", kGoodPassword);

  // Unknown logins are answered the same way, and nothing is sent.
  for (const char* login : {"nobody@example.net", "A-9999"}) {
    const ApiResponse r = send(h, browser("POST", kReset, {{"login", login}}));
    EXPECT_EQ(r.status, 202) << login;
    EXPECT_EQ(body_json(r), json::object());
  }
  EXPECT_TRUE(notifier.sent().empty());

  ASSERT_EQ(send(h, browser("POST", kReset, {{"login", "Alice@Example.net"}})).status, 202);
  ASSERT_EQ(notifier.sent().size(), 1u);
  const auto [account, link] = notifier.sent()[0];
  EXPECT_EQ(account, "A-1001");
  EXPECT_EQ(link.rfind("https://portal.example.net/#/reset/", 0), 0u) << link;
  const std::string token = link_token(link);
  EXPECT_EQ(token.size(), 43u);

  const struct {
    const char* name;
    json body;
    int status;
    const char* code;
  } cases[] = {
      {"unknown token", {{"token", std::string(43, 'A')}, {"password", "a new password"}}, 400, "invalid_token"},
      {"too short", {{"token", token}, {"password", "short"}}, 400, "weak_password"},
      {"too long", {{"token", token}, {"password", std::string(129, 'p')}}, 400, "weak_password"},
      {"missing password", {{"token", token}}, 400, "invalid_argument"},
      {"right", {{"token", token}, {"password", "a new password"}}, 204, ""},
      {"used", {{"token", token}, {"password", "another password"}}, 400, "invalid_token"},
  };
  for (const auto& c : cases) {
    const ApiResponse r = send(h, browser("POST", kConfirm, c.body));
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
    EXPECT_EQ(error_code(r), c.code) << c.name;
  }
  // Every session of the account ended; the new password works, the old one does not.
  EXPECT_EQ(customer_call(h, before, "GET", kMe).status, 401);
  EXPECT_EQ(try_login(h, "A-1001", kGoodPassword).status, 401);
  EXPECT_EQ(try_login(h, "A-1001", "a new password").status, 200);
}

TEST(SelfServiceAuthTest, ResetLinksExpire) {
  RecordingNotifier notifier;
  ApiHarness h(with_portal(PortalOptions{.reset_ttl_ms = 30 * 60 * 1000, .secure_cookies = false}, &notifier));
  add_customer(h);
  ASSERT_EQ(send(h, browser("POST", kReset, {{"login", "A-1001"}})).status, 202);
  ASSERT_EQ(notifier.sent().size(), 1u);
  // Without public_url the link points where the request went.
  EXPECT_EQ(notifier.sent()[0].second.rfind("http://portal.test/#/reset/", 0), 0u) << notifier.sent()[0].second;
  h.clock().advance(minutes(30));
  const std::string token = link_token(notifier.sent()[0].second);
  const ApiResponse r = send(h, browser("POST", kConfirm, {{"token", token}, {"password", "a new password"}}));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_code(r), "invalid_token");
  EXPECT_EQ(try_login(h, "A-1001", kGoodPassword).status, 200);
}

TEST(SelfServiceAuthTest, ResetRequestsAreLimited) {
  RecordingNotifier notifier;
  ApiHarness h(with_portal(PortalOptions{.secure_cookies = false, .login_attempts_per_minute = 2}, &notifier));
  add_customer(h);
  EXPECT_EQ(send(h, browser("POST", kReset, {{"login", "A-1001"}}, "192.0.2.1")).status, 202);
  EXPECT_EQ(send(h, browser("POST", kReset, {{"login", "A-1001"}}, "192.0.2.2")).status, 202);
  const ApiResponse limited = send(h, browser("POST", kReset, {{"login", "a-1001"}}, "192.0.2.3"));
  EXPECT_EQ(limited.status, 429);
  EXPECT_TRUE(limited.headers.get("Retry-After"));
  EXPECT_EQ(notifier.sent().size(), 2u);
  // Logins have their own allowance.
  EXPECT_EQ(try_login(h, "A-1001", kGoodPassword, "192.0.2.3").status, 200);
}

TEST(SelfServiceAuthTest, PasswordChangeEndsTheOtherSessions) {
  ApiHarness h;
  add_customer(h);
  const CustomerSession here = login_customer(h, "A-1001", kGoodPassword);
  const CustomerSession elsewhere = login_customer(h, "alice@example.net", kGoodPassword);
  const struct {
    const char* name;
    json body;
    int status;
    const char* code;
  } cases[] = {
      {"wrong current", {{"current", "wrong"}, {"password", "a new password"}}, 403, "invalid_credentials"},
      {"weak", {{"current", kGoodPassword}, {"password", "short"}}, 400, "weak_password"},
      {"missing", {{"password", "a new password"}}, 400, "invalid_argument"},
      {"right", {{"current", kGoodPassword}, {"password", "a new password"}}, 204, ""},
  };
  for (const auto& c : cases) {
    const ApiResponse r = customer_call(h, here, "PUT", kPassword, c.body.dump());
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
    EXPECT_EQ(error_code(r), c.code) << c.name;
  }
  EXPECT_EQ(customer_call(h, here, "GET", kMe).status, 200);
  EXPECT_EQ(customer_call(h, elsewhere, "GET", kMe).status, 401);
  EXPECT_EQ(try_login(h, "A-1001", kGoodPassword).status, 401);
  EXPECT_EQ(try_login(h, "A-1001", "a new password").status, 200);
  // Without the CSRF token nothing changes.
  const ApiResponse no_csrf = customer_call(
      h, here, "PUT", kPassword, json{{"current", "a new password"}, {"password", "third password"}}.dump(), false);
  EXPECT_EQ(no_csrf.status, 403);
}

TEST(SelfServiceAuthTest, LoginReplacesTheBrowsersOldSession) {
  ApiHarness h;
  add_customer(h);
  const CustomerSession old = login_customer(h, "A-1001", kGoodPassword);
  ApiRequest r = browser("POST", kLogin, {{"login", "A-1001"}, {"password", kGoodPassword}});
  r.headers.add("Cookie", "hearth_session=" + old.cookie);
  ASSERT_EQ(send(h, std::move(r)).status, 200);
  EXPECT_EQ(customer_call(h, old, "GET", kMe).status, 401);
}

TEST(SelfServiceAuthTest, SqliteStore) {
  RecordingNotifier notifier;
  HarnessOptions o = with_portal(PortalOptions{.secure_cookies = false}, &notifier);
  o.store_url = "sqlite";
  ApiHarness h(o);
  add_customer(h);
  const CustomerSession s = login_customer(h, "alice@example.net", kGoodPassword);
  ASSERT_EQ(customer_call(h, s, "GET", kMe).status, 200);
  ASSERT_EQ(send(h, browser("POST", kReset, {{"login", "A-1001"}})).status, 202);
  ASSERT_EQ(notifier.sent().size(), 1u);
  const ApiResponse confirmed = send(
      h, browser("POST", kConfirm, {{"token", link_token(notifier.sent()[0].second)}, {"password", "a new password"}}));
  EXPECT_EQ(confirmed.status, 204) << confirmed.body;
  EXPECT_EQ(customer_call(h, s, "GET", kMe).status, 401);
  const CustomerSession again = login_customer(h, "A-1001", "a new password");
  EXPECT_EQ(customer_call(h, again, "POST", kLogout).status, 204);
  EXPECT_EQ(customer_call(h, again, "GET", kMe).status, 401);
}

}  // namespace
}  // namespace hearth::api::testing
