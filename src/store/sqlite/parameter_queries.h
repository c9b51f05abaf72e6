// Reads of parameter trees on a read connection. Any thread holding the connection.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/segment_dictionary.h"
#include "store/store.h"

namespace hearth::store::sqlite {

// The parameters whose name starts with `prefix`, sorted by name. A prefix ending with '.' (the
// usual case) is one range scan of the primary key; any other prefix scans the range of its
// enclosing path and filters by text. An unknown device has no parameters.
Result<std::vector<StoredParameter>> query_parameters(Connection* conn, SegmentDictionary* segments,
                                                      const std::string& device_id,
                                                      const std::string& prefix);

}  // namespace hearth::store::sqlite
