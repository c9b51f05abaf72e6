// Parameter attributes and value-change notification (tr069.md 3.2 Get/SetParameterAttributes,
// 5 "4 VALUE CHANGE"): the ACS sets notification 0/1/2 on names or partial paths; the CPE keeps
// only those settings and the watched values, compares them at each tick, and reports changes:
// active (2) ones open a session, passive (1) ones ride along with the next Inform. Changes the
// ACS itself made (SetParameterValues) are not reported.
#include <algorithm>

#include "sim/cpe/cpe_state.h"

namespace hearth::sim {
namespace {

bool is_partial(std::string_view path) {
  return path.empty() || path.back() == '.';
}

bool covers(std::string_view path, std::string_view name) {
  return is_partial(path) ? name.starts_with(path) : name == path;
}

bool by_name(const cpe::Watched& a, const cpe::Watched& b) {
  return a.name < b.name;
}

}  // namespace

int Cpe::State::notification_of(std::string_view name) const {
  // The most specific setting wins; SoftwareVersion and ConnectionRequestURL are active unless
  // the ACS said otherwise (forced active notification, tr069.md 3.2).
  const cpe::Attribute* best = nullptr;
  for (const auto& a : attributes) {
    if (covers(a.path, name) && (!best || a.path.size() > best->path.size())) best = &a;
  }
  if (best) return best->notification;
  if (name.ends_with(".SoftwareVersion") && name == root_path("DeviceInfo.SoftwareVersion"))
    return 2;
  if (name.ends_with(".ConnectionRequestURL") &&
      name == root_path("ManagementServer.ConnectionRequestURL"))
    return 2;
  return 0;
}

cwmp::Body Cpe::State::get_parameter_attributes(const cwmp::GetParameterAttributes& m,
                                                int64_t now) {
  cwmp::GetParameterAttributesResponse r;
  for (const std::string& name : m.parameter_names) {
    if (!is_partial(name)) {
      const auto p = dm->get(name, now);
      if (!p) return cpe::make_fault(9005, name);
      r.parameters.push_back(cwmp::ParameterAttribute{p->name, notification_of(p->name), {}});
      continue;
    }
    if (!object_exists(name, now)) return cpe::make_fault(9005, name);
    for (const Param& p : dm->parameters_under(name, now)) {
      r.parameters.push_back(cwmp::ParameterAttribute{p.name, notification_of(p.name), {}});
    }
  }
  return r;
}

cwmp::Body Cpe::State::set_parameter_attributes(const cwmp::SetParameterAttributes& m,
                                                int64_t now) {
  // All or nothing: check every entry first.
  for (const auto& a : m.parameters) {
    if (is_partial(a.name) ? !object_exists(a.name, now) : !dm->get(a.name, now))
      return cpe::make_fault(9005, a.name);
    if (a.notification_change && (a.notification < 0 || a.notification > 2)) {
      return cpe::make_fault(9003, "Notification " + std::to_string(a.notification));
    }
  }
  for (const auto& a : m.parameters) {
    if (!a.notification_change) continue;  // AccessList: only the ACS writes here; not kept
    // A setting on a path replaces the more specific ones below it.
    std::erase_if(attributes, [&](const cpe::Attribute& e) {
      return covers(a.name, e.path) || e.path == a.name;
    });
    if (notification_of(a.name) != a.notification) {
      attributes.push_back(cpe::Attribute{a.name, static_cast<uint8_t>(a.notification)});
    }
  }
  rebuild_watched(now);
  return cwmp::SetParameterAttributesResponse{};
}

void Cpe::State::rebuild_watched(int64_t now) {
  // Only the branches under notification are rendered.
  std::vector<cpe::Watched> next;
  for (const auto& a : attributes) {
    if (a.notification == 0) continue;
    if (!is_partial(a.path)) {
      if (auto p = get(a.path, now))
        next.push_back(cpe::Watched{std::move(p->name), std::move(p->value)});
      continue;
    }
    for (Param& p : dm->parameters_under(a.path, now)) {
      if (notification_of(p.name) > 0)
        next.push_back(cpe::Watched{std::move(p.name), std::move(p.value)});
    }
  }
  std::sort(next.begin(), next.end(), by_name);
  next.erase(std::unique(next.begin(), next.end(),
                         [](const auto& a, const auto& b) { return a.name == b.name; }),
             next.end());
  // Values already watched keep their last look, so a change since then is not missed.
  for (auto& w : next) {
    auto it = std::lower_bound(watched.begin(), watched.end(), w, by_name);
    if (it != watched.end() && it->name == w.name) w.value = std::move(it->value);
  }
  watched = std::move(next);
  watched.shrink_to_fit();
}

void Cpe::State::check_notifications(int64_t now) {
  last_poll_ms = now;
  if (attributes.empty()) return;
  std::vector<cpe::Watched> before = std::move(watched);
  watched.clear();
  rebuild_watched(now);  // current values; parameters may have come and gone
  for (const auto& w : watched) {
    auto it = std::lower_bound(before.begin(), before.end(), w, by_name);
    if (it == before.end() || it->name != w.name || it->value == w.value) continue;  // new or same
    const int n = notification_of(w.name);
    if (std::find(changed.begin(), changed.end(), w.name) == changed.end())
      changed.push_back(w.name);
    if (n == 2) cpe::add_event(events, cpe::kValueChange);
  }
}

void Cpe::State::note_acs_write(const std::vector<cwmp::ParameterValue>& values, int64_t now) {
  for (const auto& v : values) {
    auto it = std::lower_bound(watched.begin(), watched.end(), cpe::Watched{v.name, {}}, by_name);
    if (it == watched.end() || it->name != v.name) continue;
    if (auto p = get(v.name, now)) it->value = p->value;
  }
}

}  // namespace hearth::sim
