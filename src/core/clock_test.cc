#include "core/clock.h"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(Iso8601Test, FormatsUtcWithZ) {
  EXPECT_EQ(format_iso8601(from_unix_ms(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(from_unix_ms(1'735'732'800'000)), "2025-01-01T12:00:00Z");
  EXPECT_EQ(format_iso8601(from_unix_ms(1'735'732'800'123), true), "2025-01-01T12:00:00.123Z");
}

struct ParseCase {
  const char* text;
  bool ok;
  int64_t ms;
};

TEST(Iso8601Test, ParsesWhatCpesSend) {
  const ParseCase cases[] = {
      {"2025-01-01T12:00:00Z", true, 1'735'732'800'000},
      {"2025-01-01T12:00:00", true, 1'735'732'800'000},
      {"2025-01-01T12:00:00.5Z", true, 1'735'732'800'500},
      {"2025-01-01T14:00:00+02:00", true, 1'735'732'800'000},
      {"2025-01-01T11:00:00-0100", true, 1'735'732'800'000},
      {"0001-01-01T00:00:00Z", true, -62'135'596'800'000},
      {"2025-13-01T12:00:00Z", false, 0},
      {"not a date", false, 0},
      {"2025-01-01T12:00:00Zjunk", false, 0},
      {"", false, 0},
  };
  for (const auto& c : cases) {
    int64_t ms = 0;
    EXPECT_EQ(parse_iso8601_ms(c.text, &ms), c.ok) << c.text;
    if (c.ok) {
      EXPECT_EQ(ms, c.ms) << c.text;
    }
  }
}

TEST(Iso8601Test, UnknownTimeDoesNotFitSysTime) {
  SysTime t;
  EXPECT_FALSE(parse_iso8601("0001-01-01T00:00:00Z", &t));
  ASSERT_TRUE(parse_iso8601("2025-01-01T12:00:00Z", &t));
  EXPECT_EQ(to_unix_ms(t), 1'735'732'800'000);
}

TEST(FakeClockTest, MovesOnlyWhenTold) {
  FakeClock clock;
  const auto t0 = clock.now();
  clock.advance(std::chrono::seconds(90));
  EXPECT_EQ(clock.now() - t0, std::chrono::seconds(90));
}

}  // namespace
}  // namespace hearth
