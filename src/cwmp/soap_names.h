// Namespace URIs of the SOAP envelope (tr069.md 2.1). Internal to the codec.
#pragma once

#include <string_view>

namespace hearth::cwmp::detail {

inline constexpr std::string_view kSoapEnvNs = "http://schemas.xmlsoap.org/soap/envelope/";
inline constexpr std::string_view kSoapEncNs = "http://schemas.xmlsoap.org/soap/encoding/";
inline constexpr std::string_view kXsdNs = "http://www.w3.org/2001/XMLSchema";
inline constexpr std::string_view kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";
// Every urn:dslforum-org:cwmp-1-N, standard or not (quirk 11), starts with this.
inline constexpr std::string_view kCwmpNsStem = "urn:dslforum-org:cwmp-";
// The CWMP "unknown time" (tr069.md 2.4), the default for missing or garbled times (quirk 14).
inline constexpr std::string_view kUnknownTime = "0001-01-01T00:00:00Z";

inline bool is_cwmp_ns(std::string_view uri) { return uri.substr(0, kCwmpNsStem.size()) == kCwmpNsStem; }

}  // namespace hearth::cwmp::detail
