// POST /api/v1/line-events: validation of every event (the error names its index), events passed
// on to the diagnosis and to the incident desk, unknown homes counted rather than refused, the
// limits, auth and 503.
#include "api/line_events_handlers.h"

#include <gtest/gtest.h>

#include "api/api_test_support.h"
#include "api/fake_diagnosis_reader.h"
#include "api/incidents_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

constexpr const char* kPath = "/api/v1/line-events";

TEST(LineEventsParseTest, ValidEvents) {
  const json body = json::parse(R"({"events":[
      {"homeId":"home-1","kind":"dying-gasp","time":"2026-01-01T03:00:00Z"},
      {"serial":"HRS1","kind":"loss-of-signal","time":"2026-01-01T03:00:00.250Z"},
      {"homeId":"home-2","serial":"HRS2","kind":"restored","time":"2026-01-01T04:00:00Z"}]})");
  Result<std::vector<insight::LineEvent>> events = parse_line_events(body);
  ASSERT_TRUE(events.ok()) << events.error().message;
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].home_id, "home-1");
  EXPECT_EQ((*events)[0].kind, "dying-gasp");
  EXPECT_EQ((*events)[0].time_ms, 1'767'236'400'000);
  EXPECT_EQ((*events)[1].serial, "HRS1");
  EXPECT_TRUE((*events)[1].home_id.empty());
  EXPECT_EQ((*events)[1].time_ms, 1'767'236'400'250);
  EXPECT_EQ((*events)[2].kind, "restored");
  EXPECT_TRUE(parse_line_events(json::parse(R"({"events":[]})")).ok());
}

TEST(LineEventsParseTest, ErrorsNameTheEventAndField) {
  struct Case {
    const char* body;
    const char* message;  // the start of the error message
  };
  const Case cases[] = {
      {R"({})", "events: required"},
      {R"({"events":{}})", "events: required"},
      {R"({"events":[],"extra":1})", "extra: unknown field"},
      {R"({"events":[1]})", "events[0]: must be an object"},
      {R"({"events":[{"kind":"restored","time":"2026-01-01T00:00:00Z"}]})",
       "events[0]: needs a homeId or a serial"},
      {R"({"events":[{"homeId":"","serial":"","kind":"restored","time":"2026-01-01T00:00:00Z"}]})",
       "events[0]: needs a homeId or a serial"},
      {R"({"events":[{"homeId":7,"kind":"restored","time":"2026-01-01T00:00:00Z"}]})",
       "events[0].homeId: a string"},
      {R"({"events":[{"homeId":"h","kind":"restored","time":"2026-01-01T00:00:00Z"},
                     {"homeId":"h","kind":"power-off","time":"2026-01-01T00:00:00Z"}]})",
       "events[1].kind: one of dying-gasp, loss-of-signal, restored"},
      {R"({"events":[{"homeId":"h","time":"2026-01-01T00:00:00Z"}]})", "events[0].kind: one of"},
      {R"({"events":[{"homeId":"h","kind":"restored"}]})", "events[0].time: an ISO 8601 time"},
      {R"({"events":[{"homeId":"h","kind":"restored","time":"yesterday"}]})",
       "events[0].time: an ISO 8601 time"},
      {R"({"events":[{"homeId":"h","kind":"restored","time":1767225600000}]})",
       "events[0].time: an ISO 8601 time"},
      {R"({"events":[{"homeId":"h","kind":"restored","time":"2026-01-01T00:00:00Z","olt":"x"}]})",
       "events[0].olt: unknown field"},
  };
  for (const Case& c : cases) {
    Result<std::vector<insight::LineEvent>> r = parse_line_events(json::parse(c.body));
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().message.rfind(c.message, 0), 0u) << c.body << " -> " << r.error().message;
  }
  json long_id = json::parse(R"({"events":[{"kind":"restored","time":"2026-01-01T00:00:00Z"}]})");
  long_id["events"][0]["serial"] = std::string(257, 's');
  EXPECT_FALSE(parse_line_events(long_id).ok());
}

json events(size_t n, const char* home_id = "home-1") {
  json list = json::array();
  for (size_t i = 0; i < n; ++i)
    list.push_back({{"homeId", home_id}, {"kind", "dying-gasp"}, {"time", "2026-01-01T03:00:00Z"}});
  return {{"events", std::move(list)}};
}

class LineEventsApiTest : public ::testing::Test {
 protected:
  LineEventsApiTest() {
    reader_.add_home("home-1");
    reader_.add_serial("HRS2", "home-1");
  }
  static HarnessOptions options(FakeDiagnosisReader* reader) {
    HarnessOptions o;
    o.diagnosis = reader;
    return o;
  }

  FakeDiagnosisReader reader_;  // outlives the harness
  ApiHarness h_{options(&reader_)};
};

TEST_F(LineEventsApiTest, EventsArePassedOnAndUnknownHomesCounted) {
  const ApiResponse r = h_.call("POST", kPath, R"({"events":[
      {"homeId":"home-1","kind":"dying-gasp","time":"2026-01-01T03:00:00Z"},
      {"serial":"HRS2","kind":"restored","time":"2026-01-01T03:10:00Z"},
      {"homeId":"home-9","kind":"loss-of-signal","time":"2026-01-01T03:00:00Z"},
      {"serial":"NOPE","kind":"loss-of-signal","time":"2026-01-01T03:00:00Z"}]})");
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(body_json(r), json::parse(R"({"accepted":2,"unmatched":2})"));
  const auto got = reader_.line_events();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].home_id, "home-1");
  EXPECT_EQ(got[0].kind, "dying-gasp");
  EXPECT_EQ(got[1].serial, "HRS2");
  EXPECT_EQ(got[1].time_ms, 1'767'237'000'000);
}

TEST_F(LineEventsApiTest, ABadEventRefusesTheWholeRequest) {
  json body = events(3);
  body["events"][2]["kind"] = "unplugged";
  const ApiResponse r = h_.call("POST", kPath, body.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_code(r), "invalid_argument");
  EXPECT_NE(r.body.find("events[2].kind"), std::string::npos) << r.body;
  EXPECT_TRUE(reader_.line_events().empty());
  EXPECT_EQ(h_.call("POST", kPath, "not json").status, 400);
  EXPECT_EQ(h_.call("POST", kPath, "[]").status, 400);
}

TEST_F(LineEventsApiTest, TenThousandEventsAtMost) {
  const ApiResponse most = h_.call("POST", kPath, events(kMaxLineEvents).dump());
  ASSERT_EQ(most.status, 202) << most.body.substr(0, 200);
  EXPECT_EQ(body_json(most)["accepted"], kMaxLineEvents);
  const ApiResponse over = h_.call("POST", kPath, events(kMaxLineEvents + 1).dump());
  EXPECT_EQ(over.status, 400);
  EXPECT_NE(over.body.find("at most 10000"), std::string::npos) << over.body;
  EXPECT_EQ(h_.call("POST", kPath, std::string(kMaxLineEventsBody + 1, ' ')).status, 413);
}

TEST_F(LineEventsApiTest, AdminOnlyAndReaderErrorsPassThrough) {
  const ApiResponse created =
      h_.call("POST", "/api/v1/tokens", R"({"name":"viewer","role":"read"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string read = body_json(created)["token"];
  EXPECT_EQ(h_.call("POST", kPath, events(1).dump(), read).status, 403);
  EXPECT_EQ(h_.call("POST", kPath, events(1).dump(), "").status, 401);
  reader_.fail_with(make_error(ErrorCode::kUnavailable, "busy"));
  EXPECT_EQ(h_.call("POST", kPath, events(1).dump()).status, 503);
}

TEST(LineEventsWithoutReaderTest, Answers503) {
  ApiHarness h;
  const ApiResponse r = h.call("POST", kPath, events(1).dump());
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(error_code(r), "unavailable");
}

// h-3's gateway is known to the store by its serial HRS3.
void add_gateway(DeskHarness& h) {
  const store::DeviceRecord d = ApiHarness::sample_device("HRS3");
  store::HomeRecord home = h.store().get_home("h-3")->value();
  home.devices = {{"gateway", d.id, d.serial_number, d.oui, d.product_class, d.manufacturer}};
  const Status st = h.store().write_sync(
      store::WriteBatch().add(store::UpsertDevice{d}).add(store::PutHome{home}));
  ASSERT_TRUE(st.ok()) << st.error().message;
}

TEST(LineEventsToTheDeskTest, WithoutDiagnosisEventsGoToTheDesk) {
  DeskHarness h;
  h.add_topology();
  add_gateway(h);
  const ApiResponse r = h.call("POST", kPath, R"({"events":[
      {"homeId":"h-1","kind":"dying-gasp","time":"2026-01-01T03:00:00Z"},
      {"serial":"HRS3","kind":"restored","time":"2026-01-01T03:10:00Z"},
      {"homeId":"h-9","kind":"loss-of-signal","time":"2026-01-01T03:00:00Z"},
      {"serial":"NOPE","kind":"loss-of-signal","time":"2026-01-01T03:00:00Z"}]})");
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(body_json(r), json::parse(R"({"accepted":2,"unmatched":2})"));
  const auto got = h.desk().line_events();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].home_id, "h-1");
  EXPECT_EQ(got[0].kind, "dying-gasp");
  EXPECT_EQ(got[0].time_ms, 1'767'236'400'000);
  EXPECT_EQ(got[1].home_id, "h-3") << "found by the gateway's serial";
  EXPECT_EQ(got[1].kind, "restored");
}

TEST(LineEventsToTheDeskTest, AcceptedWhenEitherTakesIt) {
  FakeDiagnosisReader reader;  // outlives the harness
  reader.add_home("h-1");
  DeskHarness h({.diagnosis = &reader});
  h.add_topology();
  const ApiResponse r = h.call("POST", kPath, R"({"events":[
      {"homeId":"h-1","kind":"dying-gasp","time":"2026-01-01T03:00:00Z"},
      {"homeId":"h-2","kind":"dying-gasp","time":"2026-01-01T03:00:00Z"},
      {"homeId":"h-9","kind":"dying-gasp","time":"2026-01-01T03:00:00Z"}]})");
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(body_json(r), json::parse(R"({"accepted":2,"unmatched":1})"));
  EXPECT_EQ(reader.line_events().size(), 1u);
  EXPECT_EQ(h.desk().line_events().size(), 2u);
  h.desk().fail_with(make_error(ErrorCode::kUnavailable, "stopping"));
  EXPECT_EQ(h.call("POST", kPath, events(1, "h-1").dump()).status, 503);
}

}  // namespace
}  // namespace hearth::api::testing
