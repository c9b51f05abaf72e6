// The committed path segments (name_codec.h), shared by every reader. Thread-safe. Holds only
// segments whose rows are committed: the writer publishes its new ones after each commit, and a
// reader that meets an id it does not know yet (read between the commit and the publication)
// loads it from the database with load_segment().
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "store/sqlite/connection.h"

namespace hearth::store::sqlite {

class SegmentDictionary {
 public:
  void add(uint64_t id, const std::string& text);
  std::optional<uint64_t> find_id(std::string_view text) const;

  enum class Decoded { kOk, kMissing, kMalformed };
  // Decodes an encoded name. kMissing: it holds an id not known here, set in *missing.
  Decoded decode(std::string_view encoded, std::string* name, uint64_t* missing) const;

  size_t size() const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };

  mutable std::shared_mutex mu_;
  std::vector<std::optional<std::string>> texts_;  // by id
  std::unordered_map<std::string, uint64_t, Hash, std::equal_to<>> ids_;
};

// Reader-side helpers that fall back to the database for segments not yet in the dictionary.
// Decodes a stored name; kInternal if it refers to a segment that does not exist (corruption).
Result<std::string> decode_name(Connection* conn, SegmentDictionary* dict, std::string_view encoded);
// Encodes a name, or a path ending with '.' ("" too); nullopt when one of its segments has never
// been stored, so that no stored name is it or starts with it.
Result<std::optional<std::string>> encode_known_name(Connection* conn, SegmentDictionary* dict,
                                                     std::string_view name);

}  // namespace hearth::store::sqlite
