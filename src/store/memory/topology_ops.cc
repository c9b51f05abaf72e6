// MemoryState changes for the subscriber, home and topology ops (topology_ops.h).
#include "store/memory/topology_ops.h"

#include <algorithm>
#include <string>

#include "core/strings.h"
#include "store/memory/selfservice_ops.h"

namespace hearth::store::memory {

namespace {

Error not_found(const char* op, const char* what, const std::string& id) {
  return make_error(ErrorCode::kNotFound, std::string(op) + ": no " + what + " '" + id + "'");
}

Error still_used(const char* op, const std::string& what) {
  return make_error(ErrorCode::kConflict, std::string(op) + ": " + what);
}

// Takes the home's devices out of the device index (those that still point at it).
void unindex_devices(const HomeRecord& home, MemoryState* s, UndoLog* undo) {
  for (const auto& d : home.devices) {
    auto it = s->device_homes.find(d.device_id);
    if (it == s->device_homes.end() || it->second != home.id) continue;
    undo->remember(&s->device_homes, d.device_id);
    s->device_homes.erase(it);
  }
}

}  // namespace

Status apply_topology_op(const PutRegion& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->regions, op.region.id);
  s->regions[op.region.id] = op.region;
  return ok_status();
}

Status apply_topology_op(const DeleteRegion& op, MemoryState* s, UndoLog* undo) {
  for (const auto& [id, node] : s->access_nodes) {
    if (node.region_id == op.region_id) {
      return still_used("DeleteRegion",
                        "region '" + op.region_id + "' still has access node '" + id + "'");
    }
  }
  undo->remember(&s->regions, op.region_id);
  s->regions.erase(op.region_id);
  return ok_status();
}

Status apply_topology_op(const PutAccessNode& op, MemoryState* s, UndoLog* undo) {
  const AccessNodeRecord& n = op.access_node;
  if (!s->regions.count(n.region_id)) return not_found("PutAccessNode", "region", n.region_id);
  undo->remember(&s->access_nodes, n.id);
  s->access_nodes[n.id] = n;
  return ok_status();
}

Status apply_topology_op(const DeleteAccessNode& op, MemoryState* s, UndoLog* undo) {
  for (const auto& [id, home] : s->homes) {
    if (home.access_node_id == op.access_node_id) {
      return still_used("DeleteAccessNode",
                        "access node '" + op.access_node_id + "' still has home '" + id + "'");
    }
  }
  undo->remember(&s->access_nodes, op.access_node_id);
  s->access_nodes.erase(op.access_node_id);
  return ok_status();
}

Status apply_topology_op(const PutSubscriber& op, MemoryState* s, UndoLog* undo) {
  const SubscriberRecord& sub = op.subscriber;
  const std::string folded = to_lower(sub.email);
  if (!folded.empty()) {
    auto owner = s->subscriber_emails.find(folded);
    if (owner != s->subscriber_emails.end() && owner->second != sub.account) {
      return make_error(ErrorCode::kConflict, "PutSubscriber: email of account '" + sub.account +
                                                  "' belongs to account '" + owner->second + "'");
    }
  }
  if (auto old = s->subscribers.find(sub.account); old != s->subscribers.end()) {
    const std::string old_folded = to_lower(old->second.email);
    if (!old_folded.empty()) {
      undo->remember(&s->subscriber_emails, old_folded);
      s->subscriber_emails.erase(old_folded);
    }
  }
  if (!folded.empty()) {
    undo->remember(&s->subscriber_emails, folded);
    s->subscriber_emails[folded] = sub.account;
  }
  undo->remember(&s->subscribers, sub.account);
  s->subscribers[sub.account] = sub;
  return ok_status();
}

Status apply_topology_op(const DeleteSubscriber& op, MemoryState* s, UndoLog* undo) {
  for (const auto& [id, home] : s->homes) {
    if (home.account == op.account) {
      return still_used("DeleteSubscriber",
                        "account '" + op.account + "' still has home '" + id + "'");
    }
  }
  if (Status unused = check_subscriber_unreferenced(op.account, *s); !unused) return unused;
  // Its sessions and reset links go with it (as in SQL, whether or not the row still exists).
  forget_subscriber(op.account, s, undo);
  auto it = s->subscribers.find(op.account);
  if (it == s->subscribers.end()) return ok_status();
  const std::string folded = to_lower(it->second.email);
  if (!folded.empty()) {
    undo->remember(&s->subscriber_emails, folded);
    s->subscriber_emails.erase(folded);
  }
  undo->remember(&s->subscribers, op.account);
  s->subscribers.erase(op.account);
  return ok_status();
}

Status apply_topology_op(const PutHome& op, MemoryState* s, UndoLog* undo) {
  const HomeRecord& h = op.home;
  if (!s->subscribers.count(h.account)) return not_found("PutHome", "subscriber", h.account);
  if (!s->access_nodes.count(h.access_node_id))
    return not_found("PutHome", "access node", h.access_node_id);
  if (auto old = s->homes.find(h.id); old != s->homes.end()) unindex_devices(old->second, s, undo);
  for (const auto& d : h.devices) {
    auto owner = s->device_homes.find(d.device_id);
    if (owner != s->device_homes.end() && owner->second != h.id) {
      // The device moves: it leaves the home that listed it so far.
      undo->remember(&s->homes, owner->second);
      auto& devices = s->homes[owner->second].devices;
      devices.erase(std::remove_if(devices.begin(), devices.end(),
                                   [&](const HomeDevice& x) { return x.device_id == d.device_id; }),
                    devices.end());
    }
    undo->remember(&s->device_homes, d.device_id);
    s->device_homes[d.device_id] = h.id;
  }
  undo->remember(&s->homes, h.id);
  s->homes[h.id] = h;
  return ok_status();
}

Status apply_topology_op(const DeleteHome& op, MemoryState* s, UndoLog* undo) {
  auto it = s->homes.find(op.home_id);
  if (it == s->homes.end()) return ok_status();
  unindex_devices(it->second, s, undo);
  undo->remember(&s->homes, op.home_id);
  s->homes.erase(op.home_id);
  return ok_status();
}

}  // namespace hearth::store::memory
