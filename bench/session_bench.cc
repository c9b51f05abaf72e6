// session_bench: periodic CWMP sessions per second, hearthd against a trivial server.
//
//   session_bench [--duration S] [--concurrency N] [--devices M] [--rounds R] [--hearthd PATH]
//       Starts hearthd (one network thread, fresh SQLite store) and the trivial server, each as a
//       child process, registers the devices with hearthd, then runs the same load against each,
//       one after the other, R times (alternating which goes first), and prints a summary and one
//       JSON line: {"bench":"session","hearthd":{..},"trivial":{..},"ratio":..,"round_results":[..]}
//       where the ratio is the median of the rounds' ratios and hearthd/trivial are the median
//       round's figures. Only one server has load at a time; on a small machine the generator and
//       the server still share the CPUs (the JSON says how many, and how much CPU each side used
//       per session).
//   session_bench --acs http://127.0.0.1:PORT/ [--devices M] [--serial-prefix P] [--telemetry] ...
//       Only the load, against a server that is already running (--telemetry: answer its
//       GetParameterValues with the canned telemetry).
//   session_bench --trivial-server [--cwmp-listen ADDR:PORT]
//       The reference server: any non-empty POST gets a fixed InformResponse with a Set-Cookie,
//       an empty POST gets 204 and Connection: close. Takes hearthd's flags (ignoring the others)
//       and prints the same "listening" line, so it is started exactly like hearthd.
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "cwmp/codec.h"
#include "session_load.h"
#include "telemetry_canned.h"
#include "tests/support/build_paths.h"
#include "tests/support/hearthd_process.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;
using hearth::bench::LoadOptions;
using hearth::bench::LoadResult;
using nlohmann::json;

// The configuration of the issue's bar: one network thread, no discovery, no credentials.
constexpr const char* kHearthdConfig = R"([cwmp]
threads = 1
discover_trees = false
set_connection_request_credentials = false
[auth]
require = false
issue_device_credentials = false
)";

// The diagnosis off (the bar of the session engine alone), or reading telemetry at every periodic
// session (its worst case) or quiet homes at most once per `quiet_interval_s` (0: every session),
// with the WAN tests and the optimiser off so that only the telemetry intake differs.
constexpr const char* kDiagnosisOff = "[diagnosis]\nenabled = false\n";

std::string telemetry_config(unsigned full_every, double quiet_interval_s) {
  return "[diagnosis]\ntelemetry_interval_seconds = 0\ntelemetry_quiet_interval_seconds = " +
         std::to_string(static_cast<int64_t>(quiet_interval_s)) +
         "\ntelemetry_full_every = " + std::to_string(full_every) +
         "\nping_interval_seconds = 0\nspeed_test_interval_seconds = 0\n[optimiser]\nenabled = false\n";
}

auto redirect(error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

// ---- the trivial server ----

struct TrivialReplies {
  std::string inform_response;
  std::string set_cookie = "session=0123456789abcdef0123456789abcdef; Path=/; HttpOnly";
};

asio::awaitable<void> trivial_connection(tcp::socket socket, const TrivialReplies& replies) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  error_code ec;
  for (;;) {
    stream.expires_after(std::chrono::seconds(30));
    http::request<http::string_body> req;
    co_await http::async_read(stream, buffer, req, redirect(ec));
    if (ec) break;
    if (hearth::cwmp::is_empty_body(req.body())) {
      http::response<http::empty_body> res{http::status::no_content, req.version()};
      res.keep_alive(false);
      co_await http::async_write(stream, res, redirect(ec));
      break;
    }
    http::response<http::string_body> res{http::status::ok, req.version()};
    res.set(http::field::content_type, "text/xml; charset=\"utf-8\"");
    res.set(http::field::set_cookie, replies.set_cookie);
    res.body() = replies.inform_response;
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    co_await http::async_write(stream, res, redirect(ec));
    if (ec || !res.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.socket().close(ec);
}

asio::awaitable<void> trivial_accept(tcp::acceptor& acceptor, const TrivialReplies& replies) {
  for (;;) {
    error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(redirect(ec));
    if (ec == asio::error::operation_aborted) co_return;
    if (ec) continue;
    asio::co_spawn(acceptor.get_executor(), trivial_connection(std::move(socket), replies), asio::detached);
  }
}

std::optional<tcp::endpoint> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) return std::nullopt;
  try {
    return tcp::endpoint(address, static_cast<uint16_t>(std::stoul(text.substr(colon + 1))));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

int run_trivial_server(const std::string& listen, const hearth::bench::DeviceIdentity& identity) {
  const auto endpoint = parse_listen(listen);
  if (!endpoint) {
    std::fprintf(stderr, "session_bench: bad listen address %s\n", listen.c_str());
    return 2;
  }
  TrivialReplies replies;
  replies.inform_response = hearth::bench::fixed_inform_response(identity);
  asio::io_context ioc(1);
  tcp::acceptor acceptor(ioc);
  error_code ec;
  acceptor.open(endpoint->protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(*endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    std::fprintf(stderr, "session_bench: cannot listen on %s: %s\n", listen.c_str(), ec.message().c_str());
    return 1;
  }
  const auto bound = acceptor.local_endpoint();
  const std::string address = bound.address().to_string() + ":" + std::to_string(bound.port());
  std::cout << R"({"event":"listening","cwmp":")" << address << R"(","http":")" << address << "\"}"
            << std::endl;
  asio::signal_set signals(ioc, SIGTERM, SIGINT);
  signals.async_wait([&](const error_code&, int) { ioc.stop(); });
  asio::co_spawn(ioc, trivial_accept(acceptor, replies), asio::detached);
  ioc.run();
  return 0;
}

// ---- the benchmark ----

struct Target {
  std::string host;
  uint16_t port = 0;
  std::string path = "/";
};

// "http://127.0.0.1:7547/" -> its parts (plain HTTP only: the bench measures sessions, not TLS).
std::optional<Target> parse_url(const std::string& url) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) return std::nullopt;
  const std::string rest = url.substr(scheme.size());
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  const auto endpoint = parse_listen(authority);
  if (!endpoint) return std::nullopt;
  Target t;
  t.host = endpoint->address().to_string();
  t.port = endpoint->port();
  t.path = slash == std::string::npos ? "/" : rest.substr(slash);
  return t;
}

// utime + stime of a process from /proc/PID/stat, in seconds.
double process_cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto paren = stat.rfind(')');
  if (paren == std::string::npos) return 0;
  std::istringstream fields(stat.substr(paren + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; fields >> field; ++i) {  // field 3 is the state
    if (i == 14) utime = std::stoull(field);
    if (i == 15) {
      stime = std::stoull(field);
      break;
    }
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double round2(double v) { return std::round(v * 100.0) / 100.0; }

json result_json(const LoadResult& r, double server_cpu_s) {
  json j{{"sessions", r.sessions},
         {"seconds", round2(r.seconds)},
         {"sessions_per_s", round2(r.sessions_per_s)},
         {"p50_ms", round2(r.session.p50_ms)},
         {"p95_ms", round2(r.session.p95_ms)},
         {"p99_ms", round2(r.session.p99_ms)},
         {"max_ms", round2(r.session.max_ms)},
         {"inform_p50_ms", round2(r.inform.p50_ms)},
         {"inform_p99_ms", round2(r.inform.p99_ms)},
         {"empty_post_p50_ms", round2(r.empty_post.p50_ms)},
         {"empty_post_p99_ms", round2(r.empty_post.p99_ms)},
         {"errors", r.errors},
         {"completed", r.completed},
         {"acs_requests", r.acs_requests},
         {"generator_cpu_s", round2(r.generator_cpu_s)}};
  if (!r.error_kinds.empty()) j["error_kinds"] = r.error_kinds;
  if (server_cpu_s >= 0) {
    j["server_cpu_s"] = round2(server_cpu_s);
    if (r.completed > 0) {
      j["server_cpu_us_per_session"] = round2(server_cpu_s * 1e6 / static_cast<double>(r.completed));
    }
  }
  return j;
}

void print_errors(const LoadResult& r) {
  for (const auto& [kind, n] : r.error_kinds) {
    std::fprintf(stderr, "         error %s: %llu\n", kind.c_str(), static_cast<unsigned long long>(n));
  }
}

void print_summary(const std::string& name, const LoadResult& r) {
  std::fprintf(stderr,
               "%-8s %8.0f sessions/s  (%llu in %.1f s)  latency ms p50 %.2f p95 %.2f p99 %.2f max %.2f"
               "  [Inform p50 %.2f p99 %.2f | empty POST p50 %.2f p99 %.2f]  errors %llu\n",
               name.c_str(), r.sessions_per_s, static_cast<unsigned long long>(r.sessions), r.seconds,
               r.session.p50_ms, r.session.p95_ms, r.session.p99_ms, r.session.max_ms, r.inform.p50_ms,
               r.inform.p99_ms, r.empty_post.p50_ms, r.empty_post.p99_ms,
               static_cast<unsigned long long>(r.errors));
  print_errors(r);
}

// Too many errors mean the figures are not worth reading.
bool acceptable(const LoadResult& r) {
  return r.sessions > 0 && static_cast<double>(r.errors) <= 0.01 * static_cast<double>(r.sessions + r.errors);
}

struct BenchArgs {
  LoadOptions load;
  std::string hearthd;
  std::vector<std::string> hearthd_env;  // KEY=VALUE added to hearthd's environment
  bool register_devices = true;
  int register_concurrency = 64;
  int rounds = 3;
  double min_ratio = 0;
  bool telemetry = false;  // compare hearthd with and without the telemetry intake instead
  size_t telemetry_values = 0;  // answer with only the first N values of the canned read (0: all)
  unsigned telemetry_full_every = 12;  // hearthd's [diagnosis] telemetry_full_every
  double telemetry_quiet_interval_s = 0;  // hearthd's telemetry_quiet_interval_seconds (0: every session)
};

// One server under test: started as a child once (its devices registered once), loaded in every
// round, stopped at the end.
class ServerUnderTest {
 public:
  // false when the server did not start.
  bool start(const std::string& name, hearth::testing::HearthdProcess::Options process, const BenchArgs& args,
             bool register_devices) {
    name_ = name;
    process_ = std::make_unique<hearth::testing::HearthdProcess>(dir_.path(), std::move(process));
    std::string error;
    if (!process_->start(&error)) {
      std::fprintf(stderr, "session_bench: %s did not start: %s\n", name.c_str(), error.c_str());
      return false;
    }
    const auto target = parse_url(process_->cwmp_url());
    if (!target) {
      std::fprintf(stderr, "session_bench: %s: unusable URL %s\n", name.c_str(), process_->cwmp_url().c_str());
      return false;
    }
    load_ = args.load;
    load_.host = target->host;
    load_.port = target->port;
    load_.target = target->path;
    if (register_devices) {
      LoadOptions reg = load_;
      reg.max_sessions = load_.devices;
      reg.concurrency = args.register_concurrency;
      reg.warmup = std::chrono::milliseconds(0);
      reg.duration = std::chrono::minutes(10);
      reg.events = {"0 BOOTSTRAP"};
      const LoadResult r = hearth::bench::run_load(reg);
      std::fprintf(stderr, "%-9s registered %llu devices in %.1f s (%.0f sessions/s, %llu errors)\n", name.c_str(),
                   static_cast<unsigned long long>(r.sessions), r.seconds, r.sessions_per_s,
                   static_cast<unsigned long long>(r.errors));
      print_errors(r);
      registered_ = {{"sessions", r.sessions}, {"seconds", round2(r.seconds)},
                     {"sessions_per_s", round2(r.sessions_per_s)}, {"errors", r.errors}};
    }
    return true;
  }

  // One round of load; its result and its JSON (with the server's CPU time).
  LoadResult run(json* out) {
    const double cpu_before = process_cpu_seconds(process_->pid());
    LoadResult r = hearth::bench::run_load(load_);
    const double cpu = process_cpu_seconds(process_->pid()) - cpu_before;
    print_summary(name_, r);
    *out = result_json(r, cpu);
    if (!registered_.is_null()) (*out)["register"] = registered_;
    return r;
  }

  void stop() {
    if (process_) process_->stop();
  }

 private:
  std::string name_;
  hearth::testing::TempDir dir_;
  std::unique_ptr<hearth::testing::HearthdProcess> process_;
  LoadOptions load_;
  json registered_;
};

// The rounds of a comparison: `base` and `other` loaded one after the other (the order swapped
// every round, so that neither always runs on a warmer or cooler machine), and the ratio
// other/base of each round. On a shared machine the speed drifts between seconds; the median of
// the rounds' ratios is the figure.
struct Comparison {
  std::vector<double> ratios;
  json rounds = json::array();
  json base_median, other_median;  // the results of the median round
  bool acceptable = true;
  double median() const {
    std::vector<double> sorted = ratios;
    std::sort(sorted.begin(), sorted.end());
    return sorted.empty() ? 0 : sorted[sorted.size() / 2];
  }
};

Comparison compare(ServerUnderTest& base, const char* base_name, ServerUnderTest& other, const char* other_name,
                   int rounds) {
  Comparison c;
  for (int round = 0; round < rounds; ++round) {
    std::fprintf(stderr, "round %d of %d\n", round + 1, rounds);
    json bj, oj;
    LoadResult br, orr;
    if (round % 2 == 0) {
      br = base.run(&bj);
      orr = other.run(&oj);
    } else {
      orr = other.run(&oj);
      br = base.run(&bj);
    }
    const double ratio = br.sessions_per_s > 0 ? orr.sessions_per_s / br.sessions_per_s : 0;
    c.ratios.push_back(ratio);
    c.rounds.push_back({{base_name, bj}, {other_name, oj}, {"ratio", std::round(ratio * 1000.0) / 1000.0}});
    c.acceptable = c.acceptable && acceptable(br) && acceptable(orr);
  }
  const double median = c.median();
  for (const auto& r : c.rounds) {
    if (std::abs(r["ratio"].get<double>() - std::round(median * 1000.0) / 1000.0) < 1e-9) {
      c.base_median = r[base_name];
      c.other_median = r[other_name];
      break;
    }
  }
  return c;
}

std::string ratios_text(const Comparison& c) {
  std::string out;
  for (double r : c.ratios) out += (out.empty() ? "" : ", ") + std::to_string(std::round(r * 1000.0) / 1000.0).substr(0, 5);
  return out;
}

std::string self_path() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

json header_json(const char* bench, const BenchArgs& args) {
  return {{"bench", bench},
          {"concurrency", args.load.concurrency},
          {"duration_s", static_cast<double>(args.load.duration.count()) / 1000.0},
          {"devices", args.load.devices},
          {"rounds", args.rounds},
          {"cpus", sysconf(_SC_NPROCESSORS_ONLN)}};
}

// hearthd reading the telemetry at every session against hearthd with the diagnosis off.
int telemetry_comparison(const hearth::testing::HearthdProcess::Options& h, const BenchArgs& args) {
  ServerUnderTest without;
  if (!without.start("without", h, args, args.register_devices)) return 1;
  BenchArgs with_args = args;
  size_t values = 0;
  // The generator's devices are TR-098 gateways (store_template.cc).
  auto canned = std::make_shared<hearth::bench::CannedTelemetry>("InternetGatewayDevice.", args.load.identity.cwmp_ns,
                                                                 args.telemetry_values);
  const size_t full_bytes = canned->full(&values).size();
  with_args.load.gpv_responder = [canned](std::string_view names) { return canned->answer(names); };
  hearth::testing::HearthdProcess::Options th = h;
  th.config_toml =
      std::string(kHearthdConfig) + telemetry_config(args.telemetry_full_every, args.telemetry_quiet_interval_s);
  ServerUnderTest with;
  if (!with.start("telemetry", th, with_args, args.register_devices)) return 1;
  const Comparison c = compare(without, "without", with, "with", args.rounds);
  without.stop();
  with.stop();
  const double ratio = c.median();
  double read_share = 0;
  if (c.other_median.is_object() && c.other_median["completed"].get<double>() > 0) {
    read_share = c.other_median["acs_requests"].get<double>() / c.other_median["completed"].get<double>();
  }
  std::fprintf(stderr,
               "telemetry read in %.0f%% of the sessions (the full read: %zu values, %zu bytes; 1 in %u reads is full, "
               "the others narrowed); sessions/s with/without, "
               "median of %d rounds (%s): %.3f (cost %.1f%%, bar: at most 20%%)\n",
               100 * read_share, values, full_bytes, args.telemetry_full_every, args.rounds,
               ratios_text(c).c_str(), ratio, 100 * (1 - ratio));
  json out = header_json("telemetry", args);
  out["telemetry_values"] = values;
  out["telemetry_bytes"] = full_bytes;
  out["telemetry_full_every"] = args.telemetry_full_every;
  out["sessions_with_read"] = std::round(read_share * 1000.0) / 1000.0;
  out["without"] = c.base_median;
  out["with"] = c.other_median;
  out["round_results"] = c.rounds;
  out["ratio"] = std::round(ratio * 1000.0) / 1000.0;
  out["cost"] = std::round((1 - ratio) * 1000.0) / 1000.0;
  std::cout << out.dump() << std::endl;
  if (!c.acceptable) {
    std::fprintf(stderr, "session_bench: too many errors or no session completed\n");
    return 1;
  }
  return 0;
}

int run_comparison(const BenchArgs& args) {
  std::string hearthd = args.hearthd.empty() ? hearth::testing::binary_dir() + "/src/cli/hearthd" : args.hearthd;
  if (!std::filesystem::exists(hearthd)) {
    std::fprintf(stderr, "session_bench: no hearthd at %s (build it, or pass --hearthd)\n", hearthd.c_str());
    return 1;
  }
  std::fprintf(stderr,
               "session_bench: %d sessions in flight, %.1f s (%.1f s warm-up) per server and round, %d rounds, "
               "%llu devices; generator and servers share %ld CPUs\n",
               args.load.concurrency, static_cast<double>(args.load.duration.count()) / 1000.0,
               static_cast<double>(args.load.warmup.count()) / 1000.0, args.rounds,
               static_cast<unsigned long long>(args.load.devices), sysconf(_SC_NPROCESSORS_ONLN));
  hearth::testing::HearthdProcess::Options h;
  h.binary = hearthd;
  h.config_toml = std::string(kHearthdConfig) + kDiagnosisOff;
  for (const auto& kv : args.hearthd_env) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "session_bench: --hearthd-env wants KEY=VALUE, not %s\n", kv.c_str());
      return 2;
    }
    h.env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (args.telemetry) return telemetry_comparison(h, args);

  ServerUnderTest trivial;
  hearth::testing::HearthdProcess::Options t;
  t.binary = self_path();
  t.extra_args = {"--trivial-server"};
  if (!trivial.start("trivial", t, args, false)) return 1;
  ServerUnderTest acs;
  if (!acs.start("hearthd", h, args, args.register_devices)) return 1;
  const Comparison c = compare(trivial, "trivial", acs, "hearthd", args.rounds);
  acs.stop();
  trivial.stop();

  const double ratio = c.median();
  std::fprintf(stderr, "ratio hearthd/trivial, median of %d rounds (%s): %.3f (bar: 0.5)\n", args.rounds,
               ratios_text(c).c_str(), ratio);
  json out = header_json("session", args);
  out["hearthd"] = c.other_median;
  out["trivial"] = c.base_median;
  out["round_results"] = c.rounds;
  out["ratio"] = std::round(ratio * 1000.0) / 1000.0;
  std::cout << out.dump() << std::endl;
  if (!c.acceptable) {
    std::fprintf(stderr, "session_bench: too many errors or no session completed\n");
    return 1;
  }
  if (ratio < args.min_ratio) {
    std::fprintf(stderr, "session_bench: ratio %.3f is below --min-ratio %.3f\n", ratio, args.min_ratio);
    return 1;
  }
  return 0;
}

int run_against(const std::string& url, const BenchArgs& args) {
  const auto target = parse_url(url);
  if (!target) {
    std::fprintf(stderr, "session_bench: --acs wants http://HOST:PORT/PATH, not %s\n", url.c_str());
    return 2;
  }
  LoadOptions load = args.load;
  load.host = target->host;
  load.port = target->port;
  load.target = target->path;
  const LoadResult r = hearth::bench::run_load(load);
  print_summary("acs", r);
  std::cout << json{{"bench", "session"},
                    {"concurrency", load.concurrency},
                    {"duration_s", static_cast<double>(load.duration.count()) / 1000.0},
                    {"devices", load.devices},
                    {"acs", result_json(r, -1)}}
                   .dump()
            << std::endl;
  return acceptable(r) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"session_bench: periodic CWMP sessions per second, hearthd against a trivial server"};
  BenchArgs args;
  bool trivial = false;
  std::string acs_url, listen = "127.0.0.1:0", ignored;
  double duration_s = 10, warmup_s = 1, timeout_s = 30;
  bool no_register = false;
  app.add_flag("--trivial-server", trivial, "run the trivial reference server instead");
  app.add_option("--cwmp-listen", listen, "trivial server: ADDR:PORT to listen on");
  for (const char* flag : {"--http-listen", "--store", "--config", "--log-level"}) {
    app.add_option(flag, ignored, "accepted for hearthd compatibility, ignored");
  }
  app.add_option("--hearthd", args.hearthd, "hearthd binary (default: this build's src/cli/hearthd)");
  app.add_option("--hearthd-env", args.hearthd_env, "KEY=VALUE for hearthd's environment (repeatable)");
  app.add_option("--acs", acs_url, "only run the load against this already running ACS (http://HOST:PORT/)");
  app.add_option("--concurrency", args.load.concurrency, "sessions in flight")->check(CLI::Range(1, 10000));
  app.add_option("--duration", duration_s, "seconds of load per server, warm-up included")->check(CLI::Range(0.1, 3600.0));
  app.add_option("--warmup", warmup_s, "seconds at the start that are not measured")->check(CLI::Range(0.0, 3600.0));
  app.add_option("--devices", args.load.devices, "distinct devices the sessions rotate over")->check(CLI::Range(1, 100000000));
  app.add_option("--sessions", args.load.max_sessions,
                 "stop after this many sessions (then --duration is only a cap; 0: no limit)");
  app.add_option("--first-device", args.load.first_device, "index of the first device");
  app.add_option("--device-stride", args.load.device_stride, "distance between the indexes of the devices used")
      ->check(CLI::Range(1, 1000000));
  app.add_option("--serial-prefix", args.load.identity.serial_prefix, "serial numbers are PREFIX + zero-padded index");
  app.add_option("--serial-digits", args.load.identity.serial_digits, "width of the index in serials")->check(CLI::Range(1, 20));
  app.add_option("--oui", args.load.identity.oui, "DeviceId OUI");
  app.add_option("--product-class", args.load.identity.product_class, "DeviceId ProductClass");
  app.add_option("--timeout", timeout_s, "seconds one session may take before it counts as an error");
  app.add_flag("--no-register", no_register, "skip the pass that registers every device with hearthd first");
  app.add_option("--register-concurrency", args.register_concurrency, "sessions in flight while registering");
  app.add_option("--rounds", args.rounds, "rounds of load per server, alternating; the ratio is their median")
      ->check(CLI::Range(1, 100));
  app.add_option("--min-ratio", args.min_ratio, "fail when hearthd/trivial is below this (default: report only)");
  app.add_flag("--telemetry", args.telemetry,
               "compare hearthd reading telemetry at every session with hearthd without the diagnosis");
  app.add_option("--telemetry-values", args.telemetry_values,
                 "answer the telemetry read with only its first N values (0: all): the cost of the read's "
                 "exchange itself when N is small");
  app.add_option("--telemetry-quiet-interval", args.telemetry_quiet_interval_s,
                 "hearthd reads quiet homes at most once per this many seconds (0: at every session); the "
                 "share of sessions with a read is reported")
      ->check(CLI::Range(0.0, 86400.0));
  app.add_option("--telemetry-full-every", args.telemetry_full_every,
                 "hearthd reads the full telemetry once in N reads and the narrowed read between (1: always full)")
      ->check(CLI::Range(1u, 1000u));
  CLI11_PARSE(app, argc, argv);

  if (trivial) return run_trivial_server(listen, args.load.identity);
  if (warmup_s >= duration_s) warmup_s = 0;
  args.load.duration = std::chrono::milliseconds(static_cast<int64_t>(duration_s * 1000));
  args.load.warmup = std::chrono::milliseconds(static_cast<int64_t>(warmup_s * 1000));
  args.load.timeout = std::chrono::milliseconds(static_cast<int64_t>(timeout_s * 1000));
  args.register_devices = !no_register;
  if (args.load.devices < static_cast<uint64_t>(args.load.concurrency)) {
    // Two sessions of one device at once: the ACS ends the first (one session per device).
    std::fprintf(stderr, "session_bench: warning: fewer devices than sessions in flight\n");
  }
  std::signal(SIGPIPE, SIG_IGN);
  if (!acs_url.empty()) {
    if (args.telemetry) {
      // Answer the server's telemetry reads as the comparison does.
      auto canned = std::make_shared<hearth::bench::CannedTelemetry>("InternetGatewayDevice.",
                                                                     args.load.identity.cwmp_ns, args.telemetry_values);
      args.load.gpv_responder = [canned](std::string_view names) { return canned->answer(names); };
    }
    return run_against(acs_url, args);
  }
  return run_comparison(args);
}
