// The vendor model table: enough variety for the ACS to meet every quirk it must tolerate.
#include <set>

#include <gtest/gtest.h>

#include "sim/models.h"

namespace hearth::sim {
namespace {

TEST(ModelsTest, AtLeastFourVendorsAndBothRoots) {
  const auto& t = models();
  std::set<std::string> vendors;
  bool tr098 = false, tr181 = false;
  for (const auto& m : t) {
    vendors.insert(m.manufacturer);
    (m.tr098 ? tr098 : tr181) = true;
  }
  EXPECT_GE(vendors.size(), 4u);
  EXPECT_TRUE(tr098);
  EXPECT_TRUE(tr181);
}

TEST(ModelsTest, EveryModelIsComplete) {
  std::set<std::string> ids;
  for (const auto& m : models()) {
    EXPECT_EQ(m.oui.size(), 6u) << m.model_name;
    EXPECT_EQ(m.oui.find_first_not_of("0123456789ABCDEF"), std::string::npos) << m.oui;
    EXPECT_TRUE(ids.insert(m.oui + "-" + m.product_class).second) << m.product_class;
    EXPECT_FALSE(m.manufacturer.empty());
    EXPECT_FALSE(m.model_name.empty());
    EXPECT_FALSE(m.hardware_version.empty());
    EXPECT_FALSE(m.firmware.empty());
    EXPECT_NE(m.firmware, m.latest_firmware) << m.model_name;
    EXPECT_EQ(m.cwmp_ns.rfind("urn:dslforum-org:cwmp-1-", 0), 0u) << m.cwmp_ns;
    EXPECT_FALSE(m.cwmp_version.empty());
    EXPECT_FALSE(m.vendor_prefix.empty());
    EXPECT_EQ(m.vendor_prefix.rfind("X_", 0), 0u);
    EXPECT_FALSE(m.data_model_version.empty());
    EXPECT_FALSE(m.extender_model.empty());
    EXPECT_GE(m.memory_total_kb, 65536u);
    EXPECT_GT(m.max_stations, 0u);
  }
}

TEST(ModelsTest, QuirksVaryAcrossTheTable) {
  std::set<std::string> namespaces, prefixes, versions;
  bool basic = false, digest = false, stale = false, digits = false, counts = false, six = false;
  for (const auto& m : models()) {
    namespaces.insert(m.cwmp_ns);
    prefixes.insert(m.soap_prefix);
    versions.insert(m.cwmp_version);
    (m.digest_auth ? digest : basic) = true;
    stale |= m.stale_cookie;
    digits |= m.boolean_as_digit;
    counts |= m.array_count_mismatch;
    six |= m.supports_6g;
  }
  EXPECT_GE(namespaces.size(), 4u);
  EXPECT_GE(prefixes.size(), 4u);
  EXPECT_GE(versions.size(), 4u);
  EXPECT_TRUE(basic && digest && stale && digits && counts && six);
}

TEST(ModelsTest, ModelOfClampsToTheTable) {
  EXPECT_EQ(&model_of(0), &models()[0]);
  EXPECT_EQ(&model_of(200), &models()[0]);
  EXPECT_EQ(&model_of(static_cast<uint8_t>(models().size() - 1)), &models().back());
}

}  // namespace
}  // namespace hearth::sim
