#include "sim/cpe/events.h"

#include <gtest/gtest.h>

namespace hearth::sim::cpe {
namespace {

std::vector<std::string> names(const EventList& events) {
  std::vector<std::string> out;
  for (const auto& e : events)
    out.push_back(e.command_key.empty() ? e.code : e.code + "/" + e.command_key);
  return out;
}

TEST(EventsTest, SingleEventsOnceMultiEventsOncePerCommandKey) {
  EventList e;
  add_event(e, kBoot);
  add_event(e, kBoot);
  add_event(e, kMReboot, "a");
  add_event(e, kMReboot, "a");
  add_event(e, kMReboot, "b");
  add_event(e, kPeriodic, "ignored");
  EXPECT_EQ(names(e),
            (std::vector<std::string>{"1 BOOT", "M Reboot/a", "M Reboot/b", "2 PERIODIC"}));
}

TEST(EventsTest, InformOrderPutsNumberedEventsFirstByNumber) {
  EventList e;
  add_event(e, kMDownload, "fw");
  add_event(e, kTransferComplete);
  add_event(e, kBoot);
  add_event(e, "X 00AABB Custom");
  add_event(e, kBootstrap);
  add_event(e, kDiagnosticsComplete);
  EXPECT_EQ(
      names(inform_order(e)),
      (std::vector<std::string>{"0 BOOTSTRAP", "1 BOOT", "7 TRANSFER COMPLETE",
                                "8 DIAGNOSTICS COMPLETE", "M Download/fw", "X 00AABB Custom"}));
}

TEST(EventsTest, RestoreKeepsEverythingButTheAttemptedConnectionRequest) {
  EventList failed;
  add_event(failed, kBootstrap);
  add_event(failed, kBoot);
  add_event(failed, kConnectionRequest);
  EventList later;
  add_event(later, kBoot);
  add_event(later, kPeriodic);
  restore_events(later, failed);
  EXPECT_EQ(names(later), (std::vector<std::string>{"0 BOOTSTRAP", "1 BOOT", "2 PERIODIC"}));
}

TEST(EventsTest, RebootDropsTheVolatileOnes) {
  struct Case {
    std::string_view code;
    bool survives;
  };
  const Case cases[] = {{kBootstrap, true},        {kBoot, false},
                        {kPeriodic, true},         {kScheduled, true},
                        {kValueChange, false},     {kConnectionRequest, false},
                        {kTransferComplete, true}, {kDiagnosticsComplete, false},
                        {kMReboot, true},          {kMScheduleInform, true},
                        {kMDownload, true}};
  for (const auto& c : cases) {
    EventList e;
    add_event(e, c.code, "k");
    drop_on_reboot(e);
    EXPECT_EQ(e.size() == 1, c.survives) << c.code;
  }
}

}  // namespace
}  // namespace hearth::sim::cpe
