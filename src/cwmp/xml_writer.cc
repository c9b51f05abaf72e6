#include "cwmp/xml_writer.h"

#include <array>
#include <charconv>
#include <cstdint>

#include "cwmp/soap_names.h"

namespace hearth::cwmp::detail {
namespace {

// Escape classes: 1 = needs an entity in text and in attribute values, 2 = in attribute values
// only. A table keeps the scan over long values to one load and compare per byte.
constexpr std::array<uint8_t, 256> kEscapeClass = [] {
  std::array<uint8_t, 256> t{};
  t['&'] = t['<'] = t['>'] = t['\r'] = 1;
  t['"'] = t['\n'] = t['\t'] = 2;
  return t;
}();

const char* entity(char c) {
  switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '\r': return "&#13;";  // survives end-of-line normalisation
    case '"': return "&quot;";
    case '\n': return "&#10;";
    case '\t': return "&#9;";
    default: return "";
  }
}

void append_escaped(std::string* out, std::string_view s, uint8_t max_class) {
  const char* p = s.data();
  const char* const end = p + s.size();
  const char* run = p;
  for (; p != end; ++p) {
    const uint8_t k = kEscapeClass[static_cast<unsigned char>(*p)];
    if (k == 0 || k > max_class) continue;
    out->append(run, static_cast<size_t>(p - run));
    out->append(entity(*p));
    run = p + 1;
  }
  out->append(run, static_cast<size_t>(end - run));
}

}  // namespace

void XmlWriter::open(std::string_view tag) {
  out_->push_back('<');
  out_->append(tag);
  out_->push_back('>');
}

void XmlWriter::open_array(std::string_view tag, std::string_view item_type, size_t count) {
  out_->push_back('<');
  out_->append(tag);
  out_->append(" soap-enc:arrayType=\"");
  out_->append(item_type);
  out_->push_back('[');
  uint(count);
  out_->append("]\">");
}

void XmlWriter::close(std::string_view tag) {
  out_->append("</");
  out_->append(tag);
  out_->push_back('>');
}

void XmlWriter::empty(std::string_view tag) {
  out_->push_back('<');
  out_->append(tag);
  out_->append("/>");
}

void XmlWriter::element(std::string_view tag, std::string_view value) {
  open(tag);
  text(value);
  close(tag);
}

void XmlWriter::element_uint(std::string_view tag, uint64_t v) {
  open(tag);
  uint(v);
  close(tag);
}

void XmlWriter::element_int(std::string_view tag, int64_t v) {
  open(tag);
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_->append(buf, r.ptr);
  close(tag);
}

void XmlWriter::element_bool(std::string_view tag, bool v, bool literal) {
  open(tag);
  out_->append(literal ? (v ? "true" : "false") : (v ? "1" : "0"));
  close(tag);
}

void XmlWriter::element_time(std::string_view tag, std::string_view time) {
  element(tag, time.empty() ? kUnknownTime : time);
}

void XmlWriter::text(std::string_view s) { append_escaped(out_, s, 1); }

void XmlWriter::attribute_value(std::string_view s) { append_escaped(out_, s, 2); }

void XmlWriter::uint(uint64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_->append(buf, r.ptr);
}

}  // namespace hearth::cwmp::detail
