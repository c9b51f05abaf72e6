// SQL writes of regions, access nodes, subscribers and homes (topology_writer.h).
#include "store/sqlite/topology_writer.h"

#include "core/strings.h"

namespace hearth::store::sqlite {

Result<std::optional<std::string>> TopologyWriter::first_text(const char* sql,
                                                              const std::string& key) {
  auto stmt = conn_->prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind_text(1, key);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(stmt->column_text(0));
}

Status TopologyWriter::require(const char* op, const char* what, const char* sql,
                               const std::string& key) {
  auto found = first_text(sql, key);
  if (!found) return found.error();
  if (!found->has_value()) {
    return make_error(ErrorCode::kNotFound, std::string(op) + ": no " + what + " '" + key + "'");
  }
  return ok_status();
}

Status TopologyWriter::refuse_if_used(const char* op, const std::string& what, const char* sql,
                                      const std::string& key) {
  auto user = first_text(sql, key);
  if (!user) return user.error();
  if (user->has_value()) {
    return make_error(ErrorCode::kConflict, std::string(op) + ": " + what + " '" + **user + "'");
  }
  return ok_status();
}

Status TopologyWriter::run_keyed(const char* sql, const std::string& key) {
  auto stmt = conn_->prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind_text(1, key);
  return stmt->run();
}

Status TopologyWriter::put_region(const PutRegion& op) {
  auto stmt = conn_->prepare(
      "INSERT INTO regions (id, name, created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (id) DO UPDATE SET name = excluded.name, created_ms = excluded.created_ms, "
      "updated_ms = excluded.updated_ms");
  if (!stmt) return stmt.error();
  const RegionRecord& r = op.region;
  stmt->bind_text(1, r.id).bind_text(2, r.name).bind(3, r.created_ms).bind(4, r.updated_ms);
  return stmt->run();
}

Status TopologyWriter::delete_region(const DeleteRegion& op) {
  if (Status s =
          refuse_if_used("DeleteRegion", "region '" + op.region_id + "' still has access node",
                         "SELECT id FROM access_nodes WHERE region_id = ?1 LIMIT 1", op.region_id);
      !s) {
    return s;
  }
  return run_keyed("DELETE FROM regions WHERE id = ?1", op.region_id);
}

Status TopologyWriter::put_access_node(const PutAccessNode& op) {
  const AccessNodeRecord& n = op.access_node;
  if (Status s =
          require("PutAccessNode", "region", "SELECT id FROM regions WHERE id = ?1", n.region_id);
      !s) {
    return s;
  }
  auto stmt = conn_->prepare(
      "INSERT INTO access_nodes (id, name, kind, region_id, created_ms, updated_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
      "kind = excluded.kind, region_id = excluded.region_id, created_ms = excluded.created_ms, "
      "updated_ms = excluded.updated_ms");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, n.id).bind_text(2, n.name).bind_text(3, n.kind).bind_text(4, n.region_id);
  stmt->bind(5, n.created_ms).bind(6, n.updated_ms);
  return stmt->run();
}

Status TopologyWriter::delete_access_node(const DeleteAccessNode& op) {
  if (Status s = refuse_if_used(
          "DeleteAccessNode", "access node '" + op.access_node_id + "' still has home",
          "SELECT id FROM homes WHERE access_node_id = ?1 LIMIT 1", op.access_node_id);
      !s) {
    return s;
  }
  return run_keyed("DELETE FROM access_nodes WHERE id = ?1", op.access_node_id);
}

Status TopologyWriter::put_subscriber(const PutSubscriber& op) {
  const SubscriberRecord& sub = op.subscriber;
  const std::string folded = to_lower(sub.email);
  if (!folded.empty()) {
    auto owner = first_text(
        "SELECT account FROM subscribers WHERE email_folded = ?1 AND email_folded <> ''", folded);
    if (!owner) return owner.error();
    if (owner->has_value() && **owner != sub.account) {
      return make_error(ErrorCode::kConflict, "PutSubscriber: email of account '" + sub.account +
                                                  "' belongs to account '" + **owner + "'");
    }
  }
  auto stmt = conn_->prepare(
      "INSERT INTO subscribers (account, name, email, email_folded, street, postal_code, city, "
      "password_hash, created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
      "ON CONFLICT (account) DO UPDATE SET name = excluded.name, email = excluded.email, "
      "email_folded = excluded.email_folded, street = excluded.street, "
      "postal_code = excluded.postal_code, city = excluded.city, "
      "password_hash = excluded.password_hash, created_ms = excluded.created_ms, "
      "updated_ms = excluded.updated_ms");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, sub.account)
      .bind_text(2, sub.name)
      .bind_text(3, sub.email)
      .bind_text(4, folded);
  stmt->bind_text(5, sub.street).bind_text(6, sub.postal_code).bind_text(7, sub.city);
  stmt->bind_text(8, sub.password_hash).bind(9, sub.created_ms).bind(10, sub.updated_ms);
  return stmt->run();
}

Status TopologyWriter::delete_subscriber(const DeleteSubscriber& op) {
  if (Status s = refuse_if_used("DeleteSubscriber", "account '" + op.account + "' still has home",
                                "SELECT id FROM homes WHERE account = ?1 LIMIT 1", op.account);
      !s) {
    return s;
  }
  return run_keyed("DELETE FROM subscribers WHERE account = ?1", op.account);
}

Status TopologyWriter::put_home(const PutHome& op) {
  const HomeRecord& h = op.home;
  if (Status s = require("PutHome", "subscriber",
                         "SELECT account FROM subscribers WHERE account = ?1", h.account);
      !s) {
    return s;
  }
  if (Status s = require("PutHome", "access node", "SELECT id FROM access_nodes WHERE id = ?1",
                         h.access_node_id);
      !s) {
    return s;
  }
  {
    auto stmt = conn_->prepare(
        "INSERT INTO homes (id, account, access_node_id, created_ms, updated_ms, plan_down_kbps, "
        "plan_up_kbps) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT (id) DO UPDATE SET account = excluded.account, "
        "access_node_id = excluded.access_node_id, created_ms = excluded.created_ms, "
        "updated_ms = excluded.updated_ms, plan_down_kbps = excluded.plan_down_kbps, "
        "plan_up_kbps = excluded.plan_up_kbps");
    if (!stmt) return stmt.error();
    stmt->bind_text(1, h.id).bind_text(2, h.account).bind_text(3, h.access_node_id);
    stmt->bind(4, h.created_ms).bind(5, h.updated_ms);
    stmt->bind(6, h.plan_down_kbps).bind(7, h.plan_up_kbps);
    if (Status s = stmt->run(); !s) return s;
  }
  int64_t home_key = 0;
  {
    auto stmt = conn_->prepare("SELECT key FROM homes WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind_text(1, h.id);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return make_error(ErrorCode::kInternal, "PutHome: the home row vanished");
    home_key = stmt->column_int64(0);
  }
  {
    auto stmt = conn_->prepare("DELETE FROM home_devices WHERE home_key = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, home_key);
    if (Status s = stmt->run(); !s) return s;
  }
  int64_t position = 0;
  for (const HomeDevice& d : h.devices) {
    auto stmt = conn_->prepare(
        "INSERT INTO home_devices (device_id, home_key, position, role, serial, oui, "
        "product_class, "
        "manufacturer) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (device_id) DO UPDATE "
        "SET "
        "home_key = excluded.home_key, position = excluded.position, role = excluded.role, "
        "serial = excluded.serial, oui = excluded.oui, product_class = excluded.product_class, "
        "manufacturer = excluded.manufacturer");
    if (!stmt) return stmt.error();
    stmt->bind_text(1, d.device_id).bind(2, home_key).bind(3, position++).bind_text(4, d.role);
    stmt->bind_text(5, d.serial)
        .bind_text(6, d.oui)
        .bind_text(7, d.product_class)
        .bind_text(8, d.manufacturer);
    if (Status s = stmt->run(); !s) return s;
  }
  return ok_status();
}

Status TopologyWriter::delete_home(const DeleteHome& op) {
  return run_keyed("DELETE FROM homes WHERE id = ?1", op.home_id);
}

}  // namespace hearth::store::sqlite
