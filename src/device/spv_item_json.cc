#include "device/spv_item_json.h"

namespace hearth::device {

using nlohmann::json;

namespace {

Error bad(const std::string& what) { return make_error(ErrorCode::kInvalidArgument, what); }

constexpr size_t kMaxNameLength = 256;     // tr069.md section 3: parameter names <= 256
constexpr size_t kMaxValueLength = 65535;

}  // namespace

Result<std::vector<SpvItem>> parse_spv_items(const json& list, const std::string& field) {
  if (!list.is_array() || list.empty()) return bad(field + " must be a non-empty array");
  std::vector<SpvItem> out;
  for (size_t i = 0; i < list.size(); ++i) {
    const json& item = list[i];
    const std::string where = field + "[" + std::to_string(i) + "]";
    if (!item.is_array() || item.size() < 2 || item.size() > 3 || !item[0].is_string()) {
      return bad(where + " must be [name, value] or [name, value, type]");
    }
    SpvItem s;
    s.name = item[0].get<std::string>();
    if (s.name.empty() || s.name.size() > kMaxNameLength || s.name.back() == '.') {
      return bad(where + " needs a parameter name (not an object path) of at most 256 characters");
    }
    const json& v = item[1];
    if (v.is_string()) {
      s.value = v.get<std::string>();
    } else if (v.is_boolean()) {
      s.value = v.get<bool>() ? "true" : "false";
      if (item.size() == 2) s.type = cwmp::ValueType::kBoolean;
    } else if (v.is_number_integer()) {
      s.value = v.dump();
    } else {
      return bad(where + " value must be a string, an integer or a boolean");
    }
    if (s.value.size() > kMaxValueLength) return bad(where + " value is too long");
    if (item.size() == 3) {
      if (!item[2].is_string()) return bad(where + " type must be a string such as \"xsd:unsignedInt\"");
      auto t = cwmp::parse_value_type(item[2].get<std::string>());
      if (!t) return bad(where + " has an unknown type \"" + item[2].get<std::string>() + "\"");
      s.type = *t;
      std::string normalised;
      if (!cwmp::normalise_value(*t, s.value, &normalised)) {
        return bad(where + " value \"" + s.value + "\" is not a valid " + cwmp::value_type_name(*t));
      }
      s.value = normalised;
    }
    for (const auto& prev : out) {
      if (prev.name == s.name) return bad(where + " sets " + s.name + " twice");
    }
    out.push_back(std::move(s));
  }
  return out;
}

json spv_items_to_json(const std::vector<SpvItem>& items) {
  json out = json::array();
  for (const auto& s : items) {
    if (s.type) {
      out.push_back(json::array({s.name, s.value, cwmp::value_type_xsi_name(*s.type)}));
    } else {
      out.push_back(json::array({s.name, s.value}));
    }
  }
  return out;
}

Result<std::vector<SpaItem>> parse_spa_items(const json& list, const std::string& field) {
  if (!list.is_array() || list.empty()) return bad(field + " must be a non-empty array");
  std::vector<SpaItem> out;
  for (size_t i = 0; i < list.size(); ++i) {
    const json& item = list[i];
    const std::string where = field + "[" + std::to_string(i) + "]";
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string()) {
      return bad(where + " must be an object with a \"name\"");
    }
    SpaItem a;
    a.name = item["name"].get<std::string>();
    if (a.name.empty() || a.name.size() > kMaxNameLength) return bad(where + ".name is empty or too long");
    if (item.contains("notification")) {
      if (!item["notification"].is_number_integer()) return bad(where + ".notification must be 0 to 6");
      const int n = item["notification"].get<int>();
      if (n < 0 || n > 6) return bad(where + ".notification must be 0 to 6");
      a.notification = n;
    }
    if (item.contains("accessList")) {
      const json& al = item["accessList"];
      if (!al.is_array()) return bad(where + ".accessList must be an array of strings");
      std::vector<std::string> entries;
      for (const json& e : al) {
        if (!e.is_string()) return bad(where + ".accessList must be an array of strings");
        entries.push_back(e.get<std::string>());
      }
      a.access_list = std::move(entries);
    }
    if (!a.notification && !a.access_list) return bad(where + " changes nothing (give notification or accessList)");
    out.push_back(std::move(a));
  }
  return out;
}

json spa_items_to_json(const std::vector<SpaItem>& items) {
  json out = json::array();
  for (const auto& a : items) {
    json j{{"name", a.name}};
    if (a.notification) j["notification"] = *a.notification;
    if (a.access_list) j["accessList"] = *a.access_list;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace hearth::device
