// Reads of devices (with their tags) on a read connection. Any thread holding the connection.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/segment_dictionary.h"
#include "store/store.h"

namespace hearth::store::sqlite {

Result<std::optional<DeviceRecord>> query_device(Connection* conn, const std::string& id);

// Every DeviceQuery field becomes a condition on an index where there is one (serial number,
// model, product class, software version, last inform, tag); text is a scan of the devices table
// and a parameter condition one primary-key probe per candidate device.
Result<DevicePage> query_devices(Connection* conn, SegmentDictionary* segments,
                                 const DeviceQuery& query);

}  // namespace hearth::store::sqlite
