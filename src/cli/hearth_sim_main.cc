// hearth-sim: thousands of simulated homes whose gateways speak TR-069 to an ACS (hearthd or any
// other), with connection requests, downloads, injected faults and their ground truth; or, with
// --load, a load generator that ends with one JSON summary line. With --line-events it also
// reports power cuts and lines down as the access network would. Everything runs on one thread.
//
// stdout carries machine-readable lines only: {"event":"running",...} once ready (run mode) or
// {"event":"load-summary",...} at the end (load mode). Progress and logs go to stderr.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/strings.h"
#include "net/event_loop.h"
#include "sim/engine.h"

namespace {

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text << '\n';
  return static_cast<bool>(out);
}

// "7547-7549" or "7547".
bool parse_port_range(const std::string& text, uint16_t* first, uint16_t* last) {
  const auto dash = text.find('-');
  const auto a = hearth::parse_uint64(text.substr(0, dash));
  const auto b = dash == std::string::npos ? a : hearth::parse_uint64(text.substr(dash + 1));
  if (!a || !b || *a == 0 || *a > 65535 || *b > 65535 || *b < *a) return false;
  *first = static_cast<uint16_t>(*a);
  *last = static_cast<uint16_t>(*b);
  return true;
}

void print_line(const std::string& line) {
  std::fputs(line.c_str(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hearth-sim: simulated homes speaking TR-069 to an ACS"};
  std::string acs, truth, export_path, cr_ports, log_level = "warn", line_events, line_events_token;
  std::vector<std::string> scenarios, injects;
  uint32_t homes = 200, max_sessions = 500;
  uint64_t seed = 1;
  double inform_interval = 300, inform_jitter = 30, boot_time = 40, reboot_time = 30, rate = 0, duration = 30;
  double leak_per_hour = 3;
  std::string crash_every;
  std::string cr_listen = "127.0.0.1";
  bool load = false;
  app.add_option("--acs", acs, "ACS URL, e.g. http://127.0.0.1:7547/ (required unless --export only)");
  app.add_option("--homes", homes, "number of homes (default 200, at most 340,000)")->check(CLI::Range(1u, 340000u));
  app.add_option("--seed", seed, "fleet seed: the same seed gives the same fleet (default 1)");
  app.add_option("--scenario", scenarios, "scenario file (JSON); repeatable");
  app.add_option("--inject", injects, "one scenario, e.g. weak-coverage:home-000003; repeatable");
  app.add_option("--truth", truth, "write the ground truth of injected problems here (on change and at exit)");
  app.add_option("--export", export_path, "write the ACS import file here; without --acs, then exit");
  auto* interval_opt = app.add_option("--inform-interval", inform_interval, "periodic inform interval, s (300)");
  auto* jitter_opt = app.add_option("--inform-jitter", inform_jitter, "periodic informs within +- this, s (30)");
  auto* boot_opt = app.add_option("--boot-time", boot_time, "power-on to first inform, s, spread 0.5x-1.5x (40)");
  app.add_option("--reboot-time", reboot_time, "how long a reboot keeps a gateway away, s (30)");
  app.add_option("--cr-listen", cr_listen, "connection-request address (default 127.0.0.1)");
  app.add_option("--cr-ports", cr_ports, "connection-request ports FIRST-LAST (default: one free port)");
  app.add_option("--max-sessions", max_sessions, "concurrent sessions (default 500)")->check(CLI::Range(1u, 100000u));
  app.add_flag("--load", load, "load mode: measure the ACS, print one JSON summary line");
  app.add_option("--rate", rate, "load mode: sessions per second (0 or absent: as fast as possible)");
  app.add_option("--duration", duration, "load mode: seconds to run (default 30)");
  app.add_option("--line-events", line_events,
                 "POST power cuts and lines down as an access network reports them to this URL, e.g. "
                 "http://127.0.0.1:8080/api/v1/line-events");
  app.add_option("--line-events-token", line_events_token, "bearer token for --line-events")->envname("HEARTH_TOKEN");
  app.add_option("--crash-every", crash_every,
                 "crash-loop scenario: uptime before each crash, MIN-MAX seconds (default 120-360)");
  app.add_option("--leak-per-hour", leak_per_hour,
                 "memory-leak scenario: percent of the memory lost per hour of uptime (default 3)")
      ->check(CLI::Range(0.1, 10000.0));
  app.add_option("--log-level", log_level, "trace, debug, info, warn or error (default warn)");
  CLI11_PARSE(app, argc, argv);

  hearth::setup_logging(hearth::LogFormat::kText, log_level);
  hearth::crypto::init();
  std::signal(SIGPIPE, SIG_IGN);
  if (acs.empty() && export_path.empty()) {
    std::fprintf(stderr, "hearth-sim: --acs is required (unless --export only)\n");
    return 2;
  }

  hearth::sim::SimulatorOptions o;
  o.homes = homes;
  o.seed = seed;
  o.acs_url = acs.empty() ? "http://127.0.0.1:7547/" : acs;
  // Load mode: every home wants a session each second and boots at once, unless told otherwise;
  // the pace comes from --rate and --max-sessions.
  if (load && interval_opt->count() == 0) inform_interval = 1;
  if (load && jitter_opt->count() == 0) inform_jitter = 0;
  if (load && boot_opt->count() == 0) boot_time = 1;
  o.inform_interval_s = static_cast<uint32_t>(std::max(1.0, inform_interval));
  o.cpe.inform_jitter_s = static_cast<uint32_t>(std::max(0.0, inform_jitter));
  o.cpe.power_on_boot_ms = static_cast<int64_t>(std::max(0.0, boot_time) * 1000);
  o.cpe.reboot_offline_ms = static_cast<int64_t>(std::max(0.0, reboot_time) * 1000);
  o.memory_leak_per_hour = leak_per_hour / 100.0;
  if (!crash_every.empty()) {
    uint16_t lo = 0, hi = 0;
    if (!parse_port_range(crash_every, &lo, &hi) || lo == 0) {
      std::fprintf(stderr, "hearth-sim: --crash-every wants MIN-MAX seconds, e.g. 30-90\n");
      return 2;
    }
    o.cpe.crash_loop_min_ms = int64_t{lo} * 1000;
    o.cpe.crash_loop_max_ms = int64_t{hi} * 1000;
  }
  o.cr_listen = cr_listen;
  if (!cr_ports.empty() && !parse_port_range(cr_ports, &o.cr_first_port, &o.cr_last_port)) {
    std::fprintf(stderr, "hearth-sim: --cr-ports wants FIRST-LAST, e.g. 30000-30099\n");
    return 2;
  }
  o.max_sessions = max_sessions;
  o.truth_path = truth;
  o.line_events_url = line_events;
  o.line_events_token = line_events_token;
  o.load = load;
  o.rate = std::max(0.0, rate);
  o.duration_s = std::max(0.001, duration);

  const hearth::Clock& clock = hearth::SystemClock::instance();
  hearth::net::EventLoop loop;  // declared before the simulator: it must outlive it
  hearth::sim::Simulator sim(o, clock);
  for (const auto& path : scenarios) {
    std::string text;
    if (!read_file(path, &text)) {
      std::fprintf(stderr, "hearth-sim: cannot read %s\n", path.c_str());
      return 2;
    }
    if (auto st = sim.add_scenario_file_text(text); !st.ok()) {
      std::fprintf(stderr, "hearth-sim: %s: %s\n", path.c_str(), st.error().message.c_str());
      return 2;
    }
  }
  for (const auto& spec : injects) {
    if (auto st = sim.add_inject(spec); !st.ok()) {
      std::fprintf(stderr, "hearth-sim: --inject %s: %s\n", spec.c_str(), st.error().message.c_str());
      return 2;
    }
  }
  if (!export_path.empty()) {
    if (!write_file(export_path, sim.export_json())) {
      std::fprintf(stderr, "hearth-sim: cannot write %s\n", export_path.c_str());
      return 1;
    }
    if (acs.empty()) return 0;
  }

  if (auto st = sim.start(loop); !st.ok()) {
    std::fprintf(stderr, "hearth-sim: %s\n", st.error().message.c_str());
    return 1;
  }
  loop.on_signals({SIGINT, SIGTERM}, [&](int) {
    sim.stop();
    loop.stop();
  });
  if (load) {
    sim.on_finished([&] {
      print_line(sim.load_summary_json());
      loop.stop();
    });
  } else {
    print_line(fmt::format("{{\"event\":\"running\",\"homes\":{},\"cr\":\"{}\"}}", sim.fleet().homes.size(),
                           sim.cr_range()));
  }
  // Progress on stderr every 10 s.
  std::function<void()> progress = [&] {
    const auto s = sim.stats();
    std::fprintf(stderr,
                 "hearth-sim: %.0fs sessions %llu ok, %llu failed, %llu in flight, %llu waiting; p50 %.1f ms, "
                 "p95 %.1f ms; %.1f/s; CR %llu/%llu; downloads %llu\n",
                 s.elapsed_s, static_cast<unsigned long long>(s.sessions_ok),
                 static_cast<unsigned long long>(s.sessions_failed), static_cast<unsigned long long>(s.in_flight),
                 static_cast<unsigned long long>(s.waiting), s.p50_ms, s.p95_ms, s.sessions_per_second,
                 static_cast<unsigned long long>(s.cr_accepted), static_cast<unsigned long long>(s.cr_received),
                 static_cast<unsigned long long>(s.downloads_ok));
    loop.call_after(std::chrono::seconds(10), progress);
  };
  loop.call_after(std::chrono::seconds(10), progress);
  loop.run();
  sim.stop();  // writes the truth file
  return 0;
}
