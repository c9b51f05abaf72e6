#include "store/memory/memory_state.h"

#include <algorithm>
#include <set>
#include <type_traits>

#include "core/strings.h"
#include "store/limits.h"
#include "store/memory/diagnosis_ops.h"
#include "store/memory/incident_ops.h"
#include "store/memory/selfservice_ops.h"
#include "store/memory/staff_ops.h"
#include "store/memory/topology_ops.h"
#include "store/memory/undo_log.h"
#include "store/op_checks.h"

namespace hearth::store::memory {

namespace {

class Applier {
 public:
  Applier(MemoryState* state, UndoLog* undo) : s_(*state), undo_(*undo) {}

  Status apply(const WriteOp& op) {
    if (Status checked = check_op(op); !checked) return checked;
    return std::visit([this](const auto& o) { return apply_op(o); }, op);
  }

 private:
  Status no_device(const char* op, const std::string& id) {
    return make_error(ErrorCode::kNotFound, std::string(op) + ": no device '" + id + "'");
  }

  // Remembers one parameter of a device; the device's map is looked up again on undo because a
  // later op of the batch may have removed it.
  void remember_parameter(const std::string& device_id, const std::string& name) {
    std::optional<StoredParameter> prior;
    if (auto d = s_.parameters.find(device_id); d != s_.parameters.end()) {
      if (auto p = d->second.find(name); p != d->second.end()) prior = p->second;
    }
    undo_.add([this, device_id, name, prior = std::move(prior)]() {
      auto& tree = s_.parameters[device_id];
      if (prior) {
        tree[name] = *prior;
      } else {
        tree.erase(name);
      }
      if (tree.empty()) s_.parameters.erase(device_id);
    });
  }

  Status apply_op(const UpsertDevice& o) {
    DeviceRecord d = o.device;
    std::sort(d.tags.begin(), d.tags.end());
    d.tags.erase(std::unique(d.tags.begin(), d.tags.end()), d.tags.end());
    undo_.remember(&s_.devices, d.id);
    s_.devices[d.id] = std::move(d);
    return ok_status();
  }

  Status apply_op(const DeleteDevice& o) {
    if (!s_.devices.count(o.device_id)) return ok_status();
    undo_.remember(&s_.devices, o.device_id);
    undo_.remember(&s_.parameters, o.device_id);
    undo_.remember(&s_.events, o.device_id);
    s_.devices.erase(o.device_id);
    s_.parameters.erase(o.device_id);
    s_.events.erase(o.device_id);
    erase_if_device(&s_.tasks, o.device_id);
    erase_if_device(&s_.faults, o.device_id);
    return ok_status();
  }

  template <typename Map>
  void erase_if_device(Map* map, const std::string& device_id) {
    for (auto it = map->begin(); it != map->end();) {
      if (it->second.device_id == device_id) {
        undo_.remember(map, it->first);
        it = map->erase(it);
      } else {
        ++it;
      }
    }
  }

  Status apply_op(const PutParameterValues& o) {
    if (!s_.devices.count(o.device_id)) return no_device("PutParameterValues", o.device_id);
    for (const auto& v : o.values) {
      remember_parameter(o.device_id, v.name);
      auto& tree = s_.parameters[o.device_id];
      auto [it, inserted] = tree.try_emplace(v.name);
      StoredParameter& p = it->second;
      if (inserted) p.name = v.name;
      p.value = v.value;
      p.type = v.type;
      p.updated_ms = o.time_ms;
    }
    return ok_status();
  }

  Status apply_op(const PutParameterInfo& o) {
    if (!s_.devices.count(o.device_id)) return no_device("PutParameterInfo", o.device_id);
    for (const auto& [name, writable] : o.names) {
      remember_parameter(o.device_id, name);
      auto& tree = s_.parameters[o.device_id];
      auto [it, inserted] = tree.try_emplace(name);
      StoredParameter& p = it->second;
      if (inserted) {
        p.name = name;
        p.updated_ms = o.time_ms;
      }
      p.writable = writable;
    }
    return ok_status();
  }

  Status apply_op(const DeleteParameters& o) {
    auto d = s_.parameters.find(o.device_id);
    if (d == s_.parameters.end()) return ok_status();
    std::vector<std::string> names;
    for (auto it = d->second.lower_bound(o.prefix);
         it != d->second.end() && starts_with(it->first, o.prefix); ++it) {
      names.push_back(it->first);
    }
    for (const auto& name : names) {
      remember_parameter(o.device_id, name);
      auto& tree = s_.parameters[o.device_id];
      tree.erase(name);
      if (tree.empty()) s_.parameters.erase(o.device_id);
    }
    return ok_status();
  }

  Status apply_op(const AddEvents& o) {
    std::set<std::string> remembered;
    for (const auto& e : o.events) {
      if (!s_.devices.count(e.device_id)) return no_device("AddEvents", e.device_id);
      if (remembered.insert(e.device_id).second) undo_.remember(&s_.events, e.device_id);
      auto& timeline = s_.events[e.device_id];
      // After every event of the same time: insertion order breaks ties.
      auto pos = std::upper_bound(
          timeline.begin(), timeline.end(), e.time_ms,
          [](int64_t t, const StoredEvent& stored) { return t < stored.event.time_ms; });
      timeline.insert(pos, StoredEvent{s_.next_event_seq++, e});
      if (timeline.size() > kMaxEventsPerDevice) {
        timeline.erase(timeline.begin(),
                       timeline.begin() + static_cast<std::ptrdiff_t>(timeline.size() - kMaxEventsPerDevice));
      }
    }
    return ok_status();
  }

  Status apply_op(const PutTask& o) {
    if (!s_.devices.count(o.task.device_id)) return no_device("PutTask", o.task.device_id);
    TaskRecord t = o.task;
    if (t.id == 0) t.id = s_.max_task_id + 1;
    undo_.remember_value(&s_.max_task_id);
    s_.max_task_id = std::max(s_.max_task_id, t.id);
    undo_.remember(&s_.tasks, t.id);
    s_.tasks[t.id] = std::move(t);
    return ok_status();
  }

  Status apply_op(const DeleteTask& o) {
    undo_.remember(&s_.tasks, o.task_id);
    s_.tasks.erase(o.task_id);
    return ok_status();
  }

  Status apply_op(const AddFault& o) {
    if (!s_.devices.count(o.fault.device_id)) return no_device("AddFault", o.fault.device_id);
    FaultRecord f = o.fault;
    if (f.id == 0) f.id = s_.max_fault_id + 1;
    if (s_.faults.count(f.id)) {
      return make_error(ErrorCode::kConflict, "AddFault: fault " + std::to_string(f.id) + " exists");
    }
    undo_.remember_value(&s_.max_fault_id);
    s_.max_fault_id = std::max(s_.max_fault_id, f.id);
    undo_.remember(&s_.faults, f.id);
    s_.faults[f.id] = std::move(f);
    return ok_status();
  }

  Status apply_op(const ClearFaults& o) {
    if (o.fault_id == 0) {
      erase_if_device(&s_.faults, o.device_id);
      return ok_status();
    }
    auto it = s_.faults.find(o.fault_id);
    if (it != s_.faults.end() && (o.device_id.empty() || it->second.device_id == o.device_id)) {
      undo_.remember(&s_.faults, o.fault_id);
      s_.faults.erase(it);
    }
    return ok_status();
  }

  Status apply_op(const PutFile& o) {
    undo_.remember(&s_.files, o.file.id);
    s_.files[o.file.id] = o.file;
    return ok_status();
  }

  Status apply_op(const DeleteFile& o) {
    undo_.remember(&s_.files, o.file_id);
    s_.files.erase(o.file_id);
    return ok_status();
  }

  Status apply_op(const PutProfile& o) {
    ProfileRecord p = o.profile;
    auto it = s_.profiles.find(p.name);
    p.version = std::max(p.version, (it == s_.profiles.end() ? 0 : it->second.version) + 1);
    undo_.remember(&s_.profiles, p.name);
    s_.profiles[p.name] = std::move(p);
    return ok_status();
  }

  Status apply_op(const DeleteProfile& o) {
    undo_.remember(&s_.profiles, o.name);
    s_.profiles.erase(o.name);
    return ok_status();
  }

  Status apply_op(const PutToken& o) {
    for (const auto& [id, token] : s_.tokens) {
      if (id != o.token.id && token.token_hash == o.token.token_hash) {
        return make_error(ErrorCode::kConflict, "PutToken: hash already used by another token");
      }
    }
    undo_.remember(&s_.tokens, o.token.id);
    s_.tokens[o.token.id] = o.token;
    return ok_status();
  }

  Status apply_op(const DeleteToken& o) {
    undo_.remember(&s_.tokens, o.token_id);
    s_.tokens.erase(o.token_id);
    return ok_status();
  }

  Status apply_op(const PutMeta& o) {
    undo_.remember(&s_.meta, o.key);
    s_.meta[o.key] = o.value;
    return ok_status();
  }

  // Subscribers, homes and topology (topology_ops.h).
  template <typename Op>
    requires requires(const Op& o, MemoryState* s, UndoLog* u) { apply_topology_op(o, s, u); }
  Status apply_op(const Op& o) {
    return apply_topology_op(o, &s_, &undo_);
  }

  // Telemetry, findings, diagnoses and the optimisation log (diagnosis_ops.h).
  template <typename Op>
    requires requires(const Op& o, MemoryState* s, UndoLog* u) { apply_diagnosis_op(o, s, u); }
  Status apply_op(const Op& o) {
    return apply_diagnosis_op(o, &s_, &undo_);
  }

  // Incidents, maintenance, webhooks and their deliveries (incident_ops.h).
  template <typename Op>
    requires requires(const Op& o, MemoryState* s, UndoLog* u) { apply_incident_op(o, s, u); }
  Status apply_op(const Op& o) {
    return apply_incident_op(o, &s_, &undo_);
  }

  // Sessions, resets, troubleshooting, tickets, articles and the audit log (selfservice_ops.h).
  template <typename Op>
    requires requires(const Op& o, MemoryState* s, UndoLog* u) { apply_selfservice_op(o, s, u); }
  Status apply_op(const Op& o) {
    return apply_selfservice_op(o, &s_, &undo_);
  }

  // Users, campaigns and campaign targets (staff_ops.h).
  template <typename Op>
    requires requires(const Op& o, MemoryState* s, UndoLog* u) { apply_staff_op(o, s, u); }
  Status apply_op(const Op& o) {
    return apply_staff_op(o, &s_, &undo_);
  }

  MemoryState& s_;
  UndoLog& undo_;
};

}  // namespace

Status apply_batch(const WriteBatch& batch, MemoryState* state) {
  UndoLog undo;
  Applier applier(state, &undo);
  for (const auto& op : batch.ops) {
    if (Status s = applier.apply(op); !s) {
      undo.undo();
      return s;
    }
  }
  return ok_status();
}

}  // namespace hearth::store::memory
