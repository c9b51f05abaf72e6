#include <gtest/gtest.h>

#include "cwmp/codec.h"

namespace hearth::cwmp {
namespace {

struct VersionCase {
  const char* ns;
  std::optional<uint32_t> session_timeout;
  std::optional<std::string> supported;
  std::optional<std::string> use;
  CwmpVersion expected;
};

class DetectVersionTest : public ::testing::TestWithParam<VersionCase> {};

TEST_P(DetectVersionTest, FollowsNamespaceThenHeader) {
  const VersionCase& c = GetParam();
  Header h;
  h.session_timeout = c.session_timeout;
  h.supported_cwmp_versions = c.supported;
  h.use_cwmp_version = c.use;
  EXPECT_EQ(detect_version(c.ns, h), c.expected) << c.ns;
}

INSTANTIATE_TEST_SUITE_P(
    Table, DetectVersionTest,
    ::testing::Values(
        VersionCase{"urn:dslforum-org:cwmp-1-0", {}, {}, {}, CwmpVersion::k1_0},
        VersionCase{"urn:dslforum-org:cwmp-1-1", {}, {}, {}, CwmpVersion::k1_1},
        VersionCase{"urn:dslforum-org:cwmp-1-2", {}, {}, {}, CwmpVersion::k1_2},
        // 1.3 shares the 1-2 namespace and shows itself by SessionTimeout.
        VersionCase{"urn:dslforum-org:cwmp-1-2", 30u, {}, {}, CwmpVersion::k1_3},
        VersionCase{"urn:dslforum-org:cwmp-1-2", 30u, "1.0,1.1,1.2,1.3,1.4", {}, CwmpVersion::k1_4},
        VersionCase{"urn:dslforum-org:cwmp-1-2", {}, " 1.2 , 1.0 ", {}, CwmpVersion::k1_2},
        VersionCase{"urn:dslforum-org:cwmp-1-2", {}, "2.0,garbage", {}, CwmpVersion::k1_2},
        // icwmp's non-standard URIs.
        VersionCase{"urn:dslforum-org:cwmp-1-3", {}, {}, {}, CwmpVersion::k1_3},
        VersionCase{"urn:dslforum-org:cwmp-1-4", {}, {}, {}, CwmpVersion::k1_4},
        VersionCase{"urn:dslforum-org:cwmp-1-9", {}, {}, {}, CwmpVersion::k1_4},
        // The ACS's choice wins on the CPE side.
        VersionCase{"urn:dslforum-org:cwmp-1-2", {}, "1.0,1.4", "1.3", CwmpVersion::k1_3},
        VersionCase{"urn:example:other", {}, {}, {}, CwmpVersion::k1_0},
        VersionCase{"urn:dslforum-org:cwmp-1-x", {}, {}, {}, CwmpVersion::k1_0}));

TEST(CwmpVersionNameTest, NamesEveryVersion) {
  EXPECT_STREQ(cwmp_version_name(CwmpVersion::k1_0), "1.0");
  EXPECT_STREQ(cwmp_version_name(CwmpVersion::k1_1), "1.1");
  EXPECT_STREQ(cwmp_version_name(CwmpVersion::k1_2), "1.2");
  EXPECT_STREQ(cwmp_version_name(CwmpVersion::k1_3), "1.3");
  EXPECT_STREQ(cwmp_version_name(CwmpVersion::k1_4), "1.4");
}

}  // namespace
}  // namespace hearth::cwmp
