// Records <-> rows: the column lists, binding and reading of each record, and the value type
// codes stored in parameters.flags. The codes are part of the file format: they never change,
// whatever the order of cwmp::ValueType.
#pragma once

#include <cstdint>

#include "cwmp/value.h"
#include "store/records.h"
#include "store/sqlite/connection.h"

namespace hearth::store::sqlite {

int64_t value_type_code(cwmp::ValueType type);
cwmp::ValueType value_type_from_code(int64_t code);  // unknown codes read as kString

// parameters.flags = type code << 1 | writable.
inline int64_t parameter_flags(cwmp::ValueType type, bool writable) {
  return value_type_code(type) << 1 | (writable ? 1 : 0);
}

// The devices columns other than key, in binding order: ?1 = id ... ?24 = state_json.
extern const char* const kDeviceColumns;
inline constexpr int kDeviceColumnCount = 24;
void bind_device(Statement* stmt, const DeviceRecord& d);  // ?1..?24; tags are not columns
DeviceRecord read_device(const Statement& stmt, int first_col);  // columns as kDeviceColumns
// One column (0 = id ... 23 = state_json) of a device: bound to ?index, or compared.
void bind_device_column(Statement* stmt, int index, const DeviceRecord& d, int column);
bool device_column_equal(const DeviceRecord& a, const DeviceRecord& b, int column);

// SELECT list for tasks joined with devices (t, d): t.id, d.id, t.name, ...
extern const char* const kTaskSelect;
// ?1 = id (NULL: assign), ?2 = device key, ?3.. = the rest, in the order of kTaskSelect.
void bind_task(Statement* stmt, const TaskRecord& t, int64_t device_key);
TaskRecord read_task(const Statement& stmt);

extern const char* const kFaultSelect;  // f joined with d
void bind_fault(Statement* stmt, const FaultRecord& f, int64_t device_key);  // ?1 id/NULL, ?2 key
FaultRecord read_fault(const Statement& stmt);

extern const char* const kFileColumns;
void bind_file(Statement* stmt, const FileRecord& f);
FileRecord read_file(const Statement& stmt);

extern const char* const kProfileColumns;
void bind_profile(Statement* stmt, const ProfileRecord& p);
ProfileRecord read_profile(const Statement& stmt);

extern const char* const kTokenColumns;
void bind_token(Statement* stmt, const TokenRecord& t);
TokenRecord read_token_record(const Statement& stmt);

}  // namespace hearth::store::sqlite
