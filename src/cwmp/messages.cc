#include "cwmp/messages.h"

#include <iterator>

namespace hearth::cwmp {
namespace {

// Element names in the order of the Body alternatives (tr069.md section 3).
constexpr const char* kMethodNames[] = {
    "Inform", "TransferComplete", "AutonomousTransferComplete", "GetRPCMethods", "RequestDownload",
    "InformResponse", "TransferCompleteResponse", "AutonomousTransferCompleteResponse",
    "GetRPCMethodsResponse", "RequestDownloadResponse",
    "GetParameterNames", "GetParameterValues", "SetParameterValues", "GetParameterAttributes",
    "SetParameterAttributes", "AddObject", "DeleteObject", "Reboot", "FactoryReset", "Download",
    "ScheduleInform",
    "GetParameterNamesResponse", "GetParameterValuesResponse", "SetParameterValuesResponse",
    "GetParameterAttributesResponse", "SetParameterAttributesResponse", "AddObjectResponse",
    "DeleteObjectResponse", "RebootResponse", "FactoryResetResponse", "DownloadResponse",
    "ScheduleInformResponse",
    "Fault", "UnknownMethod"};

static_assert(std::size(kMethodNames) == std::variant_size_v<Body>,
              "one element name per Body alternative");

}  // namespace

const char* body_method_name(const Body& body) {
  if (const auto* unknown = std::get_if<UnknownMethod>(&body)) return unknown->name.c_str();
  return kMethodNames[body.index()];
}

const char* cwmp_version_name(CwmpVersion v) {
  switch (v) {
    case CwmpVersion::k1_0: return "1.0";
    case CwmpVersion::k1_1: return "1.1";
    case CwmpVersion::k1_2: return "1.2";
    case CwmpVersion::k1_3: return "1.3";
    case CwmpVersion::k1_4: return "1.4";
  }
  return "1.0";
}

}  // namespace hearth::cwmp
