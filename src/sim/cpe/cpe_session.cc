// One CWMP session from the CPE side (tr069.md 1.2-1.5, 1.9): the Inform, TransferComplete,
// the empty POST, answering the ACS until 204, and what a failed session leaves behind.
#include <algorithm>

#include "core/clock.h"
#include "core/strings.h"
#include "cwmp/codec.h"
#include "sim/cpe/cpe_state.h"
#include "sim/cpe/wire_quirks.h"

namespace hearth::sim {

using cpe::SessionState;

namespace cpe {

std::string iso_time(int64_t ms) {
  return format_iso8601(from_unix_ms(ms));
}

}  // namespace cpe

namespace {

bool is_acs_request(const cwmp::Body& b) {
  return std::holds_alternative<cwmp::GetParameterNames>(b) ||
         std::holds_alternative<cwmp::GetParameterValues>(b) ||
         std::holds_alternative<cwmp::SetParameterValues>(b) ||
         std::holds_alternative<cwmp::GetParameterAttributes>(b) ||
         std::holds_alternative<cwmp::SetParameterAttributes>(b) ||
         std::holds_alternative<cwmp::AddObject>(b) ||
         std::holds_alternative<cwmp::DeleteObject>(b) || std::holds_alternative<cwmp::Reboot>(b) ||
         std::holds_alternative<cwmp::FactoryReset>(b) ||
         std::holds_alternative<cwmp::Download>(b) ||
         std::holds_alternative<cwmp::ScheduleInform>(b) ||
         std::holds_alternative<cwmp::GetRPCMethods>(b) ||
         std::holds_alternative<cwmp::UnknownMethod>(b);
}

}  // namespace

std::string Cpe::State::write(cwmp::Body body, std::optional<std::string> id, bool inform) {
  cwmp::Envelope env;
  env.header.id = std::move(id);
  if (inform && (model->cwmp_version == "1.3" || model->cwmp_version == "1.4")) {
    env.header.session_timeout = 30;  // CWMP 1.3+ (tr069.md 1.4)
  }
  if (inform && model->cwmp_version == "1.4")
    env.header.supported_cwmp_versions = "1.0,1.1,1.2,1.3,1.4";
  env.cwmp_ns = model->cwmp_ns.empty() ? std::string(cwmp::kCwmpNs12) : model->cwmp_ns;
  env.body = std::move(body);
  cwmp::WriteOptions wo;
  wo.boolean_literal = !model->boolean_as_digit;
  return cpe::apply_wire_quirks(cwmp::write_envelope(env, wo), *model);
}

cpe::RetryPolicy Cpe::State::retry_policy() const {
  return cpe::RetryPolicy{dm->retry_minimum_wait_s(), dm->retry_interval_multiplier()};
}

std::string Cpe::State::begin_session(int64_t now) {
  if (!online(now) || session) return {};
  if (home->cond.wan_down || home->cond.unreachable) {  // no route to the ACS: no traffic
    fail_without_traffic(now);
    return {};
  }
  session = std::make_unique<SessionState>();
  if (transfer) {  // not acknowledged in an earlier session: announce it again (tr069.md 5)
    cpe::add_event(events, cpe::kTransferComplete);
    cpe::add_event(events, cpe::kMDownload, transfer->command_key);
  }
  if (!changed.empty()) cpe::add_event(events, cpe::kValueChange);
  session->sent_events = cpe::inform_order(std::move(events));
  events.clear();
  session->sent_changed = std::move(changed);
  changed.clear();

  cwmp::Inform inform;
  inform.device_id = dm->device_id();
  inform.events = session->sent_events;
  inform.max_envelopes = 1;
  inform.current_time = cpe::iso_time(now);
  inform.retry_count = retry_count;
  for (const std::string& name : dm->inform_parameter_names()) {
    if (auto p = get(name, now))
      inform.parameters.push_back(cwmp::ParameterValue{p->name, p->value, p->type});
  }
  for (const std::string& name : session->sent_changed) {
    const bool listed = std::any_of(inform.parameters.begin(), inform.parameters.end(),
                                    [&](const auto& p) { return p.name == name; });
    if (listed) continue;
    if (auto p = get(name, now))
      inform.parameters.push_back(cwmp::ParameterValue{p->name, p->value, p->type});
  }
  ++stats.informs;
  return write(std::move(inform), std::to_string(++message_id), true);
}

Cpe::Next Cpe::State::on_response(int http_status, std::string_view body, int64_t now) {
  const Next failed{true, true, {}};
  if (!session) return failed;
  const bool empty = http_status == 204 || (http_status == 200 && cwmp::is_empty_body(body));
  if (http_status != 200 && http_status != 204) {
    fail_session(now);
    return failed;
  }
  SessionState& s = *session;
  if (empty) {
    // 204 ends the session, but only once the CPE has said it has nothing more (tr069.md 1.5).
    if (s.phase != SessionState::Phase::kAcsDriving) {
      fail_session(now);
      return failed;
    }
    finish_session(now);
    return Next{true, false, {}};
  }
  auto env = cwmp::parse_envelope(body);
  if (!env.ok()) {
    fail_session(now);
    return failed;
  }
  switch (s.phase) {
    case SessionState::Phase::kAwaitInformResponse: {
      if (!std::holds_alternative<cwmp::InformResponse>(env->body)) break;  // a fault: failed
      s.informed = true;
      s.sent_events.clear();
      s.sent_changed.clear();
      const bool hold = env->header.hold_requests.value_or(false);
      if (transfer && !hold) {
        s.phase = SessionState::Phase::kAwaitTransferResponse;
        ++s.transfer_attempts;
        cwmp::TransferComplete tc{
            transfer->command_key, cwmp::FaultStruct{transfer->fault_code, transfer->fault_string},
            cpe::iso_time(transfer->start_ms), cpe::iso_time(transfer->complete_ms)};
        return Next{false, false, write(std::move(tc), std::to_string(++message_id))};
      }
      s.phase = SessionState::Phase::kAcsDriving;
      return Next{false, false, {}};
    }
    case SessionState::Phase::kAwaitTransferResponse: {
      if (std::holds_alternative<cwmp::TransferCompleteResponse>(env->body)) {
        transfer.reset();
      } else if (const auto* f = std::get_if<cwmp::Fault>(&env->body)) {
        if (f->code == 8005 && s.transfer_attempts < 3) {  // retry request: same message again
          ++s.transfer_attempts;
          cwmp::TransferComplete tc{transfer->command_key,
                                    cwmp::FaultStruct{transfer->fault_code, transfer->fault_string},
                                    cpe::iso_time(transfer->start_ms),
                                    cpe::iso_time(transfer->complete_ms)};
          return Next{false, false, write(std::move(tc), std::to_string(++message_id))};
        }
        // Refused: kept, and announced again in the next session.
      } else {
        break;
      }
      s.phase = SessionState::Phase::kAcsDriving;
      return Next{false, false, {}};
    }
    case SessionState::Phase::kAcsDriving: {
      if (!is_acs_request(env->body)) break;
      cwmp::Body reply = handle_request(env->body, now);
      return Next{false, false, write(std::move(reply), env->header.id)};
    }
  }
  fail_session(now);
  return failed;
}

void Cpe::State::after_session(SessionState& s, int64_t now) {
  for (DiagnosticKind kind : s.diagnostics) {
    diagnostics.push_back(
        cpe::RunningDiagnostic{now + std::max<int64_t>(dm->diagnostic_duration_ms(kind), 0), kind});
  }
  if (download && download->stage == cpe::DownloadJob::Stage::kAccepted) {
    download->stage = cpe::DownloadJob::Stage::kWaiting;
    download->ready_ms = std::max(now, download->not_before_ms);
    if (download->ready_ms <= now) {
      download->stage = cpe::DownloadJob::Stage::kReady;
      download->start_ms = now;
    }
  }
  if (s.management_changed) schedule_periodic(now, true);
  if (s.acs_url_changed) cpe::add_event(events, cpe::kBootstrap);  // a new ACS (tr069.md 5)
  if (s.factory_reset) {
    factory_reset(now);
  } else if (s.reboot_key) {
    reboot_key = s.reboot_key;
    reboot(now, cpe::Shutdown::kAcsReboot);
  }
}

void Cpe::State::finish_session(int64_t now) {
  std::unique_ptr<SessionState> s = std::move(session);
  ++stats.sessions;
  retry_count = 0;
  retry_at_ms = 0;
  after_session(*s, now);
}

void Cpe::State::fail_session(int64_t now) {
  if (!session) return;
  std::unique_ptr<SessionState> s = std::move(session);
  if (!s->informed) {
    cpe::restore_events(events, std::move(s->sent_events));
    std::vector<std::string> merged = std::move(s->sent_changed);
    for (auto& name : changed) {
      if (std::find(merged.begin(), merged.end(), name) == merged.end())
        merged.push_back(std::move(name));
    }
    changed = std::move(merged);
  }
  schedule_retry(now);
  // What the device accepted before the break still happens.
  after_session(*s, now);
}

void Cpe::State::fail_without_traffic(int64_t now) {
  // The attempt a connection request asked for was made (and failed): never retried.
  std::erase_if(events, [](const auto& e) { return e.code == cpe::kConnectionRequest; });
  schedule_retry(now);
}

void Cpe::State::schedule_retry(int64_t now) {
  ++stats.failed_sessions;
  ++retry_count;
  retry_at_ms = now + cpe::retry_wait_ms(retry_count, retry_policy(), rng.uniform());
}

}  // namespace hearth::sim
