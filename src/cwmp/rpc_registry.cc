// Element local name -> parser, for every CWMP method the codec knows (tr069.md section 3).
#include <string_view>

#include "cwmp/rpc_codec.h"

namespace hearth::cwmp::detail {
namespace {

struct Entry {
  std::string_view name;
  RpcParser parse;
};

constexpr Entry kParsers[] = {
    // CPE requests
    {"Inform", parse_inform},
    {"TransferComplete", parse_transfer_complete},
    {"AutonomousTransferComplete", parse_autonomous_transfer_complete},
    {"GetRPCMethods", parse_empty<GetRPCMethods>},
    {"RequestDownload", parse_request_download},
    // ACS responses
    {"InformResponse", parse_inform_response},
    {"TransferCompleteResponse", parse_empty<TransferCompleteResponse>},
    {"AutonomousTransferCompleteResponse", parse_empty<AutonomousTransferCompleteResponse>},
    {"GetRPCMethodsResponse", parse_get_rpc_methods_response},
    {"RequestDownloadResponse", parse_empty<RequestDownloadResponse>},
    // ACS requests
    {"GetParameterNames", parse_get_parameter_names},
    {"GetParameterValues", parse_get_parameter_values},
    {"SetParameterValues", parse_set_parameter_values},
    {"GetParameterAttributes", parse_get_parameter_attributes},
    {"SetParameterAttributes", parse_set_parameter_attributes},
    {"AddObject", parse_add_object},
    {"DeleteObject", parse_delete_object},
    {"Reboot", parse_reboot},
    {"FactoryReset", parse_empty<FactoryReset>},
    {"Download", parse_download},
    {"ScheduleInform", parse_schedule_inform},
    // CPE responses
    {"GetParameterNamesResponse", parse_get_parameter_names_response},
    {"GetParameterValuesResponse", parse_get_parameter_values_response},
    {"SetParameterValuesResponse", parse_set_parameter_values_response},
    {"GetParameterAttributesResponse", parse_get_parameter_attributes_response},
    {"SetParameterAttributesResponse", parse_empty<SetParameterAttributesResponse>},
    {"AddObjectResponse", parse_add_object_response},
    {"DeleteObjectResponse", parse_delete_object_response},
    {"RebootResponse", parse_empty<RebootResponse>},
    {"FactoryResetResponse", parse_empty<FactoryResetResponse>},
    {"DownloadResponse", parse_download_response},
    {"ScheduleInformResponse", parse_empty<ScheduleInformResponse>},
};

// Every Body alternative but Fault and UnknownMethod has a parser.
static_assert(std::size(kParsers) + 2 == std::variant_size_v<Body>);

}  // namespace

RpcParser find_rpc_parser(std::string_view local_name) {
  for (const Entry& e : kParsers) {
    if (e.name == local_name) return e.parse;
  }
  return nullptr;
}

}  // namespace hearth::cwmp::detail
