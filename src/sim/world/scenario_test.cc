// Tests of scenarios (scenario.h): reading files and specs, every type's symptom in the radio
// numbers and conditions and its undoing, targets, random shares, timing and the truth.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <set>

#include "sim/dynamics.h"
#include "sim/radio.h"
#include "sim/scenario.h"
#include "sim/world/test_support.h"

namespace hearth::sim {
namespace {

using testing::kHour;
using testing::kMinute;
using testing::kMonday;
using testing::small_fleet;

constexpr int64_t kStart = kMonday + 20 * kHour;  // an evening: everyone is home

TEST(ScenarioTest, DurationsAndTimesParse) {
  struct Case {
    const char* text;
    int64_t ms;
  };
  const Case durations[] = {{"90s", 90'000}, {"20m", 1'200'000}, {"2h", 7'200'000}, {"1d", 86'400'000},
                            {"1h30m", 5'400'000}, {"500ms", 500}, {" 5m ", 300'000}};
  for (const Case& c : durations) {
    Result<int64_t> d = parse_duration_ms(c.text);
    ASSERT_TRUE(d.ok()) << c.text;
    EXPECT_EQ(*d, c.ms) << c.text;
  }
  for (const char* bad : {"", "5", "m", "5x", "-5m", "1.5h", "5m3"}) EXPECT_FALSE(parse_duration_ms(bad).ok()) << bad;
  EXPECT_EQ(*parse_scenario_time_ms("+5m", 1000), 1000 + 300'000);
  EXPECT_EQ(*parse_scenario_time_ms("now", 1000), 1000);
  EXPECT_EQ(*parse_scenario_time_ms("2026-01-05T20:00:00Z", 0), kStart);
  for (const char* bad : {"5m", "+", "tomorrow", "2026-13-45T00:00:00Z"}) {
    Result<int64_t> t = parse_scenario_time_ms(bad, 0);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_NE(t.error().message.find("bad time"), std::string::npos);
  }
}

TEST(ScenarioTest, TheFileFormatOfTheReadmeWorks) {
  Fleet fleet = small_fleet(200);
  ScenarioSchedule schedule(fleet, kStart);
  const Status s = schedule.add_file_text(R"({"scenarios":[
      {"type":"weak-coverage","homes":["home-000003"],"at":"+1m","duration":"2h"},
      {"type":"access-node-outage","accessNode":"an-02","at":"+10m","duration":"20m"},
      {"type":"random","share":0.25,"types":["weak-coverage","congested-channel","wan-degraded"]}]})");
  ASSERT_TRUE(s.ok()) << s.error().message;
  const size_t an2 = fleet.access_nodes[1].homes.size();
  EXPECT_EQ(schedule.scheduled_count(), 1 + an2 + 50);
  EXPECT_EQ(schedule.next_due_ms(), kStart);  // the random mix starts now
  schedule.apply_due(fleet, kStart);
  EXPECT_EQ(schedule.truth().size(), 50u);
  EXPECT_EQ(schedule.next_due_ms(), kStart + kMinute);
  schedule.apply_due(fleet, kStart + 15 * kMinute);
  EXPECT_EQ(schedule.truth().size(), 51 + an2);
  for (uint32_t h : fleet.access_nodes[1].homes) EXPECT_TRUE(fleet.homes[h].cond.unreachable);
  EXPECT_EQ(schedule.next_due_ms(), kStart + 30 * kMinute);
  schedule.apply_due(fleet, kStart + 3 * kHour);
  for (uint32_t h : fleet.access_nodes[1].homes) EXPECT_FALSE(fleet.homes[h].cond.unreachable);
  EXPECT_EQ(schedule.next_due_ms(), kNever);  // the random mix is open-ended
  size_t ended = 0;
  for (const TruthRecord& t : schedule.truth()) {
    if (t.scenario == "access-node-outage") {
      EXPECT_EQ(t.cause, "OUT-REG-1");
      EXPECT_EQ(t.access_node, "an-02");
      EXPECT_EQ(t.start_ms, kStart + 10 * kMinute);  // scheduled time, not when applied
      EXPECT_EQ(t.end_ms, kStart + 30 * kMinute);
      ++ended;
    } else if (t.home_id == "home-000003" && t.start_ms == kStart + kMinute) {
      EXPECT_EQ(t.cause, "WIFI-COV-1");
      EXPECT_EQ(t.end_ms, kStart + kMinute + 2 * kHour);
      ++ended;
    } else {
      EXPECT_EQ(t.end_ms, kNever);
      EXPECT_TRUE(t.scenario == "weak-coverage" || t.scenario == "congested-channel" || t.scenario == "wan-degraded");
    }
  }
  EXPECT_EQ(ended, an2 + 1);
  EXPECT_EQ(schedule.active_count(), 50u);
}

struct BadCase {
  const char* text;
  const char* message;
};

TEST(ScenarioTest, ErrorsNameTheEntryAndWhatIsWrong) {
  const BadCase cases[] = {
      {R"({"scenarios":[{"type":"healthy","home":"home-000001"},{"type":"wifi-on-fire","home":"home-000001"}]})",
       "scenario 2 (wifi-on-fire): unknown type \"wifi-on-fire\""},
      {R"({"scenarios":[{"type":"weak-coverage","homes":["home-999999"]}]})",
       "scenario 1 (weak-coverage): unknown home \"home-999999\""},
      {R"({"scenarios":[{"type":"wan-down","home":"home-000002","at":"tomorrow"}]})",
       "scenario 1 (wan-down): bad time \"tomorrow\""},
      {R"({"scenarios":[{"type":"wan-down","home":"home-000002","duration":"long"}]})",
       "scenario 1 (wan-down): bad duration \"long\""},
      {R"({"scenarios":[{"type":"wan-down","home":"home-000002","colour":"red"}]})",
       "scenario 1 (wan-down): unknown field \"colour\""},
      {R"({"scenarios":[{"type":"wan-down"}]})", "scenario 1 (wan-down): no target"},
      {R"({"scenarios":[{"type":"access-node-outage","home":"home-000002"}]})",
       "scenario 1 (access-node-outage): access-node-outage needs \"accessNode\""},
      {R"({"scenarios":[{"type":"dns-failure","accessNode":"an-77"}]})",
       "scenario 1 (dns-failure): unknown access node \"an-77\""},
      {R"({"scenarios":[{"type":"random","types":["weak-coverage"]}]})", "scenario 1 (random): random needs \"share\""},
      {R"({"scenarios":[{"type":"random","share":0.1,"types":["nope"]}]})", "unknown type \"nope\" in \"types\""},
      {R"({"scenarios":[{"type":"random","share":1.5}]})", "\"share\" must be in (0, 1]"},
      {R"({"scenarios":[{"type":"wan-down","home":"home-000002","duration":"0s"}]})", "the duration must be positive"},
      {R"([1,2])", "expected {\"scenarios\": [...]}"},
      {R"({"scenarios":)", "not valid JSON"},
  };
  Fleet fleet = small_fleet(50);
  for (const BadCase& c : cases) {
    ScenarioSchedule schedule(fleet, kStart);
    const Status s = schedule.add_file_text(c.text);
    ASSERT_FALSE(s.ok()) << c.text;
    EXPECT_NE(s.error().message.find(c.message), std::string::npos) << s.error().message;
    EXPECT_EQ(schedule.scheduled_count(), 0u);
  }
}

TEST(ScenarioTest, CommandLineSpecs) {
  Fleet fleet = small_fleet(200);
  ScenarioSchedule schedule(fleet, kStart);
  ASSERT_TRUE(schedule.add_spec("weak-coverage:home-000003").ok());
  ASSERT_TRUE(schedule.add_spec("access-node-outage:an-02@+5m/20m").ok());
  ASSERT_TRUE(schedule.add_spec("dns-failure:home-000004,home-000005@2026-01-05T21:00:00Z/1h").ok());
  ASSERT_TRUE(schedule.add_spec("wan-degraded:an-03/30m").ok());
  EXPECT_EQ(schedule.scheduled_count(), 1 + fleet.access_nodes[1].homes.size() + 2 + fleet.access_nodes[2].homes.size());
  schedule.apply_due(fleet, kStart + 6 * kMinute);
  EXPECT_TRUE(fleet.homes[fleet.access_nodes[1].homes[0]].cond.unreachable);
  EXPECT_LT(fleet.homes[fleet.access_nodes[2].homes[0]].cond.wan_speed_factor, 1);
  EXPECT_FALSE(fleet.homes[3].cond.dns_failure);
  schedule.apply_due(fleet, kStart + kHour + kMinute);
  EXPECT_TRUE(fleet.homes[3].cond.dns_failure);
  EXPECT_TRUE(fleet.homes[4].cond.dns_failure);
  EXPECT_FALSE(fleet.homes[fleet.access_nodes[1].homes[0]].cond.unreachable);

  const BadCase bad[] = {
      {"weak-coverage", "expected TYPE:TARGET"},
      {"lightning:home-000001", "unknown type \"lightning\""},
      {"weak-coverage:home-999999", "unknown home or access node \"home-999999\""},
      {"weak-coverage:home-000001@soon", "bad time \"soon\""},
      {"weak-coverage:home-000001/forever", "bad duration \"forever\""},
      {"access-node-outage:home-000001", "needs an access node id"},
      {"weak-coverage:", "no target"},
  };
  for (const BadCase& c : bad) {
    const Status s = schedule.add_spec(c.text);
    ASSERT_FALSE(s.ok()) << c.text;
    EXPECT_NE(s.error().message.find(c.message), std::string::npos) << s.error().message;
    EXPECT_NE(s.error().message.find(c.text), std::string::npos) << s.error().message;
  }
}

// ---- every type shows its symptom and is undone ----

bool weak_coverage(const Home& h) {
  size_t connected = 0, weak = 0;
  for (const Station& s : h.stations) {
    if (!s.connected) continue;
    ++connected;
    weak += station_link(h, s).signal_dbm < -80 ? 1 : 0;
  }
  return weak >= std::min<size_t>(3, connected) && weak * 4 >= connected;
}

bool congested(const Home& h) {
  const Node& gw = h.nodes[0];
  return channel_utilisation(h, 0, Band::k2g).total > 0.7f && overlapping_neighbours(h, Band::k2g, gw.channel_2g, gw.width_2g_mhz) > 30;
}

bool interference(const Home& h) {
  const Utilisation u = channel_utilisation(h, 0, Band::k2g);
  return u.total > 0.5f && u.interference > u.neighbours && h.cond.extra_interference > 0;
}

bool sticky(const Home& h) {
  for (const Station& s : h.stations) {
    if (!s.sticky || !s.connected) continue;
    const float here = station_link(h, s).signal_dbm;
    for (size_t n = 0; n < h.nodes.size(); ++n) {
      if (n != s.node && station_link_to(h, s, static_cast<uint8_t>(n)).signal_dbm >= here + 8 && here < -70) return true;
    }
  }
  return false;
}

bool legacy(const Home& h) {
  for (const Station& s : h.stations) {
    if (!s.connected || s.wifi_generation != 4 || s.spatial_streams != 1 || s.min_demand_mbps <= 0) continue;
    const LinkMetrics m = station_link(h, s);
    const float airtime = s.demand_mbps / (static_cast<float>(m.phy_down_kbps) / 1000.0f * 0.6f);
    if (airtime > 0.2f && m.max_phy_kbps <= 150'000) return true;
  }
  return false;
}

bool bad_backhaul(const Home& h) {
  for (size_t n = 1; n < h.nodes.size(); ++n) {
    if (!h.nodes[n].wired_backhaul && backhaul_link(h, static_cast<uint8_t>(n)).signal_dbm < -70) return true;
  }
  return false;
}

bool wrong_password(const Home& h) {
  for (const Station& s : h.stations) {
    if (s.wrong_password && !s.connected) return true;
  }
  return false;
}

bool power_cut(const Home& h) {
  for (const Station& s : h.stations) {
    if (s.connected) return false;
  }
  return h.cond.powered_off;
}

struct TypeCase {
  const char* type;
  const char* cause;
  std::function<bool(const Home&)> symptom;
};

TEST(ScenarioTest, EveryTypeShowsItsSymptomAndIsUndone) {
  const TypeCase cases[] = {
      {"weak-coverage", "WIFI-COV-1", weak_coverage},
      {"congested-channel", "WIFI-CAP-1", congested},
      {"interference", "WIFI-CAP-2", interference},
      {"sticky-client", "WIFI-COV-2", sticky},
      {"legacy-client", "WIFI-PHY-2", legacy},
      {"bad-extender-placement", "WIFI-BH-1", bad_backhaul},
      {"wan-down", "WAN-DOWN-1", [](const Home& h) { return h.cond.wan_down; }},
      {"wan-degraded", "WAN-SPD-1",
       [](const Home& h) { return h.cond.wan_speed_factor < 0.5f && h.cond.wan_extra_latency_ms > 0 && h.cond.wan_extra_loss_pct > 0; }},
      {"power-cut", "PWR-CUT-1", power_cut},
      {"crash-loop", "SYS-CRASH-1", [](const Home& h) { return h.cond.crash_loop; }},
      {"memory-leak", "SYS-MEM-1", [](const Home& h) { return h.cond.memory_leak; }},
      {"dns-failure", "WAN-DNS-1", [](const Home& h) { return h.cond.dns_failure; }},
      {"wrong-wifi-password", "WIFI-AUTH-1", wrong_password},
  };
  for (const TypeCase& c : cases) {
    SCOPED_TRACE(c.type);
    Fleet fleet = small_fleet(150, 21);
    for (Home& h : fleet.homes) advance(h, kStart - kMinute);
    const Fleet before = fleet;
    ScenarioSchedule schedule(fleet, kStart);
    ASSERT_TRUE(schedule.add_file_text(std::string(R"({"scenarios":[{"type":"random","share":1,"types":[")") + c.type +
                                       R"("],"duration":"2h"}]})")
                    .ok());
    schedule.apply_due(fleet, kStart);
    ASSERT_EQ(schedule.truth().size(), fleet.homes.size());
    EXPECT_EQ(schedule.truth()[0].cause, c.cause);
    // The symptom holds now and after the home has lived on for a while.
    size_t shown = 0, shown_later = 0, shown_next_noon = 0;
    for (Home& h : fleet.homes) {
      shown += c.symptom(h) ? 1 : 0;
      advance(h, kStart + 40 * kMinute);
      shown_later += c.symptom(h) ? 1 : 0;
      Home copy = h;  // the next working day at noon, when phones and some laptops are out
      advance(copy, kStart + 16 * kHour);
      shown_next_noon += c.symptom(copy) ? 1 : 0;
    }
    EXPECT_EQ(shown, fleet.homes.size());
    EXPECT_GE(shown_later, fleet.homes.size() * 97 / 100);
    EXPECT_GE(shown_next_noon, fleet.homes.size() * 85 / 100);
    std::printf("%-24s symptom now %zu, +40 min %zu, next noon %zu of %zu homes\n", c.type, shown, shown_later,
                shown_next_noon, fleet.homes.size());

    schedule.apply_due(fleet, kStart + 2 * kHour);
    EXPECT_EQ(schedule.active_count(), 0u);
    for (size_t i = 0; i < fleet.homes.size(); ++i) {
      const Home& h = fleet.homes[i];
      const Home& b = before.homes[i];
      advance(fleet.homes[i], kStart + 2 * kHour);
      EXPECT_FALSE(c.symptom(h)) << h.id;
      EXPECT_EQ(h.cond, Conditions{});
      ASSERT_EQ(h.nodes.size(), b.nodes.size());
      for (size_t n = 0; n < h.nodes.size(); ++n) {
        EXPECT_EQ(h.nodes[n].x_m, b.nodes[n].x_m);
        EXPECT_EQ(h.nodes[n].extra_walls, b.nodes[n].extra_walls);
        EXPECT_EQ(h.nodes[n].wired_backhaul, b.nodes[n].wired_backhaul);
      }
      ASSERT_EQ(h.stations.size(), b.stations.size());
      for (size_t s = 0; s < h.stations.size(); ++s) {
        EXPECT_EQ(h.stations[s].anchor_x_m, b.stations[s].anchor_x_m);
        EXPECT_EQ(h.stations[s].extra_walls, b.stations[s].extra_walls);
        EXPECT_EQ(h.stations[s].sticky, b.stations[s].sticky);
        EXPECT_EQ(h.stations[s].wrong_password, b.stations[s].wrong_password);
      }
      EXPECT_EQ(h.env.neighbours.size(), b.env.neighbours.size());
    }
    for (const TruthRecord& t : schedule.truth()) EXPECT_EQ(t.end_ms, kStart + 2 * kHour);
  }
}

TEST(ScenarioTest, MovingACongestedRadioToAnotherChannelFixesIt) {
  Fleet fleet = small_fleet(100, 4);
  for (Home& h : fleet.homes) advance(h, kStart);
  ScenarioSchedule schedule(fleet, kStart);
  ASSERT_TRUE(schedule.add_spec("congested-channel:an-01").ok());
  schedule.apply_due(fleet, kStart);
  size_t fixed = 0;
  for (uint32_t i : fleet.access_nodes[0].homes) {
    Home& h = fleet.homes[i];
    ASSERT_TRUE(congested(h)) << h.id;
    float best = 1;
    for (uint8_t channel : {1, 6, 11}) {
      for (Node& n : h.nodes) n.channel_2g = channel;  // what a channel re-plan would set
      best = std::min(best, channel_utilisation(h, 0, Band::k2g).total);
    }
    fixed += best < 0.5f ? 1 : 0;
  }
  EXPECT_EQ(fixed, fleet.access_nodes[0].homes.size());
}

TEST(ScenarioTest, HealthyRecordsNoTruthAndChangesNothing) {
  Fleet fleet = small_fleet(20);
  const Fleet before = fleet;
  ScenarioSchedule schedule(fleet, kStart);
  ASSERT_TRUE(schedule.add_spec("healthy:an-01").ok());
  schedule.apply_due(fleet, kStart);
  EXPECT_TRUE(schedule.truth().empty());
  EXPECT_GT(schedule.active_count(), 0u);
  for (size_t i = 0; i < fleet.homes.size(); ++i) EXPECT_EQ(fleet.homes[i].cond, before.homes[i].cond);
}

TEST(ScenarioTest, OverlappingScenariosKeepEachOthersConditions) {
  Fleet fleet = small_fleet(20);
  ScenarioSchedule schedule(fleet, kStart);
  ASSERT_TRUE(schedule.add_spec("wan-degraded:home-000001/1h").ok());
  ASSERT_TRUE(schedule.add_spec("dns-failure:home-000001@+30m/1h").ok());
  schedule.apply_due(fleet, kStart + 45 * kMinute);
  EXPECT_TRUE(fleet.homes[0].cond.dns_failure);
  EXPECT_LT(fleet.homes[0].cond.wan_speed_factor, 1);
  schedule.apply_due(fleet, kStart + 61 * kMinute);
  EXPECT_TRUE(fleet.homes[0].cond.dns_failure);
  EXPECT_EQ(fleet.homes[0].cond.wan_speed_factor, 1);
  schedule.apply_due(fleet, kStart + 2 * kHour);
  EXPECT_EQ(fleet.homes[0].cond, Conditions{});
  ASSERT_EQ(schedule.truth().size(), 2u);
}

TEST(ScenarioTest, RandomSharesAreDeterministicAndPreferHomesThatFit) {
  Fleet a = small_fleet(400);
  Fleet b = small_fleet(400);
  const std::string file = R"({"scenarios":[{"type":"random","share":0.2,"types":["sticky-client","wan-down"],
                               "at":"+5m","spread":"30m","duration":"1h"}]})";
  ScenarioSchedule sa(a, kStart), sb(b, kStart);
  ASSERT_TRUE(sa.add_file_text(file).ok());
  ASSERT_TRUE(sb.add_file_text(file).ok());
  sa.apply_due(a, kStart + 3 * kHour);
  sb.apply_due(b, kStart + 3 * kHour);
  EXPECT_EQ(truth_to_json(sa.truth()), truth_to_json(sb.truth()));
  ASSERT_EQ(sa.truth().size(), 80u);
  std::set<std::string> homes;
  size_t sticky_without_extender = 0;
  for (const TruthRecord& t : sa.truth()) {
    EXPECT_TRUE(homes.insert(t.home_id).second);
    EXPECT_GE(t.start_ms, kStart + 5 * kMinute);
    EXPECT_LE(t.start_ms, kStart + 35 * kMinute);
    EXPECT_EQ(t.end_ms - t.start_ms, kHour);
    const Home& h = a.homes[std::stoul(t.home_id.substr(5)) - 1];
    if (t.scenario == "sticky-client" && h.nodes.size() < 2) ++sticky_without_extender;
  }
  EXPECT_LE(sticky_without_extender, 3u);
}

TEST(ScenarioTest, AWrongPasswordStationFailsFromTheStartAndRejoinsAtTheEnd) {
  // The gateway's log of failed joins (sim/model/failed_joins.h) reads both times from the
  // station: associated_since_ms is when it lost the network, then when it joined again.
  Fleet fleet = small_fleet(20, 3);
  for (Home& h : fleet.homes) advance(h, kStart);
  ScenarioSchedule schedule(fleet, kStart);
  ASSERT_TRUE(schedule.add_spec("wrong-wifi-password:home-000003@+5m/30m").ok());
  Home& h = fleet.homes[2];
  schedule.apply_due(fleet, kStart + 5 * kMinute + 20);
  const Station* failing = nullptr;
  for (const Station& s : h.stations) failing = s.wrong_password ? &s : failing;
  ASSERT_NE(failing, nullptr);
  const Mac mac = failing->mac;
  EXPECT_FALSE(failing->connected);
  EXPECT_EQ(failing->associated_since_ms, kStart + 5 * kMinute);
  advance(h, kStart + 20 * kMinute);
  EXPECT_EQ(failing->associated_since_ms, kStart + 5 * kMinute);
  schedule.apply_due(fleet, kStart + 35 * kMinute);
  for (const Station& s : h.stations) {
    if (!(s.mac == mac)) continue;
    EXPECT_FALSE(s.wrong_password);
    EXPECT_TRUE(s.connected);
    EXPECT_EQ(s.associated_since_ms, kStart + 35 * kMinute);
  }
}

TEST(ScenarioTest, TruthJsonHasTheDocumentedShape) {
  std::vector<TruthRecord> truth(2);
  truth[0] = {"home-000003", "1000003", "an-01", "weak-coverage", "WIFI-COV-1", kStart, kStart + kHour};
  truth[1] = {"home-000009", "1000009", "an-02", "wan-down", "WAN-DOWN-1", kStart, kNever};
  const std::string json = truth_to_json(truth);
  EXPECT_NE(json.find("\"homeId\": \"home-000003\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"cause\": \"WIFI-COV-1\""), std::string::npos);
  EXPECT_NE(json.find("\"start\": \"2026-01-05T20:00:00Z\""), std::string::npos);
  EXPECT_NE(json.find("\"end\": \"2026-01-05T21:00:00Z\""), std::string::npos);
  EXPECT_NE(json.find("\"end\": null"), std::string::npos);
  EXPECT_NE(json.find("\"accessNode\": \"an-02\""), std::string::npos);
}

TEST(ScenarioTest, TheCodeTableIsComplete) {
  EXPECT_EQ(kScenarioTypes.size(), 15u);
  for (const ScenarioTypeInfo& t : kScenarioTypes) {
    EXPECT_EQ(find_scenario_type(t.name), &t);
    EXPECT_EQ(&scenario_type_info(t.type), &t);
    EXPECT_EQ(std::string(t.cause).empty(), t.type == ScenarioType::kHealthy);
  }
  EXPECT_EQ(find_scenario_type("nope"), nullptr);
}

}  // namespace
}  // namespace hearth::sim
