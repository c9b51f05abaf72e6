// The shape of the rendered trees, for every model of the table and every access type: inform
// parameters exist, names are unique and under the root, objects() agrees with parameters(), a
// single-name get() and a branch read give exactly what the whole tree gives.
#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "sim/model/model_test_support.h"

namespace hearth::sim::model {
namespace {

using testing::HomeSpec;
using testing::kT0;

struct Case {
  uint8_t model;
  Wan::Access access;
};

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (size_t m = 0; m < models().size(); ++m) {
    for (Wan::Access a : {Wan::Access::kFiber, Wan::Access::kDsl, Wan::Access::kCable}) {
      out.push_back(Case{static_cast<uint8_t>(m), a});
    }
  }
  return out;
}

class TreeTest : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    HomeSpec spec;
    spec.model = GetParam().model;
    spec.access = GetParam().access;
    spec.stations = 6;
    spec.extenders = 1;
    spec.wired_extenders = 1;
    home_ = testing::make_home(spec);
    dm_ = make_data_model(home_, DataModelOptions{"http://acs.example:7547/", 300, "", ""});
    dm_->booted(kT0);
  }
  Home home_;
  std::unique_ptr<DataModel> dm_;
};

TEST_P(TreeTest, RootMatchesTheModel) {
  EXPECT_EQ(dm_->root(), models()[GetParam().model].tr098 ? "InternetGatewayDevice." : "Device.");
  const auto id = dm_->device_id();
  EXPECT_EQ(id.oui, models()[GetParam().model].oui);
  EXPECT_EQ(id.serial_number, "SIM00000007");
}

TEST_P(TreeTest, EveryInformParameterExists) {
  const auto names = dm_->inform_parameter_names();
  EXPECT_GE(names.size(), 6u);
  for (const auto& n : names) {
    EXPECT_TRUE(dm_->get(n, kT0 + testing::kMinute).has_value()) << n;
  }
}

TEST_P(TreeTest, NamesAreUniqueAndUnderTheRoot) {
  const auto params = dm_->parameters(kT0 + testing::kMinute);
  EXPECT_GT(params.size(), 150u);
  std::set<std::string> seen;
  for (const auto& p : params) {
    EXPECT_EQ(p.name.rfind(dm_->root(), 0), 0u) << p.name;
    EXPECT_NE(p.name.back(), '.') << p.name;
    EXPECT_TRUE(seen.insert(p.name).second) << "duplicate " << p.name;
  }
}

TEST_P(TreeTest, ObjectsAgreeWithParameters) {
  const int64_t now = kT0 + testing::kMinute;
  const auto params = dm_->parameters(now);
  const auto objects = dm_->objects(now);
  std::set<std::string> paths;
  for (const auto& o : objects) {
    EXPECT_EQ(o.path.back(), '.') << o.path;
    EXPECT_EQ(o.path.rfind(dm_->root(), 0), 0u) << o.path;
    EXPECT_TRUE(paths.insert(o.path).second) << "duplicate " << o.path;
  }
  EXPECT_EQ(objects.front().path, dm_->root());
  // Every parameter's parent objects are listed, and every object's parent too.
  for (const auto& p : params) {
    for (size_t dot = p.name.find('.'); dot != std::string::npos; dot = p.name.find('.', dot + 1)) {
      EXPECT_TRUE(paths.count(p.name.substr(0, dot + 1))) << p.name;
    }
  }
  for (const auto& path : paths) {
    const size_t dot = path.rfind('.', path.size() - 2);
    if (dot != std::string::npos) {
      EXPECT_TRUE(paths.count(path.substr(0, dot + 1))) << path;
    }
  }
}

TEST_P(TreeTest, GetOfEachNameGivesWhatTheTreeGives) {
  const int64_t now = kT0 + 5 * testing::kMinute;
  const auto params = dm_->parameters(now);
  for (const auto& p : params) {
    auto one = dm_->get(p.name, now);
    ASSERT_TRUE(one.has_value()) << p.name;
    EXPECT_EQ(one->value, p.value) << p.name;
    EXPECT_EQ(one->type, p.type) << p.name;
    EXPECT_EQ(one->writable, p.writable) << p.name;
  }
  EXPECT_FALSE(dm_->get(dm_->root() + "NoSuchParameter", now).has_value());
  EXPECT_FALSE(dm_->get(dm_->root() + "DeviceInfo.", now).has_value());
}

TEST_P(TreeTest, BranchReadsGiveTheBranchOfTheTree) {
  const int64_t now = kT0 + testing::kMinute;
  const auto params = dm_->parameters(now);
  const auto objects = dm_->objects(now);
  for (const auto& o : objects) {
    if (std::count(o.path.begin(), o.path.end(), '.') > 3) continue;  // the upper levels suffice
    std::vector<Param> expected;
    for (const auto& p : params) {
      if (p.name.rfind(o.path, 0) == 0) expected.push_back(p);
    }
    const auto got = dm_->parameters_under(o.path, now);
    ASSERT_EQ(got.size(), expected.size()) << o.path;
    for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].name, expected[i].name);
    const auto sub = dm_->objects_under(o.path, now);
    ASSERT_FALSE(sub.empty()) << o.path;
    EXPECT_EQ(sub.front().path, o.path);
  }
  const auto one = dm_->parameters_under(params.front().name, now);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].name, params.front().name);
  EXPECT_TRUE(dm_->parameters_under(dm_->root() + "Nothing.", now).empty());
}

TEST_P(TreeTest, ValuesFitTheirTypes) {
  for (const auto& p : dm_->parameters(kT0 + testing::kHour)) {
    std::string normalised;
    EXPECT_TRUE(cwmp::normalise_value(p.type, p.value, &normalised)) << p.name << "=" << p.value;
    if (p.type == cwmp::ValueType::kBoolean) {
      EXPECT_TRUE(p.value == "true" || p.value == "false") << p.name;
    }
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& c) {
  static const char* const kAccess[] = {"Fiber", "Dsl", "Cable"};
  return "Model" + std::to_string(c.param.model) + kAccess[static_cast<int>(c.param.access)];
}

INSTANTIATE_TEST_SUITE_P(AllModels, TreeTest, ::testing::ValuesIn(all_cases()), case_name);

}  // namespace
}  // namespace hearth::sim::model
