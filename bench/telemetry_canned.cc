// A simulated gateway's answer to the telemetry read (telemetry_canned.h).
#include "telemetry_canned.h"

#include "cwmp/codec.h"
#include "diag/telemetry.h"
#include "sim/data_model.h"
#include "sim/fleet.h"
#include "sim/models.h"

namespace hearth::bench {
namespace {

constexpr int64_t kNow = 1'767'600'000'000;  // a Monday evening in January 2026

}  // namespace

CannedTelemetry::CannedTelemetry(const std::string& root, std::string cwmp_ns, size_t max_values)
    : root_(root), cwmp_ns_(std::move(cwmp_ns)), max_values_(max_values) {
  sim::FleetOptions fo;
  fo.homes = 60;
  fo.seed = 3;
  fo.model_count = static_cast<uint32_t>(sim::models().size());
  for (const auto& m : sim::models()) fo.model_ouis.push_back(m.oui);
  fleet_ = std::make_unique<sim::Fleet>(sim::generate_fleet(fo));
  const bool tr098 = root == "InternetGatewayDevice.";
  sim::Home* home = nullptr;
  for (auto& h : fleet_->homes) {  // a home of that root with an extender and a few stations
    if (sim::model_of(h.nodes[0].model).tr098 == tr098 && (tr098 || h.nodes.size() > 1) && h.stations.size() >= 6) {
      home = &h;
      break;
    }
  }
  if (home == nullptr) home = &fleet_->homes.front();
  model_ = sim::make_data_model(*home, sim::DataModelOptions{});
  model_->booted(kNow - 3 * 86'400'000LL);
}

CannedTelemetry::~CannedTelemetry() = default;

std::string CannedTelemetry::full(size_t* count) { return render(diag::telemetry_paths(root_), count); }

std::string CannedTelemetry::answer(std::string_view names_xml) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = answers_.find(names_xml); it != answers_.end()) return it->second;
  std::vector<std::string> names;
  for (size_t at = names_xml.find("<string>"); at != std::string_view::npos;
       at = names_xml.find("<string>", at)) {
    at += 8;
    const size_t end = names_xml.find("</string>", at);
    if (end == std::string_view::npos) break;
    names.emplace_back(names_xml.substr(at, end - at));
  }
  return answers_.emplace(std::string(names_xml), render(names, nullptr)).first->second;
}

std::string CannedTelemetry::render(const std::vector<std::string>& names, size_t* count) const {
  cwmp::GetParameterValuesResponse gpv;
  for (const auto& path : names) {
    for (auto& p : model_->parameters_under(path, kNow)) gpv.parameters.push_back({p.name, p.value, p.type});
  }
  if (max_values_ > 0 && gpv.parameters.size() > max_values_) gpv.parameters.resize(max_values_);
  if (count != nullptr) *count = gpv.parameters.size();
  cwmp::Envelope env;
  env.cwmp_ns = cwmp_ns_;
  env.header.id = "@@ID@@";
  env.body = std::move(gpv);
  return cwmp::write_envelope(env);
}

}  // namespace hearth::bench
