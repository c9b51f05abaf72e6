// Writes of tasks, faults, files, profiles, tokens and meta, on the writer's connection inside
// the open transaction. Writer thread only.
#pragma once

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace hearth::store::sqlite {

class RecordWriter {
 public:
  explicit RecordWriter(Connection* conn) : conn_(conn) {}

  Status put_task(const PutTask& op);
  Status delete_task(const DeleteTask& op);
  Status add_fault(const AddFault& op);
  Status clear_faults(const ClearFaults& op);
  Status put_file(const PutFile& op);
  Status delete_file(const DeleteFile& op);
  Status put_profile(const PutProfile& op);
  Status delete_profile(const DeleteProfile& op);
  Status put_token(const PutToken& op);
  Status delete_token(const DeleteToken& op);
  Status put_meta(const PutMeta& op);

 private:
  // Runs a statement with one text or integer key bound as ?1.
  Status run_keyed(const char* sql, const std::string& key);
  Status run_keyed(const char* sql, int64_t key);

  Connection* conn_;
};

}  // namespace hearth::store::sqlite
