#include "store/sqlite/segment_writer.h"

#include "store/sqlite/name_codec.h"

namespace hearth::store::sqlite {

Status SegmentWriter::load() {
  auto stmt = conn_->prepare("SELECT id, text FROM path_segments");
  if (!stmt) return stmt.error();
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    const auto id = static_cast<uint64_t>(stmt->column_int64(0));
    std::string text = stmt->column_text(1);
    shared_->add(id, text);
    ids_[text] = id;
    texts_[id] = std::move(text);
  }
  return ok_status();
}

Result<std::string> SegmentWriter::encode(std::string_view name) {
  std::string encoded;
  for (const NamePiece& piece : split_name(name)) {
    auto it = ids_.find(piece.text);
    if (it == ids_.end()) {
      auto stmt = conn_->prepare("INSERT INTO path_segments(text) VALUES (?1)");
      if (!stmt) return stmt.error();
      stmt->bind_text(1, piece.text);
      if (Status s = stmt->run(); !s) return s.error();
      const auto id = static_cast<uint64_t>(conn_->last_insert_rowid());
      std::string text(piece.text);
      batch_added_.emplace_back(id, text);
      texts_[id] = text;
      it = ids_.emplace(std::move(text), id).first;
    }
    append_token(it->second, piece.dot, &encoded);
  }
  return encoded;
}

std::optional<std::string> SegmentWriter::encode_existing(std::string_view whole_prefix) const {
  std::string encoded;
  for (const NamePiece& piece : split_name(whole_prefix)) {
    auto it = ids_.find(piece.text);
    if (it == ids_.end()) return std::nullopt;
    append_token(it->second, piece.dot, &encoded);
  }
  return encoded;
}

bool SegmentWriter::decode(std::string_view encoded, std::string* name) const {
  name->clear();
  uint64_t id = 0;
  bool dot = false;
  while (!encoded.empty()) {
    if (!read_token(&encoded, &id, &dot)) return false;
    auto it = texts_.find(id);
    if (it == texts_.end()) return false;
    *name += it->second;
    if (dot) name->push_back('.');
  }
  return true;
}

void SegmentWriter::forget(const std::vector<std::pair<uint64_t, std::string>>& added) {
  for (const auto& [id, text] : added) {
    ids_.erase(text);
    texts_.erase(id);
  }
}

void SegmentWriter::end_batch(bool kept) {
  if (kept) {
    transaction_added_.insert(transaction_added_.end(), batch_added_.begin(), batch_added_.end());
  } else {
    forget(batch_added_);
  }
  batch_added_.clear();
}

void SegmentWriter::end_transaction(bool committed) {
  if (committed) {
    for (const auto& [id, text] : transaction_added_) shared_->add(id, text);
  } else {
    forget(transaction_added_);
  }
  transaction_added_.clear();
}

}  // namespace hearth::store::sqlite
