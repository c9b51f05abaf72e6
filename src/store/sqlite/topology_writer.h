// Writes of regions, access nodes, subscribers and homes (with their device lists), on the
// writer's connection inside the open transaction; the semantics are those of store.h, checked
// here before SQLite's foreign keys would so that both backends fail with the same codes.
// Writer thread only.
#pragma once

#include <string>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace hearth::store::sqlite {

class TopologyWriter {
 public:
  explicit TopologyWriter(Connection* conn) : conn_(conn) {}

  Status put_region(const PutRegion& op);
  Status delete_region(const DeleteRegion& op);
  Status put_access_node(const PutAccessNode& op);
  Status delete_access_node(const DeleteAccessNode& op);
  Status put_subscriber(const PutSubscriber& op);
  Status delete_subscriber(const DeleteSubscriber& op);
  // Upserts the home row, then replaces its device rows; a device row of another home moves.
  Status put_home(const PutHome& op);
  Status delete_home(const DeleteHome& op);  // its device rows go by ON DELETE CASCADE

 private:
  // The first column of the first row of `sql` with ?1 = key, or nullopt when there is none.
  Result<std::optional<std::string>> first_text(const char* sql, const std::string& key);
  Status require(const char* op, const char* what, const char* sql, const std::string& key);
  Status refuse_if_used(const char* op, const std::string& what, const char* sql,
                        const std::string& key);
  Status run_keyed(const char* sql, const std::string& key);

  Connection* conn_;
};

}  // namespace hearth::store::sqlite
