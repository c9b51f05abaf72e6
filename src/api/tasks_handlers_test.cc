#include <gtest/gtest.h>

#include "api/api_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;
using acs::ConnectionRequestOutcome;

class TasksApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const store::DeviceRecord d = ApiHarness::sample_device("SN 1");  // id holds '%20'
    h_.add_device(d);
    id_ = d.id;
    base_ = "/api/v1/devices/" + encode_segment(id_) + "/tasks";
  }
  // Creates a task and returns its id.
  std::string create(const std::string& body = R"({"name":"reboot"})") {
    const ApiResponse r = h_.call("POST", base_, body);
    EXPECT_EQ(r.status, 202) << r.body;
    return body_json(r)["id"].get<std::string>();
  }
  ApiHarness h_;
  std::string id_;
  std::string base_;
};

TEST_F(TasksApiTest, CreateQueuesAPendingTask) {
  const ApiResponse r = h_.call("POST", base_, R"({"name":"getParameterValues","parameterNames":["Device.DeviceInfo."]})");
  ASSERT_EQ(r.status, 202) << r.body;
  const json j = body_json(r);
  ASSERT_TRUE(j["id"].is_string());
  EXPECT_EQ(r.headers.get("Location"), "/api/v1/tasks/" + j["id"].get<std::string>());
  EXPECT_EQ(j["deviceId"], id_);
  EXPECT_EQ(j["name"], "getParameterValues");
  EXPECT_EQ(j["args"]["parameterNames"], json::array({"Device.DeviceInfo."}));
  EXPECT_EQ(j["origin"], "api");
  EXPECT_EQ(j["state"], "pending");
  EXPECT_EQ(j["attempts"], 0);
  EXPECT_EQ(j["created"], "2026-01-01T00:00:00Z");
  EXPECT_TRUE(j["result"].is_null());
  EXPECT_TRUE(j["fault"].is_null());
  EXPECT_FALSE(j.contains("connectionRequest"));

  const auto submitted = h_.control().submitted();
  ASSERT_EQ(submitted.size(), 1u);
  EXPECT_EQ(std::to_string(submitted[0].id), j["id"].get<std::string>());
  EXPECT_EQ(submitted[0].args_json,
            R"({"maxAttempts":5,"name":"getParameterValues","parameterNames":["Device.DeviceInfo."]})");
  EXPECT_TRUE(h_.control().connection_requests().empty());
  EXPECT_TRUE(h_.control().wait_timeouts().empty());
}

TEST_F(TasksApiTest, BadBodiesAreClearErrors) {
  struct Case {
    std::string body;
    std::string field;
  };
  const Case cases[] = {
      {"", "body"},
      {"{broken", "body"},
      {"[]", "body"},
      {R"({"name":"explode"})", "name"},
      {R"({"name":"getParameterValues","parameterNames":"x"})", "parameterNames"},
      {R"({"name":"setParameterValues","parameterValues":[["A.B",{}]]})", "parameterValues[0]"},
      {R"({"name":"download","fileId":"missing.bin"})", "fileId"},
  };
  for (const Case& c : cases) {
    const ApiResponse r = h_.call("POST", base_, c.body);
    EXPECT_EQ(r.status, 400) << c.body;
    EXPECT_EQ(error_code(r), "invalid_argument");
    const std::string message = body_json(r)["error"]["message"];
    EXPECT_EQ(message.rfind(c.field, 0), 0u) << message;
  }
  EXPECT_TRUE(h_.control().submitted().empty());
}

TEST_F(TasksApiTest, OversizedBodyIs413) {
  const std::string big = R"({"name":"getParameterValues","parameterNames":[")" + std::string(2 << 20, 'a') + R"("]})";
  const ApiResponse r = h_.call("POST", base_, big);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(error_code(r), "too_large");
}

TEST_F(TasksApiTest, DownloadOfAnUploadedFileIsAccepted) {
  ASSERT_EQ(h_.call("PUT", "/api/v1/files/fw-2.3.bin", "firmware-bytes").status, 201);
  const ApiResponse r = h_.call("POST", base_, R"({"name":"download","fileId":"fw-2.3.bin"})");
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(body_json(r)["args"]["fileId"], "fw-2.3.bin");
}

TEST_F(TasksApiTest, RunNowSendsAConnectionRequest) {
  const ApiResponse r = h_.call("POST", base_ + "?run=now", R"({"name":"reboot"})");
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(body_json(r)["connectionRequest"], "ok");
  EXPECT_EQ(h_.control().connection_requests(), std::vector<std::string>{id_});
  EXPECT_EQ(h_.call("POST", base_ + "?run=later", R"({"name":"reboot"})").status, 400);
}

TEST_F(TasksApiTest, WaitAnswers200WhenTheTaskFinishes) {
  std::future<ApiResponse> pending =
      h_.call_async("POST", base_ + "?run=now&wait=30", R"({"name":"getParameterValues","parameterNames":["Device."]})");
  ASSERT_EQ(h_.control().held_waits(), 1u);
  EXPECT_EQ(h_.control().wait_timeouts(), std::vector<std::chrono::milliseconds>{std::chrono::seconds(30)});
  const int64_t task_id = h_.control().submitted().at(0).id;
  h_.control().complete(task_id, store::TaskState::kDone, R"({"parameters":[["Device.X","1","xsd:int"]]})");
  const ApiResponse r = pending.get();
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = body_json(r);
  EXPECT_EQ(j["state"], "done");
  EXPECT_EQ(j["result"]["parameters"][0][1], "1");
  EXPECT_EQ(j["connectionRequest"], "ok");
}

TEST_F(TasksApiTest, WaitAnswers200WithTheFault) {
  std::future<ApiResponse> pending = h_.call_async("POST", base_ + "?wait=5", R"({"name":"reboot"})");
  const int64_t task_id = h_.control().submitted().at(0).id;
  h_.control().complete(task_id, store::TaskState::kFault, "", R"({"code":9001,"message":"Request denied"})");
  const ApiResponse r = pending.get();
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(body_json(r)["state"], "fault");
  EXPECT_EQ(body_json(r)["fault"]["code"], 9001);
}

TEST_F(TasksApiTest, WaitAnswers202WhenTheTimeoutPasses) {
  std::future<ApiResponse> pending = h_.call_async("POST", base_ + "?wait=10", R"({"name":"reboot"})");
  h_.control().expire_waits();
  const ApiResponse r = pending.get();
  EXPECT_EQ(r.status, 202);
  EXPECT_EQ(body_json(r)["state"], "pending");
}

TEST_F(TasksApiTest, WaitIsCappedAt120Seconds) {
  h_.control().set_wait_times_out(true);
  EXPECT_EQ(h_.call("POST", base_ + "?wait=100000", R"({"name":"reboot"})").status, 202);
  EXPECT_EQ(h_.control().wait_timeouts(), std::vector<std::chrono::milliseconds>{std::chrono::seconds(120)});
  EXPECT_EQ(h_.call("POST", base_ + "?wait=-1", R"({"name":"reboot"})").status, 400);
  EXPECT_EQ(h_.call("POST", base_ + "?wait=soon", R"({"name":"reboot"})").status, 400);
}

TEST_F(TasksApiTest, NoWaitWhenTheDeviceCannotBeReached) {
  for (ConnectionRequestOutcome o : {ConnectionRequestOutcome::kNoUrl, ConnectionRequestOutcome::kUnreachable,
                                     ConnectionRequestOutcome::kAuthFailed, ConnectionRequestOutcome::kError}) {
    h_.control().set_connection_request_outcome(o);
    const ApiResponse r = h_.call("POST", base_ + "?run=now&wait=60", R"({"name":"reboot"})");
    EXPECT_EQ(r.status, 202);
    EXPECT_NE(body_json(r)["connectionRequest"], "ok");
  }
  EXPECT_TRUE(h_.control().wait_timeouts().empty());
  h_.control().set_connection_request_outcome(ConnectionRequestOutcome::kInSession);
  h_.control().set_wait_times_out(true);
  const ApiResponse r = h_.call("POST", base_ + "?run=now&wait=60", R"({"name":"reboot"})");
  EXPECT_EQ(body_json(r)["connectionRequest"], "in_session");
  EXPECT_EQ(h_.control().wait_timeouts().size(), 1u);
}

TEST_F(TasksApiTest, ListsGetsAndFilters) {
  const std::string a = create();
  const std::string b = create(R"({"name":"factoryReset"})");
  h_.control().complete(std::stoll(b), store::TaskState::kDone, "{}");

  json list = body_json(h_.call("GET", base_));
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_EQ(list["items"][0]["id"], a);
  EXPECT_EQ(list["total"], 2);
  EXPECT_EQ(list["more"], false);
  EXPECT_EQ(body_json(h_.call("GET", base_ + "?state=done"))["items"].size(), 1u);
  EXPECT_EQ(h_.call("GET", base_ + "?state=finished").status, 400);

  list = body_json(h_.call("GET", "/api/v1/tasks?limit=1"));
  EXPECT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["more"], true);
  EXPECT_TRUE(list["total"].is_null());
  EXPECT_EQ(body_json(h_.call("GET", "/api/v1/tasks?state=pending&deviceId=" + encode_segment(id_)))["items"].size(), 1u);
  EXPECT_EQ(body_json(h_.call("GET", "/api/v1/tasks?deviceId=other"))["items"].size(), 0u);

  const ApiResponse one = h_.call("GET", "/api/v1/tasks/" + b);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(body_json(one)["state"], "done");
  EXPECT_EQ(h_.call("GET", "/api/v1/tasks/12345").status, 404);
  EXPECT_EQ(h_.call("GET", "/api/v1/tasks/abc").status, 400);
  EXPECT_EQ(h_.call("GET", "/api/v1/tasks/-4").status, 400);
  EXPECT_EQ(h_.call("GET", "/api/v1/tasks/99999999999999999999").status, 400);
}

TEST_F(TasksApiTest, CancelAndRetry) {
  const std::string a = create();
  ApiResponse r = h_.call("POST", "/api/v1/tasks/" + a + "/cancel");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r)["state"], "cancelled");
  r = h_.call("DELETE", "/api/v1/tasks/" + a);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(error_code(r), "conflict");
  r = h_.call("POST", "/api/v1/tasks/" + a + "/retry");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(body_json(r)["state"], "pending");
  r = h_.call("DELETE", "/api/v1/tasks/" + a);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(h_.call("POST", "/api/v1/tasks/777/retry").status, 404);
  EXPECT_EQ(h_.call("DELETE", "/api/v1/tasks/777").status, 404);
  const std::string b = create();
  EXPECT_EQ(h_.call("POST", "/api/v1/tasks/" + b + "/retry").status, 409);
}

}  // namespace
}  // namespace hearth::api::testing
