// A small XML string builder for the codec: appends to a caller-owned std::string, escapes text
// and attribute values, never emits CDATA or comments (tr069.md 2.2, 2.5). Internal to the codec.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hearth::cwmp::detail {

class XmlWriter {
 public:
  // REQUIRES: `out` outlives the writer.
  explicit XmlWriter(std::string* out) : out_(out) {}

  void reserve_more(size_t bytes) { out_->reserve(out_->size() + bytes); }
  void raw(std::string_view s) { out_->append(s); }

  // <tag>
  void open(std::string_view tag);
  // <tag soap-enc:arrayType="item_type[count]">
  void open_array(std::string_view tag, std::string_view item_type, size_t count);
  // </tag>
  void close(std::string_view tag);
  // <tag/>
  void empty(std::string_view tag);

  // <tag>escaped text</tag>
  void element(std::string_view tag, std::string_view text);
  void element_uint(std::string_view tag, uint64_t v);
  void element_int(std::string_view tag, int64_t v);
  // true/false, or 1/0 when !literal.
  void element_bool(std::string_view tag, bool v, bool literal);
  // A dateTime; an empty one is written as the unknown time.
  void element_time(std::string_view tag, std::string_view time);

  // Escaped character data: & < > and CR (as &#13; so that a CR survives end-of-line handling).
  void text(std::string_view s);
  // Escaped attribute value (also " and whitespace controls).
  void attribute_value(std::string_view s);
  void uint(uint64_t v);

 private:
  std::string* out_;
};

}  // namespace hearth::cwmp::detail
