// The shared store suite, part 1: devices, parameter trees and batch atomicity.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <iterator>

#include "store/store_suite_fixture.h"

namespace hearth::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class StoreDeviceTest : public StoreSuiteTest {};
HEARTH_INSTANTIATE_STORE_SUITE(StoreDeviceTest);

TEST_P(StoreDeviceTest, UpsertDeviceStoresEveryFieldAndTagsAsASortedSet) {
  DeviceRecord d = make_device("202BC1-BM632w-1");
  d.hardware_version = "40501";
  d.cwmp_ns = "urn:dslforum-org:cwmp-1-0";
  d.first_seen_ms = 1;
  d.last_inform_ms = 2;
  d.last_boot_ms = 3;
  d.last_bootstrap_ms = 4;
  d.last_address = "192.0.2.7";
  d.connection_request_url = "http://192.0.2.7:7547/cr";
  d.inform_interval_s = 900;
  d.parameter_key = "pk-1";
  d.auth_username = "cpe";
  d.auth_ha1 = "0123456789abcdef0123456789abcdef";
  d.cr_username = "acs";
  d.cr_password = "secret";
  d.tags = {"zeta", "alpha", "zeta", "mid"};
  d.discovered_ms = 5;
  d.state_json = R"({"quirks":["a"]})";
  write_ok(WriteBatch().add(UpsertDevice{d}));

  auto got = store_->get_device(d.id);
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->has_value());
  const DeviceRecord& g = **got;
  EXPECT_EQ(g.id, d.id);
  EXPECT_EQ(g.oui, d.oui);
  EXPECT_EQ(g.product_class, d.product_class);
  EXPECT_EQ(g.serial_number, d.serial_number);
  EXPECT_EQ(g.manufacturer, d.manufacturer);
  EXPECT_EQ(g.model_name, d.model_name);
  EXPECT_EQ(g.software_version, d.software_version);
  EXPECT_EQ(g.hardware_version, d.hardware_version);
  EXPECT_EQ(g.root, d.root);
  EXPECT_EQ(g.cwmp_ns, d.cwmp_ns);
  EXPECT_EQ(g.first_seen_ms, 1);
  EXPECT_EQ(g.last_inform_ms, 2);
  EXPECT_EQ(g.last_boot_ms, 3);
  EXPECT_EQ(g.last_bootstrap_ms, 4);
  EXPECT_EQ(g.last_address, d.last_address);
  EXPECT_EQ(g.connection_request_url, d.connection_request_url);
  EXPECT_EQ(g.inform_interval_s, 900u);
  EXPECT_EQ(g.parameter_key, d.parameter_key);
  EXPECT_EQ(g.auth_username, d.auth_username);
  EXPECT_EQ(g.auth_ha1, d.auth_ha1);
  EXPECT_EQ(g.cr_username, d.cr_username);
  EXPECT_EQ(g.cr_password, d.cr_password);
  EXPECT_THAT(g.tags, ElementsAre("alpha", "mid", "zeta"));
  EXPECT_EQ(g.discovered_ms, 5);
  EXPECT_EQ(g.state_json, d.state_json);
}

TEST_P(StoreDeviceTest, UpsertDeviceReplacesTheWholeRecordAndKeepsTheTree) {
  DeviceRecord d = make_device("dev");
  d.tags = {"a", "b"};
  write_ok(WriteBatch().add(UpsertDevice{d}));
  put_values("dev", {pv("IGD.X", "1")});
  d.software_version = "V2";
  d.tags = {"c"};
  write_ok(WriteBatch().add(UpsertDevice{d}));

  auto got = store_->get_device("dev");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->software_version, "V2");
  EXPECT_THAT((*got)->tags, ElementsAre("c"));
  EXPECT_THAT(parameter_names("dev", ""), ElementsAre("IGD.X"));
  EXPECT_EQ(store_->stats()->devices, 1u);
}

TEST_P(StoreDeviceTest, GetDeviceOfUnknownIdIsEmpty) {
  auto got = store_->get_device("nobody");
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->has_value());
}

TEST_P(StoreDeviceTest, DeleteDeviceRemovesItsTreeTagsTasksFaultsAndEvents) {
  for (const char* id : {"gone", "kept"}) {
    DeviceRecord d = make_device(id);
    d.tags = {"t"};
    TaskRecord task;
    task.device_id = id;
    task.name = "reboot";
    FaultRecord fault;
    fault.device_id = id;
    fault.code = 9002;
    write_ok(WriteBatch()
                 .add(UpsertDevice{d})
                 .add(PutParameterValues{id, {pv("IGD.A", "1"), pv("IGD.B", "2")}, 1})
                 .add(AddEvents{{EventRecord{id, 10, "1 BOOT", ""}}})
                 .add(PutTask{task})
                 .add(AddFault{fault}));
  }
  write_ok(WriteBatch().add(DeleteDevice{"gone"}));

  EXPECT_FALSE(store_->get_device("gone")->has_value());
  EXPECT_THAT(parameter_names("gone", ""), IsEmpty());
  EXPECT_THAT(*store_->list_events("gone", 10), IsEmpty());
  EXPECT_THAT(*store_->list_faults("gone", 10), IsEmpty());
  TaskQuery tq;
  tq.device_id = "gone";
  EXPECT_THAT(*store_->find_tasks(tq), IsEmpty());
  DeviceQuery dq;
  dq.tag = "t";
  EXPECT_EQ(store_->find_devices(dq)->total, 1u);

  EXPECT_THAT(parameter_names("kept", ""), ElementsAre("IGD.A", "IGD.B"));
  EXPECT_EQ(store_->list_events("kept", 10)->size(), 1u);
  auto stats = store_->stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->devices, 1u);
  EXPECT_EQ(stats->parameters, 2u);
  EXPECT_EQ(stats->faults, 1u);
  EXPECT_EQ(stats->tasks_pending, 1u);
}

TEST_P(StoreDeviceTest, DeleteOfAMissingDeviceSucceeds) {
  EXPECT_TRUE(write(WriteBatch().add(DeleteDevice{"nobody"})).ok());
}

TEST_P(StoreDeviceTest, PutParameterValuesUpdatesValueTypeAndTimeButKeepsWritable) {
  add_device("dev");
  write_ok(WriteBatch().add(PutParameterInfo{"dev", {{"IGD.Time.Enable", true}}, 100}));
  put_values("dev", {pv("IGD.Time.Enable", "true", cwmp::ValueType::kBoolean),
                     pv("IGD.Time.New", "7", cwmp::ValueType::kUnsignedInt)},
             200);

  auto params = store_->get_parameters("dev", "");
  ASSERT_TRUE(params.ok());
  ASSERT_EQ(params->size(), 2u);
  const StoredParameter& enable = (*params)[0];
  EXPECT_EQ(enable.name, "IGD.Time.Enable");
  EXPECT_EQ(enable.value, "true");
  EXPECT_EQ(enable.type, cwmp::ValueType::kBoolean);
  EXPECT_TRUE(enable.writable);
  EXPECT_EQ(enable.updated_ms, 200);
  const StoredParameter& added = (*params)[1];
  EXPECT_EQ(added.name, "IGD.Time.New");
  EXPECT_EQ(added.type, cwmp::ValueType::kUnsignedInt);
  EXPECT_FALSE(added.writable);
}

TEST_P(StoreDeviceTest, PutParameterInfoUpdatesWritableButKeepsValue) {
  add_device("dev");
  put_values("dev", {pv("IGD.A", "42", cwmp::ValueType::kInt)}, 100);
  write_ok(WriteBatch().add(PutParameterInfo{"dev", {{"IGD.A", true}, {"IGD.Obj.", false}}, 300}));

  auto params = store_->get_parameters("dev", "");
  ASSERT_TRUE(params.ok());
  ASSERT_EQ(params->size(), 2u);
  EXPECT_EQ((*params)[0].name, "IGD.A");
  EXPECT_EQ((*params)[0].value, "42");
  EXPECT_EQ((*params)[0].type, cwmp::ValueType::kInt);
  EXPECT_TRUE((*params)[0].writable);
  EXPECT_EQ((*params)[0].updated_ms, 100);
  EXPECT_EQ((*params)[1].name, "IGD.Obj.");
  EXPECT_EQ((*params)[1].value, "");
  EXPECT_EQ((*params)[1].type, cwmp::ValueType::kString);
  EXPECT_FALSE((*params)[1].writable);
  EXPECT_EQ((*params)[1].updated_ms, 300);
}

TEST_P(StoreDeviceTest, EveryValueTypeRoundTrips) {
  add_device("dev");
  const cwmp::ValueType types[] = {
      cwmp::ValueType::kString,   cwmp::ValueType::kInt,      cwmp::ValueType::kUnsignedInt,
      cwmp::ValueType::kLong,     cwmp::ValueType::kUnsignedLong, cwmp::ValueType::kBoolean,
      cwmp::ValueType::kDateTime, cwmp::ValueType::kBase64,   cwmp::ValueType::kHexBinary,
  };
  std::vector<cwmp::ParameterValue> values;
  for (size_t i = 0; i < std::size(types); ++i) values.push_back(pv("P." + std::to_string(i), "v", types[i]));
  put_values("dev", values);
  auto params = store_->get_parameters("dev", "P.");
  ASSERT_TRUE(params.ok());
  ASSERT_EQ(params->size(), std::size(types));
  for (size_t i = 0; i < std::size(types); ++i) EXPECT_EQ((*params)[i].type, types[i]) << i;
}

// A tree where names share textual prefixes that are not path prefixes.
class StorePrefixTest : public StoreSuiteTest {
 protected:
  void SetUp() override {
    StoreSuiteTest::SetUp();
    put_tree();
  }
  void put_tree() {
    add_device("dev");
    add_device("other");
    put_values("dev", {pv("Device.WiFi.", ""), pv("Device.WiFi.SSID.1.SSID", "home"),
                       pv("Device.WiFi.SSID.1.Enable", "true"), pv("Device.WiFi.SSID.10.SSID", "x"),
                       pv("Device.WiFiX.Foo", "f"), pv("Device.WiFi", "odd"),
                       pv("Device.DeviceInfo.SoftwareVersion", "1.0"), pv("Device..Empty", "e")});
    put_values("other", {pv("Device.WiFi.SSID.1.SSID", "theirs")});
  }
};
HEARTH_INSTANTIATE_STORE_SUITE(StorePrefixTest);

struct PrefixCase {
  std::string prefix;
  std::vector<std::string> names;
};

const PrefixCase kPrefixCases[] = {
    {"", {"Device..Empty", "Device.DeviceInfo.SoftwareVersion", "Device.WiFi", "Device.WiFi.",
          "Device.WiFi.SSID.1.Enable", "Device.WiFi.SSID.1.SSID", "Device.WiFi.SSID.10.SSID",
          "Device.WiFiX.Foo"}},
    {"Device.WiFi.", {"Device.WiFi.", "Device.WiFi.SSID.1.Enable", "Device.WiFi.SSID.1.SSID",
                      "Device.WiFi.SSID.10.SSID"}},
    {"Device.WiFi.SSID.1.", {"Device.WiFi.SSID.1.Enable", "Device.WiFi.SSID.1.SSID"}},
    {"Device.WiFi", {"Device.WiFi", "Device.WiFi.", "Device.WiFi.SSID.1.Enable",
                     "Device.WiFi.SSID.1.SSID", "Device.WiFi.SSID.10.SSID", "Device.WiFiX.Foo"}},
    {"Device.WiFi.SSID.1", {"Device.WiFi.SSID.1.Enable", "Device.WiFi.SSID.1.SSID",
                            "Device.WiFi.SSID.10.SSID"}},
    {"Device.WiFi.SSID.1.SSID", {"Device.WiFi.SSID.1.SSID"}},
    {"Device.WiFi.SSID.1.S", {"Device.WiFi.SSID.1.SSID"}},
    {"Device..", {"Device..Empty"}},
    {"Dev", {"Device..Empty", "Device.DeviceInfo.SoftwareVersion", "Device.WiFi", "Device.WiFi.",
             "Device.WiFi.SSID.1.Enable", "Device.WiFi.SSID.1.SSID", "Device.WiFi.SSID.10.SSID",
             "Device.WiFiX.Foo"}},
    {"Device.Nothing.", {}},
    {"Device.Nothing", {}},
    {"Other.", {}},
};

TEST_P(StorePrefixTest, GetParametersReturnsExactlyTheNamesWithThePrefixSorted) {
  for (const auto& c : kPrefixCases) {
    EXPECT_EQ(parameter_names("dev", c.prefix), c.names) << "prefix '" << c.prefix << "'";
  }
}

TEST_P(StorePrefixTest, DeleteParametersRemovesExactlyTheNamesWithThePrefix) {
  for (const auto& c : kPrefixCases) {
    write_ok(WriteBatch().add(DeleteParameters{"dev", ""}));
    put_tree();
    const auto before = parameter_names("dev", "");
    write_ok(WriteBatch().add(DeleteParameters{"dev", c.prefix}));
    std::vector<std::string> expected;
    std::set_difference(before.begin(), before.end(), c.names.begin(), c.names.end(),
                        std::back_inserter(expected));
    EXPECT_EQ(parameter_names("dev", ""), expected) << "prefix '" << c.prefix << "'";
    EXPECT_EQ(store_->stats()->parameters, expected.size() + 1) << "prefix '" << c.prefix << "'";
  }
  EXPECT_THAT(parameter_names("other", ""), ElementsAre("Device.WiFi.SSID.1.SSID"));
}

TEST_P(StorePrefixTest, GetParametersOfUnknownDeviceIsEmpty) {
  EXPECT_THAT(parameter_names("nobody", ""), IsEmpty());
  EXPECT_THAT(parameter_names("nobody", "Device.WiFi."), IsEmpty());
}

TEST_P(StorePrefixTest, DeleteParametersOfUnknownDeviceSucceeds) {
  EXPECT_TRUE(write(WriteBatch().add(DeleteParameters{"nobody", "Device."})).ok());
}

// ---- batch atomicity ----

struct BadOpCase {
  const char* what;
  WriteOp op;
  ErrorCode code;
};

std::vector<BadOpCase> bad_op_cases() {
  TaskRecord ghost_task;
  ghost_task.device_id = "ghost";
  ghost_task.name = "reboot";
  TaskRecord unnamed_task;
  unnamed_task.device_id = "dev";
  FaultRecord ghost_fault;
  ghost_fault.device_id = "ghost";
  TokenRecord no_hash;
  no_hash.id = "t";
  return {
      {"values for a missing device", PutParameterValues{"ghost", {pv("A.B", "1")}, 1}, ErrorCode::kNotFound},
      {"info for a missing device", PutParameterInfo{"ghost", {{"A.B", true}}, 1}, ErrorCode::kNotFound},
      {"events for a missing device", AddEvents{{EventRecord{"ghost", 1, "1 BOOT", ""}}}, ErrorCode::kNotFound},
      {"task for a missing device", PutTask{ghost_task}, ErrorCode::kNotFound},
      {"fault for a missing device", AddFault{ghost_fault}, ErrorCode::kNotFound},
      {"device without id", UpsertDevice{make_device("")}, ErrorCode::kInvalidArgument},
      {"empty parameter name", PutParameterValues{"dev", {pv("", "1")}, 1}, ErrorCode::kInvalidArgument},
      {"task without name", PutTask{unnamed_task}, ErrorCode::kInvalidArgument},
      {"delete task 0", DeleteTask{0}, ErrorCode::kInvalidArgument},
      {"clear faults of nobody", ClearFaults{"", 0}, ErrorCode::kInvalidArgument},
      {"token without hash", PutToken{no_hash}, ErrorCode::kInvalidArgument},
      {"meta without key", PutMeta{"", "v"}, ErrorCode::kInvalidArgument},
  };
}

TEST_P(StoreDeviceTest, ABatchWithABadOpFailsWholeAndChangesNothing) {
  add_device("dev");
  put_values("dev", {pv("IGD.A", "old")});
  for (const auto& c : bad_op_cases()) {
    WriteBatch batch;
    batch.add(UpsertDevice{make_device("fresh")})
        .add(PutParameterValues{"dev", {pv("IGD.A", "new"), pv("IGD.B", "new")}, 2})
        .add(PutMeta{"k", "v"});
    batch.ops.push_back(c.op);
    Status s = write(std::move(batch));
    ASSERT_FALSE(s.ok()) << c.what;
    EXPECT_EQ(s.error().code, c.code) << c.what << ": " << s.error().message;
    EXPECT_FALSE(store_->get_device("fresh")->has_value()) << c.what;
    auto params = store_->get_parameters("dev", "");
    ASSERT_TRUE(params.ok());
    ASSERT_EQ(params->size(), 1u) << c.what;
    EXPECT_EQ((*params)[0].value, "old") << c.what;
    EXPECT_FALSE(store_->get_meta("k")->has_value()) << c.what;
  }
  auto stats = store_->stats();
  EXPECT_EQ(stats->devices, 1u);
  EXPECT_EQ(stats->parameters, 1u);
}

TEST_P(StoreDeviceTest, OpsOfABatchSeeTheEarlierOpsOfTheSameBatch) {
  Status s = write(WriteBatch()
                       .add(UpsertDevice{make_device("new")})
                       .add(PutParameterValues{"new", {pv("A.B", "1")}, 1})
                       .add(DeleteDevice{"new"})
                       .add(UpsertDevice{make_device("new")})
                       .add(PutParameterInfo{"new", {{"A.C", true}}, 2}));
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_THAT(parameter_names("new", ""), ElementsAre("A.C"));
  EXPECT_EQ(store_->stats()->parameters, 1u);
}

TEST_P(StoreDeviceTest, AFailedBatchLeavesLaterBatchesUnaffected) {
  EXPECT_FALSE(write(WriteBatch()
                         .add(UpsertDevice{make_device("a")})
                         .add(PutParameterValues{"a", {pv("New.Segment.Name", "1")}, 1})
                         .add(PutParameterValues{"ghost", {}, 1}))
                   .ok());
  add_device("b");
  put_values("b", {pv("Other.Segment.Name", "2"), pv("New.Segment.Name", "3")});
  EXPECT_THAT(parameter_names("b", ""), ElementsAre("New.Segment.Name", "Other.Segment.Name"));
  EXPECT_FALSE(store_->get_device("a")->has_value());
}

TEST_P(StoreDeviceTest, EmptyBatchSucceeds) { EXPECT_TRUE(write(WriteBatch()).ok()); }

TEST_P(StoreDeviceTest, CallbackRunsOnceAndAReadInItSeesTheWrite) {
  std::promise<bool> seen;
  int calls = 0;
  store_->write(WriteBatch().add(UpsertDevice{make_device("cb")}), [&](Status s) {
    ++calls;
    auto got = store_->get_device("cb");
    seen.set_value(s.ok() && got.ok() && got->has_value());
  });
  EXPECT_TRUE(seen.get_future().get());
  store_->flush();
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace hearth::store::testing
