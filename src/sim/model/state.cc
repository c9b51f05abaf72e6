// The device's own state (state.h).
#include "sim/model/state.h"

#include <algorithm>

#include "sim/model/diagnostics.h"
#include "sim/model/failed_joins.h"

namespace hearth::sim::model {

void InstanceTable::sync(const std::vector<std::pair<Mac, uint16_t>>& present) {
  // Drop rows whose key left; refresh the owner index of the others.
  size_t kept = 0;
  for (size_t i = 0; i < rows_.size(); ++i) {
    auto it = std::find_if(present.begin(), present.end(),
                           [&](const auto& p) { return p.first == rows_[i].key; });
    if (it == present.end()) continue;
    rows_[i].index = it->second;
    rows_[kept++] = rows_[i];
  }
  rows_.resize(kept);
  for (const auto& [mac, index] : present) {
    bool known = false;
    for (size_t i = 0; i < kept && !known; ++i) known = rows_[i].key == mac;
    if (!known) rows_.push_back(Row{mac, next_++, index});
  }
}

const InstanceTable::Row* InstanceTable::find(uint32_t instance) const {
  for (const auto& r : rows_) {
    if (r.instance == instance) return &r;
  }
  return nullptr;
}

void InstanceTable::clear() {
  rows_.clear();
  next_ = 1;
}

DeviceState::DeviceState() = default;
DeviceState::~DeviceState() = default;

const std::string* DeviceState::written_value(std::string_view name) const {
  if (written.empty()) return nullptr;
  auto it = written.find(name);
  return it == written.end() ? nullptr : &it->second;
}

std::string DeviceState::value_or(std::string_view name, std::string_view fallback) const {
  const std::string* v = written_value(name);
  return v != nullptr ? *v : std::string(fallback);
}

uint8_t DeviceState::lease(const Mac& mac) const {
  for (const auto& [m, octet] : leases) {
    if (m == mac) return octet;
  }
  // Lowest free address of the pool 192.168.1.10 .. .249; when full, reuse by MAC.
  uint8_t octet = 0;
  for (unsigned candidate = 10; candidate < 250 && octet == 0; ++candidate) {
    bool used = std::any_of(leases.begin(), leases.end(),
                            [&](const auto& l) { return l.second == candidate; });
    if (!used) octet = static_cast<uint8_t>(candidate);
  }
  if (octet == 0) octet = static_cast<uint8_t>(10 + (mac.b[5] % 240));
  leases.emplace_back(mac, octet);
  return octet;
}

InstanceTable& DeviceState::table(size_t id) const {
  if (tables.size() <= id) tables.resize(id + 1);
  if (!tables[id]) tables[id] = std::make_unique<InstanceTable>();
  return *tables[id];
}

AddedTable* DeviceState::added_table(std::string_view path) {
  for (auto& t : added) {
    if (t.path == path) return &t;
  }
  return nullptr;
}

const AddedTable* DeviceState::added_table(std::string_view path) const {
  for (const auto& t : added) {
    if (t.path == path) return &t;
  }
  return nullptr;
}

}  // namespace hearth::sim::model
