// Writes of parameter trees (names encoded by name_codec.h), on the writer's connection inside
// the open transaction, counting rows added and removed. Writer thread only.
#pragma once

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/device_writer.h"
#include "store/sqlite/segment_writer.h"
#include "store/store.h"

namespace hearth::store::sqlite {

class ParameterWriter {
 public:
  ParameterWriter(Connection* conn, SegmentWriter* segments, RowCounts* counts)
      : conn_(conn), segments_(segments), counts_(counts) {}

  // New names are stored not writable; existing ones keep their writable bit.
  Status put_values(const PutParameterValues& op);
  // New names are stored with an empty string value and updated_ms = time_ms; existing ones
  // keep their value, type and time.
  Status put_info(const PutParameterInfo& op);
  Status remove(const DeleteParameters& op);

 private:
  // Inserts one row unless the name exists; true if it was inserted.
  Result<bool> insert_if_absent(int64_t key, const std::string& name, const std::string& value,
                                int64_t flags, int64_t time_ms);

  Connection* conn_;
  SegmentWriter* segments_;
  RowCounts* counts_;
};

}  // namespace hearth::store::sqlite
