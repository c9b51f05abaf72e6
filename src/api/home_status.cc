// The self-service status of a customer's home and its message in plain English
// (incidents_handlers.h).
#include <string>

#include "api/incidents_handlers.h"
#include "api/views.h"
#include "core/clock.h"

namespace hearth::api {

namespace {

using nlohmann::json;

// Times a person can be told; outside this, "unknown" (as time_json).
constexpr int64_t kLimitMs = 9'000'000'000'000;

bool known_time(int64_t ms) {
  return ms > 0 && ms < kLimitMs;
}

// "14:05", or "2026-01-03 14:05" when not on the UTC day of `ref_ms`.
std::string clock_text(int64_t ms, int64_t ref_ms) {
  const std::string iso = format_iso8601(from_unix_ms(ms));  // 2026-01-03T14:05:00Z
  const std::string hhmm = iso.substr(11, 5);
  if (known_time(ref_ms) && format_iso8601(from_unix_ms(ref_ms)).substr(0, 10) == iso.substr(0, 10))
    return hhmm;
  return iso.substr(0, 10) + " " + hhmm;
}

// The text as a sentence of its own: capitalised as given, ending with a full stop.
std::string sentence(const std::string& text) {
  if (text.empty()) return text;
  const char last = text.back();
  return last == '.' || last == '!' || last == '?' ? text : text + ".";
}

bool active(const outage::Maintenance& m, int64_t now_ms) {
  return m.start_ms <= now_ms && now_ms < m.end_ms;
}

bool is_maintenance(const outage::HomeOutage& o) {
  return o.incident_id != 0 && o.cause == "maintenance";
}

// " : description." or "." after the first sentence about a maintenance window.
std::string description_tail(const outage::Maintenance& m) {
  return m.description.empty() ? "." : ": " + sentence(m.description);
}

std::string maintenance_message(const outage::Maintenance& m, int64_t now_ms) {
  if (active(m, now_ms)) {
    return "Planned maintenance is under way in your area until " + clock_text(m.end_ms, now_ms) +
           " (UTC)" + description_tail(m) + " Your connection may be interrupted until then.";
  }
  return "Planned maintenance in your area from " + clock_text(m.start_ms, now_ms) + " to " +
         clock_text(m.end_ms, m.start_ms) + " (UTC)" + description_tail(m) +
         " Your connection may be interrupted during that time.";
}

std::string incident_message(const outage::HomeOutage& o, int64_t now_ms) {
  const bool power = o.cause == "power";
  std::string out = o.title.empty() ? "" : sentence(o.title) + " ";
  if (is_maintenance(o)) {
    out += "Planned maintenance is under way in your area";
  } else if (o.state == outage::IncidentState::kSuspected) {
    out += power ? "We are looking into a possible power cut in your area"
                 : "We are looking into a possible disturbance in your area";
  } else {
    out += power ? "There is a power cut in your area" : "There is a disturbance in your area";
  }
  const char* utc = " (UTC)";
  if (known_time(o.since_ms)) {
    out += " since " + clock_text(o.since_ms, now_ms) + utc;
    utc = "";
  }
  if (known_time(o.etr_ms) && o.etr_ms > now_ms) {
    out += "; we expect it fixed by " + clock_text(o.etr_ms, now_ms) + utc + ".";
  } else if (o.state == outage::IncidentState::kSuspected && !is_maintenance(o)) {
    out += ".";
  } else {
    out += "; we are working on it.";
  }
  return out + " No need to restart your router.";
}

std::string status_name(const std::optional<outage::HomeOutage>& o, int64_t now_ms) {
  if (!o) return "ok";
  if (o->incident_id != 0) return is_maintenance(*o) ? "maintenance" : "disturbance";
  if (o->maintenance && active(*o->maintenance, now_ms)) return "maintenance";
  return "ok";
}

json text_or_null(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

}  // namespace

std::string home_status_message(const std::optional<outage::HomeOutage>& o, int64_t now_ms) {
  if (!o || (o->incident_id == 0 && !o->maintenance)) {
    return "There is no known disturbance in your area.";
  }
  if (o->incident_id == 0) return maintenance_message(*o->maintenance, now_ms);
  if (is_maintenance(*o) && o->maintenance && active(*o->maintenance, now_ms)) {
    return maintenance_message(*o->maintenance, now_ms);
  }
  std::string out = incident_message(*o, now_ms);
  // A disturbance now and maintenance to come: the customer hears of both.
  if (o->maintenance && !is_maintenance(*o))
    out += " " + maintenance_message(*o->maintenance, now_ms);
  return out;
}

json home_status_json(const std::string& home_id, const std::optional<outage::HomeOutage>& o,
                      int64_t now_ms) {
  json incident = nullptr;
  json maintenance = nullptr;
  if (o && o->incident_id != 0) {
    incident = {{"id", o->incident_id},
                {"state", outage::incident_state_name(o->state)},
                {"cause", text_or_null(o->cause)},
                {"since", time_json(o->since_ms)},
                {"estimatedRepairAt", time_json(o->etr_ms)},
                {"title", text_or_null(o->title)}};
  }
  if (o && o->maintenance) maintenance = outage::maintenance_to_json(*o->maintenance);
  return {{"homeId", home_id},
          {"status", status_name(o, now_ms)},
          {"incident", std::move(incident)},
          {"maintenance", std::move(maintenance)},
          {"message", home_status_message(o, now_ms)}};
}

}  // namespace hearth::api
