// One parser and one writer per CWMP message (tr069.md section 3 and 4), grouped by file:
//   rpc_inform.cc      Inform, InformResponse
//   rpc_transfer.cc    TransferComplete, AutonomousTransferComplete, RequestDownload, Download
//                      and their responses
//   rpc_parameters.cc  GetParameterNames, GetParameterValues, SetParameterValues and responses
//   rpc_attributes.cc  GetParameterAttributes, SetParameterAttributes and responses
//   rpc_control.cc     GetRPCMethods, AddObject, DeleteObject, Reboot, FactoryReset,
//                      ScheduleInform, the empty responses, UnknownMethod
//   rpc_fault.cc       the SOAP Fault with its CWMP detail
// A parser gets the RPC element (any prefix) and reads its arguments by local name. A writer
// appends the RPC element, prefixed "cwmp:" (the Fault: "soap-env:Fault"). Internal to the codec.
#pragma once

#include <string_view>
#include <type_traits>

#include <pugixml.hpp>

#include "core/result.h"
#include "cwmp/codec.h"
#include "cwmp/messages.h"
#include "cwmp/xml_writer.h"

namespace hearth::cwmp::detail {

using RpcParser = Result<Body> (*)(pugi::xml_node rpc, const ParseOptions& options);

// The parser for a CWMP method element's local name; nullptr for a name the codec does not know.
// "Fault" is not in this table: the envelope reader handles it (it lives in the SOAP namespace).
RpcParser find_rpc_parser(std::string_view local_name);

Result<Body> parse_fault(pugi::xml_node fault, const ParseOptions& options);

// ---- rpc_inform.cc
Result<Body> parse_inform(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_inform_response(pugi::xml_node rpc, const ParseOptions& options);
void write_rpc(XmlWriter& w, const Inform& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const InformResponse& m, const WriteOptions& o);

// ---- rpc_transfer.cc
Result<Body> parse_transfer_complete(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_autonomous_transfer_complete(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_request_download(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_download(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_download_response(pugi::xml_node rpc, const ParseOptions& options);
void write_rpc(XmlWriter& w, const TransferComplete& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const AutonomousTransferComplete& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const RequestDownload& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const Download& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const DownloadResponse& m, const WriteOptions& o);

// ---- rpc_parameters.cc
Result<Body> parse_get_parameter_names(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_get_parameter_names_response(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_get_parameter_values(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_get_parameter_values_response(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_set_parameter_values(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_set_parameter_values_response(pugi::xml_node rpc, const ParseOptions& options);
void write_rpc(XmlWriter& w, const GetParameterNames& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const GetParameterNamesResponse& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const GetParameterValues& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const GetParameterValuesResponse& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const SetParameterValues& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const SetParameterValuesResponse& m, const WriteOptions& o);

// ---- rpc_attributes.cc
Result<Body> parse_get_parameter_attributes(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_get_parameter_attributes_response(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_set_parameter_attributes(pugi::xml_node rpc, const ParseOptions& options);
void write_rpc(XmlWriter& w, const GetParameterAttributes& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const GetParameterAttributesResponse& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const SetParameterAttributes& m, const WriteOptions& o);

// ---- rpc_control.cc
Result<Body> parse_get_rpc_methods_response(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_add_object(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_add_object_response(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_delete_object(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_delete_object_response(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_reboot(pugi::xml_node rpc, const ParseOptions& options);
Result<Body> parse_schedule_inform(pugi::xml_node rpc, const ParseOptions& options);
void write_rpc(XmlWriter& w, const GetRPCMethodsResponse& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const AddObject& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const AddObjectResponse& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const DeleteObject& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const DeleteObjectResponse& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const Reboot& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const ScheduleInform& m, const WriteOptions& o);
void write_rpc(XmlWriter& w, const UnknownMethod& m, const WriteOptions& o);

// ---- rpc_fault.cc
void write_rpc(XmlWriter& w, const Fault& m, const WriteOptions& o);

// Messages without arguments: parsed by type, written as <cwmp:Name/>.
template <typename T>
Result<Body> parse_empty(pugi::xml_node, const ParseOptions&) {
  return Body(T{});
}
template <typename T>
  requires std::is_empty_v<T>
void write_rpc(XmlWriter& w, const T& m, const WriteOptions&) {
  w.raw("<cwmp:");
  w.raw(body_method_name(Body(m)));
  w.raw("/>");
}

}  // namespace hearth::cwmp::detail
