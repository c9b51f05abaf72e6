// Firmware installs that fail the way real gateways fail: an image built for another model of the
// table is refused after the fetch (9018), and a gateway with a flaky flash (Home::flaky_flash)
// cannot write any image (9010). Either way the old version keeps running.
#include <gtest/gtest.h>

#include "sim/cpe/cpe_test_util.h"
#include "sim/cpe/firmware_name.h"

namespace hearth::sim::cpe::testing {
namespace {

TEST(ImageForOtherModel, TokensNamingAnotherProductClass) {
  const std::vector<std::string> table = {"HG8245Q2", "H3600P", "FRITZ!Box5690Pro"};
  struct Case {
    const char* url;
    const char* target;
    const char* own;
    bool expected;
  };
  const Case cases[] = {
      {"http://acs/files/H3600P-V1.0.10P2N9.bin", "", "HG8245Q2", true},
      {"http://acs/files/HG8245Q2-V5R021C00S999.bin", "", "HG8245Q2", false},  // its own
      {"http://acs/files/h3600p_fw.img", "", "HG8245Q2", true},                // case ignored
      {"http://acs/files/fw-FRITZBox5690Pro-279.08.03.bin", "", "HG8245Q2", true},
      {"http://acs/files/fw-2.0.bin", "", "HG8245Q2", false},
      {"http://acs/files/firmware.bin", "", "HG8245Q2", false},
      {"http://acs/files/fw-2.0.bin", "H3600P-2.0.bin", "HG8245Q2", true},     // the target name counts
      {"http://acs/files/H3600PX-2.0.bin", "", "HG8245Q2", false},             // whole tokens only
  };
  for (const Case& c : cases) {
    EXPECT_EQ(image_for_other_model(c.url, c.target, c.own, table), c.expected) << c.url;
  }
}

cwmp::TransferComplete install(Harness& h, const std::string& url) {
  h.session({cwmp::Download{"fw", "1 Firmware Upgrade Image", url, "", "", 1000, "", 0}});
  EXPECT_TRUE(h.cpe->take_fetch().has_value());
  h.cpe->download_finished(true, 1000, h.now);
  EXPECT_TRUE(h.until_session());
  h.begin();
  return body_as<cwmp::TransferComplete>(h.inform_response().body);
}

TEST(CpeDownloadFailureTest, AnImageForAnotherModelIsRefusedWith9018) {
  Harness h;
  h.power_on();
  const cwmp::TransferComplete tc = install(h, "http://acs:7548/files/H3600P-V1.0.10P2N9.bin");
  EXPECT_EQ(tc.fault.code, 9018u);
  EXPECT_EQ(tc.fault.string, "image not built for this model (HG100)");
  EXPECT_TRUE(h.cpe->online(h.now));  // no reboot
  EXPECT_EQ(h.dm->software_version(), "1.0.0");
}

TEST(CpeDownloadFailureTest, AFlakyFlashFailsEveryFirmwareWith9010) {
  Harness h;
  h.home.flaky_flash = true;
  h.power_on();
  const cwmp::TransferComplete tc = install(h, "http://acs:7548/files/HG100-2.1.0.bin");
  EXPECT_EQ(tc.fault.code, 9010u);
  EXPECT_EQ(tc.fault.string, "flash write failed");
  EXPECT_EQ(h.dm->software_version(), "1.0.0");
}

TEST(CpeDownloadFailureTest, AGoodImageStillInstalls) {
  Harness h;
  h.power_on();
  const cwmp::TransferComplete tc = install(h, "http://acs:7548/files/HG100-2.1.0.bin");
  EXPECT_EQ(tc.fault.code, 0u);
  EXPECT_EQ(h.dm->software_version(), "2.1.0");
}

}  // namespace
}  // namespace hearth::sim::cpe::testing
