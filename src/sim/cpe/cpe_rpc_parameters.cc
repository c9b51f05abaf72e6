// GetParameterNames, GetParameterValues and SetParameterValues (tr069.md 3.2), answered from
// the tree the data model renders now. Partial paths end in '.'; "" is the whole tree.
#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "sim/cpe/cpe_state.h"

namespace hearth::sim {
namespace {

bool is_partial(const std::string& path) {
  return path.empty() || path.back() == '.';
}

// "Device.WiFi.SSID.1.SSID" -> "Device.WiFi.SSID.1."; "Device.WiFi." -> "Device."
std::string_view parent_of(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  const size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : name.substr(0, dot + 1);
}

bool under(std::string_view name, std::string_view path) {
  return name.size() > path.size() && name.starts_with(path);
}

// Objects and parameters below `path` in tree order: each object, then its own parameters.
// `next_level`: only the direct children of `path`. `with_self`: `path` itself first.
std::vector<cwmp::ParameterInfo> list_names(const std::vector<ObjectInfo>& objects,
                                            const std::vector<Param>& params,
                                            const std::string& path, bool next_level,
                                            bool with_self) {
  std::unordered_map<std::string_view, std::vector<size_t>> by_parent;
  for (size_t i = 0; i < params.size(); ++i) by_parent[parent_of(params[i].name)].push_back(i);
  std::vector<cwmp::ParameterInfo> out;
  auto emit_params = [&](std::string_view object) {
    auto it = by_parent.find(object);
    if (it == by_parent.end()) return;
    for (size_t i : it->second)
      out.push_back(cwmp::ParameterInfo{params[i].name, params[i].writable});
    by_parent.erase(it);
  };
  for (const ObjectInfo& o : objects) {
    const bool self = o.path == path;
    if (self) {
      if (with_self) out.push_back(cwmp::ParameterInfo{o.path, o.writable});
      emit_params(o.path);
      continue;
    }
    if (!path.empty() && !under(o.path, path)) continue;
    if (next_level) {
      if (parent_of(o.path) == path) out.push_back(cwmp::ParameterInfo{o.path, o.writable});
      continue;
    }
    out.push_back(cwmp::ParameterInfo{o.path, o.writable});
    emit_params(o.path);
  }
  if (!next_level) {  // parameters whose object the data model did not list
    for (const Param& p : params) {
      if ((path.empty() || under(p.name, path)) && by_parent.count(parent_of(p.name))) {
        out.push_back(cwmp::ParameterInfo{p.name, p.writable});
      }
    }
  }
  return out;
}

}  // namespace

cwmp::Body Cpe::State::get_parameter_names(const cwmp::GetParameterNames& m, int64_t now) {
  const std::string& path = m.parameter_path;
  if (path.empty() && m.next_level) {
    return cwmp::GetParameterNamesResponse{{cwmp::ParameterInfo{dm->root(), false}}};
  }
  if (!is_partial(path)) {
    const auto p = dm->get(path, now);
    if (!p) return cpe::make_fault(9005, path);
    if (m.next_level) return cpe::make_fault(9003, "NextLevel true with a parameter name");
    return cwmp::GetParameterNamesResponse{{cwmp::ParameterInfo{p->name, p->writable}}};
  }
  const auto objects = dm->objects_under(path, now);
  const bool exists =
      path.empty() || std::any_of(objects.begin(), objects.end(),
                                  [&](const ObjectInfo& o) { return o.path == path; });
  if (!exists) return cpe::make_fault(9005, path);
  return cwmp::GetParameterNamesResponse{list_names(objects, dm->parameters_under(path, now), path,
                                                    m.next_level, !path.empty() && !m.next_level)};
}

cwmp::Body Cpe::State::get_parameter_values(const cwmp::GetParameterValues& m, int64_t now) {
  cwmp::GetParameterValuesResponse r;
  for (const std::string& name : m.parameter_names) {
    if (!is_partial(name)) {
      const auto p = get(name, now);
      if (!p) return cpe::make_fault(9005, name);  // one bad name fails the call (tr069.md 3.2)
      r.parameters.push_back(cwmp::ParameterValue{p->name, p->value, p->type});
      continue;
    }
    if (!object_exists(name, now)) return cpe::make_fault(9005, name);
    for (Param& p : dm->parameters_under(name, now)) {
      r.parameters.push_back(cwmp::ParameterValue{std::move(p.name), std::move(p.value), p.type});
    }
  }
  return r;
}

cwmp::Body Cpe::State::set_parameter_values(const cwmp::SetParameterValues& m, int64_t now) {
  const std::string url_name = root_path("ManagementServer.URL");
  const auto url_it = std::find_if(m.parameters.begin(), m.parameters.end(),
                                   [&](const auto& p) { return p.name == url_name; });
  std::string old_url;
  if (url_it != m.parameters.end()) {
    if (auto p = dm->get(url_name, now)) old_url = p->value;
  }
  SetOutcome outcome = dm->set(m.parameters, now);
  if (!outcome.faults.empty() || outcome.fault_code != 0) {
    cwmp::Fault f = cpe::make_fault(outcome.fault_code != 0 ? outcome.fault_code : 9003);
    for (auto& pf : outcome.faults) {
      if (pf.string.empty()) pf.string = cpe::fault_text(pf.code);
    }
    f.set_parameter_values_faults = std::move(outcome.faults);
    return f;
  }
  dm->set_parameter_key(m.parameter_key.substr(0, 32));
  note_acs_write(m.parameters, now);
  session->management_changed = session->management_changed || outcome.management_changed;
  for (DiagnosticKind k : outcome.diagnostics_requested) session->diagnostics.push_back(k);
  if (url_it != m.parameters.end()) {
    const auto p = dm->get(url_name, now);
    if (p && p->value != old_url) session->acs_url_changed = true;
  }
  // 1: committed, applied after the session (ManagementServer changes).
  return cwmp::SetParameterValuesResponse{outcome.management_changed ? 1 : 0};
}

}  // namespace hearth::sim
