#include "store/sqlite/segment_dictionary.h"

#include <mutex>

#include "store/sqlite/name_codec.h"

namespace hearth::store::sqlite {

void SegmentDictionary::add(uint64_t id, const std::string& text) {
  std::unique_lock lock(mu_);
  if (texts_.size() <= id) texts_.resize(id + 1);
  texts_[id] = text;
  ids_[text] = id;
}

std::optional<uint64_t> SegmentDictionary::find_id(std::string_view text) const {
  std::shared_lock lock(mu_);
  auto it = ids_.find(text);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

SegmentDictionary::Decoded SegmentDictionary::decode(std::string_view encoded, std::string* name,
                                                     uint64_t* missing) const {
  name->clear();
  std::shared_lock lock(mu_);
  uint64_t id = 0;
  bool dot = false;
  while (!encoded.empty()) {
    if (!read_token(&encoded, &id, &dot)) return Decoded::kMalformed;
    if (id >= texts_.size() || !texts_[id]) {
      *missing = id;
      return Decoded::kMissing;
    }
    *name += *texts_[id];
    if (dot) name->push_back('.');
  }
  return Decoded::kOk;
}

size_t SegmentDictionary::size() const {
  std::shared_lock lock(mu_);
  return ids_.size();
}

namespace {

// true when the segment exists (and is now in the dictionary).
Result<bool> load_by_id(Connection* conn, SegmentDictionary* dict, uint64_t id) {
  auto stmt = conn->prepare("SELECT text FROM path_segments WHERE id = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, static_cast<int64_t>(id));
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return false;
  dict->add(id, stmt->column_text(0));
  return true;
}

Result<std::optional<uint64_t>> load_by_text(Connection* conn, SegmentDictionary* dict,
                                             std::string_view text) {
  auto stmt = conn->prepare("SELECT id FROM path_segments WHERE text = ?1");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, text);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<uint64_t>();
  const auto id = static_cast<uint64_t>(stmt->column_int64(0));
  dict->add(id, std::string(text));
  return std::optional<uint64_t>(id);
}

}  // namespace

Result<std::string> decode_name(Connection* conn, SegmentDictionary* dict,
                                std::string_view encoded) {
  std::string name;
  uint64_t missing = 0;
  for (;;) {
    const auto decoded = dict->decode(encoded, &name, &missing);
    if (decoded == SegmentDictionary::Decoded::kOk) return name;
    if (decoded == SegmentDictionary::Decoded::kMalformed) {
      return make_error(ErrorCode::kInternal, "malformed stored parameter name");
    }
    auto found = load_by_id(conn, dict, missing);
    if (!found) return found.error();
    if (!*found) {
      return make_error(ErrorCode::kInternal,
                        "stored parameter name refers to unknown segment " + std::to_string(missing));
    }
  }
}

Result<std::optional<std::string>> encode_known_name(Connection* conn, SegmentDictionary* dict,
                                                     std::string_view name) {
  std::string encoded;
  for (const NamePiece& piece : split_name(name)) {
    std::optional<uint64_t> id = dict->find_id(piece.text);
    if (!id) {
      auto loaded = load_by_text(conn, dict, piece.text);
      if (!loaded) return loaded.error();
      if (!*loaded) return std::optional<std::string>();
      id = *loaded;
    }
    append_token(*id, piece.dot, &encoded);
  }
  return std::optional<std::string>(std::move(encoded));
}

}  // namespace hearth::store::sqlite
