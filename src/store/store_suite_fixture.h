// The fixture of the shared store suite: every TEST_P built on it runs once per backend
// (store_test_support.h), so that MemoryStore and SqliteStore are held to the same semantics.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/store_test_support.h"

namespace hearth::store::testing {

class StoreSuiteTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    store_ = GetParam().open(dir_);
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override { store_.reset(); }

  Status write(WriteBatch batch) { return store_->write_sync(std::move(batch)); }
  void write_ok(WriteBatch batch) {
    Status s = write(std::move(batch));
    EXPECT_TRUE(s.ok()) << s.error().message;
  }
  void add_device(const std::string& id) { write_ok(WriteBatch().add(UpsertDevice{make_device(id)})); }
  void put_values(const std::string& id, std::vector<cwmp::ParameterValue> values, int64_t t = 1000) {
    write_ok(WriteBatch().add(PutParameterValues{id, std::move(values), t}));
  }
  std::vector<std::string> parameter_names(const std::string& id, const std::string& prefix) {
    auto params = store_->get_parameters(id, prefix);
    EXPECT_TRUE(params.ok());
    return params ? names_of(*params) : std::vector<std::string>{};
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param.name;
}

#define HEARTH_INSTANTIATE_STORE_SUITE(Suite)                                               \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                 \
                           ::testing::ValuesIn(::hearth::store::testing::all_backends()), \
                           ::hearth::store::testing::backend_name)

}  // namespace hearth::store::testing
