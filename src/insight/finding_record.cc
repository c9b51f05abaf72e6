#include "insight/finding_record.h"

#include "diag/diagnosis_json.h"

namespace hearth::insight {

store::FindingRecord finding_record(const std::string& home_id, const diag::Finding& f) {
  store::FindingRecord r;
  r.home_id = home_id;
  r.code = f.code;
  r.severity = diag::severity_name(f.severity);
  r.entity = std::string(diag::entity_kind_name(f.entity.kind)) + (f.entity.id.empty() ? "" : ":" + f.entity.id);
  r.start_ms = f.start_ms;
  r.end_ms = f.end_ms;
  r.json = diag::finding_to_json(f).dump();
  return r;
}

}  // namespace hearth::insight
