#include "core/ids.h"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(DeviceIdTest, JoinsOuiProductClassSerial) {
  EXPECT_EQ(make_device_id("00D09E", "HG8245", "ABC123"), "00D09E-HG8245-ABC123");
}

TEST(DeviceIdTest, LeavesOutEmptyProductClass) { EXPECT_EQ(make_device_id("00D09E", "", "S1"), "00D09E-S1"); }

TEST(DeviceIdTest, PercentEncodesUnsafeBytes) {
  EXPECT_EQ(make_device_id("00D09E", "Home Gate-2", "a/b"), "00D09E-Home%20Gate%2D2-a%2Fb");
  EXPECT_EQ(percent_encode_id_part("\xc3\xa9"), "%C3%A9");
}

TEST(UniqueIdTest, StrictlyIncreases) {
  int64_t prev = next_unique_id();
  for (int i = 0; i < 10000; ++i) {
    const int64_t id = next_unique_id();
    ASSERT_GT(id, prev);
    prev = id;
  }
}

}  // namespace
}  // namespace hearth
