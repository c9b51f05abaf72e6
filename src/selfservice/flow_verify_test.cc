// verify(): whether a fix worked, from the snapshots before and after.
#include <gtest/gtest.h>

#include <functional>
#include <optional>

#include "selfservice/flow.h"
#include "selfservice/flow_test_support.h"

namespace hearth::selfservice {
namespace {

using testing::home_snapshot;
using testing::kNow;

struct Case {
  const char* name;
  std::function<void(VerifyInput&)> setup;
  std::optional<bool> expected;
};

VerifyInput base(const std::string& fix, const std::string& target = "") {
  VerifyInput in;
  in.fix = fix;
  in.target = target;
  in.applied_ms = kNow;
  in.before = home_snapshot();
  in.after = home_snapshot();
  in.after->time_ms = kNow + 30'000;
  return in;
}

TEST(VerifyTest, FixesJudgedFromSnapshots) {
  const std::vector<Case> cases = {
      {"channel moved, load fell",
       [](VerifyInput& in) { in = base("change-channel", testing::kRadio24); in.after->radios[0].channel = 11; in.after->radios[0].utilisation_pct = 30; },
       true},
      {"channel moved, load rose",
       [](VerifyInput& in) { in = base("change-channel", testing::kRadio24); in.after->radios[0].channel = 1; in.after->radios[0].utilisation_pct = 90; },
       false},
      {"channel moved, load unknown",
       [](VerifyInput& in) { in = base("change-channel", testing::kRadio24); in.after->radios[0].channel = 1; in.after->radios[0].utilisation_pct = diag::kUnknown; },
       true},
      {"channel unchanged", [](VerifyInput& in) { in = base("change-channel", testing::kRadio24); }, false},
      {"no fresh snapshot",
       [](VerifyInput& in) { in = base("change-channel", testing::kRadio24); in.after->time_ms = kNow - 1; },
       std::nullopt},
      {"station on 5 GHz",
       [](VerifyInput& in) { in = base("move-to-5ghz", testing::kPhone); in.after->stations[1].band = diag::Band::k5g; },
       true},
      {"station still on 2.4 GHz", [](VerifyInput& in) { in = base("move-to-5ghz", testing::kPhone); }, false},
      {"station reconnecting",
       [](VerifyInput& in) { in = base("move-to-5ghz", testing::kPhone); in.after->stations.pop_back(); },
       std::nullopt},
      {"gateway booted after the fix",
       [](VerifyInput& in) { in = base("restart-gateway"); in.after.reset(); in.last_boot_ms = kNow + 60'000; },
       true},
      {"gateway uptime shorter than since the fix",
       [](VerifyInput& in) { in = base("restart-gateway"); in.after->device.uptime_s = 20; },
       true},
      {"gateway did not restart", [](VerifyInput& in) { in = base("restart-gateway"); }, false},
      {"speed test newer than the fix",
       [](VerifyInput& in) { in = base("speed-test"); in.after->wan.download = {kNow + 20'000, true, false, 90}; },
       true},
      {"speed test older than the fix",
       [](VerifyInput& in) { in = base("speed-test"); in.after->wan.download = {kNow - 20'000, true, false, 90}; },
       std::nullopt},
      {"wifi back on", [](VerifyInput& in) { in = base("restart-wifi"); }, true},
      {"wifi still off", [](VerifyInput& in) { in = base("restart-wifi"); in.after->radios[1].enabled = false; }, false},
      {"newer firmware",
       [](VerifyInput& in) { in = base("update-firmware"); in.firmware_before = "1.0"; in.firmware_after = "2.0"; },
       true},
      {"same firmware",
       [](VerifyInput& in) { in = base("update-firmware"); in.firmware_before = "1.0"; in.firmware_after = "1.0"; },
       false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    VerifyInput in;
    c.setup(in);
    EXPECT_EQ(verify(in), c.expected);
  }
}

}  // namespace
}  // namespace hearth::selfservice
