// The diagnosis accuracy harness: runs the real hearthd and hearth-sim on loopback, injects every
// scenario type into some homes (an access-node outage into a whole access node), leaves the
// other homes healthy, and after the scenarios have run for a while scores each home's
// diagnosis from the API against the simulator's ground truth (score.h). Prints the table and
// a JSON line; with --require, exits 1 when the targets (by default >= 95% right primary causes,
// of the homes and on average over the types, and <= 1% of healthy homes with a warning) are
// missed.
//
//   diagnosis_accuracy [--per-scenario N] [--healthy N] [--seed S] [--inform-interval S]
//                      [--settle S] [--fast] [--require [--min-right F] [--max-false F]] [--keep DIR]
//
// --fast shortens what only takes time (persistence windows, test intervals, fault pace) so the
// test command can run it in a few minutes; the benchmark runs without it at a larger size.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "tests/accuracy/score.h"
#include "tests/integration/api_client.h"
#include "tests/support/hearthd_process.h"
#include "tests/support/sim_process.h"

using nlohmann::json;
using namespace std::chrono_literals;
using hearth::testing::ApiClient;
using hearth::testing::HearthdProcess;
using hearth::testing::SimProcess;
using hearth::testing::TempDir;

namespace {

constexpr const char* kToken = "accuracy-harness-token";

struct Args {
  int per_scenario = 3;
  int healthy = 60;
  int seed = 11;
  int inform_interval = 60;
  int settle_s = 600;
  bool fast = false;
  bool require = false;
  double min_right = 0.95;  // the targets --require checks
  double max_false = 0.01;
  std::string keep;
};

bool parse_args(int argc, char** argv, Args* a) {
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    auto next = [&](int* v) {
      if (i + 1 >= argc) return false;
      *v = std::atoi(argv[++i]);
      return true;
    };
    if (k == "--per-scenario") {
      if (!next(&a->per_scenario)) return false;
    } else if (k == "--healthy") {
      if (!next(&a->healthy)) return false;
    } else if (k == "--seed") {
      if (!next(&a->seed)) return false;
    } else if (k == "--inform-interval") {
      if (!next(&a->inform_interval)) return false;
    } else if (k == "--settle") {
      if (!next(&a->settle_s)) return false;
    } else if (k == "--fast") {
      a->fast = true;
    } else if (k == "--require") {
      a->require = true;
    } else if (k == "--min-right" && i + 1 < argc) {
      a->min_right = std::atof(argv[++i]);
    } else if (k == "--max-false" && i + 1 < argc) {
      a->max_false = std::atof(argv[++i]);
    } else if (k == "--keep" && i + 1 < argc) {
      a->keep = argv[++i];
    } else {
      return false;
    }
  }
  return a->per_scenario > 0 && a->healthy >= 0 && a->inform_interval > 0 && a->settle_s > 0;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

void log(const std::string& what) {
  std::fprintf(stderr, "[accuracy] %s\n", what.c_str());
}

std::string config_toml(const Args& a) {
  std::string c =
      "[auth]\nallow_basic_over_http = true\n"
      "[tasks]\nretry_base_seconds = 0\n"
      "[diagnosis]\n"
      "telemetry_interval_seconds = " + std::to_string(std::max(10, a.inform_interval / 2)) + "\n"
      // Every home at that pace, quiet ones too: this scores the rules, not the cadence.
      "telemetry_quiet_interval_seconds = " + std::to_string(std::max(10, a.inform_interval / 2)) + "\n"
      "offline_grace_seconds = " + std::to_string(std::max(10, a.inform_interval / 2)) + "\n"
      "speed_test_max_active_mbps = 100000\n";
  if (a.fast) {
    // Every window a few minutes at most, so that each scenario shows within the settle time.
    c += "ping_interval_seconds = 60\nspeed_test_interval_seconds = 120\n"
         "[diagnosis.rules]\npersist_ms = 60000\nclear_ms = 120000\nweak_window_ms = 120000\n"
         "congestion_window_ms = 120000\nlegacy_radio_window_ms = 120000\nauth_window_ms = 180000\n"
         "memory_min_span_ms = 150000\ncpu_window_ms = 120000\n";
  } else {
    c += "ping_interval_seconds = 300\nspeed_test_interval_seconds = 600\n";
  }
  return c;
}

// The scenario types of the simulator that a home can be given (the outage takes a node).
const std::vector<std::string> kHomeScenarios = {
    "weak-coverage", "congested-channel", "interference", "sticky-client", "legacy-client",
    "bad-extender-placement", "wan-down", "wan-degraded", "power-cut", "crash-loop", "memory-leak",
    "dns-failure", "wrong-wifi-password"};

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, &args)) {
    std::fprintf(stderr,
                 "usage: diagnosis_accuracy [--per-scenario N] [--healthy N] [--seed S] [--inform-interval S]"
                 " [--settle S] [--fast] [--require] [--keep DIR]\n");
    return 2;
  }
  TempDir tmp;
  const std::string dir = args.keep.empty() ? tmp.path() : args.keep;
  // A fleet big enough for the scenarios, the healthy homes and one access node to take down.
  const int wanted = static_cast<int>(kHomeScenarios.size()) * args.per_scenario + args.healthy;
  const int homes = wanted + 40;
  const std::string seed = std::to_string(args.seed);
  {
    SimProcess exporter({"--export", dir + "/fleet.json", "--homes", std::to_string(homes), "--seed", seed});
    if (!exporter.start() || exporter.wait() != 0) {
      log("hearth-sim --export failed");
      return 1;
    }
  }
  const json fleet = json::parse(read_text(dir + "/fleet.json"), nullptr, false);
  if (!fleet.is_object() || !fleet["homes"].is_array()) {
    log("the export is not an import file");
    return 1;
  }
  // The smallest access node goes dark; the other homes get one scenario each or stay healthy.
  std::map<std::string, std::vector<std::string>> by_node;
  std::vector<std::string> all_homes;
  for (const auto& h : fleet["homes"]) {
    all_homes.push_back(h["id"]);
    by_node[h.value("accessNode", "")].push_back(h["id"]);
  }
  std::string outage_node;
  for (const auto& [node, list] : by_node) {
    if (outage_node.empty() || list.size() < by_node[outage_node].size()) outage_node = node;
  }
  // The other homes, taken from each access node in turn, so that independent problems spread
  // over the nodes as they would (and do not add up to an outage of one node by construction).
  std::vector<std::string> others;
  for (size_t i = 0;; ++i) {
    bool any = false;
    for (const auto& [node, list] : by_node) {
      if (node == outage_node || i >= list.size()) continue;
      others.push_back(list[i]);
      any = true;
    }
    if (!any) break;
  }
  const int start_s = 3 * args.inform_interval;  // after bootstrap, discovery and a first telemetry read
  json scenarios = json::array();
  size_t next = 0;
  for (const auto& type : kHomeScenarios) {
    json list = json::array();
    for (int i = 0; i < args.per_scenario && next < others.size(); ++i) list.push_back(others[next++]);
    scenarios.push_back({{"type", type}, {"homes", list}, {"at", "+" + std::to_string(start_s) + "s"}});
  }
  scenarios.push_back({{"type", "access-node-outage"}, {"accessNode", outage_node},
                       {"at", "+" + std::to_string(start_s) + "s"}});
  write_text(dir + "/scenarios.json", json{{"scenarios", scenarios}}.dump(1));
  log(std::to_string(all_homes.size()) + " homes, " + std::to_string(next) + " with a home scenario, " +
      std::to_string(by_node[outage_node].size()) + " behind " + outage_node + " going dark, " +
      std::to_string(all_homes.size() - next - by_node[outage_node].size()) + " healthy");

  HearthdProcess::Options opts;
  opts.store_path = dir + "/hearth.db";
  opts.env["HEARTH_BOOTSTRAP_TOKEN"] = kToken;
  opts.config_toml = config_toml(args);
  HearthdProcess hearthd(dir, opts);
  std::string error;
  if (!hearthd.start(&error)) {
    log("hearthd: " + error);
    return 1;
  }
  ApiClient api(hearthd.http_url(), kToken);
  auto imported = api.call("POST", "/api/v1/import", read_text(dir + "/fleet.json"));
  if (imported.status != 200) {
    log("import failed: " + std::to_string(imported.status) + " " + imported.body);
    return 1;
  }
  std::vector<std::string> sim_args = {
      "--acs", hearthd.cwmp_url(), "--homes", std::to_string(homes), "--seed", seed,
      "--inform-interval", std::to_string(args.inform_interval), "--inform-jitter",
      std::to_string(std::max(1, args.inform_interval / 10)), "--boot-time", "5", "--reboot-time", "20",
      "--scenario", dir + "/scenarios.json", "--truth", dir + "/truth.json",
      "--line-events", hearthd.http_url() + "/api/v1/line-events", "--line-events-token", kToken,
      "--log-level", "warn"};
  if (args.fast) {
    // Crashes far enough apart to count as separate boots (two within 2 minutes are one).
    sim_args.insert(sim_args.end(), {"--crash-every", "130-170", "--leak-per-hour", "120"});
  }
  SimProcess sim(sim_args);
  if (!sim.start()) {
    log("hearth-sim did not start");
    return 1;
  }
  const json running = json::parse(sim.read_line(60s), nullptr, false);
  if (!running.is_object()) {
    log("hearth-sim did not print its running line");
    return 1;
  }
  const int64_t sim_start_ms = hearth::to_unix_ms(hearth::SystemClock::instance().now());
  const int64_t score_at_ms = sim_start_ms + (start_s + args.settle_s) * 1000LL;
  for (;;) {
    const int64_t now = hearth::to_unix_ms(hearth::SystemClock::instance().now());
    if (now >= score_at_ms) break;
    const int64_t left_s = (score_at_ms - now) / 1000;
    if (left_s % 60 == 0) log(std::to_string(left_s) + " s until scoring");
    std::this_thread::sleep_for(1s);
  }
  std::map<std::string, hearth::accuracy::Observed> observed;
  for (const auto& h : all_homes) {
    auto r = api.get("/api/v1/homes/" + h + "/diagnosis");
    if (r.status == 200) observed[h] = hearth::accuracy::parse_diagnosis(r.json);
  }
  const int64_t scored_ms = hearth::to_unix_ms(hearth::SystemClock::instance().now());
  const json truth = json::parse(read_text(dir + "/truth.json"), nullptr, false);
  const auto report = hearth::accuracy::score(hearth::accuracy::parse_truth(truth), observed, all_homes, scored_ms);
  sim.stop();
  hearthd.stop();
  std::printf("%s", report.table().c_str());
  json out = report.to_json();
  out["homes"] = all_homes.size();
  out["informIntervalSeconds"] = args.inform_interval;
  out["settleSeconds"] = args.settle_s;
  out["fast"] = args.fast;
  std::printf("%s\n", out.dump().c_str());
  if (args.require && !report.meets(args.min_right, args.max_false)) {
    log("targets missed: right primary cause " + std::to_string(100 * report.right_share()) + "% of homes, " +
        std::to_string(100 * report.mean_share()) + "% over types (>= " + std::to_string(100 * args.min_right) +
        "%), healthy homes with a warning " + std::to_string(100 * report.false_share()) + "% (<= " +
        std::to_string(100 * args.max_false) + "%)");
    return 1;
  }
  return 0;
}
