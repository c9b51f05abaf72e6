// The Inform event codes a CPE keeps until an InformResponse acknowledges them (tr069.md 5):
// single events appear once, "M <Method>" events once per CommandKey. Which ones survive a
// failed session and a reboot follows the retry column of the table in tr069.md 5 (icwmp's
// reading): "6 CONNECTION REQUEST" is never retried; BOOT, VALUE CHANGE, CONNECTION REQUEST and
// DIAGNOSTICS COMPLETE are lost in a reboot, the rest ("0 BOOTSTRAP", "2 PERIODIC", "M ...") not.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cwmp/messages.h"

namespace hearth::sim::cpe {

using EventList = std::vector<cwmp::EventStruct>;

inline constexpr std::string_view kBootstrap = "0 BOOTSTRAP";
inline constexpr std::string_view kBoot = "1 BOOT";
inline constexpr std::string_view kPeriodic = "2 PERIODIC";
inline constexpr std::string_view kScheduled = "3 SCHEDULED";
inline constexpr std::string_view kValueChange = "4 VALUE CHANGE";
inline constexpr std::string_view kConnectionRequest = "6 CONNECTION REQUEST";
inline constexpr std::string_view kTransferComplete = "7 TRANSFER COMPLETE";
inline constexpr std::string_view kDiagnosticsComplete = "8 DIAGNOSTICS COMPLETE";
inline constexpr std::string_view kMReboot = "M Reboot";
inline constexpr std::string_view kMScheduleInform = "M ScheduleInform";
inline constexpr std::string_view kMDownload = "M Download";

// Adds the event unless the list has it already (same code; for "M ..." same CommandKey too).
void add_event(EventList& events, std::string_view code, std::string_view command_key = {});
bool has_event(const EventList& events, std::string_view code);
// Puts `earlier` (events of a failed attempt) back in front of `later`, without duplicates and
// without "6 CONNECTION REQUEST".
void restore_events(EventList& later, EventList earlier);
// Drops what a reboot loses.
void drop_on_reboot(EventList& events);
// The order an Inform lists them: numbered events by number, then "M ..." and vendor events.
EventList inform_order(EventList events);

}  // namespace hearth::sim::cpe
