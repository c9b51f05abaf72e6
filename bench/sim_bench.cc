// sim_bench: what hearth-sim costs per simulated home and per session.
//
//   sim_bench [--homes N] [--session-homes M] [--duration S] [--max-sessions C]
//
// Memory: VmRSS before and after building a Simulator of N homes (default 50,000): the fleet,
// every gateway's DataModel and Cpe, the engine's per-home state. Then every gateway is ticked
// once (powered on, boot scheduled) and RSS read again.
// CPU per session: a second Simulator of M homes (default 1,000) in load mode, as fast as C
// concurrent sessions allow for S seconds, against a trivial ACS in this process (on its own
// thread: InformResponse with a cookie, then 204); the simulator's thread CPU time divided by the
// sessions it completed (the ACS's threads are not counted).
// Prints a summary to stderr and one JSON line to stdout.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>

#include "cwmp/codec.h"
#include "net/event_loop.h"
#include "net/http_server.h"
#include "sim/engine.h"

namespace {

long status_kib(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(key) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return std::stol(line.substr(prefix.size()));
  }
  return -1;
}

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// The least an ACS can do: InformResponse with a session cookie, 204 to the empty POST.
std::unique_ptr<hearth::net::HttpServer> trivial_acs(std::atomic<uint64_t>* informs) {
  hearth::net::HttpServerOptions o;
  o.threads = 1;
  auto server = std::make_unique<hearth::net::HttpServer>(
      o, [informs](hearth::net::HttpRequest&& req, const hearth::net::ConnectionInfo&, hearth::net::Respond respond) {
        if (hearth::cwmp::is_empty_body(req.body)) {
          auto r = hearth::net::make_response(204);
          r.close = true;
          return respond(std::move(r));
        }
        auto env = hearth::cwmp::parse_envelope(req.body);
        if (!env.ok()) return respond(hearth::net::make_response(400));
        hearth::cwmp::Envelope out;
        out.cwmp_ns = env->cwmp_ns;
        out.header.id = env->header.id;
        out.body = hearth::cwmp::InformResponse{1};
        auto r = hearth::net::make_response(200, hearth::cwmp::write_envelope(out), "text/xml");
        r.headers.add("Set-Cookie", fmt::format("session={}; Path=/", ++*informs));
        respond(std::move(r));
      });
  if (!server->start().ok()) return nullptr;
  return server;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"sim_bench: hearth-sim's memory per home and CPU per session"};
  uint32_t homes = 50000, session_homes = 1000, max_sessions = 64;
  double duration = 10;
  app.add_option("--homes", homes, "homes for the memory measurement (default 50000)");
  app.add_option("--session-homes", session_homes, "homes for the session measurement (default 1000)");
  app.add_option("--duration", duration, "seconds of sessions (default 10)");
  app.add_option("--max-sessions", max_sessions, "concurrent sessions (default 64)");
  CLI11_PARSE(app, argc, argv);

  const hearth::Clock& clock = hearth::SystemClock::instance();

  // ---- memory per home ----
  const long rss_before = status_kib("VmRSS");
  const auto t0 = std::chrono::steady_clock::now();
  long rss_built = 0, rss_woken = 0;
  double build_s = 0, wake_s = 0;
  {
    hearth::sim::SimulatorOptions o;
    o.homes = homes;
    o.acs_url = "http://127.0.0.1:9/acs";
    hearth::sim::Simulator sim(o, clock);
    build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rss_built = status_kib("VmRSS");
    // Tick every gateway once (power on, boot scheduled): what a running fleet holds.
    const auto t1 = std::chrono::steady_clock::now();
    const int64_t now = hearth::to_unix_ms(clock.now());
    for (uint32_t h = 0; h < homes; ++h) sim.cpe(h).tick(now);
    wake_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    rss_woken = status_kib("VmRSS");
  }
  const double bytes_per_home = static_cast<double>(rss_woken - rss_before) * 1024.0 / homes;

  // ---- CPU per session ----
  std::atomic<uint64_t> informs{0};
  auto acs = trivial_acs(&informs);
  if (!acs) {
    std::fprintf(stderr, "sim_bench: cannot start the trivial ACS\n");
    return 1;
  }
  hearth::net::EventLoop loop;
  hearth::sim::SimulatorOptions o;
  o.homes = session_homes;
  o.acs_url = "http://" + acs->bound_address() + "/acs";
  o.inform_interval_s = 1;
  o.cpe.inform_jitter_s = 0;
  o.cpe.power_on_boot_ms = 200;
  o.max_sessions = max_sessions;
  o.load = true;
  o.duration_s = duration;
  hearth::sim::Simulator sim(o, clock);
  sim.on_finished([&] { loop.stop(); });
  if (auto st = sim.start(loop); !st.ok()) {
    std::fprintf(stderr, "sim_bench: %s\n", st.error().message.c_str());
    return 1;
  }
  const double cpu0 = thread_cpu_s();
  loop.run();
  const double cpu_s = thread_cpu_s() - cpu0;
  const auto st = sim.stats();
  acs->stop();
  const double us_per_session = st.sessions_ok > 0 ? cpu_s * 1e6 / static_cast<double>(st.sessions_ok) : 0;

  std::fprintf(stderr,
               "sim_bench: %u homes: VmRSS %+.1f MiB after building (%.2f s), %+.1f MiB after one tick each "
               "(%.2f s): %.0f bytes per home\n"
               "sim_bench: %u homes, %u concurrent, %.0f s: %llu sessions (%.0f/s, %llu failed), simulator thread "
               "%.2f s CPU = %.1f us per session; p50 %.2f ms p99 %.2f ms\n",
               homes, (rss_built - rss_before) / 1024.0, build_s, (rss_woken - rss_before) / 1024.0, wake_s,
               bytes_per_home, session_homes, max_sessions, duration,
               static_cast<unsigned long long>(st.sessions_ok), st.sessions_per_second,
               static_cast<unsigned long long>(st.sessions_failed), cpu_s, us_per_session, st.p50_ms, st.p99_ms);
  std::printf(
      "{\"bench\":\"sim\",\"homes\":%u,\"rss_before_kib\":%ld,\"rss_built_kib\":%ld,\"rss_woken_kib\":%ld,"
      "\"bytes_per_home\":%.0f,\"build_s\":%.3f,\"wake_s\":%.3f,\"session_homes\":%u,\"sessions\":%llu,"
      "\"failed\":%llu,\"sessions_per_s\":%.1f,\"cpu_s\":%.3f,\"cpu_us_per_session\":%.1f,\"p50_ms\":%.2f,"
      "\"p99_ms\":%.2f}\n",
      homes, rss_before, rss_built, rss_woken, bytes_per_home, build_s, wake_s, session_homes,
      static_cast<unsigned long long>(st.sessions_ok), static_cast<unsigned long long>(st.sessions_failed),
      st.sessions_per_second, cpu_s, us_per_session, st.p50_ms, st.p99_ms);
  return st.sessions_ok > 0 ? 0 : 1;
}
