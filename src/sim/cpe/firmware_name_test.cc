#include "sim/cpe/firmware_name.h"

#include <gtest/gtest.h>

namespace hearth::sim::cpe {
namespace {

TEST(FirmwareNameTest, VersionFromTheFileName) {
  struct Case {
    std::string url;
    std::string target;
    std::string expected;
  };
  const Case cases[] = {
      {"http://acs/files/HG8245Q2-V5R021C00S120.bin", "", "V5R021C00S120"},
      {"http://acs/files/gw_fw-2.4.1.img", "", "2.4.1"},
      {"https://acs/files/fw-3.0.0.bin?token=abc", "", "3.0.0"},
      {"http://acs/files/2.5.0.tar.gz", "", "2.5.0"},
      {"http://acs/files/HG100-1.2.0.bin", "", "1.2.0"},  // the model's latest
      {"http://acs/files/release-HG100-1.2.0-signed.bin", "", "1.2.0"},
      {"http://acs/files/firmware.bin", "", "1.0.0.1"},  // nothing in the name
      {"http://acs/files/x.bin", "gw-9.9.bin", "9.9"},   // TargetFileName wins
  };
  for (const auto& c : cases) {
    EXPECT_EQ(firmware_version_from_file(c.url, c.target, "1.0.0", "1.2.0"), c.expected) << c.url;
  }
}

}  // namespace
}  // namespace hearth::sim::cpe
