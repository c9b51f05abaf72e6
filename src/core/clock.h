// Time as a dependency. Everything that decides by time takes a Clock so tests can use FakeClock.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace hearth {

using SysTime = std::chrono::system_clock::time_point;
using Duration = std::chrono::system_clock::duration;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual SysTime now() const = 0;
};

class SystemClock final : public Clock {
 public:
  SysTime now() const override { return std::chrono::system_clock::now(); }
  static const SystemClock& instance();
};

// A clock that only moves when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(SysTime start = SysTime(std::chrono::seconds(1'767'225'600)))  // 2026-01-01Z
      : now_ns_(std::chrono::duration_cast<std::chrono::nanoseconds>(start.time_since_epoch()).count()) {}
  SysTime now() const override {
    return SysTime(std::chrono::duration_cast<Duration>(std::chrono::nanoseconds(now_ns_.load())));
  }
  void advance(Duration d) { now_ns_ += std::chrono::duration_cast<std::chrono::nanoseconds>(d).count(); }
  void set(SysTime t) {
    now_ns_ = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  }

 private:
  std::atomic<int64_t> now_ns_;
};

// Milliseconds since the Unix epoch, the storage form of times.
int64_t to_unix_ms(SysTime t);
SysTime from_unix_ms(int64_t ms);

// ISO 8601 in UTC with a 'Z', e.g. 2026-01-01T12:00:00Z (milliseconds added when non-zero and asked).
std::string format_iso8601(SysTime t, bool with_millis = false);

// Parses ISO 8601 dateTime as CPEs send it: optional fraction, 'Z' or +hh:mm offset, or no zone
// (taken as UTC). Returns false on anything else. The unknown time 0001-01-01T00:00:00Z parses.
// Times beyond what SysTime holds (about 1678..2261, such as the unknown time) are only
// representable in the milliseconds form.
bool parse_iso8601_ms(const std::string& text, int64_t* unix_ms);
bool parse_iso8601(const std::string& text, SysTime* out);
// The CWMP "unknown time" 0001-01-01T00:00:00Z in Unix milliseconds.
inline constexpr int64_t kUnknownTimeMs = -62'135'596'800'000;

}  // namespace hearth
