// The writer thread's view of path segments (name_codec.h): every committed segment plus those
// added by the open transaction. Interns new segments as names are encoded, and forgets them
// again when their batch or transaction is rolled back, so that its ids always match the
// database. Publishes new segments to the shared SegmentDictionary only once they are committed.
// Used by the writer thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/segment_dictionary.h"

namespace hearth::store::sqlite {

class SegmentWriter {
 public:
  SegmentWriter(Connection* conn, SegmentDictionary* shared) : conn_(conn), shared_(shared) {}

  // Reads every segment from the database, here and into the shared dictionary.
  Status load();

  // Encodes a name, interning the segments it does not know yet.
  Result<std::string> encode(std::string_view name);
  // Encodes a prefix that ends with '.' without interning: nullopt if one of its segments is
  // unknown (then no stored name starts with it).
  std::optional<std::string> encode_existing(std::string_view whole_prefix) const;
  // false on an unknown id or a malformed name.
  bool decode(std::string_view encoded, std::string* name) const;

  // The current batch's savepoint was released (kept) or rolled back.
  void end_batch(bool kept);
  // The transaction committed (publish) or was rolled back (forget).
  void end_transaction(bool committed);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  void forget(const std::vector<std::pair<uint64_t, std::string>>& added);

  Connection* conn_;
  SegmentDictionary* shared_;
  std::unordered_map<std::string, uint64_t, Hash, std::equal_to<>> ids_;
  std::unordered_map<uint64_t, std::string> texts_;
  std::vector<std::pair<uint64_t, std::string>> batch_added_;
  std::vector<std::pair<uint64_t, std::string>> transaction_added_;
};

}  // namespace hearth::store::sqlite
