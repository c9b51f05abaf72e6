// Failed joins of a station with the wrong passphrase: the log's timing, numbering and limits
// (failed_joins.h), the TR-181 FailedConnectionEvent rows and the TR-098 X_HW_AuthFailures
// counter that show it.
#include "sim/model/failed_joins.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "sim/model/model_test_support.h"

namespace hearth::sim::model {
namespace {

using testing::kHour;
using testing::kMinute;
using testing::kT0;

// A home whose first station (on 2.4 GHz at the gateway) started failing at `since`.
Home failing_home(uint8_t model, int64_t since) {
  testing::HomeSpec spec;
  spec.model = model;
  Home h = testing::make_home(spec);
  Station& s = h.stations[0];
  s.wrong_password = true;
  s.connected = false;
  s.associated_since_ms = since;
  return h;
}

TEST(FailedJoinLogTest, AStationRetriesAboutEveryMinuteWhileItFails) {
  Home h = failing_home(testing::tr181_model(), kT0 + kMinute);
  FailedJoinLog log;
  log.sync(h, kT0, kT0 + 11 * kMinute);
  const auto& rows = log.rows();
  ASSERT_GE(rows.size(), 9u);
  ASSERT_LE(rows.size(), 11u);
  EXPECT_GE(rows.front().time_ms, kT0 + kMinute);
  EXPECT_LE(rows.front().time_ms, kT0 + kMinute + 10'000);
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].instance, i + 1);
    EXPECT_EQ(rows[i].station, h.stations[0].mac);
    EXPECT_EQ(rows[i].bssid, h.nodes[0].mac.plus(2));  // the gateway's 2.4 GHz BSS
    EXPECT_EQ(rows[i].band, Band::k2g);
    if (i > 0) {
      const int64_t gap = rows[i].time_ms - rows[i - 1].time_ms;
      EXPECT_GE(gap, FailedJoinLog::kRetryMs - FailedJoinLog::kJitterMs);
      EXPECT_LE(gap, FailedJoinLog::kRetryMs + FailedJoinLog::kJitterMs);
    }
  }
  EXPECT_EQ(log.failures(Band::k2g), rows.size());
  EXPECT_EQ(log.failures(Band::k5g), 0u);
}

TEST(FailedJoinLogTest, ReadsInStepsGiveTheSameRowsAsOneRead) {
  const Home h = failing_home(testing::tr181_model(), kT0);
  FailedJoinLog once, steps;
  once.sync(h, kT0, kT0 + 30 * kMinute);
  for (int64_t t = kT0; t <= kT0 + 30 * kMinute; t += 37'000) steps.sync(h, kT0, t);
  steps.sync(h, kT0, kT0 + 30 * kMinute);
  steps.sync(h, kT0, kT0 + 30 * kMinute);  // again at the same time: nothing new
  ASSERT_EQ(once.rows().size(), steps.rows().size());
  for (size_t i = 0; i < once.rows().size(); ++i) {
    EXPECT_EQ(once.rows()[i].time_ms, steps.rows()[i].time_ms);
    EXPECT_EQ(once.rows()[i].instance, steps.rows()[i].instance);
  }
  EXPECT_EQ(once.failures(Band::k2g), steps.failures(Band::k2g));
}

TEST(FailedJoinLogTest, KeepsTheLast32WithTheirNumbersAndCountsThemAll) {
  Home h = failing_home(testing::tr181_model(), kT0);
  h.stations[1].wrong_password = true;  // a second one, on 5 GHz
  h.stations[1].connected = false;
  h.stations[1].associated_since_ms = kT0 + 30 * kMinute;
  FailedJoinLog log;
  log.sync(h, kT0, kT0 + kHour);
  const uint32_t newest = log.rows().back().instance;
  const int64_t newest_time = log.rows().back().time_ms;
  log.sync(h, kT0, kT0 + 2 * kHour);
  const auto& rows = log.rows();
  ASSERT_EQ(rows.size(), FailedJoinLog::kKept);
  const uint32_t total = log.failures(Band::k2g) + log.failures(Band::k5g);
  EXPECT_GE(total, 190u);  // two hours and an hour and a half of attempts, one a minute
  EXPECT_LE(total, 230u);
  EXPECT_GT(log.failures(Band::k5g), 0u);
  EXPECT_EQ(rows.back().instance, total);
  for (size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].instance, rows[i - 1].instance + 1);
    EXPECT_GE(rows[i].time_ms, rows[i - 1].time_ms);  // both stations, in time order
  }
  EXPECT_GT(rows.front().instance, newest);  // the first hour's rows are gone...
  EXPECT_GT(rows.front().time_ms, newest_time);
}

TEST(FailedJoinLogTest, StopsWhenTheStationJoinsAndRestartsNumberingAtBoot) {
  Home h = failing_home(testing::tr181_model(), kT0);
  FailedJoinLog log;
  log.sync(h, kT0, kT0 + 10 * kMinute);
  // The right passphrase at +20 min: it joined then (scenario end); the next read is later.
  Station& s = h.stations[0];
  s.wrong_password = false;
  s.connected = true;
  s.associated_since_ms = kT0 + 20 * kMinute;
  log.sync(h, kT0, kT0 + 40 * kMinute);
  const auto rows = log.rows();
  EXPECT_GE(rows.size(), 17u);
  EXPECT_LE(rows.size(), 22u);
  EXPECT_LT(rows.back().time_ms, kT0 + 20 * kMinute);
  log.sync(h, kT0, kT0 + kHour);
  EXPECT_EQ(log.rows().size(), rows.size());

  // Failing again after a reboot: the rows and the count start afresh.
  s.wrong_password = true;
  s.connected = false;
  s.associated_since_ms = kT0 + 70 * kMinute;
  log.clear();
  EXPECT_TRUE(log.rows().empty());
  EXPECT_EQ(log.failures(Band::k2g), 0u);
  log.sync(h, kT0 + 65 * kMinute, kT0 + 75 * kMinute);
  ASSERT_FALSE(log.rows().empty());
  EXPECT_EQ(log.rows().front().instance, 1u);
  EXPECT_GE(log.rows().front().time_ms, kT0 + 70 * kMinute);
}

TEST(FailedJoinLogTest, NothingIsLoggedWhileTheGatewayIsOffOrTheRadiosAreDown) {
  Home h = failing_home(testing::tr181_model(), kT0);
  h.cond.powered_off = true;
  FailedJoinLog off;
  off.sync(h, kT0, kT0 + 10 * kMinute);
  EXPECT_TRUE(off.rows().empty());

  h.cond.powered_off = false;
  h.wifi.radio_enabled_2g = false;  // it tries the 5 GHz BSS instead
  FailedJoinLog five;
  five.sync(h, kT0, kT0 + 10 * kMinute);
  ASSERT_FALSE(five.rows().empty());
  EXPECT_EQ(five.rows().front().band, Band::k5g);
  EXPECT_EQ(five.rows().front().bssid, h.nodes[0].mac.plus(3));
  h.wifi.radio_enabled_5g = false;
  five.sync(h, kT0, kT0 + 20 * kMinute);
  EXPECT_EQ(five.failures(Band::k5g), five.rows().size());
  EXPECT_LE(five.rows().back().time_ms, kT0 + 10 * kMinute);
}

const std::string kEvents = "Device.WiFi.DataElements.FailedConnectionEvent.";

TEST(FailedConnectionEventTest, Tr181ShowsTheFailuresAsDataElementsEvents) {
  Home h = failing_home(testing::tr181_model(), kT0 + 5 * kMinute);
  auto dm = make_data_model(h, DataModelOptions{"http://acs.example/", 300, "", ""});
  dm->booted(kT0);
  auto params = dm->parameters_under(kEvents, kT0 + 4 * kMinute);
  EXPECT_EQ(testing::value_of(params, kEvents + "FailedConnectionEventDataNumberOfEntries"), "0");

  params = dm->parameters_under(kEvents, kT0 + 15 * kMinute);
  const auto rows = testing::instances(params, kEvents + "FailedConnectionEventData.");
  ASSERT_GE(rows.size(), 9u);
  EXPECT_EQ(testing::value_of(params, kEvents + "FailedConnectionEventDataNumberOfEntries"),
            std::to_string(rows.size()));
  const std::string first = kEvents + "FailedConnectionEventData." + std::to_string(rows.front()) + ".";
  EXPECT_EQ(testing::value_of(params, first + "MACAddress"), h.stations[0].mac.str());
  EXPECT_EQ(testing::value_of(params, first + "BSSID"), h.nodes[0].mac.plus(2).str());
  EXPECT_EQ(testing::value_of(params, first + "StatusCode"), "0");
  EXPECT_EQ(testing::value_of(params, first + "ReasonCode"), "15");
  int64_t at = 0;
  ASSERT_TRUE(parse_iso8601_ms(*testing::value_of(params, first + "TimeStamp"), &at));
  EXPECT_GE(at, kT0 + 5 * kMinute);
  EXPECT_LT(at, kT0 + 6 * kMinute);
  for (const auto& p : params) {
    if (p.name.find("Code") != std::string::npos) {
      EXPECT_EQ(p.type, cwmp::ValueType::kUnsignedInt) << p.name;
    }
  }

  // A later read keeps the rows with their numbers and adds the new ones above them.
  const auto later = dm->parameters_under(kEvents, kT0 + 25 * kMinute);
  const auto later_rows = testing::instances(later, kEvents + "FailedConnectionEventData.");
  ASSERT_GT(later_rows.size(), rows.size());
  EXPECT_EQ(testing::value_of(later, first + "TimeStamp"), testing::value_of(params, first + "TimeStamp"));

  dm->booted(kT0 + 30 * kMinute);
  EXPECT_EQ(dm->get(kEvents + "FailedConnectionEventData.1.MACAddress", kT0 + 30 * kMinute), std::nullopt);
}

TEST(FailedConnectionEventTest, AHealthyHomeHasNoEvents) {
  testing::HomeSpec spec;
  spec.model = testing::tr181_model();
  Home h = testing::make_home(spec);
  auto dm = make_data_model(h, DataModelOptions{"http://acs.example/", 300, "", ""});
  auto params = dm->parameters(kT0 + kHour);
  EXPECT_EQ(testing::value_of(params, kEvents + "FailedConnectionEventDataNumberOfEntries"), "0");
  EXPECT_TRUE(testing::instances(params, kEvents + "FailedConnectionEventData.").empty());
}

TEST(FailedConnectionEventTest, Tr098CountsFailedHandshakesPerWlanSinceBoot) {
  Home h = failing_home(testing::tr098_model(), kT0);
  auto dm = make_data_model(h, DataModelOptions{"http://acs.example/", 300, "", ""});
  dm->booted(kT0);
  const std::string wlan = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.";
  auto count = [&](int instance, int64_t t) {
    auto p = dm->get(wlan + std::to_string(instance) + ".X_HW_AuthFailures", t);
    EXPECT_TRUE(p.has_value());
    if (p) {
      EXPECT_EQ(p->type, cwmp::ValueType::kUnsignedInt);
    }
    return p ? std::stoul(p->value) : 0ul;
  };
  const unsigned long ten = count(1, kT0 + 10 * kMinute);
  EXPECT_GE(ten, 9u);
  EXPECT_LE(ten, 11u);
  EXPECT_EQ(count(5, kT0 + 10 * kMinute), 0u);  // the 5 GHz WLAN
  EXPECT_EQ(count(2, kT0 + 10 * kMinute), 0u);  // the guest WLAN
  EXPECT_GT(count(1, kT0 + 2 * kHour), 100u);   // a counter: not limited to 32
  dm->booted(kT0 + 3 * kHour);
  EXPECT_LE(count(1, kT0 + 3 * kHour + 30'000), 1u);
  // TR-098 has no DataElements.
  for (const auto& p : dm->parameters(kT0 + 3 * kHour + kMinute)) {
    EXPECT_EQ(p.name.find("FailedConnection"), std::string::npos) << p.name;
  }
}

}  // namespace
}  // namespace hearth::sim::model
