// diag_bench: how many homes per second the diagnosis (diag::evaluate) judges on one core.
//
//   diag_bench [--homes N] [--history H] [--rounds R] [--share F] [--seed S]
//
// Realistic input: N simulated homes (the hearth-sim fleet; a share F of them with a Wi-Fi, WAN
// or device fault from the scenario mix), each gateway's data model rendered every 5 minutes
// H times, and what one telemetry GetParameterValues would answer turned into snapshots
// (diag::build_snapshot), with a ping and a download test in the results. Then every home is
// evaluated R times with its running DiagState (as the service does at each new snapshot), and
// this thread's CPU time gives homes per second. Prints a summary to stderr and one JSON line to
// stdout.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "core/ids.h"
#include "diag/diagnosis.h"
#include "diag/telemetry.h"
#include "sim/data_model.h"
#include "sim/dynamics.h"
#include "sim/fleet.h"
#include "sim/models.h"
#include "sim/scenario.h"

namespace {

using namespace hearth;

constexpr int64_t kStepMs = 5 * 60'000;
constexpr int64_t kStartMs = 1'767'639'600'000;  // 2026-01-05T19:00:00Z, an evening at home

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct BenchHome {
  diag::HomeContext context;
  std::vector<diag::HomeSnapshot> history;
  diag::DiagState state;
};

// Runs a TR-143 test on the gateway so that its result is in the next reads.
void run_test(sim::DataModel& dm, sim::DiagnosticKind kind, const std::string& object,
              const std::string& input, const std::string& value, int64_t t) {
  dm.set({{object + input, value, cwmp::ValueType::kString},
          {object + "DiagnosticsState", "Requested", cwmp::ValueType::kString}},
         t);
  dm.complete_diagnostic(kind, t + dm.diagnostic_duration_ms(kind));
}

// The fleet, its faults and `history` snapshots of every home.
std::vector<BenchHome> build_homes(uint32_t homes, int history, double share, uint64_t seed) {
  sim::FleetOptions fo;
  fo.homes = homes;
  fo.seed = seed;
  fo.model_count = static_cast<uint32_t>(sim::models().size());
  sim::Fleet fleet = sim::generate_fleet(fo);
  sim::ScenarioSchedule schedule(fleet, kStartMs);
  const std::string mix = fmt::format(
      R"({{"scenarios":[{{"type":"random","share":{},"at":"+10m","types":[)"
      R"("weak-coverage","congested-channel","interference","sticky-client","legacy-client",)"
      R"("bad-extender-placement","wan-degraded","memory-leak","dns-failure",)"
      R"("wrong-wifi-password"]}}]}})",
      share);
  if (auto st = schedule.add_file_text(mix); !st.ok())
    std::fprintf(stderr, "diag_bench: %s\n", st.error().message.c_str());

  std::vector<BenchHome> out(homes);
  std::vector<std::unique_ptr<sim::DataModel>> models(homes);
  std::vector<diag::CounterState> counters(homes);
  std::vector<std::string> ids(homes);
  for (uint32_t i = 0; i < homes; ++i) {
    sim::Home& h = fleet.homes[i];
    models[i] = sim::make_data_model(h, sim::DataModelOptions{"http://acs.example/", 300, "", ""});
    models[i]->booted(kStartMs - 86'400'000);
    const cwmp::DeviceIdStruct id = models[i]->device_id();
    ids[i] = make_device_id(id.oui, id.product_class, id.serial_number);
    diag::HomeContext& c = out[i].context;
    c.home_id = h.id;
    c.device_id = ids[i];
    c.access_node_id = fleet.access_nodes[h.access_node].id;
    c.plan_down_mbps = h.wan.plan_down_kbps / 1000.0;
    c.plan_up_mbps = h.wan.plan_up_kbps / 1000.0;
    c.expected_interval_s = 300;
    c.boots_ms = {kStartMs - 86'400'000};
    out[i].history.reserve(static_cast<size_t>(history));
  }
  for (int k = 0; k < history; ++k) {
    const int64_t t = kStartMs + k * kStepMs;
    schedule.apply_due(fleet, t);
    for (uint32_t i = 0; i < homes; ++i) {
      sim::DataModel& dm = *models[i];
      sim::advance(fleet.homes[i], t);
      const bool tr098 = dm.root() == "InternetGatewayDevice.";
      if (k == 3) {  // after the faults began: the service's hourly ping and a speed test
        run_test(
            dm, sim::DiagnosticKind::kIpPing,
            tr098 ? "InternetGatewayDevice.IPPingDiagnostics." : "Device.IP.Diagnostics.IPPing.",
            "Host", "ping.hearth.example", t - 60'000);
        run_test(dm, sim::DiagnosticKind::kDownload,
                 tr098 ? "InternetGatewayDevice.DownloadDiagnostics."
                       : "Device.IP.Diagnostics.DownloadDiagnostics.",
                 "DownloadURL", "http://speedtest.hearth.example/100MB.bin", t - 40'000);
      }
      std::vector<cwmp::ParameterValue> values;
      for (const std::string& path : diag::telemetry_paths(dm.root())) {
        for (sim::Param& p : dm.parameters_under(path, t))
          values.push_back({std::move(p.name), std::move(p.value), p.type});
      }
      out[i].history.push_back(diag::build_snapshot(ids[i], dm.root(), values, t, counters[i]));
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"diag_bench: diagnosis evaluations per second on one core"};
  uint32_t homes = 2000;
  int history = 12, rounds = 20;
  double share = 0.3;
  uint64_t seed = 1;
  app.add_option("--homes", homes, "simulated homes (default 2000)");
  app.add_option("--history", history, "snapshots per home, 5 minutes apart (default 12)")
      ->check(CLI::Range(1, 100));
  app.add_option("--rounds", rounds, "evaluations of every home (default 20)")
      ->check(CLI::Range(1, 100000));
  app.add_option("--share", share, "share of homes with a fault (default 0.3)")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--seed", seed, "fleet seed (default 1)");
  CLI11_PARSE(app, argc, argv);

  const auto b0 = std::chrono::steady_clock::now();
  std::vector<BenchHome> fleet = build_homes(homes, history, share, seed);
  const double build_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - b0).count();

  const diag::DiagConfig config;
  std::map<std::string, uint64_t> primaries;
  uint64_t findings = 0;
  const double cpu0 = thread_cpu_s();
  for (int r = 0; r < rounds; ++r) {
    for (BenchHome& h : fleet) {
      const int64_t now = h.history.back().time_ms;
      const diag::Diagnosis d =
          diag::evaluate(diag::RuleInput{h.context, h.history, now}, config, h.state);
      if (r + 1 == rounds) {
        ++primaries[d.primary ? d.primary->code : "none"];
        findings += d.findings.size();
      }
    }
  }
  const double cpu_s = thread_cpu_s() - cpu0;
  const double evaluations = static_cast<double>(homes) * rounds;
  const double homes_per_s = cpu_s > 0 ? evaluations / cpu_s : 0;

  std::string mix;
  for (const auto& [code, n] : primaries)
    mix += fmt::format("{}{}={}", mix.empty() ? "" : " ", code, n);
  std::fprintf(stderr,
               "diag_bench: %u homes x %d snapshots built in %.1f s; %d rounds: %.0f evaluations "
               "in %.3f s CPU "
               "= %.0f homes/s (%.2f us each); %llu open findings; primary causes: %s\n",
               homes, history, build_s, rounds, evaluations, cpu_s, homes_per_s,
               cpu_s * 1e6 / evaluations, static_cast<unsigned long long>(findings), mix.c_str());
  std::printf(
      R"({"bench":"diag","homes":%u,"history":%d,"rounds":%d,"cpu_s":%.4f,"homes_per_s":%.0f,)"
      R"("us_per_home":%.3f,"open_findings":%llu})"
      "\n",
      homes, history, rounds, cpu_s, homes_per_s, cpu_s * 1e6 / evaluations,
      static_cast<unsigned long long>(findings));
  return 0;
}
