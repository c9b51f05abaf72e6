// Test support for the store tests: temporary directories, the backends the shared suite runs
// against, and record builders.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace hearth::store::testing {

// A fresh directory, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "hearth-store-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) std::abort();
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

struct Backend {
  std::string name;
  // Opens the store kept in `dir` (the memory store ignores it and starts empty each time).
  std::function<std::unique_ptr<Store>(const TempDir& dir)> open;
};

inline std::vector<Backend> all_backends() {
  return {
      {"memory", [](const TempDir&) { return std::unique_ptr<Store>(new memory::MemoryStore()); }},
      {"sqlite",
       [](const TempDir& dir) -> std::unique_ptr<Store> {
         sqlite::SqliteOptions options;
         options.path = dir.file("store.db");
         options.readers = 2;
         auto store = sqlite::SqliteStore::open(options);
         if (!store) return nullptr;
         return std::move(store).value();
       }},
  };
}

inline DeviceRecord make_device(const std::string& id) {
  DeviceRecord d;
  d.id = id;
  d.oui = "202BC1";
  d.product_class = "BM632w";
  d.serial_number = "SN-" + id;
  d.manufacturer = "Huawei";
  d.model_name = "BM632w";
  d.software_version = "V1";
  d.root = "InternetGatewayDevice.";
  return d;
}

inline cwmp::ParameterValue pv(std::string name, std::string value,
                               cwmp::ValueType type = cwmp::ValueType::kString) {
  return cwmp::ParameterValue{std::move(name), std::move(value), type};
}

inline std::vector<std::string> names_of(const std::vector<StoredParameter>& params) {
  std::vector<std::string> out;
  for (const auto& p : params) out.push_back(p.name);
  return out;
}

}  // namespace hearth::store::testing
