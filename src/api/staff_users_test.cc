// /api/v1/users: creating, reading, changing and deleting staff users; validation; the last
// operator; password changes and disabling ending sessions.
#include <gtest/gtest.h>

#include <string>

#include "api/staff_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

const std::string kUsers = "/api/v1/users";

class StaffUsersTest : public ::testing::Test {
 protected:
  void SetUp() override { op_ = add_and_login(h_, StaffSpec{}); }

  ApiResponse as_operator(const std::string& method, const std::string& target, const json& body = nullptr) {
    return staff_call(h_, op_, method, target, body.is_null() ? "" : body.dump());
  }

  ApiHarness h_;
  StaffSession op_;
};

TEST_F(StaffUsersTest, CreatesListsAndReadsUsers) {
  ApiResponse r = as_operator("POST", kUsers,
                              {{"login", "sam.s@isp"}, {"name", "Sam Supervisor"}, {"email", "sam@isp.test"},
                               {"role", "supervisor"}, {"password", "supervisor pw 1"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const json created = body_json(r);
  const std::string id = created["id"];
  EXPECT_EQ(id.rfind("u-", 0), 0u);
  EXPECT_EQ(created["login"], "sam.s@isp");
  EXPECT_EQ(created["role"], "supervisor");
  EXPECT_EQ(created["disabled"], false);
  EXPECT_EQ(created["createdAt"], "2026-01-01T00:00:00Z");
  EXPECT_FALSE(created.contains("passwordHash"));
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);

  r = as_operator("GET", kUsers);
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(body_json(r)["users"].size(), 2u);
  EXPECT_EQ(body_json(r)["users"][1], created);  // by login: olivia, sam.s@isp
  r = as_operator("GET", kUsers + "/" + id);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(body_json(r), created);
  EXPECT_EQ(as_operator("GET", kUsers + "/u-nobody").status, 404);
  // The new user can log in.
  EXPECT_EQ(login_staff(h_, "SAM.S@ISP", "supervisor pw 1").user_id, id);
}

TEST_F(StaffUsersTest, ValidatesWhatItStores) {
  const json good = {{"login", "newbie"}, {"role", "agent"}, {"password", "long enough 1"}};
  struct Case {
    const char* field;
    json value;
  } cases[] = {
      {"login", "ab"},
      {"login", std::string(65, 'a')},
      {"login", "with space"},
      {"login", "semi;colon"},
      {"login", nullptr},
      {"role", "admin"},
      {"role", "customer"},
      {"role", nullptr},
      {"password", "too short"},
      {"password", nullptr},
      {"email", "not-an-address"},
      {"colour", "blue"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.field) + "=" + c.value.dump());
    json body = good;
    if (c.value.is_null()) {
      body.erase(c.field);
    } else {
      body[c.field] = c.value;
    }
    const ApiResponse r = as_operator("POST", kUsers, body);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(body_json(r)["error"]["message"].get<std::string>().find(c.field), std::string::npos) << r.body;
  }
  EXPECT_EQ(as_operator("POST", kUsers, good).status, 201);
  // Logins are unique ignoring case.
  json again = good;
  again["login"] = "NEWBIE";
  EXPECT_EQ(as_operator("POST", kUsers, again).status, 409);
  // A password never appears in an error.
  json bad = good;
  bad["password"] = "tiny";
  EXPECT_EQ(as_operator("POST", kUsers, bad).body.find("tiny"), std::string::npos);
}

TEST_F(StaffUsersTest, PatchChangesFields) {
  const std::string id = add_user(h_, {.login = "alex", .name = "Alex", .role = "agent", .password = "agent pw 123"});
  ApiResponse r = as_operator("PATCH", kUsers + "/" + id,
                              {{"name", "Alex A."}, {"email", "alex@isp.test"}, {"role", "supervisor"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r)["name"], "Alex A.");
  EXPECT_EQ(body_json(r)["email"], "alex@isp.test");
  EXPECT_EQ(body_json(r)["role"], "supervisor");
  EXPECT_EQ(as_operator("PATCH", kUsers + "/" + id, {{"role", "boss"}}).status, 400);
  EXPECT_EQ(as_operator("PATCH", kUsers + "/" + id, {{"disabled", "yes"}}).status, 400);
  EXPECT_EQ(as_operator("PATCH", kUsers + "/" + id, {{"login", "other"}}).status, 400);
  EXPECT_EQ(as_operator("PATCH", kUsers + "/u-nobody", {{"name", "x"}}).status, 404);
}

TEST_F(StaffUsersTest, PasswordChangeAndDisablingEndSessions) {
  const std::string id = add_user(h_, {.login = "alex", .role = "agent", .password = "agent pw 123"});
  const StaffSession a = login_staff(h_, "alex", "agent pw 123");
  ASSERT_EQ(staff_call(h_, a, "GET", "/api/v1/devices").status, 200);
  ASSERT_EQ(as_operator("PATCH", kUsers + "/" + id, {{"password", "a new one 456"}}).status, 200);
  EXPECT_EQ(staff_call(h_, a, "GET", "/api/v1/devices").status, 401);
  const StaffSession b = login_staff(h_, "alex", "a new one 456");
  ASSERT_EQ(as_operator("PATCH", kUsers + "/" + id, {{"disabled", true}}).status, 200);
  EXPECT_EQ(staff_call(h_, b, "GET", "/api/v1/devices").status, 401);
  ApiResponse r = h_.call("POST", "/api/v1/staff/session", json{{"login", "alex"}, {"password", "a new one 456"}}.dump(), "");
  EXPECT_EQ(r.status, 401);
  ASSERT_EQ(as_operator("PATCH", kUsers + "/" + id, {{"disabled", false}}).status, 200);
  EXPECT_FALSE(login_staff(h_, "alex", "a new one 456").cookie.empty());
}

TEST_F(StaffUsersTest, DeletesUsers) {
  const std::string id = add_user(h_, {.login = "alex", .role = "agent", .password = "agent pw 123"});
  const StaffSession a = login_staff(h_, "alex", "agent pw 123");
  const ApiResponse r = as_operator("DELETE", kUsers + "/" + id);
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(as_operator("GET", kUsers + "/" + id).status, 404);
  EXPECT_EQ(staff_call(h_, a, "GET", "/api/v1/devices").status, 401);
  EXPECT_EQ(as_operator("DELETE", kUsers + "/" + id).status, 404);
}

TEST_F(StaffUsersTest, TheLastOperatorStays) {
  const std::string self = kUsers + "/" + op_.user_id;
  for (const json& change : {json{{"role", "agent"}}, json{{"disabled", true}}}) {
    SCOPED_TRACE(change.dump());
    const ApiResponse r = as_operator("PATCH", self, change);
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_NE(r.body.find("the last operator"), std::string::npos);
  }
  EXPECT_EQ(as_operator("DELETE", self).status, 409);
  // Even an admin token cannot leave the console without an operator.
  EXPECT_EQ(h_.call("DELETE", self).status, 409);
  // A disabled operator does not count.
  add_user(h_, {.login = "otto", .role = "operator", .password = "operator pw 2", .disabled = true});
  EXPECT_EQ(as_operator("PATCH", self, {{"role", "supervisor"}}).status, 409);
  // With another enabled operator, one may step down.
  ASSERT_EQ(as_operator("PATCH", kUsers + "/u-otto", {{"disabled", false}}).status, 200);
  const ApiResponse r = as_operator("PATCH", self, {{"role", "supervisor"}});
  EXPECT_EQ(r.status, 200) << r.body;
  // ... and is no longer allowed to manage users.
  EXPECT_EQ(as_operator("GET", kUsers).status, 403);
  // Other changes to the last operator (a new name) are fine.
  const StaffSession otto = login_staff(h_, "otto", "operator pw 2");
  EXPECT_EQ(staff_call(h_, otto, "PATCH", kUsers + "/u-otto", json{{"name", "Otto"}}.dump()).status, 200);
  EXPECT_EQ(staff_call(h_, otto, "DELETE", kUsers + "/u-otto").status, 409);
}

}  // namespace
}  // namespace hearth::api::testing
