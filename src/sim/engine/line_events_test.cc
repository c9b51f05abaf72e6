// Line events from the homes' conditions (line_events.h): which change reports what, a dark
// access node, and the JSON body.
#include "sim/engine/line_events.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace hearth::sim {
namespace {

constexpr int64_t kT = 1'767'571'200'000;  // 2026-01-05T00:00:00Z

Fleet two_homes() {
  Fleet f;
  for (int i = 1; i <= 2; ++i) {
    Home h;
    h.id = "home-00000" + std::to_string(i);
    Node gw;
    gw.gateway = true;
    gw.serial = "SER" + std::to_string(i);
    h.nodes.push_back(gw);
    f.homes.push_back(h);
  }
  return f;
}

std::vector<std::string> kinds(const std::vector<LineEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.home_id + " " + e.kind);
  return out;
}

TEST(LineWatchTest, EachChangeOfALineIsReportedOnce) {
  struct Step {
    const char* what;
    bool powered_off, wan_down, unreachable;
    std::vector<std::string> expected;  // events of home-000001
  };
  const Step steps[] = {
      {"nothing changed", false, false, false, {}},
      {"power cut", true, false, false, {"home-000001 dying-gasp"}},
      {"still off", true, false, false, {}},
      {"power back", false, false, false, {"home-000001 restored"}},
      {"line down", false, true, false, {"home-000001 loss-of-signal"}},
      {"power cut on a dead line", true, true, false, {"home-000001 dying-gasp"}},
      {"power back, line still dead", false, true, false, {"home-000001 loss-of-signal"}},
      {"line back", false, false, false, {"home-000001 restored"}},
      {"access node dark, line down meanwhile", false, true, true, {}},
      {"access node back", false, true, false, {"home-000001 loss-of-signal"}},
      {"access node dark again, all well meanwhile", false, false, true, {}},
      {"dark across a blip that ended", false, false, true, {}},
      {"access node back", false, false, false, {"home-000001 restored"}},
  };
  Fleet f = two_homes();
  LineWatch watch;
  watch.reset(f);
  int64_t t = kT;
  for (const Step& s : steps) {
    SCOPED_TRACE(s.what);
    Conditions& c = f.homes[0].cond;
    c.powered_off = s.powered_off;
    c.wan_down = s.wan_down;
    c.unreachable = s.unreachable;
    c.dns_failure = !c.dns_failure;  // other conditions are no line events
    t += 60'000;
    std::vector<LineEvent> events;
    watch.observe(f, t, &events);
    EXPECT_EQ(kinds(events), s.expected);
    for (const auto& e : events) {
      EXPECT_EQ(e.serial, "SER1");
      EXPECT_EQ(e.time_ms, t);
    }
  }
}

TEST(LineWatchTest, LinesDownAtTheStartAreNotNewsAndHomesAreIndependent) {
  Fleet f = two_homes();
  f.homes[0].cond.wan_down = true;
  LineWatch watch;
  watch.reset(f);
  f.homes[1].cond.powered_off = true;
  std::vector<LineEvent> events;
  watch.observe(f, kT, &events);
  EXPECT_EQ(kinds(events), std::vector<std::string>{"home-000002 dying-gasp"});
  f.homes[0].cond.wan_down = false;
  f.homes[1].cond.powered_off = false;
  events.clear();
  watch.observe(f, kT + 1, &events);
  EXPECT_EQ(kinds(events), (std::vector<std::string>{"home-000001 restored", "home-000002 restored"}));
}

TEST(LineEventsJsonTest, HasTheDocumentedShape) {
  const std::string body = line_events_json({LineEvent{"home-000001", "SER1", "dying-gasp", kT + 1500},
                                             LineEvent{"home-000002", "SER2", "restored", kT + 60'000}});
  const auto j = nlohmann::json::parse(body);
  ASSERT_EQ(j.at("events").size(), 2u);
  EXPECT_EQ(j["events"][0], (nlohmann::json{{"homeId", "home-000001"},
                                            {"serial", "SER1"},
                                            {"kind", "dying-gasp"},
                                            {"time", "2026-01-05T00:00:01.500Z"}}));
  EXPECT_EQ(j["events"][1]["time"], "2026-01-05T00:01:00Z");
  EXPECT_EQ(line_events_json({}), R"({"events":[]})");
}

}  // namespace
}  // namespace hearth::sim
