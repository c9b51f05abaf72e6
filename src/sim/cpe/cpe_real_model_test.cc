// The CPE side over the real model table and data models (src/sim/model): every vendor model
// boots, informs with its own identity, namespace and prefixes, answers the ACS from its tree,
// reboots and upgrades. Built only when hearth_sim_model exists.
#include <gtest/gtest.h>

#include "sim/cpe/cpe_test_util.h"
#include "sim/data_model.h"
#include "sim/fleet.h"
#include "sim/models.h"

namespace hearth::sim::cpe::testing {
namespace {

using Events = std::vector<std::string>;

struct RealHarness {
  explicit RealHarness(uint8_t model_index) {
    FleetOptions fo;
    fo.homes = 2;
    fo.seed = 42;
    fleet = generate_fleet(fo);
    home = &fleet.homes.at(0);
    home->nodes.at(0).model = model_index;
    model = &models().at(model_index);
    DataModelOptions dmo;
    dmo.acs_url = "http://127.0.0.1:7547/";
    cpe = std::make_unique<Cpe>(*home, *model, make_data_model(*home, dmo), CpeOptions{}, 99);
  }
  bool until_session() {
    cpe->tick(now);
    for (int i = 0; i < 1000; ++i) {
      const int64_t t = cpe->next_session_ms(now);
      if (t <= now) return true;
      if (t == kNever) return false;
      now = t;
      cpe->tick(now);
    }
    return false;
  }
  Cpe::Next say(cwmp::Body b) {
    return cpe->on_response(200, acs(std::move(b), "acs-7", model->cwmp_ns), now);
  }

  Fleet fleet;
  Home* home = nullptr;
  const ModelInfo* model = nullptr;
  std::unique_ptr<Cpe> cpe;
  int64_t now = kStart;
};

TEST(CpeRealModelTest, EveryModelBootsInformsAndAnswers) {
  ASSERT_GE(models().size(), 4u);
  for (uint8_t i = 0; i < models().size(); ++i) {
    RealHarness h(i);
    const ModelInfo& m = *h.model;
    const std::string root = m.tr098 ? "InternetGatewayDevice." : "Device.";
    SCOPED_TRACE(m.product_class);
    ASSERT_TRUE(h.until_session());

    const std::string xml = h.cpe->begin_session(h.now);
    EXPECT_NE(xml.find("<" + m.soap_prefix + ":Envelope"), std::string::npos);
    const cwmp::Envelope env = parse(xml);
    EXPECT_EQ(env.cwmp_ns, m.cwmp_ns);
    if (m.cwmp_version == "1.3" || m.cwmp_version == "1.4") {
      EXPECT_EQ(env.header.session_timeout, 30u);
    }
    const auto& inform = std::get<cwmp::Inform>(env.body);
    EXPECT_EQ(codes(inform.events), (Events{"0 BOOTSTRAP", "1 BOOT"}));
    EXPECT_EQ(inform.device_id.oui, m.oui);
    EXPECT_EQ(inform.device_id.serial_number, h.home->nodes[0].serial);
    ASSERT_FALSE(inform.parameters.empty());
    for (const auto& p : inform.parameters) EXPECT_TRUE(p.name.starts_with(root)) << p.name;

    Cpe::Next n = h.cpe->on_response(200, acs(cwmp::InformResponse{1}, "1", m.cwmp_ns), h.now);
    ASSERT_TRUE(n.body.empty());

    n = h.say(cwmp::GetParameterNames{root, true});
    const auto gpn = body_as<cwmp::GetParameterNamesResponse>(n.body);
    EXPECT_GT(gpn.parameters.size(), 3u);

    n = h.say(cwmp::GetParameterValues{
        {root + "DeviceInfo.", root + "ManagementServer.PeriodicInformInterval"}});
    const auto gpv = body_as<cwmp::GetParameterValuesResponse>(n.body);
    bool saw_version = false;
    for (const auto& p : gpv.parameters) {
      if (p.name == root + "DeviceInfo.SoftwareVersion") {
        saw_version = true;
        EXPECT_EQ(p.value, m.firmware);
      }
    }
    EXPECT_TRUE(saw_version);

    n = h.say(cwmp::SetParameterValues{
        {{root + "ManagementServer.PeriodicInformInterval", "600", cwmp::ValueType::kUnsignedInt}},
        "cfg-9"});
    EXPECT_EQ(body_as<cwmp::SetParameterValuesResponse>(n.body).status, 1);
    n = h.say(cwmp::GetParameterValues{{root + "ManagementServer.ParameterKey"}});
    EXPECT_EQ(body_as<cwmp::GetParameterValuesResponse>(n.body).parameters.at(0).value, "cfg-9");
    n = h.say(cwmp::GetParameterValues{{root + "No.Such.Thing"}});
    EXPECT_EQ(body_as<cwmp::Fault>(n.body).code, 9005u);
    n = h.say(cwmp::GetParameterAttributes{{root + "DeviceInfo.SoftwareVersion"}});
    EXPECT_EQ(body_as<cwmp::GetParameterAttributesResponse>(n.body).parameters.at(0).notification,
              2);
    n = h.say(cwmp::Download{
        "fw-up", "1 Firmware Upgrade Image",
        "http://127.0.0.1:7548/files/" + m.product_class + "-" + m.latest_firmware + ".bin"});
    EXPECT_EQ(body_as<cwmp::DownloadResponse>(n.body).status, 1);
    n = h.say(cwmp::Reboot{"rb-9"});
    ASSERT_TRUE(h.cpe->on_response(204, "", h.now).done);

    // The reboot interrupts the accepted download: both are reported after the boot.
    EXPECT_FALSE(h.cpe->online(h.now));
    ASSERT_TRUE(h.until_session());
    const cwmp::Inform again = body_as<cwmp::Inform>(h.cpe->begin_session(h.now));
    EXPECT_EQ(codes(again.events),
              (Events{"1 BOOT", "7 TRANSFER COMPLETE", "M Reboot/rb-9", "M Download/fw-up"}));
    n = h.cpe->on_response(200, acs(cwmp::InformResponse{1}, "1", m.cwmp_ns), h.now);
    EXPECT_EQ(body_as<cwmp::TransferComplete>(n.body).fault.code, 9017u);
  }
}

TEST(CpeRealModelTest, FirmwareUpgradeOnEveryModel) {
  for (uint8_t i = 0; i < models().size(); ++i) {
    RealHarness h(i);
    const ModelInfo& m = *h.model;
    const std::string root = m.tr098 ? "InternetGatewayDevice." : "Device.";
    SCOPED_TRACE(m.product_class);
    ASSERT_TRUE(h.until_session());
    h.cpe->begin_session(h.now);
    h.cpe->on_response(200, acs(cwmp::InformResponse{1}, "1", m.cwmp_ns), h.now);
    h.say(cwmp::Download{
        "fw-up", "1 Firmware Upgrade Image",
        "http://127.0.0.1:7548/files/" + m.product_class + "-" + m.latest_firmware + ".bin"});
    ASSERT_TRUE(h.cpe->on_response(204, "", h.now).done);
    const auto fetch = h.cpe->take_fetch();
    ASSERT_TRUE(fetch.has_value());
    h.now += 3000;
    h.cpe->download_finished(true, 123456, h.now);
    ASSERT_TRUE(h.until_session());
    const cwmp::Inform inform = body_as<cwmp::Inform>(h.cpe->begin_session(h.now));
    EXPECT_EQ(codes(inform.events),
              (Events{"1 BOOT", "4 VALUE CHANGE", "7 TRANSFER COMPLETE", "M Download/fw-up"}));
    for (const auto& p : inform.parameters) {
      if (p.name == root + "DeviceInfo.SoftwareVersion") {
        EXPECT_EQ(p.value, m.latest_firmware);
      }
    }
    const Cpe::Next n =
        h.cpe->on_response(200, acs(cwmp::InformResponse{1}, "1", m.cwmp_ns), h.now);
    EXPECT_EQ(body_as<cwmp::TransferComplete>(n.body).fault.code, 0u);
  }
}

}  // namespace
}  // namespace hearth::sim::cpe::testing
