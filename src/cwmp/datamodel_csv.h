// A CPE's parameter tree captured as CSV, with the header
//   Parameter,Object,Writable,Value,Value type
// (objects are listed without their trailing dot; RFC 4180 quoting). Used as test data, by the
// benchmarks and by the simulator to give a simulated CPE a real model's tree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "cwmp/value.h"

namespace hearth::cwmp {

struct DataModelEntry {
  std::string name;  // objects end with '.', as in GetParameterNames
  bool is_object = false;
  bool writable = false;
  std::string value;  // leaves only
  ValueType type = ValueType::kString;
};

// Errors (kInvalidArgument) name the line. An unknown value type is read as a string.
Result<std::vector<DataModelEntry>> parse_datamodel_csv(std::string_view csv);

}  // namespace hearth::cwmp
