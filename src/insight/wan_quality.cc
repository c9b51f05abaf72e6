// WAN quality on the diagnosis' side (wan_quality.h).
#include "insight/wan_quality.h"

#include <algorithm>

#include "diag/rules/summary.h"

namespace hearth::insight {

LineQuality line_quality(const diag::Diagnosis& d, int64_t first_analysis_ms) {
  LineQuality q;
  int64_t since = 0;
  for (const diag::Finding& f : d.findings) {
    if (!is_line_quality_code(f.code)) continue;
    q.codes.push_back(f.code);
    if (since == 0 || f.start_ms < since) since = f.start_ms;
  }
  std::sort(q.codes.begin(), q.codes.end());
  q.codes.erase(std::unique(q.codes.begin(), q.codes.end()), q.codes.end());
  if (q.degraded()) q.since_ms = since > 0 && since >= first_analysis_ms ? since : 0;
  return q;
}

void report_line_quality(WanQualityListener* listener, const std::string& home_id,
                         const LineQuality& q, std::string& reported, int64_t now_ms) {
  std::string key;
  for (const std::string& c : q.codes) key += c + " ";
  if (q.degraded()) key += std::to_string(q.since_ms);
  if (key == reported) return;
  reported = key;
  if (listener != nullptr)
    listener->wan_quality(home_id, q.degraded(), q.codes, q.since_ms, now_ms);
}

void hold_back_wan(diag::Diagnosis& d, const diag::HomeSnapshot* latest) {
  std::erase_if(d.findings, [](const diag::Finding& f) {
    const diag::RuleInfo* r = diag::find_rule(f.code);
    return r != nullptr && std::string_view(r->domain) == "wan";
  });
  diag::rules::order_findings(d.findings);
  diag::rules::summarise(d, latest);
}

}  // namespace hearth::insight
