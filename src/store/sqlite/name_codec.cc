#include "store/sqlite/name_codec.h"

namespace hearth::store::sqlite {

std::vector<NamePiece> split_name(std::string_view name) {
  std::vector<NamePiece> pieces;
  size_t start = 0;
  while (start < name.size()) {
    const size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) {
      pieces.push_back({name.substr(start), false});
      break;
    }
    pieces.push_back({name.substr(start, dot - start), true});
    start = dot + 1;
  }
  return pieces;
}

void append_token(uint64_t segment_id, bool dot, std::string* out) {
  uint64_t v = segment_id * 2 + (dot ? 1 : 0);
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool read_token(std::string_view* in, uint64_t* segment_id, bool* dot) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *segment_id = v >> 1;
      *dot = (v & 1) != 0;
      return true;
    }
  }
  return false;
}

std::string prefix_upper_bound(std::string_view encoded) {
  std::string out(encoded);
  while (!out.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(out.back());
    if (last != 0xff) {
      ++last;
      return out;
    }
    out.pop_back();
  }
  return out;
}

std::string_view whole_piece_prefix(std::string_view prefix) {
  const size_t dot = prefix.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : prefix.substr(0, dot + 1);
}

}  // namespace hearth::store::sqlite
