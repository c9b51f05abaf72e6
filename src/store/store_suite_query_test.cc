// The shared store suite, part 3: find_devices, every DeviceQuery field and paging.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_suite_fixture.h"

namespace hearth::store::testing {
namespace {

class StoreQueryTest : public StoreSuiteTest {
 protected:
  void SetUp() override {
    StoreSuiteTest::SetUp();
    struct Row {
      const char* id;
      const char* serial;
      const char* model;
      const char* product_class;
      const char* software;
      int64_t last_inform_ms;
      std::vector<std::string> tags;
      const char* ssid;
    };
    const Row rows[] = {
        {"00D09E-HG8245-A100", "A100", "HG8245", "HG8245", "V3", 1000, {"gold"}, "home"},
        {"00D09E-HG8245-A200", "A200", "HG8245", "HG8245", "V4", 2000, {"gold", "trial"}, "work"},
        {"202BC1-BM632w-B300", "B300", "BM632w", "BM-WIMAX", "V3", 3000, {}, "home"},
        {"202BC1-BM632w-B400", "b400", "BM632w", "BM-WIMAX", "V3", 0, {"trial"}, nullptr},
        {"3C9066-Archer-C500", "C500", "Archer C6", "Archer", "1.2", 5000, {}, "Home"},
    };
    for (const auto& r : rows) {
      DeviceRecord d = make_device(r.id);
      d.serial_number = r.serial;
      d.model_name = r.model;
      d.product_class = r.product_class;
      d.software_version = r.software;
      d.last_inform_ms = r.last_inform_ms;
      d.tags = r.tags;
      WriteBatch batch;
      batch.add(UpsertDevice{d});
      if (r.ssid != nullptr) {
        batch.add(PutParameterValues{r.id, {pv("Device.WiFi.SSID.1.SSID", r.ssid)}, 1});
      }
      write_ok(std::move(batch));
    }
  }

  std::vector<std::string> ids(const DeviceQuery& q, size_t* total = nullptr) {
    auto page = store_->find_devices(q);
    EXPECT_TRUE(page.ok());
    std::vector<std::string> out;
    if (!page) return out;
    for (const auto& d : page->devices) out.push_back(d.id);
    if (total != nullptr) *total = page->total;
    return out;
  }
};
HEARTH_INSTANTIATE_STORE_SUITE(StoreQueryTest);

struct QueryCase {
  const char* what;
  std::function<void(DeviceQuery&)> set;
  std::vector<std::string> ids;
};

const std::string kA1 = "00D09E-HG8245-A100", kA2 = "00D09E-HG8245-A200",
                  kB3 = "202BC1-BM632w-B300", kB4 = "202BC1-BM632w-B400",
                  kC5 = "3C9066-Archer-C500";

TEST_P(StoreQueryTest, EveryFieldFiltersAndResultsAreInIdOrder) {
  const QueryCase cases[] = {
      {"nothing", [](DeviceQuery&) {}, {kA1, kA2, kB3, kB4, kC5}},
      {"text in id", [](DeviceQuery& q) { q.text = "hg8245"; }, {kA1, kA2}},
      {"text in serial", [](DeviceQuery& q) { q.text = "B40"; }, {kB4}},
      {"text in model", [](DeviceQuery& q) { q.text = "c6"; }, {kC5}},
      {"text in product class", [](DeviceQuery& q) { q.text = "wimax"; }, {kB3, kB4}},
      {"text matching nothing", [](DeviceQuery& q) { q.text = "zzz"; }, {}},
      {"text with LIKE wildcards", [](DeviceQuery& q) { q.text = "%"; }, {}},
      {"serial is exact", [](DeviceQuery& q) { q.serial_number = "A100"; }, {kA1}},
      {"serial is case-sensitive", [](DeviceQuery& q) { q.serial_number = "B400"; }, {}},
      {"model name", [](DeviceQuery& q) { q.model = "BM632w"; }, {kB3, kB4}},
      {"model as product class", [](DeviceQuery& q) { q.model = "Archer"; }, {kC5}},
      {"software version", [](DeviceQuery& q) { q.software_version = "V3"; }, {kA1, kB3, kB4}},
      {"tag", [](DeviceQuery& q) { q.tag = "trial"; }, {kA2, kB4}},
      {"unknown tag", [](DeviceQuery& q) { q.tag = "bronze"; }, {}},
      {"inform before (exclusive)", [](DeviceQuery& q) { q.last_inform_before_ms = 2000; }, {kA1, kB4}},
      {"inform after (inclusive)", [](DeviceQuery& q) { q.last_inform_after_ms = 3000; }, {kB3, kC5}},
      {"inform window",
       [](DeviceQuery& q) {
         q.last_inform_after_ms = 1000;
         q.last_inform_before_ms = 3000;
       },
       {kA1, kA2}},
      {"parameter equals",
       [](DeviceQuery& q) {
         q.parameter_name = "Device.WiFi.SSID.1.SSID";
         q.parameter_value = "home";
       },
       {kA1, kB3}},
      {"parameter value is case-sensitive",
       [](DeviceQuery& q) {
         q.parameter_name = "Device.WiFi.SSID.1.SSID";
         q.parameter_value = "Home";
       },
       {kC5}},
      {"unknown parameter",
       [](DeviceQuery& q) {
         q.parameter_name = "Device.WiFi.SSID.9.SSID";
         q.parameter_value = "home";
       },
       {}},
      {"parameter prefix is not a name",
       [](DeviceQuery& q) {
         q.parameter_name = "Device.WiFi.";
         q.parameter_value = "";
       },
       {}},
      {"fields combine",
       [](DeviceQuery& q) {
         q.model = "HG8245";
         q.tag = "gold";
         q.software_version = "V4";
         q.text = "a2";
       },
       {kA2}},
  };
  for (const auto& c : cases) {
    DeviceQuery q;
    c.set(q);
    size_t total = 0;
    EXPECT_EQ(ids(q, &total), c.ids) << c.what;
    EXPECT_EQ(total, c.ids.size()) << c.what;
  }
}

TEST_P(StoreQueryTest, PagesKeepTheTotalOfAllMatches) {
  DeviceQuery q;
  q.offset = 1;
  q.limit = 2;
  size_t total = 0;
  EXPECT_EQ(ids(q, &total), (std::vector<std::string>{kA2, kB3}));
  EXPECT_EQ(total, 5u);
  q.offset = 4;
  EXPECT_EQ(ids(q, &total), (std::vector<std::string>{kC5}));
  q.offset = 9;
  EXPECT_TRUE(ids(q, &total).empty());
  EXPECT_EQ(total, 5u);
  q.offset = 0;
  q.limit = 0;
  EXPECT_TRUE(ids(q, &total).empty());
  EXPECT_EQ(total, 5u);
}

TEST_P(StoreQueryTest, FoundDevicesCarryTheirTags) {
  DeviceQuery q;
  q.tag = "trial";
  auto page = store_->find_devices(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->devices.size(), 2u);
  EXPECT_EQ(page->devices[0].tags, (std::vector<std::string>{"gold", "trial"}));
  EXPECT_EQ(page->devices[1].tags, (std::vector<std::string>{"trial"}));
  EXPECT_EQ(page->devices[1].serial_number, "b400");
}

}  // namespace
}  // namespace hearth::store::testing
