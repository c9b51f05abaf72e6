// Bounds every backend applies in the same way, so that the shared test suite can hold them to it.
#pragma once

#include <cstddef>

namespace hearth::store {

// The event timeline keeps this many events per device: the newest by (time, insertion order).
// An older event that arrives when the timeline is full is dropped at once.
inline constexpr size_t kMaxEventsPerDevice = 256;

}  // namespace hearth::store
