#include "api/staff_support.h"

#include <algorithm>
#include <cctype>
#include <mutex>

#include "api/views.h"
#include "outage/incident.h"

namespace hearth::api {

using nlohmann::json;

std::optional<std::string> mac_from_text(std::string_view text) {
  std::string hex;
  for (const char c : text) {
    if (c == ':' || c == '-' || c == '.') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    hex.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (hex.size() != 12) return std::nullopt;
  // Separators only where one of the usual forms puts them: none at all, or the text is
  // xx:xx:.. / xx-xx-.. (17 characters) or xxxx.xxxx.xxxx (14).
  if (text.size() != 12 && text.size() != 17 && text.size() != 14) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < 12; i += 2) {
    if (!out.empty()) out.push_back(':');
    out.append(hex, i, 2);
  }
  return out;
}

json customer_json(const store::SubscriberRecord& s) {
  return {{"account", s.account}, {"name", s.name},      {"email", s.email},
          {"street", s.street},   {"postalCode", s.postal_code}, {"city", s.city}};
}

std::string principal_actor(const Principal& p) {
  return p.user_id.empty() ? p.token_id : p.user_id;
}

std::string principal_actor_kind(const Principal& p) {
  return p.user_id.empty() ? "token" : p.role;
}

std::string NameCache::customer(const std::string& account) {
  if (account.empty()) return "";
  auto it = customers_.find(account);
  if (it != customers_.end()) return it->second;
  std::string name;
  if (auto s = store_.get_subscriber(account); s && s->has_value()) name = (*s)->name;
  customers_.emplace(account, name);
  return name;
}

std::string NameCache::staff(const std::string& id) {
  if (id.empty()) return "";
  auto it = staff_.find(id);
  if (it != staff_.end()) return it->second;
  std::string name;
  if (auto u = store_.get_user(id); u && u->has_value()) {
    name = (*u)->name.empty() ? (*u)->login : (*u)->name;
  } else if (id == "bootstrap") {
    name = "bootstrap";
  } else if (auto tokens = store_.list_tokens()) {
    for (const store::TokenRecord& t : *tokens) {
      if (t.id == id) name = t.name;
    }
  }
  staff_.emplace(id, name);
  return name;
}

namespace {

json text_or_null(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

std::string subject_of(const store::TicketRecord& t) {
  const json body = embedded_json(t.json);
  if (body.is_object() && body.contains("subject") && body["subject"].is_string()) {
    return body["subject"].get<std::string>();
  }
  return "";
}

}  // namespace

json ticket_summary_json(const store::TicketRecord& t, NameCache& names) {
  return {{"id", std::to_string(t.id)},
          {"account", t.account},
          {"customerName", text_or_null(names.customer(t.account))},
          {"homeId", text_or_null(t.home_id)},
          {"state", t.state},
          {"source", t.source},
          {"causeCode", text_or_null(t.cause_code)},
          {"incidentId", t.incident_id != 0 ? json(std::to_string(t.incident_id)) : json(nullptr)},
          {"assignee", text_or_null(t.assignee)},
          {"assigneeName", text_or_null(names.staff(t.assignee))},
          {"subject", subject_of(t)},
          {"createdAt", time_json(t.created_ms)},
          {"updatedAt", time_json(t.updated_ms)}};
}

int compare_versions(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    const bool da = i < a.size() && std::isdigit(static_cast<unsigned char>(a[i]));
    const bool db = j < b.size() && std::isdigit(static_cast<unsigned char>(b[j]));
    if (da && db) {
      size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      std::string_view na(a.data() + i, ei - i), nb(b.data() + j, ej - j);
      while (na.size() > 1 && na.front() == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb.front() == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size() ? -1 : 1;
      if (na != nb) return na < nb ? -1 : 1;
      i = ei;
      j = ej;
      continue;
    }
    if (i >= a.size()) return -1;
    if (j >= b.size()) return 1;
    if (a[i] != b[j]) return a[i] < b[j] ? -1 : 1;
    ++i;
    ++j;
  }
  return 0;
}

std::optional<store::FileRecord> newer_firmware(const std::vector<store::FileRecord>& files,
                                                const store::DeviceRecord& device) {
  std::optional<store::FileRecord> best;
  for (const store::FileRecord& f : files) {
    if (f.file_type != "1 Firmware Upgrade Image" || f.product_class != device.product_class) continue;
    if (!f.oui.empty() && f.oui != device.oui) continue;
    if (compare_versions(f.version, device.software_version) <= 0) continue;
    if (!best || compare_versions(f.version, best->version) > 0) best = f;
  }
  return best;
}

Result<std::optional<store::IncidentRecord>> open_incident_of(store::Store& store,
                                                              const std::string& home_id) {
  store::IncidentQuery q;
  q.home_id = home_id;
  q.state = "open";
  q.limit = 20;
  auto found = store.list_incidents(q);
  if (!found) return found.error();
  std::optional<store::IncidentRecord> newest;
  for (store::IncidentRecord& r : *found) {
    if (!newest || r.suspected_ms > newest->suspected_ms) newest = std::move(r);
  }
  return newest;
}

json incident_status_json(const store::IncidentRecord& r) {
  const std::optional<outage::Incident> inc = outage::incident_from_json(embedded_json(r.json));
  const int64_t since = inc && inc->start_ms > 0 ? inc->start_ms : r.suspected_ms;
  return {{"id", std::to_string(r.id)},
          {"state", r.state},
          {"cause", inc ? json(inc->cause) : json(nullptr)},
          {"accessNode", text_or_null(r.access_node_id)},
          {"since", time_json(since)},
          {"etr", time_json(inc ? inc->etr_ms : 0)},
          {"affectedHomes", r.homes.size()}};
}

}  // namespace hearth::api
