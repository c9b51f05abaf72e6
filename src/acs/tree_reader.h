// Read access to a device's stored parameter tree, as the session needs it (the types the device
// reported, current values for idempotent provisioning). Implemented over the store by the
// service, and over a map in tests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/records.h"

namespace hearth::acs {

class TreeReader {
 public:
  virtual ~TreeReader() = default;
  virtual std::optional<store::StoredParameter> get(const std::string& device_id, const std::string& name) = 0;
  // Parameters whose name starts with prefix, sorted by name.
  virtual std::vector<store::StoredParameter> list(const std::string& device_id, const std::string& prefix) = 0;
};

}  // namespace hearth::acs
