// Who may do what: a table of (route, caller) -> status over a read token, the three staff roles
// (by their console sessions), an admin token and a customer's portal session.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "api/selfservice_test_support.h"
#include "api/staff_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

enum Caller { kRead, kAgentUser, kSupervisorUser, kOperatorUser, kAdmin, kCustomer };
const char* const kCallerNames[] = {"read token", "agent", "supervisor", "operator", "admin token", "customer"};

class StaffRolesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    device_ = add_customer(h_);
    customer_ = login_customer(h_, "A-1001", "correct horse battery");
    const ApiResponse token = h_.call("POST", "/api/v1/tokens", R"({"name":"dashboards","role":"read"})");
    ASSERT_EQ(token.status, 201) << token.body;
    read_token_ = body_json(token)["token"].get<std::string>();
    for (const char* role : {"agent", "supervisor", "operator"}) {
      StaffSpec spec;
      spec.login = std::string(role) + "1";
      spec.name = role;
      spec.role = role;
      spec.password = "password of " + std::string(role);
      sessions_[role] = add_and_login(h_, spec);
    }
  }

  ApiResponse call_as(Caller who, const std::string& method, const std::string& target, const std::string& body) {
    switch (who) {
      case kRead:
        return h_.call(method, target, body, read_token_);
      case kAdmin:
        return h_.call(method, target, body);
      case kCustomer:
        return customer_call(h_, customer_, method, target, body);
      case kAgentUser:
        return staff_call(h_, sessions_["agent"], method, target, body);
      case kSupervisorUser:
        return staff_call(h_, sessions_["supervisor"], method, target, body);
      case kOperatorUser:
        return staff_call(h_, sessions_["operator"], method, target, body);
    }
    return {};
  }

  ApiHarness h_;
  std::string device_;
  CustomerSession customer_;
  std::string read_token_;
  std::map<std::string, StaffSession> sessions_;
};

TEST_F(StaffRolesTest, RouteByCaller) {
  const std::string device = "/api/v1/devices/" + encode_segment(device_);
  struct Case {
    std::string method;
    std::string target;
    std::string body;  // "{n}" is replaced by a number unique to the call
    std::vector<int> status;  // by Caller
  };
  const std::vector<Case> cases = {
      // Reads of the fleet: every staff member and token; never a customer.
      {"GET", "/api/v1/devices", "", {200, 200, 200, 200, 200, 401}},
      {"GET", device + "/tasks", "", {200, 200, 200, 200, 200, 401}},
      // Acting on a customer's device: agents and above.
      {"POST", device + "/tasks", R"({"name":"reboot"})", {403, 202, 202, 202, 202, 401}},
      // Other changes: operators and admin tokens.
      {"POST", "/api/v1/tokens", R"({"name":"t{n}","role":"read"})", {403, 403, 403, 201, 201, 401}},
      {"PUT", device + "/tags/lab", "", {403, 403, 403, 200, 200, 401}},
      // Users: operators only, reads included.
      {"GET", "/api/v1/users", "", {403, 403, 403, 200, 200, 401}},
      {"POST", "/api/v1/users", R"({"login":"new{n}","role":"agent","password":"long enough 1"})",
       {403, 403, 403, 201, 201, 401}},
      {"GET", "/api/v1/users/u-agent1", "", {403, 403, 403, 200, 200, 401}},
      // The audit log: supervisors and above.
      {"GET", "/api/v1/audit", "", {403, 403, 200, 200, 200, 401}},
      // Unknown paths need authentication too.
      {"GET", "/api/v1/no-such-thing", "", {404, 404, 404, 404, 404, 401}},
  };
  int n = 0;
  for (const Case& c : cases) {
    for (int who = kRead; who <= kCustomer; ++who) {
      SCOPED_TRACE(c.method + " " + c.target + " as " + kCallerNames[who]);
      std::string body = c.body;
      if (const size_t at = body.find("{n}"); at != std::string::npos) body.replace(at, 3, std::to_string(++n));
      const ApiResponse r = call_as(static_cast<Caller>(who), c.method, c.target, body);
      EXPECT_EQ(r.status, c.status[who]) << r.body;
    }
  }
}

TEST_F(StaffRolesTest, TokensForSystemsTakeAStaffRole) {
  const ApiResponse made = h_.call("POST", "/api/v1/tokens", R"({"name":"crm","role":"agent"})");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(body_json(made)["role"], "agent");
  const std::string crm = body_json(made)["token"].get<std::string>();
  const std::string device = "/api/v1/devices/" + encode_segment(device_);
  EXPECT_EQ(h_.call("POST", device + "/tasks", R"({"name":"reboot"})", crm).status, 202);
  EXPECT_EQ(h_.call("GET", "/api/v1/tickets", "", crm).status, 200);
  EXPECT_EQ(h_.call("GET", "/api/v1/users", "", crm).status, 403);
  EXPECT_EQ(h_.call("GET", "/api/v1/audit", "", crm).status, 403);
  EXPECT_EQ(h_.call("POST", "/api/v1/tokens", R"({"name":"more","role":"admin"})", crm).status, 403);
  const ApiResponse sup = h_.call("POST", "/api/v1/tokens", R"({"name":"qa","role":"supervisor"})");
  ASSERT_EQ(sup.status, 201) << sup.body;
  EXPECT_EQ(h_.call("GET", "/api/v1/audit", "", body_json(sup)["token"].get<std::string>()).status, 200);
  // Not a staff role.
  for (const char* role : {"customer", "root", ""}) {
    EXPECT_EQ(h_.call("POST", "/api/v1/tokens", json{{"name", "x"}, {"role", role}}.dump()).status, 400) << role;
  }
}

TEST_F(StaffRolesTest, AgentsCanCancelAndRetryTasks) {
  const std::string device = "/api/v1/devices/" + encode_segment(device_);
  const ApiResponse created = call_as(kAgentUser, "POST", device + "/tasks", R"({"name":"reboot"})");
  ASSERT_EQ(created.status, 202) << created.body;
  const std::string task = "/api/v1/tasks/" + body_json(created)["id"].get<std::string>();
  EXPECT_EQ(call_as(kRead, "POST", task + "/cancel", "").status, 403);
  EXPECT_EQ(call_as(kAgentUser, "POST", task + "/cancel", "").status, 200);
  EXPECT_EQ(call_as(kAgentUser, "POST", task + "/retry", "").status, 200);
  EXPECT_EQ(call_as(kAgentUser, "DELETE", task, "").status, 200);
  EXPECT_EQ(call_as(kAgentUser, "GET", task, "").status, 200);
}

TEST_F(StaffRolesTest, HomeChecksAndOptimisationAreAgentRoutes) {
  // Without a diagnosis the routes answer 503; what matters is that the role check lets agents
  // through and stops read tokens.
  for (const std::string& path : {std::string("/api/v1/homes/home-1/checks")}) {
    EXPECT_EQ(call_as(kRead, "POST", path, "").status, 403);
    EXPECT_EQ(call_as(kAgentUser, "POST", path, "").status, 503);
  }
  EXPECT_EQ(call_as(kRead, "PUT", "/api/v1/homes/home-1/optimisation", R"({"enabled":false})").status, 403);
  EXPECT_EQ(call_as(kAgentUser, "PUT", "/api/v1/homes/home-1/optimisation", R"({"enabled":false})").status, 503);
}

TEST_F(StaffRolesTest, ARoleChangeTakesEffectAtOnce) {
  EXPECT_EQ(call_as(kAgentUser, "GET", "/api/v1/audit", "").status, 403);
  ASSERT_EQ(call_as(kOperatorUser, "PATCH", "/api/v1/users/u-agent1", R"({"role":"supervisor"})").status, 200);
  EXPECT_EQ(call_as(kAgentUser, "GET", "/api/v1/audit", "").status, 200);
}

}  // namespace
}  // namespace hearth::api::testing
