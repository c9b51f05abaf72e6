// A realistic answer to the diagnosis' telemetry read, for the session benchmark's simulated
// CPEs: a simulated home's gateway rendered for the names asked, as a GetParameterValuesResponse
// envelope with "@@ID@@" where the cwmp:ID goes.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::sim {
class DataModel;
struct Fleet;
}  // namespace hearth::sim

namespace hearth::bench {

class CannedTelemetry {
 public:
  // A home of that root ("InternetGatewayDevice." or "Device.") with a few stations. `max_values`
  // > 0 keeps only that many values of each answer.
  CannedTelemetry(const std::string& root, std::string cwmp_ns, size_t max_values);
  ~CannedTelemetry();

  // The answer to the full telemetry read (diag::telemetry_paths); `count` gets its values.
  std::string full(size_t* count);
  // The answer to a GetParameterValues whose ParameterNames element is `names_xml` (its XML, as
  // sent); rendered once per distinct list. Thread-safe.
  std::string answer(std::string_view names_xml);

 private:
  std::string render(const std::vector<std::string>& names, size_t* count) const;

  std::string root_;
  std::string cwmp_ns_;
  size_t max_values_;
  std::unique_ptr<sim::Fleet> fleet_;
  std::unique_ptr<sim::DataModel> model_;
  std::mutex mutex_;
  std::map<std::string, std::string, std::less<>> answers_;
};

}  // namespace hearth::bench
