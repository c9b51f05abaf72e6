// The troubleshooter: starting runs, reading them, finishing them with feedback or a ticket, and
// gathering the facts of a home for the flow (troubleshooter.h). Fixes: troubleshooter_fixes.cc.
#include "selfservice/troubleshooter.h"

#include <cstdio>

#include "core/ids.h"
#include "core/strings.h"
#include "insight/checks.h"
#include "selfservice/messages.h"
#include "selfservice/run_doc.h"

namespace hearth::selfservice {

using nlohmann::json;

namespace {

constexpr int64_t kOfflineGraceMs = 60'000;

std::string str_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string new_run_id() {
  char buf[32];
  std::snprintf(buf, sizeof buf, "ts-%016llx", static_cast<unsigned long long>(next_unique_id()));
  return buf;
}

// The home's gateway: the device listed with role "gateway", else the first.
std::string gateway_of(const store::HomeRecord& home) {
  for (const auto& d : home.devices) {
    if (d.role == "gateway" && !d.device_id.empty()) return d.device_id;
  }
  return home.devices.empty() ? std::string() : home.devices.front().device_id;
}

bool has_finding(const diag::Diagnosis& d, const char* code) {
  for (const auto& f : d.findings) {
    if (f.code == code) return true;
  }
  return false;
}

std::string clock_text(int64_t ms) {
  const std::string iso = format_iso8601(from_unix_ms(ms));
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

}  // namespace

Troubleshooter::Troubleshooter(store::Store& store, acs::DeviceControl& control, insight::DiagnosisReader& reader,
                               incidents::IncidentDesk* incidents, const Clock& clock, TroubleshooterOptions options)
    : store_(store),
      control_(control),
      reader_(reader),
      incidents_(incidents),
      clock_(clock),
      options_(std::move(options)) {}

Troubleshooter::~Troubleshooter() = default;

int64_t Troubleshooter::now_ms() const {
  return to_unix_ms(clock_.now());
}

Result<json> Troubleshooter::load(const std::string& account, const std::string& run_id) {
  json doc;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = pending_.find(run_id); it != pending_.end()) doc = it->second.doc;
  }
  if (doc.is_null()) {
    auto rec = store_.get_troubleshoot(run_id);
    if (!rec) return rec.error();
    if (rec->has_value()) doc = json::parse((*rec)->json, nullptr, false);
  }
  if (!doc.is_object() || str_of(doc, "account") != account) {
    return make_error(ErrorCode::kNotFound, "no troubleshooting run '" + run_id + "'");
  }
  return doc;
}

void Troubleshooter::save(const json& doc, store::WriteBatch extra, std::function<void(Status)> then) {
  store::TroubleshootRecord r;
  r.id = str_of(doc, "id");
  r.account = str_of(doc, "account");
  r.home_id = str_of(doc, "homeId");
  r.symptom = str_of(doc, "symptom");
  r.state = str_of(doc, "state");
  r.created_ms = doc.value("createdMs", int64_t{0});
  r.updated_ms = doc.value("updatedMs", int64_t{0});
  if (const json f = doc.value("feedback", json(nullptr)); f.is_object()) {
    r.rating = f.value("rating", 0);
    r.solved = f.value("solved", false) ? 1 : 0;
  }
  if (const json t = doc.value("ticket", json(nullptr)); t.is_object()) r.ticket_id = t.value("id", int64_t{0});
  r.json = doc.dump();
  uint64_t version;
  {
    std::lock_guard<std::mutex> lock(mu_);
    version = ++version_;
    pending_[r.id] = Pending{doc, version};
  }
  const std::string id = r.id;
  store::WriteBatch batch;
  batch.add(store::PutTroubleshoot{std::move(r)});
  for (auto& op : extra.ops) batch.ops.push_back(std::move(op));
  store_.write(std::move(batch), [this, id, version, then = std::move(then)](Status st) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = pending_.find(id);
      if (it != pending_.end() && it->second.version == version) pending_.erase(it);
    }
    then(st);
  });
}

std::optional<std::string> Troubleshooter::kb_title(const std::string& id, const std::string& lang) {
  auto rec = store_.get_kb_article(id);
  if (!rec || !rec->has_value()) return std::nullopt;
  const json j = json::parse((*rec)->json, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  const json text = j.value("text", json::object());
  for (const std::string& l : {lang, std::string("en")}) {
    if (text.contains(l) && text[l].is_object()) {
      const std::string title = str_of(text[l], "title");
      if (!title.empty()) return title;
    }
  }
  return std::nullopt;
}

json Troubleshooter::render(const json& doc, const std::string& lang) {
  std::string ticket_state;
  if (const json t = doc.value("ticket", json(nullptr)); t.is_object()) {
    if (auto rec = store_.get_ticket(t.value("id", int64_t{0})); rec && rec->has_value()) {
      ticket_state = (*rec)->state;
    }
  }
  return render_run(doc, lang, [this](const std::string& id, const std::string& l) { return kb_title(id, l); },
                    ticket_state);
}

void Troubleshooter::save_and_answer(const json& doc, store::WriteBatch extra, const std::string& lang,
                                     RunCallback done) {
  save(doc, std::move(extra), [this, doc, lang, done = std::move(done)](Status st) {
    if (!st) return done(st.error());
    done(render(doc, lang));
  });
}

void Troubleshooter::evaluate_into(json& doc, const Result<diag::Diagnosis>& refreshed, int64_t requested_ms) {
  const std::string home_id = str_of(doc, "homeId");
  const std::string gateway = str_of(doc, "deviceId");
  const int64_t now = now_ms();
  Facts f;
  f.symptom = parse_symptom(str_of(doc, "symptom")).value_or(Symptom::kNoInternet);
  f.device_mac = to_lower(str_of(doc, "device"));
  f.now_ms = now;
  f.tried = tried_fixes(doc);
  if (refreshed) {
    f.diagnosis = *refreshed;
  } else if (auto d = reader_.home_diagnosis(home_id)) {
    f.diagnosis = *d;
  }
  if (auto snap = reader_.home_snapshot(home_id); snap && snap->has_value()) f.snapshot = **snap;
  const bool live = refreshed.ok() && f.snapshot && f.snapshot->time_ms >= requested_ms;
  if (incidents_ != nullptr) {
    auto o = incidents_->home_outage(home_id);
    f.outage_known = o.ok();
    if (o) f.outage = *o;
  }
  if (auto home = store_.get_home(home_id); home && home->has_value() && (*home)->plan_down_kbps > 0) {
    f.plan_down_mbps = (*home)->plan_down_kbps / 1000.0;
  }
  std::optional<store::DeviceRecord> device;
  if (!gateway.empty()) {
    if (auto d = store_.get_device(gateway); d && d->has_value()) device = **d;
  }
  f.last_contact_ms = device ? device->last_inform_ms : 0;
  if (live) {
    f.gateway = GatewayState::kLive;
  } else if (!device || device->last_inform_ms <= 0) {
    f.gateway = f.snapshot ? GatewayState::kRecent : GatewayState::kUnknown;
  } else if (has_finding(f.diagnosis, "DEV-OFFLINE-1") || has_finding(f.diagnosis, "PWR-CUT-1") ||
             insight::is_offline(device->last_inform_ms, device->inform_interval_s, now, kOfflineGraceMs)) {
    f.gateway = GatewayState::kOffline;
  } else {
    f.gateway = GatewayState::kRecent;
  }
  doc["firmwareFile"] = "";
  doc["bandSteeringPath"] = "";
  if (device) {
    // The newest firmware image for the model that is newer than what the gateway runs.
    if (auto files = store_.list_files()) {
      std::string best_version, best_id;
      for (const auto& file : *files) {
        if (file.file_type != "1 Firmware Upgrade Image" || file.product_class != device->product_class) continue;
        if (!file.oui.empty() && file.oui != device->oui) continue;
        if (insight::compare_versions(file.version, device->software_version) <= 0) continue;
        if (best_id.empty() || insight::compare_versions(file.version, best_version) > 0) {
          best_version = file.version;
          best_id = file.id;
        }
      }
      f.firmware_version = best_version;
      doc["firmwareFile"] = best_id;
    }
    // The vendor's band steering switch, when the gateway has one and it is off.
    const std::string prefix = device->root == "Device." ? "Device.WiFi.X_" : device->root + "X_";
    if (auto params = store_.get_parameters(device->id, prefix)) {
      for (const auto& p : *params) {
        if (!ends_with(p.name, "BandSteeringEnable") || !p.writable) continue;
        doc["bandSteeringPath"] = p.name;
        f.band_steering_available = p.value != "true" && p.value != "1";
      }
    }
    doc["firmwareVersion"] = device->software_version;
  }
  const Evaluation e = evaluate(f);
  set_evaluation(doc, e, now);
  doc["diagnosis"] = diagnosis_json(f.diagnosis);
  doc["incidentId"] = f.outage ? f.outage->incident_id : 0;
  std::vector<Message> refresh_text;
  if (live) {
    refresh_text.push_back(Message{"refresh.live", {}});
  } else if (f.snapshot && f.snapshot->time_ms > 0) {
    refresh_text.push_back(Message{"refresh.stale", {{"time", clock_text(f.snapshot->time_ms)}}});
  } else {
    refresh_text.push_back(Message{"refresh.none", {}});
  }
  doc["refresh"] = {{"live", live}, {"text", messages_json(refresh_text)}};
  doc["updatedMs"] = now;
}

void Troubleshooter::start(const std::string& account, const StartInput& input, RunCallback done) {
  const auto symptom = parse_symptom(input.symptom);
  if (!symptom) return done(make_error(ErrorCode::kInvalidArgument, "symptom: unknown '" + input.symptom + "'"));
  if (char_count(input.words) > kMaxWords) {
    return done(make_error(ErrorCode::kInvalidArgument, "words: longer than 2000 characters"));
  }
  store::HomeQuery q;
  q.account = account;
  q.limit = 1;
  auto page = store_.list_homes(q);
  if (!page) return done(page.error());
  if (page->homes.empty()) return done(make_error(ErrorCode::kNotFound, "no home is registered for this account"));
  const store::HomeRecord& home = page->homes.front();
  const int64_t now = now_ms();
  json doc = {{"id", new_run_id()},
              {"account", account},
              {"homeId", home.id},
              {"deviceId", gateway_of(home)},
              {"symptom", symptom_name(*symptom)},
              {"words", input.words},
              {"device", to_lower(input.device_mac)},
              {"state", "open"},
              {"createdMs", now},
              {"updatedMs", now},
              {"actions", json::array()},
              {"ticket", nullptr},
              {"feedback", nullptr}};
  const std::string lang = input.lang;
  reader_.refresh(home.id, options_.refresh_timeout_ms,
                  [this, doc = std::move(doc), lang, now, done = std::move(done)](Result<diag::Diagnosis> d) mutable {
                    evaluate_into(doc, d, now);
                    save_and_answer(doc, {}, lang, std::move(done));
                  });
}

void Troubleshooter::get(const std::string& account, const std::string& run_id, const std::string& lang,
                         RunCallback done) {
  Result<json> doc = load(account, run_id);
  if (!doc) return done(doc.error());
  done(render(*doc, lang));
}

void Troubleshooter::finish(const std::string& account, const std::string& run_id, const FinishInput& input,
                            RunCallback done) {
  if (input.rating < 0 || input.rating > 5) return done(make_error(ErrorCode::kInvalidArgument, "rating: 1 to 5"));
  if (char_count(input.words) > kMaxWords || char_count(input.comment) > kMaxWords) {
    return done(make_error(ErrorCode::kInvalidArgument, "words: longer than 2000 characters"));
  }
  Result<json> loaded = load(account, run_id);
  if (!loaded) return done(loaded.error());
  json doc = std::move(*loaded);
  if (str_of(doc, "state") != "open") {
    return done(make_error(ErrorCode::kConflict, "the run has already ended (" + str_of(doc, "state") + ")"));
  }
  if (fix_running(doc)) return done(make_error(ErrorCode::kConflict, "a fix is still running"));
  const int64_t now = now_ms();
  doc["feedback"] = {{"rating", input.rating}, {"solved", input.solved}, {"comment", input.comment}};
  doc["moreWords"] = input.words;
  doc["updatedMs"] = now;
  store::WriteBatch extra;
  const std::string home_id = str_of(doc, "homeId");
  if (input.solved) {
    doc["state"] = "resolved";
  } else if (!input.open_ticket) {
    doc["state"] = "abandoned";
  } else {
    Result<int64_t> allocated = store::allocate_ticket_id(store_);
    if (!allocated) {
      done(allocated.error());
      return;
    }
    const int64_t ticket_id = *allocated;
    const json diagnosis = doc.value("diagnosis", json::object());
    const std::string symptom = selfservice::render(Message{"symptom." + str_of(doc, "symptom"), {}}, input.lang);
    std::string words = str_of(doc, "words");
    if (!input.words.empty()) words += (words.empty() ? "" : "\n\n") + input.words;
    json ticket = {{"subject", selfservice::render(Message{"ticket.subject", {{"symptom", symptom}}}, input.lang)},
                   {"symptom", str_of(doc, "symptom")},
                   {"words", words},
                   {"comment", input.comment},
                   {"device", str_of(doc, "device")},
                   {"runId", str_of(doc, "id")},
                   {"lang", input.lang},
                   {"diagnosis", diagnosis},
                   {"troubleshooting", ticket_steps(doc, input.lang)},
                   {"comments", json::array()}};
    store::TicketRecord t;
    t.id = ticket_id;
    t.account = account;
    t.home_id = home_id;
    t.state = "new";
    t.source = "selfservice";
    const json primary = diagnosis.value("primary", json(nullptr));
    t.cause_code = primary.is_string() ? primary.get<std::string>() : "";
    t.incident_id = doc.value("incidentId", int64_t{0});
    t.created_ms = t.updated_ms = now;
    t.json = ticket.dump();
    extra.add(store::PutTicket{std::move(t)});
    extra.add(store::AddAudit{{0, now, "customer", account, "ticket.create", account, home_id,
                               str_of(doc, "deviceId"), "ok",
                               json{{"ticketId", ticket_id}, {"runId", str_of(doc, "id")}}.dump()}});
    doc["state"] = "ticket";
    doc["ticket"] = {{"id", ticket_id}};
  }
  save_and_answer(doc, std::move(extra), input.lang, std::move(done));
}

}  // namespace hearth::selfservice
