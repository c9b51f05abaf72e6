// File transfers: TransferComplete, AutonomousTransferComplete, RequestDownload, Download and
// DownloadResponse (tr069.md 3.1, 3.2). Missing or garbled times become the unknown time and a
// missing Status is 0 (quirk 14).
#include "cwmp/rpc_codec.h"
#include "cwmp/rpc_common.h"
#include "cwmp/xml_reader.h"

namespace hearth::cwmp::detail {

Result<Body> parse_transfer_complete(pugi::xml_node rpc, const ParseOptions&) {
  TransferComplete m;
  m.command_key = child_trimmed(rpc, "CommandKey");
  if (Status s = parse_fault_struct(rpc, "TransferComplete", &m.fault); !s.ok()) return s.error();
  m.start_time = child_time(rpc, "StartTime");
  m.complete_time = child_time(rpc, "CompleteTime");
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const TransferComplete& m, const WriteOptions&) {
  w.raw("<cwmp:TransferComplete>");
  w.element("CommandKey", m.command_key);
  write_fault_struct(w, m.fault);
  w.element_time("StartTime", m.start_time);
  w.element_time("CompleteTime", m.complete_time);
  w.raw("</cwmp:TransferComplete>");
}

Result<Body> parse_autonomous_transfer_complete(pugi::xml_node rpc, const ParseOptions&) {
  AutonomousTransferComplete m;
  m.announce_url = child_trimmed(rpc, "AnnounceURL");
  m.transfer_url = child_trimmed(rpc, "TransferURL");
  m.is_download = child_bool(rpc, "IsDownload", true);
  m.file_type = child_trimmed(rpc, "FileType");
  m.file_size = child_u64(rpc, "FileSize", 0);
  m.target_file_name = child_trimmed(rpc, "TargetFileName");
  if (Status s = parse_fault_struct(rpc, "AutonomousTransferComplete", &m.fault); !s.ok()) {
    return s.error();
  }
  m.start_time = child_time(rpc, "StartTime");
  m.complete_time = child_time(rpc, "CompleteTime");
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const AutonomousTransferComplete& m, const WriteOptions& o) {
  w.raw("<cwmp:AutonomousTransferComplete>");
  w.element("AnnounceURL", m.announce_url);
  w.element("TransferURL", m.transfer_url);
  w.element_bool("IsDownload", m.is_download, o.boolean_literal);
  w.element("FileType", m.file_type);
  w.element_uint("FileSize", m.file_size);
  w.element("TargetFileName", m.target_file_name);
  write_fault_struct(w, m.fault);
  w.element_time("StartTime", m.start_time);
  w.element_time("CompleteTime", m.complete_time);
  w.raw("</cwmp:AutonomousTransferComplete>");
}

Result<Body> parse_request_download(pugi::xml_node rpc, const ParseOptions& options) {
  RequestDownload m;
  m.file_type = child_trimmed(rpc, "FileType");
  const pugi::xml_node args = child(rpc, "FileTypeArg");
  auto count = count_items(args, "FileTypeArg", options);
  if (!count.ok()) return count.error();
  m.file_type_args.reserve(*count);
  for_each_item(args, [&](pugi::xml_node item) {
    m.file_type_args.emplace_back(child_trimmed(item, "Name"), child_text(item, "Value"));
  });
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const RequestDownload& m, const WriteOptions&) {
  w.raw("<cwmp:RequestDownload>");
  w.element("FileType", m.file_type);
  w.open_array("FileTypeArg", "cwmp:ArgStruct", m.file_type_args.size());
  for (const auto& [name, value] : m.file_type_args) {
    w.raw("<ArgStruct>");
    w.element("Name", name);
    w.element("Value", value);
    w.raw("</ArgStruct>");
  }
  w.close("FileTypeArg");
  w.raw("</cwmp:RequestDownload>");
}

Result<Body> parse_download(pugi::xml_node rpc, const ParseOptions&) {
  Download m;
  m.command_key = child_trimmed(rpc, "CommandKey");
  m.file_type = child_trimmed(rpc, "FileType");
  m.url = child_trimmed(rpc, "URL");
  m.username = child_text(rpc, "Username");
  m.password = child_text(rpc, "Password");
  m.file_size = child_u64(rpc, "FileSize", 0);
  m.target_file_name = child_trimmed(rpc, "TargetFileName");
  m.delay_seconds = child_u32(rpc, "DelaySeconds", 0);
  m.success_url = child_trimmed(rpc, "SuccessURL");
  m.failure_url = child_trimmed(rpc, "FailureURL");
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const Download& m, const WriteOptions&) {
  w.raw("<cwmp:Download>");
  w.element("CommandKey", m.command_key);
  w.element("FileType", m.file_type);
  w.element("URL", m.url);
  w.element("Username", m.username);
  w.element("Password", m.password);
  w.element_uint("FileSize", m.file_size);
  w.element("TargetFileName", m.target_file_name);
  w.element_uint("DelaySeconds", m.delay_seconds);
  w.element("SuccessURL", m.success_url);
  w.element("FailureURL", m.failure_url);
  w.raw("</cwmp:Download>");
}

Result<Body> parse_download_response(pugi::xml_node rpc, const ParseOptions&) {
  DownloadResponse m;
  m.status = child_int(rpc, "Status", 0);
  m.start_time = child_time(rpc, "StartTime");
  m.complete_time = child_time(rpc, "CompleteTime");
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const DownloadResponse& m, const WriteOptions&) {
  w.raw("<cwmp:DownloadResponse>");
  w.element_int("Status", m.status);
  w.element_time("StartTime", m.start_time);
  w.element_time("CompleteTime", m.complete_time);
  w.raw("</cwmp:DownloadResponse>");
}

}  // namespace hearth::cwmp::detail
