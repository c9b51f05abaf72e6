// The audit trail: an entry for every change made with a token or a staff session, refused ones
// included, with the right actor, action, device, home and account and no secrets; and the search
// over it (GET /api/v1/audit).
#include <gtest/gtest.h>

#include <string>

#include "api/audit_trail.h"
#include "api/selfservice_test_support.h"
#include "api/staff_test_support.h"
#include "core/clock.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;
using std::chrono::minutes;

// The action an entry names for a route: its operationId, or "METHOD pattern" without one.
std::string action_of(const std::string& method, const std::string& pattern) {
  const std::string& id = operation_id(method, pattern);
  return id.empty() ? method + " " + pattern : id;
}

class StaffAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    device_ = add_customer(h_);
    agent_ = add_and_login(h_, {.login = "alex", .name = "Alex Agent", .role = "agent", .password = "agent pw 123"});
    op_ = add_and_login(h_, StaffSpec{});
    start_ = audit_entries(h_).size();  // the logins' own entries
  }

  // The entries written since SetUp, oldest first.
  std::vector<store::AuditRecord> written() {
    std::vector<store::AuditRecord> all = audit_entries(h_);
    all.resize(all.size() - start_);
    return {all.rbegin(), all.rend()};
  }

  ApiHarness h_;
  std::string device_;
  StaffSession agent_;
  StaffSession op_;
  size_t start_ = 0;
};

TEST_F(StaffAuditTest, AnAgentsTaskOnACustomersDevice) {
  const ApiResponse r = staff_call(h_, agent_, "POST", "/api/v1/devices/" + encode_segment(device_) + "/tasks",
                                   R"({"name":"reboot"})");
  ASSERT_EQ(r.status, 202) << r.body;
  const std::vector<store::AuditRecord> entries = written();
  ASSERT_EQ(entries.size(), 1u);
  const store::AuditRecord& a = entries[0];
  EXPECT_GT(a.id, 0);
  EXPECT_EQ(a.time_ms, to_unix_ms(h_.clock().now()));
  EXPECT_EQ(a.actor_kind, "agent");
  EXPECT_EQ(a.actor, "u-alex");
  EXPECT_EQ(a.action, "createTask");
  EXPECT_EQ(a.device_id, device_);
  EXPECT_EQ(a.home_id, "home-1");
  EXPECT_EQ(a.account, "A-1001");
  EXPECT_EQ(a.outcome, "ok");
  const json details = json::parse(a.json);
  EXPECT_EQ(details["method"], "POST");
  EXPECT_EQ(details["status"], 202);
  EXPECT_EQ(details["name"], "Alex Agent");
  EXPECT_EQ(details["request"], json({{"name", "reboot"}}));
  EXPECT_EQ(details["result"], body_json(r)["id"]);

  // Cancelling it names the task's device too.
  const std::string task = body_json(r)["id"];
  ASSERT_EQ(staff_call(h_, agent_, "POST", "/api/v1/tasks/" + task + "/cancel").status, 200);
  const store::AuditRecord c = written().back();
  EXPECT_EQ(c.action, "cancelTaskByPost");
  EXPECT_EQ(c.device_id, device_);
  EXPECT_EQ(c.account, "A-1001");
}

TEST_F(StaffAuditTest, DeniedAttemptsAreWrittenToo) {
  // A role that may not: denied.
  EXPECT_EQ(staff_call(h_, agent_, "POST", "/api/v1/tokens", R"({"name":"mine","role":"admin"})").status, 403);
  // A missing CSRF token: denied, the actor known.
  EXPECT_EQ(staff_call(h_, op_, "PUT", "/api/v1/devices/" + encode_segment(device_) + "/tags/x", "", false).status,
            403);
  // A failure of another kind.
  EXPECT_EQ(staff_call(h_, op_, "POST", "/api/v1/tokens", R"({"role":"admin"})").status, 400);
  const std::vector<store::AuditRecord> entries = written();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].actor, "u-alex");
  EXPECT_EQ(entries[0].action, "createToken");
  EXPECT_EQ(entries[0].outcome, "denied");
  EXPECT_EQ(json::parse(entries[0].json)["status"], 403);
  EXPECT_EQ(entries[1].actor_kind, "operator");
  EXPECT_EQ(entries[1].action, "addDeviceTag");
  EXPECT_EQ(entries[1].outcome, "denied");
  EXPECT_EQ(entries[1].home_id, "home-1");
  EXPECT_EQ(entries[2].outcome, "failed");
}

TEST_F(StaffAuditTest, TokensAreActorsToo) {
  ASSERT_EQ(h_.call("PUT", "/api/v1/devices/" + encode_segment(device_) + "/tags/lab").status, 200);
  const ApiResponse token = h_.call("POST", "/api/v1/tokens", R"({"name":"ro","role":"read"})");
  ASSERT_EQ(token.status, 201);
  const std::string read = body_json(token)["token"];
  EXPECT_EQ(h_.call("POST", "/api/v1/homes/home-1/checks", "", read).status, 403);
  const std::vector<store::AuditRecord> entries = written();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].actor_kind, "token");
  EXPECT_EQ(entries[0].actor, "bootstrap");
  EXPECT_EQ(entries[0].action, "addDeviceTag");
  EXPECT_EQ(entries[0].device_id, device_);
  // The created token's secret is not in the log; its id is.
  EXPECT_EQ(entries[1].json.find(read), std::string::npos);
  EXPECT_EQ(json::parse(entries[1].json)["result"], body_json(token)["id"]);
  EXPECT_EQ(entries[2].actor, body_json(token)["id"]);
  EXPECT_EQ(entries[2].action, "runHomeChecks");
  EXPECT_EQ(entries[2].home_id, "home-1");
  EXPECT_EQ(entries[2].account, "A-1001");
  EXPECT_EQ(entries[2].outcome, "denied");
}

TEST_F(StaffAuditTest, ReadsUnauthenticatedCallsAndCustomersAreNotWrittenHere) {
  EXPECT_EQ(staff_call(h_, agent_, "GET", "/api/v1/devices").status, 200);
  EXPECT_EQ(h_.call("POST", "/api/v1/tokens", R"({"name":"x","role":"read"})", "wrong-token").status, 401);
  StaffSession nobody{"", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x"};
  EXPECT_EQ(staff_call(h_, nobody, "POST", "/api/v1/tokens", R"({"name":"x","role":"read"})").status, 401);
  const CustomerSession customer = login_customer(h_, "A-1001", "correct horse battery");
  EXPECT_EQ(customer_call(h_, customer, "POST", "/api/v1/selfservice/logout").status, 204);
  EXPECT_TRUE(written().empty());
}

TEST_F(StaffAuditTest, SecretsNeverReachTheLog) {
  const std::string password = "the secret pw 42";
  ASSERT_EQ(staff_call(h_, op_, "POST", "/api/v1/users",
                       json{{"login", "sam"}, {"role", "agent"}, {"password", password}}.dump())
                .status,
            201);
  ASSERT_EQ(staff_call(h_, op_, "POST", "/api/v1/staff/password",
                       json{{"current", StaffSpec{}.password}, {"password", "new operator pw"}}.dump())
                .status,
            204);
  ASSERT_EQ(h_.call("POST", "/api/v1/devices/" + encode_segment(device_) + "/tasks",
                    R"({"name":"setParameterValues","parameterValues":[["Device.WiFi.AccessPoint.1.Security.KeyPassphrase","wifi-secret-1","xsd:string"]]})")
                .status,
            202);
  const std::vector<store::AuditRecord> entries = written();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, action_of("POST", "/api/v1/users"));
  EXPECT_EQ(json::parse(entries[0].json)["request"]["password"], "<redacted>");
  EXPECT_EQ(json::parse(entries[1].json)["request"]["current"], "<redacted>");
  for (const store::AuditRecord& a : entries) {
    for (const std::string& secret : {password, StaffSpec{}.password, std::string("new operator pw"),
                                      std::string("wifi-secret-1")}) {
      EXPECT_EQ(a.json.find(secret), std::string::npos) << a.json;
    }
  }
}

TEST_F(StaffAuditTest, DetailsAreCappedAt4KB) {
  const std::string huge(20'000, 'x');
  EXPECT_EQ(h_.call("POST", "/api/v1/tokens", json{{"name", huge}, {"role", "read"}}.dump()).status, 400);
  const std::vector<store::AuditRecord> entries = written();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_LE(entries[0].json.size(), kMaxAuditDetails);
  const json details = json::parse(entries[0].json);  // still JSON
  EXPECT_EQ(details["status"], 400);
  EXPECT_EQ(details["method"], "POST");
}

// ---- GET /api/v1/audit ----

store::AuditRecord entry(int64_t minute, std::string actor, std::string action, std::string account,
                         std::string home, std::string device) {
  store::AuditRecord a;
  int64_t base = 0;
  EXPECT_TRUE(parse_iso8601_ms("2026-03-01T00:00:00Z", &base));
  a.time_ms = base + minute * 60'000;
  a.actor_kind = "agent";
  a.actor = std::move(actor);
  a.action = std::move(action);
  a.account = std::move(account);
  a.home_id = std::move(home);
  a.device_id = std::move(device);
  a.outcome = "ok";
  a.json = R"({"method":"POST"})";
  return a;
}

TEST_F(StaffAuditTest, SearchFiltersAndPages) {
  store::WriteBatch batch;
  batch.add(store::AddAudit{entry(1, "u-a", "createTask", "A-1", "h-1", "d-1")});
  batch.add(store::AddAudit{entry(2, "u-b", "createTask", "A-2", "h-2", "d-2")});
  batch.add(store::AddAudit{entry(3, "u-a", "updateUser", "", "", "")});
  batch.add(store::AddAudit{entry(4, "u-a", "cancelTask", "A-1", "h-1", "d-1")});
  ASSERT_TRUE(h_.store().write_sync(std::move(batch)).ok());
  const StaffSession sup = add_and_login(h_, {.login = "sue", .role = "supervisor", .password = "supervisor 1"});

  struct Case {
    std::string query;
    std::vector<std::string> actions;  // newest first
  } cases[] = {
      {"actor=u-a&from=2026-03-01T00:00:00Z", {"cancelTask", "updateUser", "createTask"}},
      {"account=A-1", {"cancelTask", "createTask"}},
      {"homeId=h-2", {"createTask"}},
      {"deviceId=d-1", {"cancelTask", "createTask"}},
      {"action=create&to=2026-03-01T01:00:00Z", {"createTask", "createTask"}},
      {"from=2026-03-01T00:02:00Z&to=2026-03-01T00:04:00Z", {"updateUser", "createTask"}},
      {"actor=nobody", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    const ApiResponse r = staff_call(h_, sup, "GET", "/api/v1/audit?" + c.query);
    ASSERT_EQ(r.status, 200) << r.body;
    const json page = body_json(r);
    std::vector<std::string> actions;
    for (const json& e : page["entries"]) actions.push_back(e["action"]);
    EXPECT_EQ(actions, c.actions);
    EXPECT_EQ(body_json(r)["hasMore"], false);
  }

  ApiResponse r = staff_call(h_, sup, "GET", "/api/v1/audit?actor=u-a&limit=2");
  ASSERT_EQ(r.status, 200);
  json page = body_json(r);
  ASSERT_EQ(page["entries"].size(), 2u);
  EXPECT_EQ(page["hasMore"], true);
  EXPECT_EQ(page["offset"], 0);
  EXPECT_EQ(page["limit"], 2);
  const json first = page["entries"][0];
  EXPECT_EQ(first["action"], "cancelTask");
  EXPECT_EQ(first["time"], "2026-03-01T00:04:00Z");
  EXPECT_EQ(first["actorKind"], "agent");
  EXPECT_EQ(first["account"], "A-1");
  EXPECT_EQ(first["homeId"], "h-1");
  EXPECT_EQ(first["deviceId"], "d-1");
  EXPECT_EQ(first["outcome"], "ok");
  EXPECT_EQ(first["details"], json({{"method", "POST"}}));
  r = staff_call(h_, sup, "GET", "/api/v1/audit?actor=u-a&limit=2&offset=2");
  page = body_json(r);
  ASSERT_EQ(page["entries"].size(), 1u);
  EXPECT_EQ(page["hasMore"], false);
  EXPECT_EQ(page["entries"][0]["action"], "createTask");

  EXPECT_EQ(staff_call(h_, sup, "GET", "/api/v1/audit?from=yesterday").status, 400);
  EXPECT_EQ(staff_call(h_, sup, "GET", "/api/v1/audit?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z").status, 400);
  EXPECT_EQ(staff_call(h_, agent_, "GET", "/api/v1/audit").status, 403);
}

}  // namespace
}  // namespace hearth::api::testing
