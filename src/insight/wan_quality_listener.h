// Where the diagnosis tells how each home's internet line is doing (incidents/ implements it:
// many degraded lines behind one access node are a disturbance of the node, cause "degraded").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::insight {

// The findings that say the line itself is bad, not the home's Wi-Fi nor its router: slow against
// the plan or lossy / slow pings in the gateway's own tests, and a line that keeps dropping.
inline bool is_line_quality_code(std::string_view code) {
  return code == "WAN-SPD-1" || code == "WAN-FLAP-1";
}

class WanQualityListener {
 public:
  virtual ~WanQualityListener() = default;
  // After a diagnosis of the home, when what it says of the line changed: degraded by `codes`
  // (its open line findings, sorted) since since_ms (the earliest of them began; 0: unknown, the
  // line was bad at the diagnosis' first look), or fine (codes empty). Findings held back while
  // the home is offline count as fine. Called on the diagnosis' worker thread; must be
  // thread-safe and quick.
  virtual void wan_quality(const std::string& home_id, bool degraded,
                           const std::vector<std::string>& codes, int64_t since_ms,
                           int64_t now_ms) = 0;
};

}  // namespace hearth::insight
