// Argument structures shared by several RPCs (tr069.md 2.3, 2.4, 3): parameter value lists,
// string arrays, FaultStruct. Internal to the codec.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "core/result.h"
#include "cwmp/codec.h"
#include "cwmp/messages.h"
#include "cwmp/xml_writer.h"

namespace hearth::cwmp::detail {

// ParameterValueStruct items of `array` (ParameterList). Values keep the reported xsi:type;
// a missing or unknown type is a string, a value that does not fit its type keeps its raw
// text (quirk 13).
Status parse_parameter_value_list(pugi::xml_node array, const ParseOptions& options,
                                  std::vector<ParameterValue>* out);
void write_parameter_value_list(XmlWriter& w, const std::vector<ParameterValue>& list,
                                const WriteOptions& o);
// <Value xsi:type="...">text</Value> with the WriteOptions quirk switches applied (quirk 22).
void write_value(XmlWriter& w, const ParameterValue& p, const WriteOptions& o);

// Arrays of xsd:string (ParameterNames, AccessList, MethodList).
Status parse_string_array(pugi::xml_node array, std::string_view what, const ParseOptions& options,
                          std::vector<std::string>* out);
void write_string_array(XmlWriter& w, std::string_view tag, const std::vector<std::string>& items);

// FaultStruct of TransferComplete and AutonomousTransferComplete: missing means success (0);
// a FaultCode that is present but not a number is an error.
Status parse_fault_struct(pugi::xml_node rpc, std::string_view method, FaultStruct* out);
void write_fault_struct(XmlWriter& w, const FaultStruct& f);

}  // namespace hearth::cwmp::detail
