// Staff sessions: login, me, logout, wrong passwords, disabled users, attempt limits, CSRF and
// Origin on changes made with the cookie, idle expiry, and the separation from the customer
// portal's sessions. Time moves only with the harness' FakeClock.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "api/selfservice_test_support.h"
#include "api/staff_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;
using std::chrono::minutes;

const std::string kSession = "/api/v1/staff/session";
const std::string kPassword = "/api/v1/staff/password";

const StaffSpec kAgent{.login = "alex", .name = "Alex Agent", .email = "alex@isp.test", .role = "agent",
                       .password = "agent password 1"};

// A login as a browser sends it: no bearer token, a Host, optionally an Origin.
ApiResponse try_login(ApiHarness& h, const std::string& login, const std::string& password,
                      const std::string& ip = "127.0.0.1", const std::string& origin = "") {
  ApiRequest r = ApiHarness::request("POST", kSession, json{{"login", login}, {"password", password}}.dump(), "");
  r.remote_ip = ip;
  r.headers.add("Host", "console.test");
  if (!origin.empty()) r.headers.add("Origin", origin);
  return send_request(h, std::move(r));
}

TEST(StaffAuthTest, LogsInAndShowsTheUserAndCsrfToken) {
  ApiHarness h;
  add_user(h, kAgent);
  for (const char* login : {"alex", "ALEX", " Alex "}) {
    SCOPED_TRACE(login);
    const ApiResponse r = try_login(h, login, kAgent.password);
    ASSERT_EQ(r.status, 200) << r.body;
    const json j = body_json(r);
    EXPECT_EQ(j["user"], json({{"id", "u-alex"}, {"login", "alex"}, {"name", "Alex Agent"},
                               {"email", "alex@isp.test"}, {"role", "agent"}}));
    EXPECT_GE(j["csrfToken"].get<std::string>().size(), 32u);
    const std::string cookie(r.headers.get("Set-Cookie").value_or(""));
    EXPECT_EQ(cookie.rfind("hearth_staff=", 0), 0u) << cookie;
    for (const char* attribute : {"HttpOnly", "SameSite=Strict", "Path=/", "Secure"}) {
      EXPECT_NE(cookie.find(attribute), std::string::npos) << attribute;
    }
    EXPECT_EQ(r.headers.get("Cache-Control"), "no-store");
    // The password never reaches the answer, nor the hash.
    EXPECT_EQ(r.body.find("password"), std::string::npos);
  }
}

TEST(StaffAuthTest, MeAndLogout) {
  ApiHarness h;
  const StaffSession s = add_and_login(h, kAgent);
  ApiResponse r = staff_call(h, s, "GET", kSession);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r)["user"]["id"], "u-alex");
  EXPECT_EQ(body_json(r)["csrfToken"], s.csrf);

  // Logging out is a change: it needs the CSRF token.
  EXPECT_EQ(staff_call(h, s, "DELETE", kSession, "", false).status, 403);
  r = staff_call(h, s, "DELETE", kSession);
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_NE(std::string(r.headers.get("Set-Cookie").value_or("")).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(staff_call(h, s, "GET", kSession).status, 401);
  EXPECT_EQ(staff_call(h, s, "GET", "/api/v1/devices").status, 401);
}

TEST(StaffAuthTest, NotLoggedInAndTokensHaveNoSession) {
  ApiHarness h;
  EXPECT_EQ(h.call("GET", kSession, "", "").status, 401);
  const ApiResponse r = h.call("GET", kSession);  // the bootstrap token
  EXPECT_EQ(r.status, 401) << r.body;
}

TEST(StaffAuthTest, WrongPasswordUnknownLoginAndDisabledUserGetTheSameAnswer) {
  ApiHarness h;
  add_user(h, kAgent);
  StaffSpec off = kAgent;
  off.id = "u-off";
  off.login = "off";
  off.disabled = true;
  add_user(h, off);
  StaffSpec no_password = kAgent;
  no_password.id = "u-nopw";
  no_password.login = "nopw";
  no_password.password = "";
  add_user(h, no_password);
  const struct {
    const char* login;
    std::string password;
  } cases[] = {{"alex", "wrong password 1"}, {"nobody", kAgent.password}, {"off", kAgent.password},
               {"nopw", ""}, {"alex", ""}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.login);
    const ApiResponse r = try_login(h, c.login, c.password);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(error_code(r), "invalid_credentials");
    EXPECT_EQ(r.headers.get("Set-Cookie"), std::nullopt);
  }
}

TEST(StaffAuthTest, DisablingAUserRefusesTheirSessionsAtOnce) {
  ApiHarness h;
  const StaffSession s = add_and_login(h, kAgent);
  ASSERT_EQ(staff_call(h, s, "GET", "/api/v1/devices").status, 200);
  // Straight in the store: even a session the API did not end is refused.
  Result<std::optional<store::UserRecord>> u = h.store().get_user("u-alex");
  ASSERT_TRUE(u.ok() && u->has_value());
  store::UserRecord off = **u;
  off.disabled = true;
  ASSERT_TRUE(h.store().write_sync(store::WriteBatch().add(store::PutUser{off})).ok());
  EXPECT_EQ(staff_call(h, s, "GET", "/api/v1/devices").status, 401);
  EXPECT_EQ(staff_call(h, s, "GET", kSession).status, 401);
}

TEST(StaffAuthTest, DeletedUsersSessionsEnd) {
  ApiHarness h;
  const StaffSession s = add_and_login(h, kAgent);
  ASSERT_TRUE(h.store().write_sync(store::WriteBatch().add(store::DeleteUser{"u-alex"})).ok());
  EXPECT_EQ(staff_call(h, s, "GET", "/api/v1/devices").status, 401);
}

TEST(StaffAuthTest, LoginsAreLimitedPerAddressAndPerLogin) {
  ApiHarness h;  // the default: 10 attempts a minute
  add_user(h, kAgent);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(try_login(h, "alex", "wrong password 1", "10.0.0.1").status, 401);
  ApiResponse r = try_login(h, "alex", kAgent.password, "10.0.0.1");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(error_code(r), "rate_limited");
  EXPECT_TRUE(r.headers.get("Retry-After").has_value());
  // The login is limited from another address too (guessing one account from many places).
  EXPECT_EQ(try_login(h, "ALEX", kAgent.password, "10.0.0.2").status, 429);
  // Another login from a fresh address is not.
  EXPECT_EQ(try_login(h, "nobody", "whatever 123", "10.0.0.3").status, 401);
  // A minute later the allowance is back.
  h.clock().advance(minutes(1));
  EXPECT_EQ(try_login(h, "alex", kAgent.password, "10.0.0.1").status, 200);
}

TEST(StaffAuthTest, ChangesWithTheCookieNeedCsrfAndTheSameOrigin) {
  ApiHarness h;
  const StaffSession s = add_and_login(h, StaffSpec{});  // an operator
  const std::string body = json{{"name", "lab"}, {"role", "read"}}.dump();
  ApiResponse r = staff_call(h, s, "POST", "/api/v1/tokens", body, false);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(error_code(r), "csrf");
  StaffSession wrong = s;
  wrong.csrf = "not-the-token-of-this-session-at-all";
  EXPECT_EQ(staff_call(h, wrong, "POST", "/api/v1/tokens", body).status, 403);
  r = staff_call(h, s, "POST", "/api/v1/tokens", body, true, {{"Origin", "https://evil.test"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(error_code(r), "csrf");
  r = staff_call(h, s, "POST", "/api/v1/tokens", body, true, {{"Origin", "http://console.test"}});
  EXPECT_EQ(r.status, 201) << r.body;
  // Reads need no CSRF token.
  EXPECT_EQ(staff_call(h, s, "GET", "/api/v1/tokens", "", false).status, 200);
  // A login from another site is refused too.
  EXPECT_EQ(try_login(h, "olivia", StaffSpec{}.password, "127.0.0.1", "https://evil.test").status, 403);
}

TEST(StaffAuthTest, TheAuthorizationHeaderWinsOverTheCookie) {
  ApiHarness h;
  const StaffSession s = add_and_login(h, kAgent);
  // An agent may not create tokens; the bootstrap token may, and it is the one that counts.
  const std::string body = json{{"name", "lab"}, {"role", "read"}}.dump();
  EXPECT_EQ(staff_call(h, s, "POST", "/api/v1/tokens", body).status, 403);
  const ApiResponse r = staff_call(h, s, "POST", "/api/v1/tokens", body, false,
                                   {{"Authorization", std::string("Bearer ") + kBootstrapToken}});
  EXPECT_EQ(r.status, 201) << r.body;
  // A bad token is not rescued by a good cookie.
  EXPECT_EQ(staff_call(h, s, "GET", "/api/v1/devices", "", false, {{"Authorization", "Bearer nope"}}).status, 401);
}

TEST(StaffAuthTest, SessionsExpireWhenIdleAndAtTheirEnd) {
  ApiHarness h;
  const StaffSession s = add_and_login(h, kAgent);
  h.clock().advance(minutes(59));
  EXPECT_EQ(staff_call(h, s, "GET", kSession).status, 200);
  h.clock().advance(minutes(61));
  EXPECT_EQ(staff_call(h, s, "GET", kSession).status, 401);

  // Used every 55 minutes, a session still ends 12 hours after the login (the default).
  const StaffSession t = login_staff(h, "alex", kAgent.password);
  for (int i = 0; i < 13; ++i) {
    h.clock().advance(minutes(55));
    h.store().flush();  // the last-seen bump of the call before
    EXPECT_EQ(staff_call(h, t, "GET", kSession).status, 200) << i;
  }
  h.clock().advance(minutes(6));
  h.store().flush();
  EXPECT_EQ(staff_call(h, t, "GET", kSession).status, 401);
}

TEST(StaffAuthTest, CustomerAndStaffCookiesOpenOnlyTheirOwnRoutes) {
  ApiHarness h;
  add_customer(h);
  const CustomerSession customer = login_customer(h, "A-1001", "correct horse battery");
  const StaffSession staff = add_and_login(h, StaffSpec{});
  // The customer's cookie on staff routes.
  ApiRequest r = ApiHarness::request("GET", "/api/v1/devices", "", "");
  r.headers.add("Cookie", "hearth_session=" + customer.cookie);
  EXPECT_EQ(send_request(h, std::move(r)).status, 401);
  r = ApiHarness::request("GET", kSession, "", "");
  r.headers.add("Cookie", "hearth_session=" + customer.cookie);
  EXPECT_EQ(send_request(h, std::move(r)).status, 401);
  // The customer's session value in the staff cookie is not a staff session either.
  StaffSession forged{"", customer.cookie, customer.csrf};
  EXPECT_EQ(staff_call(h, forged, "GET", "/api/v1/devices").status, 401);
  // The staff cookie on portal routes, and its value in the portal's cookie.
  EXPECT_EQ(staff_call(h, staff, "GET", "/api/v1/selfservice/me").status, 401);
  CustomerSession as_customer{"", staff.cookie, staff.csrf};
  EXPECT_EQ(customer_call(h, as_customer, "GET", "/api/v1/selfservice/me").status, 401);
  // Each still works where it belongs.
  EXPECT_EQ(customer_call(h, customer, "GET", "/api/v1/selfservice/me").status, 200);
  EXPECT_EQ(staff_call(h, staff, "GET", "/api/v1/devices").status, 200);
}

TEST(StaffAuthTest, PasswordChangeEndsTheOtherSessions) {
  ApiHarness h;
  const StaffSession a = add_and_login(h, kAgent);
  const StaffSession b = login_staff(h, "alex", kAgent.password);
  const std::string wrong = json{{"current", "not my password"}, {"password", "a new password 2"}}.dump();
  EXPECT_EQ(staff_call(h, a, "POST", kPassword, wrong).status, 403);
  const std::string weak = json{{"current", kAgent.password}, {"password", "short"}}.dump();
  EXPECT_EQ(staff_call(h, a, "POST", kPassword, weak).status, 400);
  const std::string good = json{{"current", kAgent.password}, {"password", "a new password 2"}}.dump();
  ASSERT_EQ(staff_call(h, a, "POST", kPassword, good).status, 204);
  EXPECT_EQ(staff_call(h, a, "GET", kSession).status, 200);
  EXPECT_EQ(staff_call(h, b, "GET", kSession).status, 401);
  EXPECT_EQ(try_login(h, "alex", kAgent.password).status, 401);
  EXPECT_EQ(try_login(h, "alex", "a new password 2").status, 200);
  // Tokens have no password to change.
  EXPECT_EQ(h.call("POST", kPassword, good).status, 401);
}

}  // namespace
}  // namespace hearth::api::testing
