// How parameter names are stored. A name is cut at each '.' into pieces; each piece is a
// token varint(segment_id * 2 + dot), where segment_id interns the piece's text (path_segments
// table) and dot says whether a '.' follows it:
//   "IGD.LANDevice.1.Enable" -> (IGD,.)(LANDevice,.)(1,.)(Enable,)     (a parameter)
//   "IGD.LANDevice."         -> (IGD,.)(LANDevice,.)                   (an object)
// The tokens are prefix-free, so the names under a path "A.B." (textually: starting with "A.B.")
// are exactly the encodings that start with encode("A.B."): one range of the primary key,
// [encode(prefix), prefix_upper_bound(encode(prefix))). "A.B" (a parameter) and "A.BX" have other
// tokens and fall outside it. The encoded order is not the textual order: readers sort by name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::store::sqlite {

struct NamePiece {
  std::string_view text;
  bool dot = false;  // a '.' follows
};

// "" gives no pieces.
std::vector<NamePiece> split_name(std::string_view name);

void append_token(uint64_t segment_id, bool dot, std::string* out);
// Reads one token from the front of *in. false at the end or on a malformed varint.
bool read_token(std::string_view* in, uint64_t* segment_id, bool* dot);

// The smallest string greater than every string that starts with `encoded`, or "" when there is
// none (`encoded` is empty or all 0xFF; never the case for a non-empty token sequence).
std::string prefix_upper_bound(std::string_view encoded);

// The leading part of a textual prefix that ends with '.', "" if it has no '.': the part that
// encodes to whole tokens. A prefix such as "A.B.Ena" is served from the range of "A.B." and then
// filtered by text.
std::string_view whole_piece_prefix(std::string_view prefix);

}  // namespace hearth::store::sqlite
