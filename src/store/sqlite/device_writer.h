// Writes of devices, their tags and their event timeline, on the writer's connection inside the
// open transaction. Writer thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace hearth::store::sqlite {

// Rows added (negative: removed) by the ops applied so far, for the counters table.
struct RowCounts {
  int64_t devices = 0;
  int64_t parameters = 0;
  RowCounts& operator+=(const RowCounts& o) {
    devices += o.devices;
    parameters += o.parameters;
    return *this;
  }
};

// The integer key of a device id, nullopt if there is no such device.
Result<std::optional<int64_t>> find_device_key(Connection* conn, const std::string& device_id);
// The same, but a missing device is kNotFound for `op`.
Result<int64_t> require_device_key(Connection* conn, const char* op, const std::string& device_id);

class DeviceWriter {
 public:
  DeviceWriter(Connection* conn, RowCounts* counts) : conn_(conn), counts_(counts) {}

  Status upsert(const UpsertDevice& op);
  // Parameters are deleted here (to count them); tags, events, tasks and faults follow by
  // ON DELETE CASCADE.
  Status remove(const DeleteDevice& op);
  // Inserts, then trims each touched timeline to kMaxEventsPerDevice.
  Status add_events(const AddEvents& op);

 private:
  // Makes the device's tags `tags` (a set), writing nothing when they already are; known_empty:
  // the device was just inserted.
  Status replace_tags(int64_t key, const std::vector<std::string>& tags, bool known_empty);

  Connection* conn_;
  RowCounts* counts_;
};

}  // namespace hearth::store::sqlite
