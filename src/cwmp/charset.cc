#include "cwmp/charset.h"

#include <cerrno>
#include <iconv.h>

#include "core/strings.h"

namespace hearth::cwmp {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The value of the charset parameter of a Content-Type ("text/xml; charset=\"utf-8\"").
std::string_view content_type_charset(std::string_view content_type) {
  const auto params = split(content_type, ';');
  for (size_t i = 1; i < params.size(); ++i) {
    std::string_view p = trim(params[i]);
    const size_t eq = p.find('=');
    if (eq == std::string_view::npos || !iequals(trim(p.substr(0, eq)), "charset")) continue;
    std::string_view v = trim(p.substr(eq + 1));
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
      v = v.substr(1, v.size() - 2);
    }
    return trim(v);
  }
  return {};
}

std::string_view bom_charset(std::string_view body) {
  if (body.substr(0, 3) == kUtf8Bom) return "utf-8";
  if (body.substr(0, 2) == std::string_view("\xFE\xFF", 2)) return "utf-16be";
  if (body.substr(0, 2) == std::string_view("\xFF\xFE", 2)) return "utf-16le";
  // No mark, but "<?" in UTF-16 can only be one of these.
  if (body.substr(0, 4) == std::string_view("<\0?\0", 4)) return "utf-16le";
  if (body.substr(0, 4) == std::string_view("\0<\0?", 4)) return "utf-16be";
  return {};
}

// encoding="..." of an <?xml ...?> declaration at the start of the body.
std::string_view declaration_charset(std::string_view body) {
  if (body.substr(0, 5) != "<?xml") return {};
  const std::string_view decl = body.substr(0, body.find("?>"));
  size_t pos = decl.find("encoding");
  if (pos == std::string_view::npos) return {};
  pos = decl.find_first_not_of(" \t\r\n", pos + 8);
  if (pos == std::string_view::npos || decl[pos] != '=') return {};
  pos = decl.find_first_not_of(" \t\r\n", pos + 1);
  if (pos == std::string_view::npos || (decl[pos] != '"' && decl[pos] != '\'')) return {};
  const size_t end = decl.find(decl[pos], pos + 1);
  if (end == std::string_view::npos) return {};
  return decl.substr(pos + 1, end - pos - 1);
}

// Labels go to iconv_open; keep them to plain names (no "//IGNORE" or "//TRANSLIT" suffixes).
bool plausible_label(std::string_view label) {
  if (label.empty() || label.size() > 40) return false;
  for (char c : label) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

class Iconv {
 public:
  explicit Iconv(const std::string& from) : cd_(iconv_open("UTF-8", from.c_str())) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

}  // namespace

bool is_utf8_charset(std::string_view label) {
  return iequals(label, "utf-8") || iequals(label, "utf8") || iequals(label, "us-ascii") || iequals(label, "ascii");
}

std::string detect_charset(std::string_view body, std::string_view content_type) {
  std::string_view label = content_type_charset(content_type);
  if (label.empty()) label = bom_charset(body);
  if (label.empty()) label = declaration_charset(body);
  if (label.empty()) label = "utf-8";
  return to_lower(label);
}

Result<std::string> to_utf8(std::string_view body, std::string_view content_type) {
  std::string label = detect_charset(body, content_type);
  if (is_utf8_charset(label)) {
    if (body.substr(0, 3) == kUtf8Bom) body.remove_prefix(3);
    return std::string(body);
  }
  if (!plausible_label(label)) return make_error(ErrorCode::kInvalidArgument, "unknown charset");
  // A plain "utf-16" label says nothing of byte order; glibc would assume big-endian.
  if (label == "utf-16" && body.substr(0, 2) != "\xFE\xFF" && body.substr(0, 2) != "\xFF\xFE" &&
      body.substr(0, 2) == std::string_view("<\0", 2)) {
    label = "utf-16le";
  }
  Iconv cd(label);
  if (!cd.ok()) return make_error(ErrorCode::kInvalidArgument, "unknown charset " + label);

  std::string out;
  out.resize(body.size() + body.size() / 2 + 16);
  char* in = const_cast<char*>(body.data());  // iconv's signature; it does not write
  size_t in_left = body.size();
  size_t done = 0;
  // Converts all input, then flushes the shift state; the output grows on E2BIG.
  bool input_done = false;
  for (;;) {
    char* dst = out.data() + done;
    size_t out_left = out.size() - done;
    const size_t r = input_done ? iconv(cd.get(), nullptr, nullptr, &dst, &out_left)
                                : iconv(cd.get(), &in, &in_left, &dst, &out_left);
    done = out.size() - out_left;
    if (r == static_cast<size_t>(-1)) {
      if (errno != E2BIG) {
        return make_error(ErrorCode::kInvalidArgument,
                          "invalid " + label + " text at byte " + std::to_string(body.size() - in_left));
      }
      out.resize(out.size() * 2);
      continue;
    }
    if (input_done) break;
    input_done = true;  // a successful call has consumed all input
  }
  out.resize(done);
  if (std::string_view(out).substr(0, 3) == kUtf8Bom) out.erase(0, 3);
  return out;
}

}  // namespace hearth::cwmp
