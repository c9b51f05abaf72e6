// The store row of a finding (store::FindingRecord): what the diagnosis service writes and what
// tools that fill a store (the console benchmarks) write the same way.
#pragma once

#include <string>

#include "diag/diagnosis.h"
#include "store/records.h"

namespace hearth::insight {

store::FindingRecord finding_record(const std::string& home_id, const diag::Finding& finding);

}  // namespace hearth::insight
