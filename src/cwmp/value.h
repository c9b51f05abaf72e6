// Typed parameter values as they travel in CWMP (tr069.md 2.4). A value is kept as its canonical
// text together with the xsi:type the CPE reported, so that SetParameterValues can send the
// type back exactly as the device expects it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hearth::cwmp {

enum class ValueType : uint8_t {
  kString,
  kInt,
  kUnsignedInt,
  kLong,
  kUnsignedLong,
  kBoolean,
  kDateTime,
  kBase64,
  kHexBinary,
};

// "xsd:string", "xsd:int", ... (the names CPE stacks use on the wire).
const char* value_type_xsi_name(ValueType t);
// Short stable names used in storage and the API: "string", "int", "unsignedInt", ...
const char* value_type_name(ValueType t);
// Accepts either form, with any prefix ("xsd:int", "xs:int", "int") and "base64Binary".
// Unknown names give nullopt (the caller treats the value as a string and warns).
std::optional<ValueType> parse_value_type(std::string_view name);

// Normalises `text` for `type`: booleans become "true"/"false"; integers lose spaces and '+';
// dateTimes are kept as sent when they parse. Returns false (and leaves `out` as the raw text)
// when the text does not fit the type: the caller keeps the raw string (tr069.md quirk 13).
bool normalise_value(ValueType type, std::string_view text, std::string* out);

struct ParameterValue {
  std::string name;
  std::string value;
  ValueType type = ValueType::kString;
};

}  // namespace hearth::cwmp
