// A simulated gateway's answer to the telemetry read (telemetry_canned.h).
#include "telemetry_canned.h"

#include "cwmp/codec.h"
#include "diag/telemetry.h"
#include "sim/data_model.h"
#include "sim/fleet.h"
#include "sim/models.h"

namespace hearth::bench {

std::string canned_telemetry_response(const std::string& root, const std::string& cwmp_ns, size_t* count) {
  sim::FleetOptions fo;
  fo.homes = 60;
  fo.seed = 3;
  fo.model_count = static_cast<uint32_t>(sim::models().size());
  for (const auto& m : sim::models()) fo.model_ouis.push_back(m.oui);
  sim::Fleet fleet = sim::generate_fleet(fo);
  const bool tr098 = root == "InternetGatewayDevice.";
  sim::Home* home = nullptr;
  for (auto& h : fleet.homes) {  // a home of that root with an extender and a few stations
    if (sim::model_of(h.nodes[0].model).tr098 == tr098 && (tr098 || h.nodes.size() > 1) && h.stations.size() >= 6) {
      home = &h;
      break;
    }
  }
  if (home == nullptr) home = &fleet.homes.front();
  const int64_t now = 1'767'600'000'000;  // a Monday evening in January 2026
  auto model = sim::make_data_model(*home, sim::DataModelOptions{});
  model->booted(now - 3 * 86'400'000LL);
  cwmp::GetParameterValuesResponse gpv;
  for (const auto& path : diag::telemetry_paths(root)) {
    for (auto& p : model->parameters_under(path, now)) gpv.parameters.push_back({p.name, p.value, p.type});
  }
  if (count != nullptr) *count = gpv.parameters.size();
  cwmp::Envelope env;
  env.cwmp_ns = cwmp_ns;
  env.header.id = "@@ID@@";
  env.body = std::move(gpv);
  return cwmp::write_envelope(env);
}

}  // namespace hearth::bench
