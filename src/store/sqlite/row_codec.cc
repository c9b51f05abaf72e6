#include "store/sqlite/row_codec.h"

namespace hearth::store::sqlite {

namespace {

struct TypeCode {
  cwmp::ValueType type;
  int64_t code;
};
constexpr TypeCode kTypeCodes[] = {
    {cwmp::ValueType::kString, 0},   {cwmp::ValueType::kInt, 1},
    {cwmp::ValueType::kUnsignedInt, 2}, {cwmp::ValueType::kLong, 3},
    {cwmp::ValueType::kUnsignedLong, 4}, {cwmp::ValueType::kBoolean, 5},
    {cwmp::ValueType::kDateTime, 6}, {cwmp::ValueType::kBase64, 7},
    {cwmp::ValueType::kHexBinary, 8},
};

}  // namespace

int64_t value_type_code(cwmp::ValueType type) {
  for (const auto& entry : kTypeCodes) {
    if (entry.type == type) return entry.code;
  }
  return 0;
}

cwmp::ValueType value_type_from_code(int64_t code) {
  for (const auto& entry : kTypeCodes) {
    if (entry.code == code) return entry.type;
  }
  return cwmp::ValueType::kString;
}

// ---- devices ----

const char* const kDeviceColumns =
    "id, oui, product_class, serial_number, manufacturer, model_name, software_version, "
    "hardware_version, root, cwmp_ns, first_seen_ms, last_inform_ms, last_boot_ms, "
    "last_bootstrap_ms, last_address, connection_request_url, inform_interval_s, parameter_key, "
    "auth_username, auth_ha1, cr_username, cr_password, discovered_ms, state_json";

namespace {

// One devices column: its member of DeviceRecord, in kDeviceColumns order.
struct DeviceColumn {
  std::string DeviceRecord::*text = nullptr;
  int64_t DeviceRecord::*i64 = nullptr;
  uint32_t DeviceRecord::*u32 = nullptr;
};

constexpr DeviceColumn kDeviceColumnMembers[kDeviceColumnCount] = {
    {&DeviceRecord::id},
    {&DeviceRecord::oui},
    {&DeviceRecord::product_class},
    {&DeviceRecord::serial_number},
    {&DeviceRecord::manufacturer},
    {&DeviceRecord::model_name},
    {&DeviceRecord::software_version},
    {&DeviceRecord::hardware_version},
    {&DeviceRecord::root},
    {&DeviceRecord::cwmp_ns},
    {nullptr, &DeviceRecord::first_seen_ms},
    {nullptr, &DeviceRecord::last_inform_ms},
    {nullptr, &DeviceRecord::last_boot_ms},
    {nullptr, &DeviceRecord::last_bootstrap_ms},
    {&DeviceRecord::last_address},
    {&DeviceRecord::connection_request_url},
    {nullptr, nullptr, &DeviceRecord::inform_interval_s},
    {&DeviceRecord::parameter_key},
    {&DeviceRecord::auth_username},
    {&DeviceRecord::auth_ha1},
    {&DeviceRecord::cr_username},
    {&DeviceRecord::cr_password},
    {nullptr, &DeviceRecord::discovered_ms},
    {&DeviceRecord::state_json},
};

}  // namespace

void bind_device_column(Statement* s, int index, const DeviceRecord& d, int column) {
  const DeviceColumn& c = kDeviceColumnMembers[column];
  if (c.text != nullptr) {
    s->bind_text(index, d.*c.text);
  } else if (c.i64 != nullptr) {
    s->bind(index, d.*c.i64);
  } else {
    s->bind(index, static_cast<int64_t>(d.*c.u32));
  }
}

bool device_column_equal(const DeviceRecord& a, const DeviceRecord& b, int column) {
  const DeviceColumn& c = kDeviceColumnMembers[column];
  if (c.text != nullptr) return a.*c.text == b.*c.text;
  if (c.i64 != nullptr) return a.*c.i64 == b.*c.i64;
  return a.*c.u32 == b.*c.u32;
}

void bind_device(Statement* s, const DeviceRecord& d) {
  for (int column = 0; column < kDeviceColumnCount; ++column) bind_device_column(s, column + 1, d, column);
}

DeviceRecord read_device(const Statement& s, int first_col) {
  DeviceRecord d;
  for (int column = 0; column < kDeviceColumnCount; ++column) {
    const DeviceColumn& c = kDeviceColumnMembers[column];
    if (c.text != nullptr) {
      d.*c.text = s.column_text(first_col + column);
    } else if (c.i64 != nullptr) {
      d.*c.i64 = s.column_int64(first_col + column);
    } else {
      d.*c.u32 = static_cast<uint32_t>(s.column_int64(first_col + column));
    }
  }
  return d;
}

// ---- tasks ----

const char* const kTaskSelect =
    "t.id, d.id, t.name, t.args_json, t.origin, t.state, t.attempts, t.created_ms, t.updated_ms, "
    "t.next_attempt_ms, t.expires_ms, t.command_key, t.result_json, t.fault_json";

void bind_task(Statement* s, const TaskRecord& t, int64_t device_key) {
  if (t.id == 0) {
    s->bind_null(1);
  } else {
    s->bind(1, t.id);
  }
  s->bind(2, device_key).bind_text(3, t.name).bind_text(4, t.args_json).bind_text(5, t.origin);
  s->bind_text(6, task_state_name(t.state)).bind(7, t.attempts).bind(8, t.created_ms);
  s->bind(9, t.updated_ms).bind(10, t.next_attempt_ms).bind(11, t.expires_ms);
  s->bind_text(12, t.command_key).bind_text(13, t.result_json).bind_text(14, t.fault_json);
}

TaskRecord read_task(const Statement& s) {
  TaskRecord t;
  t.id = s.column_int64(0);
  t.device_id = s.column_text(1);
  t.name = s.column_text(2);
  t.args_json = s.column_text(3);
  t.origin = s.column_text(4);
  t.state = parse_task_state(s.column_text(5)).value_or(TaskState::kPending);
  t.attempts = static_cast<int>(s.column_int64(6));
  t.created_ms = s.column_int64(7);
  t.updated_ms = s.column_int64(8);
  t.next_attempt_ms = s.column_int64(9);
  t.expires_ms = s.column_int64(10);
  t.command_key = s.column_text(11);
  t.result_json = s.column_text(12);
  t.fault_json = s.column_text(13);
  return t;
}

// ---- faults ----

const char* const kFaultSelect =
    "f.id, d.id, f.task_id, f.rpc, f.code, f.message, f.detail_json, f.time_ms";

void bind_fault(Statement* s, const FaultRecord& f, int64_t device_key) {
  if (f.id == 0) {
    s->bind_null(1);
  } else {
    s->bind(1, f.id);
  }
  s->bind(2, device_key).bind(3, f.task_id).bind_text(4, f.rpc).bind(5, f.code);
  s->bind_text(6, f.message).bind_text(7, f.detail_json).bind(8, f.time_ms);
}

FaultRecord read_fault(const Statement& s) {
  FaultRecord f;
  f.id = s.column_int64(0);
  f.device_id = s.column_text(1);
  f.task_id = s.column_int64(2);
  f.rpc = s.column_text(3);
  f.code = static_cast<uint32_t>(s.column_int64(4));
  f.message = s.column_text(5);
  f.detail_json = s.column_text(6);
  f.time_ms = s.column_int64(7);
  return f;
}

// ---- files, profiles, tokens ----

const char* const kFileColumns =
    "id, file_type, oui, product_class, version, size, sha256, created_ms";

void bind_file(Statement* s, const FileRecord& f) {
  s->bind_text(1, f.id).bind_text(2, f.file_type).bind_text(3, f.oui);
  s->bind_text(4, f.product_class).bind_text(5, f.version);
  s->bind(6, static_cast<int64_t>(f.size)).bind_text(7, f.sha256).bind(8, f.created_ms);
}

FileRecord read_file(const Statement& s) {
  FileRecord f;
  f.id = s.column_text(0);
  f.file_type = s.column_text(1);
  f.oui = s.column_text(2);
  f.product_class = s.column_text(3);
  f.version = s.column_text(4);
  f.size = static_cast<uint64_t>(s.column_int64(5));
  f.sha256 = s.column_text(6);
  f.created_ms = s.column_int64(7);
  return f;
}

const char* const kProfileColumns = "name, definition_json, version, updated_ms";

void bind_profile(Statement* s, const ProfileRecord& p) {
  s->bind_text(1, p.name).bind_text(2, p.definition_json).bind(3, p.version).bind(4, p.updated_ms);
}

ProfileRecord read_profile(const Statement& s) {
  ProfileRecord p;
  p.name = s.column_text(0);
  p.definition_json = s.column_text(1);
  p.version = s.column_int64(2);
  p.updated_ms = s.column_int64(3);
  return p;
}

const char* const kTokenColumns = "id, name, token_hash, role, created_ms";

void bind_token(Statement* s, const TokenRecord& t) {
  s->bind_text(1, t.id).bind_text(2, t.name).bind_text(3, t.token_hash).bind_text(4, t.role);
  s->bind(5, t.created_ms);
}

TokenRecord read_token_record(const Statement& s) {
  TokenRecord t;
  t.id = s.column_text(0);
  t.name = s.column_text(1);
  t.token_hash = s.column_text(2);
  t.role = s.column_text(3);
  t.created_ms = s.column_int64(4);
  return t;
}

}  // namespace hearth::store::sqlite
