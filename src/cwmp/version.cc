// Protocol level of a session (tr069.md 2.1 step 3, 1.4).
#include <optional>
#include <string>

#include "core/strings.h"
#include "cwmp/codec.h"
#include "cwmp/soap_names.h"

namespace hearth::cwmp {
namespace {

// "1.N" -> the version, for N in 0..4; anything else is not a version this codec speaks.
std::optional<CwmpVersion> parse_version(std::string_view s) {
  s = trim(s);
  if (s.size() != 3 || s[0] != '1' || s[1] != '.' || s[2] < '0' || s[2] > '4') return std::nullopt;
  return static_cast<CwmpVersion>(s[2] - '0');
}

}  // namespace

CwmpVersion detect_version(const std::string& cwmp_ns, const Header& header) {
  // The ACS's choice, when a CPE reads an InformResponse.
  if (header.use_cwmp_version) {
    if (auto v = parse_version(*header.use_cwmp_version)) return *v;
  }
  // CWMP 1.4: the highest listed version; all of 1.0..1.4 are spoken here.
  if (header.supported_cwmp_versions) {
    std::optional<CwmpVersion> best;
    for (std::string_view item : split(*header.supported_cwmp_versions, ',')) {
      if (auto v = parse_version(item); v && (!best || *v > *best)) best = v;
    }
    if (best) return *best;
  }
  // urn:dslforum-org:cwmp-1-N. The URIs cwmp-1-3 and cwmp-1-4 are icwmp's names for
  // Amendments 4 and 5 (quirk 11); 1.3 shares cwmp-1-2 and shows itself by SessionTimeout.
  std::string_view ns = cwmp_ns;
  constexpr std::string_view kStem = detail::kCwmpNsStem;
  if (ns.substr(0, kStem.size()) != kStem) return CwmpVersion::k1_0;
  ns.remove_prefix(kStem.size());
  if (ns.size() < 3 || ns.substr(0, 2) != "1-" ||
      ns.find_first_not_of("0123456789", 2) != std::string_view::npos) {
    return CwmpVersion::k1_0;
  }
  const auto minor = parse_uint64(ns.substr(2));
  if (!minor) return CwmpVersion::k1_4;  // more digits than fit: some far-future 1-N
  switch (*minor) {
    case 0: return CwmpVersion::k1_0;
    case 1: return CwmpVersion::k1_1;
    case 2: return header.session_timeout ? CwmpVersion::k1_3 : CwmpVersion::k1_2;
    case 3: return CwmpVersion::k1_3;
    default: return CwmpVersion::k1_4;
  }
}

}  // namespace hearth::cwmp
