// A realistic device for store benchmarks and the store generator: the ~1,000-parameter TR-098
// tree of a real CPE (tests/data/store/huawei-bm632w-tr098-datamodel.csv), stamped per device
// with its own serial number and counter values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "cwmp/value.h"
#include "store/store.h"

namespace hearth::bench {

struct TemplateParameter {
  std::string name;  // objects end with '.'
  std::string value;
  cwmp::ValueType type = cwmp::ValueType::kString;
  bool writable = false;
  bool object = false;
};

class TreeTemplate {
 public:
  // The CSV columns: Parameter,Object,Writable,Value,Value type. Rows outside the data model
  // root (the DeviceID.* pseudo-parameters) are skipped.
  static Result<TreeTemplate> load(const std::string& csv_path);
  static std::string default_path();

  const std::vector<TemplateParameter>& parameters() const { return parameters_; }
  size_t size() const { return parameters_.size(); }

  static std::string serial_number(int64_t n);
  static std::string device_id(int64_t n);
  store::DeviceRecord device(int64_t n, int64_t time_ms) const;
  // Adds what a first full discovery of device n stores: the device, every value, then the
  // objects and the writable flags.
  void add_device(int64_t n, int64_t time_ms, store::WriteBatch* batch) const;
  // Adds what a periodic Inform of device n stores: the device, 10 changed values, an event.
  void add_inform(int64_t n, int64_t time_ms, store::WriteBatch* batch) const;

 private:
  std::vector<TemplateParameter> parameters_;
  std::string template_serial_;
  std::vector<size_t> counters_;  // indexes of the values an Inform changes
};

}  // namespace hearth::bench
