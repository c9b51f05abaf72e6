// The self-service status of a customer's home and its message in plain words (home_status.h,
// incidents_handlers.h), in English, German and Swedish.
#include "api/home_status.h"

#include <string>

#include "api/incidents_handlers.h"
#include "api/views.h"
#include "core/clock.h"

namespace hearth::api {

namespace {

using nlohmann::json;

// Times a person can be told; outside this, "unknown" (as time_json).
constexpr int64_t kLimitMs = 9'000'000'000'000;

// The pieces the messages are built from, per language. The order of the pieces is the same in
// every language: [title] + what + [since] + [repair time | "working on it" | "."] + no restart.
struct Phrases {
  const char* none;              // no incident, no maintenance
  const char* maint_now;         // + end time
  const char* maint_now_tail;    // after the description
  const char* maint_from;        // + start + maint_to + end
  const char* maint_to;
  const char* maint_later_tail;
  const char* maint_incident;    // an incident that is maintenance
  const char* suspect_power;
  const char* suspect_other;
  const char* power;
  const char* other;
  const char* since;             // + time
  const char* etr;               // + time + "."
  const char* working;
  const char* no_restart;
  const char* suspect_degraded;  // cause "degraded": the lines work, but badly
  const char* degraded;
};

constexpr Phrases kEnglish{
    "There is no known disturbance in your area.",
    "Planned maintenance is under way in your area until ",
    " Your connection may be interrupted until then.",
    "Planned maintenance in your area from ",
    " to ",
    " Your connection may be interrupted during that time.",
    "Planned maintenance is under way in your area",
    "We are looking into a possible power cut in your area",
    "We are looking into a possible disturbance in your area",
    "There is a power cut in your area",
    "There is a disturbance in your area",
    " since ",
    "; we expect it fixed by ",
    "; we are working on it.",
    " No need to restart your router.",
    "We are looking into a possible fault in your area that makes the internet slow or unstable",
    "A fault in your area makes the internet slow or unstable",
};

constexpr Phrases kGerman{
    "In Ihrer Region ist keine Störung bekannt.",
    "In Ihrer Region laufen geplante Wartungsarbeiten bis ",
    " Ihre Verbindung kann bis dahin unterbrochen sein.",
    "Geplante Wartungsarbeiten in Ihrer Region von ",
    " bis ",
    " Ihre Verbindung kann in dieser Zeit unterbrochen sein.",
    "In Ihrer Region laufen geplante Wartungsarbeiten",
    "Wir prüfen einen möglichen Stromausfall in Ihrer Region",
    "Wir prüfen eine mögliche Störung in Ihrer Region",
    "In Ihrer Region gibt es einen Stromausfall",
    "In Ihrer Region gibt es eine Störung",
    " seit ",
    "; wir erwarten die Behebung bis ",
    "; wir arbeiten daran.",
    " Sie müssen Ihren Router nicht neu starten.",
    "Wir prüfen eine mögliche Störung in Ihrer Region, die das Internet langsam oder instabil macht",
    "Eine Störung in Ihrer Region macht das Internet langsam oder instabil",
};

constexpr Phrases kSwedish{
    "Det finns ingen känd störning i ditt område.",
    "Planerat underhåll pågår i ditt område till ",
    " Din anslutning kan vara avbruten fram till dess.",
    "Planerat underhåll i ditt område från ",
    " till ",
    " Din anslutning kan vara avbruten under den tiden.",
    "Planerat underhåll pågår i ditt område",
    "Vi undersöker ett möjligt strömavbrott i ditt område",
    "Vi undersöker en möjlig störning i ditt område",
    "Det är strömavbrott i ditt område",
    "Det finns en störning i ditt område",
    " sedan ",
    "; vi räknar med att den är åtgärdad till ",
    "; vi arbetar på det.",
    " Du behöver inte starta om din router.",
    "Vi undersöker ett möjligt fel i ditt område som gör internet långsamt eller instabilt",
    "Ett fel i ditt område gör internet långsamt eller instabilt",
};

const Phrases& phrases(std::string_view lang) {
  if (lang == "de") return kGerman;
  if (lang == "sv") return kSwedish;
  return kEnglish;
}

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

std::string incident_message(const outage::HomeOutage& o, int64_t now_ms, const Phrases& p) {
  const bool power = o.cause == "power";
  std::string out = o.title.empty() ? "" : sentence(o.title) + " ";
  if (is_maintenance(o)) {
    out += p.maint_incident;
  } else if (o.cause == "degraded") {
    out += o.state == outage::IncidentState::kSuspected ? p.suspect_degraded : p.degraded;
  } else if (o.state == outage::IncidentState::kSuspected) {
    out += power ? p.suspect_power : p.suspect_other;
  } else {
    out += power ? p.power : p.other;
  }
  const char* utc = " (UTC)";
  if (known_time(o.since_ms)) {
    out += p.since + clock_text(o.since_ms, now_ms) + utc;
    utc = "";
  }
  if (known_time(o.etr_ms) && o.etr_ms > now_ms) {
    out += p.etr + clock_text(o.etr_ms, now_ms) + utc + ".";
  } else if (o.state == outage::IncidentState::kSuspected && !is_maintenance(o)) {
    out += ".";
  } else {
    out += p.working;
  }
  return out + p.no_restart;
}

json text_or_null(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

}  // namespace

std::string maintenance_message(const outage::Maintenance& m, int64_t now_ms, std::string_view lang) {
  const Phrases& p = phrases(lang);
  if (active(m, now_ms)) {
    return p.maint_now + clock_text(m.end_ms, now_ms) + " (UTC)" + description_tail(m) +
           p.maint_now_tail;
  }
  return p.maint_from + clock_text(m.start_ms, now_ms) + p.maint_to +
         clock_text(m.end_ms, m.start_ms) + " (UTC)" + description_tail(m) + p.maint_later_tail;
}

std::string home_status_name(const std::optional<outage::HomeOutage>& o, int64_t now_ms) {
  if (!o) return "ok";
  if (o->incident_id != 0) return is_maintenance(*o) ? "maintenance" : "disturbance";
  if (o->maintenance && active(*o->maintenance, now_ms)) return "maintenance";
  return "ok";
}

std::string home_status_message(const std::optional<outage::HomeOutage>& o, int64_t now_ms,
                                std::string_view lang) {
  if (!o || (o->incident_id == 0 && !o->maintenance)) return phrases(lang).none;
  if (o->incident_id == 0) return maintenance_message(*o->maintenance, now_ms, lang);
  if (is_maintenance(*o) && o->maintenance && active(*o->maintenance, now_ms)) {
    return maintenance_message(*o->maintenance, now_ms, lang);
  }
  std::string out = incident_message(*o, now_ms, phrases(lang));
  // A disturbance now and maintenance to come: the customer hears of both.
  if (o->maintenance && !is_maintenance(*o))
    out += " " + maintenance_message(*o->maintenance, now_ms, lang);
  return out;
}

std::string home_status_message(const std::optional<outage::HomeOutage>& o, int64_t now_ms) {
  return home_status_message(o, now_ms, "en");
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
          {"status", home_status_name(o, now_ms)},
          {"incident", std::move(incident)},
          {"maintenance", std::move(maintenance)},
          {"message", home_status_message(o, now_ms, "en")}};
}

}  // namespace hearth::api
