// The device's life: power, boot, crash loop, memory leak, reboot, factory reset, the periodic
// and scheduled informs, and the order in which timed things happen (tr069.md 1.9, 3.2, 5).
#include <algorithm>

#include "core/strings.h"
#include "sim/cpe/cpe_state.h"

namespace hearth::sim {

using cpe::Power;
using cpe::Shutdown;

namespace {

enum class Due : uint8_t {
  kNone,
  kBoot,
  kCrash,
  kLeak,
  kInstall,
  kDownloadReady,
  kDiagnostic,
  kScheduled,
  kPeriodic
};

struct DueItem {
  int64_t at = kNever;
  Due what = Due::kNone;
  void offer(int64_t t, Due w) {
    if (t < at) {
      at = t;
      what = w;
    }
  }
};

// The earliest timed thing the device does by itself.
DueItem next_due(const Cpe::State& s) {
  DueItem n;
  if (s.power == Power::kBooting) n.offer(s.boot_at_ms, Due::kBoot);
  if (s.power != Power::kUp) return n;
  n.offer(s.crash_at_ms, Due::kCrash);
  if (s.leak_since_ms != kNever)
    n.offer(s.leak_since_ms + s.options.memory_leak_reboot_ms, Due::kLeak);
  if (s.download) {
    if (s.download->stage == cpe::DownloadJob::Stage::kInstalling)
      n.offer(s.download->install_done_ms, Due::kInstall);
    if (s.download->stage == cpe::DownloadJob::Stage::kWaiting)
      n.offer(s.download->ready_ms, Due::kDownloadReady);
  }
  for (const auto& d : s.diagnostics) n.offer(d.done_ms, Due::kDiagnostic);
  for (const auto& i : s.scheduled) n.offer(i.due_ms, Due::kScheduled);
  n.offer(s.periodic_due_ms, Due::kPeriodic);
  return n;
}

// "Free memory runs out" as the data model renders it (DeviceInfo.MemoryStatus, KiB).
bool memory_exhausted(const Cpe::State& s, int64_t now) {
  const auto free = s.get(s.root_path("DeviceInfo.MemoryStatus.Free"), now);
  const auto total = s.get(s.root_path("DeviceInfo.MemoryStatus.Total"), now);
  if (!free || !total) return false;
  const auto f = parse_uint64(free->value);
  const auto t = parse_uint64(total->value);
  return f && t && *t > 0 && *f * 50 < *t;
}

}  // namespace

Cpe::State::State(Home& h, const ModelInfo& m, std::unique_ptr<DataModel> d, const CpeOptions& o,
                  uint64_t seed)
    : home(&h), model(&m), dm(std::move(d)), options(o), rng(seed) {}

bool Cpe::State::online(int64_t) const {
  return power == Power::kUp && !home->cond.powered_off;
}

void Cpe::State::power_on(int64_t now) {
  power = Power::kBooting;
  const int64_t base = std::max<int64_t>(options.power_on_boot_ms, 0);
  boot_at_ms = now + rng.range(base / 2, base + base / 2);
}

void Cpe::State::boot(int64_t t) {
  dm->booted(t);
  power = Power::kUp;
  booted_ms = t;
  boot_at_ms = kNever;
  ++stats.boots;
  if (bootstrap_pending) {
    cpe::add_event(events, cpe::kBootstrap);
    bootstrap_pending = false;
  }
  cpe::add_event(events, cpe::kBoot);
  if (reboot_key) {
    cpe::add_event(events, cpe::kMReboot, *reboot_key);
    reboot_key.reset();
  }
  if (version_changed) {
    cpe::add_event(events, cpe::kValueChange);  // SoftwareVersion is forced active (tr069.md 5)
    version_changed = false;
  }
  if (transfer && transfer->complete_ms == 0) transfer->complete_ms = t;
  if (transfer) {
    cpe::add_event(events, cpe::kTransferComplete);
    cpe::add_event(events, cpe::kMDownload, transfer->command_key);
  }
  retry_count = 0;
  retry_at_ms = 0;
  schedule_periodic(t, true);
  const Conditions& c = home->cond;
  crash_at_ms =
      c.crash_loop ? t + rng.range(options.crash_loop_min_ms, options.crash_loop_max_ms) : kNever;
  leak_since_ms = c.memory_leak ? t : kNever;
  cr_tokens = options.connection_requests_per_minute;
  cr_refill_ms = t;
  last_poll_ms = t;
}

void Cpe::State::shutdown(int64_t t, Shutdown why) {
  if (session) {
    // Whatever the ACS was told, the box is going down now (tr069.md 1.5 failure rules).
    if (!session->informed) {
      cpe::restore_events(events, std::move(session->sent_events));
      changed.insert(changed.begin(), session->sent_changed.begin(), session->sent_changed.end());
    }
    if (session->reboot_key && !reboot_key) reboot_key = session->reboot_key;
    session.reset();
    ++stats.failed_sessions;
  }
  if (download && why != Shutdown::kInstall) {
    // Interrupted before it was installed: reported at the next boot.
    transfer = std::make_unique<cpe::TransferResult>(
        cpe::TransferResult{download->request.command_key, 9017, cpe::fault_text(9017),
                            download->start_ms ? download->start_ms : t, t});
    download.reset();
  }
  cpe::drop_on_reboot(events);
  changed.clear();
  diagnostics.clear();
  crash_at_ms = kNever;
  leak_since_ms = kNever;
  periodic_base_ms = periodic_due_ms = kNever;
  power = Power::kOff;
  boot_at_ms = kNever;
}

void Cpe::State::reboot(int64_t t, Shutdown why) {
  shutdown(t, why);
  power = Power::kBooting;
  boot_at_ms = t + std::max<int64_t>(options.reboot_offline_ms, 0);
}

void Cpe::State::factory_reset(int64_t t) {
  dm->factory_reset(t);
  dm->set_parameter_key({});
  attributes.clear();
  watched.clear();
  changed.clear();
  events.clear();
  scheduled.clear();
  download.reset();
  transfer.reset();
  reboot_key.reset();
  version_changed = false;
  bootstrap_pending = true;
  reboot(t, Shutdown::kFactoryReset);
}

void Cpe::State::schedule_periodic(int64_t from, bool restart) {
  const int64_t interval =
      dm->periodic_inform_enabled() ? int64_t{dm->periodic_inform_interval_s()} * 1000 : 0;
  if (interval <= 0) {
    periodic_base_ms = periodic_due_ms = kNever;
    return;
  }
  // Informs land within +- jitter of a fixed grid; the grid restarts at boot and when the ACS
  // changes the interval, and otherwise keeps its phase.
  const int64_t jitter = std::min<int64_t>(int64_t{options.inform_jitter_s} * 1000, interval / 2);
  if (restart || periodic_base_ms == kNever) periodic_base_ms = from + interval;
  while (periodic_base_ms - jitter <= from) periodic_base_ms += interval;
  periodic_due_ms = periodic_base_ms + rng.range(-jitter, jitter);
}

void Cpe::State::tick(int64_t now) {
  const Conditions& c = home->cond;
  if (power == Power::kNeverStarted) {
    if (c.powered_off) {
      power = Power::kOff;
    } else {
      power_on(now);
    }
  } else if (c.powered_off && power != Power::kOff) {
    shutdown(now, Shutdown::kPowerCut);
  } else if (!c.powered_off && power == Power::kOff) {
    power_on(now);
  }

  // Catch up in time order: a late tick sees a reboot end before the crash that follows it.
  for (int guard = 0; guard < 100000; ++guard) {
    const DueItem n = next_due(*this);
    if (n.what == Due::kNone || n.at > now) break;
    const int64_t t = std::max(n.at, power == Power::kUp ? booted_ms : n.at);
    switch (n.what) {
      case Due::kNone:
        break;
      case Due::kBoot:
        boot(t);
        break;
      case Due::kCrash:
        if (c.crash_loop) {
          reboot(t, Shutdown::kCrash);
        } else {
          crash_at_ms = kNever;
        }
        break;
      case Due::kLeak:
        if (c.memory_leak) {
          reboot(t, Shutdown::kCrash);
        } else {
          leak_since_ms = kNever;
        }
        break;
      case Due::kInstall:
        finish_install(t);
        break;
      case Due::kDownloadReady:
        download->stage = cpe::DownloadJob::Stage::kReady;
        download->start_ms = t;
        break;
      case Due::kDiagnostic: {
        auto it =
            std::min_element(diagnostics.begin(), diagnostics.end(),
                             [](const auto& a, const auto& b) { return a.done_ms < b.done_ms; });
        dm->complete_diagnostic(it->kind, t);
        diagnostics.erase(it);
        cpe::add_event(events, cpe::kDiagnosticsComplete);
        break;
      }
      case Due::kScheduled: {
        auto it =
            std::min_element(scheduled.begin(), scheduled.end(),
                             [](const auto& a, const auto& b) { return a.due_ms < b.due_ms; });
        cpe::add_event(events, cpe::kScheduled);
        cpe::add_event(events, cpe::kMScheduleInform, it->command_key);
        scheduled.erase(it);
        break;
      }
      case Due::kPeriodic:
        cpe::add_event(events, cpe::kPeriodic);
        schedule_periodic(t, false);
        break;
    }
  }

  if (power != Power::kUp) return;
  if (!c.crash_loop) crash_at_ms = kNever;
  if (c.crash_loop && crash_at_ms == kNever) {
    crash_at_ms = now + rng.range(options.crash_loop_min_ms, options.crash_loop_max_ms);
  }
  if (!c.memory_leak) leak_since_ms = kNever;
  if (c.memory_leak && leak_since_ms == kNever) leak_since_ms = now;
  if (c.memory_leak && memory_exhausted(*this, now)) {
    reboot(now, Shutdown::kCrash);
    return;
  }
  check_notifications(now);
  if (c.wan_down || c.unreachable) {
    if (session) {
      fail_session(now);  // the line went: the session's connection is gone
    } else if (wants_session() && retry_at_ms <= now) {
      fail_without_traffic(now);
    }
  }
}

int64_t Cpe::State::next_wake(int64_t now) const {
  const Conditions& c = home->cond;
  switch (power) {
    case Power::kNeverStarted:
      return now;
    case Power::kOff:
      return c.powered_off ? kNever : now;
    case Power::kBooting:
      return c.powered_off ? now : boot_at_ms;
    case Power::kUp:
      if (c.powered_off) return now;
      break;
  }
  if (session) return kNever;
  if ((c.crash_loop && crash_at_ms == kNever) || (c.memory_leak && leak_since_ms == kNever))
    return now;
  int64_t t = next_due(*this).at;
  if (wants_session()) t = std::min(t, std::max(now, retry_at_ms));
  if (!attributes.empty())
    t = std::min(t, last_poll_ms + std::max<int64_t>(options.notification_poll_ms, 1000));
  return t;
}

bool Cpe::State::connection_request(int64_t now) {
  const Conditions& c = home->cond;
  if (!online(now) || c.wan_down || c.unreachable) {
    ++stats.connection_requests_refused;
    return false;
  }
  const double cap = options.connection_requests_per_minute;
  if (cap > 0) {
    cr_tokens = std::min(cap, cr_tokens + static_cast<double>(now - cr_refill_ms) * cap / 60000.0);
    cr_refill_ms = now;
    if (cr_tokens < 1) {
      ++stats.connection_requests_refused;
      return false;
    }
    cr_tokens -= 1;
  }
  ++stats.connection_requests;
  // One pending "6 CONNECTION REQUEST" however many arrive (coalesced); it also cuts a retry
  // back-off short (tr069.md 1.9). During a session it waits for the next one.
  cpe::add_event(events, cpe::kConnectionRequest);
  if (!session) retry_at_ms = 0;
  return true;
}

}  // namespace hearth::sim
