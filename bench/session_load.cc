#include "session_load.h"

#include <sys/resource.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "cwmp/codec.h"

namespace hearth::bench {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

auto redirect(error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

double ms_between(SteadyClock::time_point a, SteadyClock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::string error_kind(const error_code& ec) {
  if (ec == beast::error::timeout) return "timeout";
  if (ec == asio::error::connection_refused) return "refused";
  if (ec == asio::error::connection_reset || ec == asio::error::broken_pipe || ec == asio::error::eof ||
      ec == http::error::end_of_stream || ec == http::error::partial_message) {
    return "reset";
  }
  return "io: " + ec.message();
}

// "session=abc; Path=/; HttpOnly" -> "session=abc".
std::string cookie_pair(std::string_view set_cookie) {
  const auto semi = set_cookie.find(';');
  std::string_view pair = set_cookie.substr(0, semi);
  while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
  while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
  return pair.find('=') == std::string_view::npos ? std::string() : std::string(pair);
}

// The Inform of one device as bytes: written once by the codec with markers in place of the
// per-device and per-session values, then stamped by splicing. Forced parameters of TR-098
// (tr069.md 7.0) plus the usual active-notification ones: 12 in all, UpTime changing each time.
class InformTemplate {
 public:
  InformTemplate(const DeviceIdentity& id, const std::vector<std::string>& events) : id_(id) {
    cwmp::Inform inform;
    inform.device_id = {id.manufacturer, id.oui, id.product_class, kSerial};
    for (const auto& e : events) inform.events.push_back({e, ""});
    inform.max_envelopes = 1;
    inform.current_time = kTime;
    const std::string r = "InternetGatewayDevice.";
    using T = cwmp::ValueType;
    inform.parameters = {
        {r + "DeviceSummary", "InternetGatewayDevice:1.1[](Baseline:1, EthernetLAN:1, WiFiLAN:1)", T::kString},
        {r + "DeviceInfo.SpecVersion", "1", T::kString},
        {r + "DeviceInfo.HardwareVersion", "40501", T::kString},
        {r + "DeviceInfo.SoftwareVersion", "V100R001IRQC56B017", T::kString},
        {r + "DeviceInfo.ProvisioningCode", "", T::kString},
        {r + "DeviceInfo.ModelName", id.product_class, T::kString},
        {r + "DeviceInfo.UpTime", kUpTime, T::kUnsignedInt},
        {r + "ManagementServer.ParameterKey", "", T::kString},
        {r + "ManagementServer.ConnectionRequestURL", std::string("http://") + kAddress + ":7547/", T::kString},
        {r + "ManagementServer.PeriodicInformInterval", "900", T::kUnsignedInt},
        {r + "WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress", kAddress, T::kString},
        {r + "LANDevice.1.WLANConfiguration.1.SSID", "Hearth-Bench", T::kString},
    };
    cwmp::Envelope env;
    env.cwmp_ns = id.cwmp_ns;
    env.header.id = kInformId;
    env.body = std::move(inform);
    split(cwmp::write_envelope(env));
  }

  std::string body(uint64_t device, uint64_t n, std::time_t now) const {
    char serial[64];
    std::snprintf(serial, sizeof serial, "%s%0*llu", id_.serial_prefix.c_str(), id_.serial_digits,
                  static_cast<unsigned long long>(device));
    char address[32];
    std::snprintf(address, sizeof address, "10.%u.%u.%u", static_cast<unsigned>((device >> 16) & 255),
                  static_cast<unsigned>((device >> 8) & 255), static_cast<unsigned>(device & 255));
    std::tm tm{};
    gmtime_r(&now, &tm);
    char time[32];
    std::strftime(time, sizeof time, "%Y-%m-%dT%H:%M:%SZ", &tm);
    const std::string uptime = std::to_string(100000 + n);
    std::string out;
    out.reserve(size_ + 128);
    for (const auto& [text, slot] : parts_) {
      out.append(text);
      switch (slot) {
        case Slot::kNone: break;
        case Slot::kSerial: out.append(serial); break;
        case Slot::kAddress: out.append(address); break;
        case Slot::kTime: out.append(time); break;
        case Slot::kUpTime: out.append(uptime); break;
      }
    }
    return out;
  }

 private:
  enum class Slot { kNone, kSerial, kAddress, kTime, kUpTime };
  static constexpr const char* kSerial = "@@SERIAL@@";
  static constexpr const char* kAddress = "@@ADDRESS@@";
  static constexpr const char* kTime = "@@TIME@@";
  static constexpr const char* kUpTime = "@@UPTIME@@";

  void split(const std::string& xml) {
    size_ = xml.size();
    const std::pair<std::string_view, Slot> markers[] = {
        {kSerial, Slot::kSerial}, {kAddress, Slot::kAddress}, {kTime, Slot::kTime}, {kUpTime, Slot::kUpTime}};
    size_t pos = 0;
    for (;;) {
      size_t best = std::string::npos;
      Slot slot = Slot::kNone;
      size_t len = 0;
      for (const auto& [m, s] : markers) {
        const size_t at = xml.find(m, pos);
        if (at < best) {
          best = at;
          slot = s;
          len = m.size();
        }
      }
      if (best == std::string::npos) {
        parts_.emplace_back(xml.substr(pos), Slot::kNone);
        return;
      }
      parts_.emplace_back(xml.substr(pos, best - pos), slot);
      pos = best + len;
    }
  }

  DeviceIdentity id_;
  std::vector<std::pair<std::string, Slot>> parts_;
  size_t size_ = 0;
};

struct Outcome {
  std::string error;  // empty on success
  SteadyClock::time_point start, inform_sent, inform_read, empty_sent, done;
};

class Run {
 public:
  Run(const LoadOptions& o, tcp::endpoint endpoint)
      : o_(o), endpoint_(endpoint), inform_(o.identity, o.events) {
    host_header_ = o.host + ":" + std::to_string(o.port);
  }

  LoadResult execute() {
    asio::io_context ioc(1);
    const double cpu_before = cpu_seconds();
    begin_ = SteadyClock::now();
    measure_begin_ = begin_ + o_.warmup;
    end_ = begin_ + o_.duration;
    last_done_ = begin_;
    for (int i = 0; i < std::max(o_.concurrency, 1); ++i) {
      asio::co_spawn(ioc, worker(), asio::detached);
    }
    ioc.run();
    LoadResult r;
    r.generator_cpu_s = cpu_seconds() - cpu_before;
    r.sessions = session_ms_.size();
    r.completed = completed_;
    r.acs_requests = acs_requests_;
    const auto window_end = o_.max_sessions > 0 ? last_done_ : end_;
    r.seconds = std::max(0.0, ms_between(measure_begin_, window_end) / 1000.0);
    r.sessions_per_s = r.seconds > 0 ? static_cast<double>(r.sessions) / r.seconds : 0;
    r.session = summarize(session_ms_);
    r.inform = summarize(inform_ms_);
    r.empty_post = summarize(empty_ms_);
    for (const auto& [kind, n] : errors_) r.errors += n;
    r.error_kinds = errors_;
    return r;
  }

 private:
  asio::awaitable<void> worker() {
    for (;;) {
      if (SteadyClock::now() >= end_) co_return;
      if (o_.max_sessions > 0 && next_ >= o_.max_sessions) co_return;
      const uint64_t n = next_++;
      const uint64_t device = o_.first_device + (o_.devices > 0 ? n % o_.devices : 0) * o_.device_stride;
      const Outcome out = co_await session(device, n);
      if (!out.error.empty()) {
        errors_[out.error]++;
        continue;
      }
      ++completed_;
      if (out.done < measure_begin_ || (o_.max_sessions == 0 && out.done > end_)) continue;
      last_done_ = std::max(last_done_, out.done);
      session_ms_.push_back(ms_between(out.start, out.done));
      inform_ms_.push_back(ms_between(out.start, out.inform_read));
      empty_ms_.push_back(ms_between(out.empty_sent, out.done));
    }
  }

  // One session on a new connection. The client closes only after the server's EOF so that the
  // TIME_WAIT state stays on the server side and the generator does not run out of ports.
  asio::awaitable<Outcome> session(uint64_t device, uint64_t n) {
    Outcome out;
    out.start = SteadyClock::now();
    beast::tcp_stream stream(co_await asio::this_coro::executor);
    stream.expires_after(o_.timeout);
    error_code ec;
    co_await stream.async_connect(endpoint_, redirect(ec));
    if (ec) {
      out.error = error_kind(ec);
      co_return out;
    }
    const std::string body = inform_.body(device, n, std::time(nullptr));
    std::string request;
    request.reserve(body.size() + 256);
    request.append("POST ").append(o_.target).append(" HTTP/1.1\r\nHost: ").append(host_header_);
    request.append("\r\nUser-Agent: hearth-session-bench\r\nContent-Type: text/xml; charset=\"utf-8\"\r\n");
    request.append("SOAPAction: \"\"\r\nContent-Length: ").append(std::to_string(body.size()));
    request.append("\r\n\r\n").append(body);
    co_await asio::async_write(stream, asio::buffer(request), redirect(ec));
    if (ec) {
      out.error = error_kind(ec);
      co_return out;
    }
    beast::flat_buffer buffer;
    http::response<http::string_body> inform_response;
    co_await http::async_read(stream, buffer, inform_response, redirect(ec));
    if (ec) {
      out.error = error_kind(ec);
      co_return out;
    }
    out.inform_read = SteadyClock::now();
    if (inform_response.result_int() != 200) {
      out.error = "http_" + std::to_string(inform_response.result_int()) + "_on_inform";
      co_return out;
    }
    const std::string cookie = cookie_pair(inform_response[http::field::set_cookie]);
    if (cookie.empty()) {
      out.error = "no_cookie";
      co_return out;
    }
    if (inform_response.body().find("InformResponse") == std::string::npos) {
      out.error = "not_an_inform_response";
      co_return out;
    }
    request.clear();
    request.append("POST ").append(o_.target).append(" HTTP/1.1\r\nHost: ").append(host_header_);
    request.append("\r\nUser-Agent: hearth-session-bench\r\nCookie: ").append(cookie);
    request.append("\r\nContent-Length: 0\r\n\r\n");
    out.empty_sent = SteadyClock::now();
    co_await asio::async_write(stream, asio::buffer(request), redirect(ec));
    if (ec) {
      out.error = error_kind(ec);
      co_return out;
    }
    http::response<http::string_body> last;
    co_await http::async_read(stream, buffer, last, redirect(ec));
    if (ec) {
      out.error = error_kind(ec);
      co_return out;
    }
    // The server may read values (the diagnosis' telemetry) before it ends the session.
    for (int round = 0; round < 8 && last.result_int() == 200; ++round) {
      const std::string reply = answer(last.body());
      ++acs_requests_;
      request.clear();
      request.append("POST ").append(o_.target).append(" HTTP/1.1\r\nHost: ").append(host_header_);
      request.append("\r\nUser-Agent: hearth-session-bench\r\nCookie: ").append(cookie);
      request.append("\r\nContent-Type: text/xml; charset=\"utf-8\"\r\nContent-Length: ");
      request.append(std::to_string(reply.size())).append("\r\n\r\n").append(reply);
      co_await asio::async_write(stream, asio::buffer(request), redirect(ec));
      if (ec) {
        out.error = error_kind(ec);
        co_return out;
      }
      last = {};
      co_await http::async_read(stream, buffer, last, redirect(ec));
      if (ec) {
        out.error = error_kind(ec);
        co_return out;
      }
    }
    out.done = SteadyClock::now();
    if (last.result_int() != 204) {
      out.error = "http_" + std::to_string(last.result_int()) + "_on_empty_post";
      co_return out;
    }
    // Wait for the server's close (it said Connection: close), briefly.
    stream.expires_after(std::chrono::seconds(2));
    char sink[256];
    while (!ec) co_await stream.async_read_some(asio::buffer(sink), redirect(ec));
    stream.socket().close(ec);
    co_return out;
  }

  // The CPE's answer to an ACS request: values for GetParameterValues, success otherwise.
  std::string answer(const std::string& request) const {
    std::string id;
    if (auto at = request.find(":ID"); at != std::string::npos) {
      const auto open = request.find('>', at);
      const auto close = request.find('<', open);
      if (open != std::string::npos && close != std::string::npos) id = request.substr(open + 1, close - open - 1);
    }
    std::string reply;
    const size_t names = request.find("<ParameterNames");
    if (request.find("GetParameterValues") != std::string::npos && o_.gpv_responder && names != std::string::npos) {
      const size_t end = request.find("</ParameterNames>", names);
      reply = o_.gpv_responder(std::string_view(request).substr(names, end == std::string::npos ? end : end - names));
    } else {
      cwmp::Envelope env;
      env.cwmp_ns = o_.identity.cwmp_ns;
      env.header.id = "@@ID@@";
      if (request.find("GetParameterValues") != std::string::npos) {
        env.body = cwmp::GetParameterValuesResponse{};
      } else {
        env.body = cwmp::SetParameterValuesResponse{0};
      }
      reply = cwmp::write_envelope(env);
    }
    if (auto at = reply.find("@@ID@@"); at != std::string::npos) reply.replace(at, 6, id);
    return reply;
  }

  const LoadOptions& o_;
  tcp::endpoint endpoint_;
  InformTemplate inform_;
  std::string host_header_;
  SteadyClock::time_point begin_, measure_begin_, end_, last_done_;
  uint64_t next_ = 0;
  uint64_t completed_ = 0;
  uint64_t acs_requests_ = 0;
  std::vector<double> session_ms_, inform_ms_, empty_ms_;
  std::map<std::string, uint64_t> errors_;
};

}  // namespace

std::string fixed_inform_response(const DeviceIdentity& identity) {
  cwmp::Envelope env;
  env.cwmp_ns = identity.cwmp_ns;
  env.header.id = kInformId;
  env.body = cwmp::InformResponse{1};
  return cwmp::write_envelope(env);
}

LatencySummary summarize(std::vector<double>& samples_ms) {
  LatencySummary s;
  if (samples_ms.empty()) return s;
  std::sort(samples_ms.begin(), samples_ms.end());
  auto rank = [&](double p) {
    const auto i = static_cast<size_t>(std::ceil(p * static_cast<double>(samples_ms.size())));
    return samples_ms[std::min(samples_ms.size() - 1, i == 0 ? 0 : i - 1)];
  };
  s.p50_ms = rank(0.50);
  s.p95_ms = rank(0.95);
  s.p99_ms = rank(0.99);
  s.max_ms = samples_ms.back();
  return s;
}

LoadResult run_load(const LoadOptions& options) {
  error_code ec;
  const auto address = asio::ip::make_address(options.host, ec);
  if (ec) {
    LoadResult r;
    r.errors = 1;
    r.error_kinds["bad_address"] = 1;
    return r;
  }
  Run run(options, tcp::endpoint(address, options.port));
  return run.execute();
}

}  // namespace hearth::bench
