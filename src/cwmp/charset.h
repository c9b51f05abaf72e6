// Character sets of CWMP request bodies (tr069.md 2.2, quirk 7). The charset comes from the
// Content-Type header, else a byte-order mark, else the XML declaration's encoding, else UTF-8.
// Pure functions, no state; safe to call from any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace hearth::cwmp {

// The charset label the body is in, lower-cased ("utf-8", "iso-8859-1", "utf-16le", ...).
std::string detect_charset(std::string_view body, std::string_view content_type);

// True for the labels whose bodies need no conversion (UTF-8 and US-ASCII).
bool is_utf8_charset(std::string_view label);

// The body in UTF-8, without a byte-order mark. Conversion uses iconv. An unknown charset or
// bytes that are invalid in the charset give kInvalidArgument. The XML declaration is left as
// sent: parse the result as UTF-8 whatever it says.
Result<std::string> to_utf8(std::string_view body, std::string_view content_type);

}  // namespace hearth::cwmp
