// POST /api/v1/line-events (route: add_line_event_routes in routes.h): access-network events of
// homes' lines from the provider's OLT/DSLAM/CMTS management, for the diagnosis to tell a power
// cut at home ("dying-gasp") from a broken line ("loss-of-signal").
//
//   {"events":[{"homeId":"home-1","kind":"dying-gasp","time":"2026-01-01T03:00:00Z"},
//              {"serial":"HRS0001","kind":"restored","time":"2026-01-01T03:20:00Z"}]}
//   -> 202 {"accepted":N,"unmatched":M}
//
// Every event is checked before any is passed on: a bad one refuses the whole request with a 400
// that names its index. An event whose home (or gateway serial) the diagnosis does not know is
// counted as unmatched rather than refusing the others.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/result.h"
#include "insight/reader.h"

namespace hearth::api {

inline constexpr size_t kMaxLineEvents = 10'000;
// 10,000 events of about 150 bytes each, with room; the HTTP layer's default limit is 4 MiB.
inline constexpr size_t kMaxLineEventsBody = size_t{4} << 20;

// The events of a request body; kInvalidArgument naming the first field at fault
// ("events[12].kind: one of dying-gasp, loss-of-signal, restored").
Result<std::vector<insight::LineEvent>> parse_line_events(const nlohmann::json& body);

}  // namespace hearth::api
