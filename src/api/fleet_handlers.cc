// The fleet at a glance for the operator dashboard and the agent console (GET /api/v1/fleet):
// devices online, the diagnosis' aggregates (insight::DiagnosisReader::fleet_summary) and the
// firmware versions per model (store::Store::fleet_device_counts).
//
// "Online" is a last Inform within twice the periodic inform interval. hearthd sets no fleet-wide
// interval (each device reports its own PeriodicInformInterval, and the per-device views use it);
// an aggregate query cannot use each device's, so the fleet counts against a default interval of
// one hour: a device is online when it informed within the last two hours.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "api/handler_support.h"
#include "api/routes.h"
#include "api/staff_support.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr int64_t kDefaultInformIntervalMs = 3600'000;
constexpr int64_t kOnlineWindowMs = 2 * kDefaultInformIntervalMs;
constexpr size_t kWorstHomes = 10;
constexpr size_t kTopCodes = 10;

// {code, homes} most homes first (then by code), at most kTopCodes.
json top_codes(const std::map<std::string, uint64_t>& counts) {
  std::vector<std::pair<std::string, uint64_t>> v(counts.begin(), counts.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (v.size() > kTopCodes) v.resize(kTopCodes);
  json out = json::array();
  for (const auto& [code, homes] : v) out.push_back({{"code", code}, {"homes", homes}});
  return out;
}

void get_fleet(const ApiDeps& deps, const CallPtr& call) {
  auto counts = deps.store.fleet_device_counts(now_ms(deps) - kOnlineWindowMs);
  if (!counts) return call->fail(counts.error());
  json firmware = json::array();
  for (const store::FleetVersionCount& v : counts->versions) {
    firmware.push_back({{"model", v.model}, {"softwareVersion", v.software_version},
                        {"devices", v.devices}, {"online", v.online}});
  }
  insight::FleetSummary summary;
  if (deps.diagnosis != nullptr) {
    auto s = deps.diagnosis->fleet_summary(kWorstHomes);
    if (!s) return call->fail(s.error());
    summary = std::move(*s);
  }
  json histogram = json::array();
  for (size_t i = 0; i < 10; ++i) histogram.push_back(i < summary.health_histogram.size() ? summary.health_histogram[i] : 0);
  NameCache names(deps.store);
  json worst = json::array();
  for (const insight::WorstHome& w : summary.worst) {
    std::string account;
    if (auto home = deps.store.get_home(w.home_id); home && home->has_value()) account = (*home)->account;
    const std::string name = names.customer(account);
    worst.push_back({{"homeId", w.home_id},
                     {"account", account.empty() ? json(nullptr) : json(account)},
                     {"name", name.empty() ? json(nullptr) : json(name)},
                     {"health", w.health},
                     {"primaryCode", w.primary_code.empty() ? json(nullptr) : json(w.primary_code)}});
  }
  call->reply(200, {{"devices", {{"total", counts->devices}, {"online", counts->online}}},
                    {"onlineWindowSeconds", kOnlineWindowMs / 1000},
                    {"homesDiagnosed", summary.homes_diagnosed},
                    {"homesHealthy", summary.homes_healthy},
                    {"healthHistogram", std::move(histogram)},
                    {"topFindings", top_codes(summary.open_findings)},
                    {"primaryCauses", top_codes(summary.primary_causes)},
                    {"worstHomes", std::move(worst)},
                    {"firmware", std::move(firmware)}});
}

}  // namespace

void add_fleet_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/fleet", [d](CallPtr c) { get_fleet(*d, c); }, Access::kAuthenticated);
}

}  // namespace hearth::api
