// merge_timeline, table-driven: which entry each source gives (kind, title, outcome, ref), the
// order (newest first, ties by kind), the window and the limit.
#include "api/timeline.h"

#include <gtest/gtest.h>

namespace hearth::api {
namespace {

// "time kind outcome ref" of each entry, for compact expectations.
std::vector<std::string> brief(const std::vector<TimelineEntry>& entries) {
  std::vector<std::string> out;
  for (const TimelineEntry& e : entries) {
    out.push_back(std::to_string(e.time_ms) + " " + e.kind + " " + e.outcome + " " + e.ref_type + ":" + e.ref_id);
  }
  return out;
}

TEST(TimelineMergeTest, EachSourceGivesItsEntries) {
  struct Case {
    const char* what;
    TimelineSources sources;
    std::vector<std::string> entries;
  };
  auto task = [](int64_t id, const char* name, store::TaskState state, const char* args = "{}") {
    store::TaskRecord t;
    t.id = id;
    t.device_id = "d";
    t.name = name;
    t.args_json = args;
    t.state = state;
    t.created_ms = 10;
    t.updated_ms = 20;
    return t;
  };
  const Case cases[] = {
      {"events", {.events = {{"d", 1, "0 BOOTSTRAP", ""}, {"d", 2, "1 BOOT", ""}, {"d", 3, "2 PERIODIC", ""},
                             {"d", 4, "4 VALUE CHANGE", ""}, {"d", 5, "M Reboot", "k1"}}},
       {"5 inform  :", "4 inform  :", "2 boot  :", "1 bootstrap  :"}},
      {"tasks by kind",
       {.tasks = {task(1, "reboot", store::TaskState::kDone), task(2, "download", store::TaskState::kFault),
                  task(3, "setParameterValues", store::TaskState::kPending),
                  task(4, "setParameterValues", store::TaskState::kDone,
                       R"({"parameterValues":[["Device.IP.Diagnostics.DownloadDiagnostics.DiagnosticsState","Requested"]]})"),
                  task(5, "getParameterValues", store::TaskState::kRunning)}},
       {"20 firmware fault task:2", "20 task done task:1", "20 diagnostic done task:4",
        "10 config pending task:3", "10 task running task:5"}},
      {"findings open and closed",
       {.findings = {{"h", "WIFI-COV-1", "warning", "station:x", 100, 200, "{}"},
                     {"h", "WAN-DOWN-1", "critical", "wan", 150, 0, "{}"}}},
       {"200 finding closed finding:WIFI-COV-1/station:x", "150 finding critical finding:WAN-DOWN-1/wan",
        "100 finding warning finding:WIFI-COV-1/station:x"}},
      {"incidents open and resolved",
       {.incidents = {{.id = 3, .access_node_id = "an", .state = "resolved", .suspected_ms = 10, .resolved_ms = 30},
                      {.id = 4, .region_id = "r", .state = "confirmed", .suspected_ms = 20}}},
       {"30 incident resolved incident:3", "20 incident confirmed incident:4", "10 incident resolved incident:3"}},
      {"runs, tickets, optimisations, audit",
       {.optimisations = {{9, "h", 40, "set-channel", "{}"}},
        .runs = {{.id = "ts-1", .state = "resolved", .created_ms = 10}},
        .tickets = {{.id = 2, .state = "new", .source = "agent", .created_ms = 30}},
        .audit = {{5, 20, "agent", "u", "wifi.update", "", "h", "", "ok", "{}"}}},
       {"40 optimisation  optimisation:9", "30 ticket new ticket:2", "20 audit ok audit:5",
        "10 selfservice resolved troubleshoot:ts-1"}},
  };
  for (const Case& c : cases) EXPECT_EQ(brief(merge_timeline(c.sources, {})), c.entries) << c.what;
}

TEST(TimelineMergeTest, WindowLimitAndTies) {
  TimelineSources s;
  s.events = {{"d", 100, "1 BOOT", ""}, {"d", 200, "1 BOOT", ""}, {"d", 300, "1 BOOT", ""}, {"d", 0, "1 BOOT", ""}};
  s.audit = {{1, 200, "agent", "u", "device.reboot", "", "h", "d", "ok", "{}"}};
  struct Case {
    TimelineWindow window;
    std::vector<std::string> entries;
  };
  const Case cases[] = {
      {{0, 0, 100}, {"300 boot  :", "200 boot  :", "200 audit ok audit:1", "100 boot  :"}},  // time 0 is dropped
      {{200, 0, 100}, {"300 boot  :", "200 boot  :", "200 audit ok audit:1"}},
      {{0, 200, 100}, {"100 boot  :"}},  // to is exclusive
      {{100, 300, 100}, {"200 boot  :", "200 audit ok audit:1", "100 boot  :"}},
      {{0, 0, 2}, {"300 boot  :", "200 boot  :"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(brief(merge_timeline(s, c.window)), c.entries) << c.window.from_ms << ".." << c.window.to_ms;
  }
}

TEST(TimelineMergeTest, Json) {
  TimelineEntry e{.time_ms = 1'767'225'600'000, .kind = "task", .title = "Reboot", .detail = "by api",
                  .device_id = "d", .outcome = "done", .ref_type = "task", .ref_id = "4"};
  EXPECT_EQ(timeline_entry_json(e), nlohmann::json::parse(R"({"time":"2026-01-01T00:00:00Z","kind":"task",
      "title":"Reboot","detail":"by api","deviceId":"d","outcome":"done","ref":{"type":"task","id":"4"}})"));
  EXPECT_EQ(timeline_entry_json({.time_ms = 1'767'225'600'000, .kind = "boot", .title = "Device booted"}),
            nlohmann::json::parse(R"({"time":"2026-01-01T00:00:00Z","kind":"boot","title":"Device booted","detail":""})"));
}

}  // namespace
}  // namespace hearth::api
