#include "device/profile.h"

#include <nlohmann/json.hpp>

#include "device/spv_item_json.h"

namespace hearth::device {

namespace {

using nlohmann::json;

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Error bad(const std::string& what) { return make_error(ErrorCode::kInvalidArgument, "profile: " + what); }

Status read_string(const json& obj, const char* key, std::string* out) {
  if (!obj.contains(key)) return ok_status();
  if (!obj[key].is_string()) return bad(std::string(key) + " must be a string");
  *out = obj[key].get<std::string>();
  return ok_status();
}

}  // namespace

Result<Profile> parse_profile(const std::string& json_text) {
  json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return bad("body is not valid JSON");
  if (!doc.is_object()) return bad("body must be a JSON object");
  Profile p;
  if (!doc.contains("name") || !doc["name"].is_string()) return bad("name is required");
  p.name = doc["name"].get<std::string>();
  if (!valid_name(p.name)) return bad("name must be 1-64 characters of [A-Za-z0-9_.-]");
  if (doc.contains("priority")) {
    if (!doc["priority"].is_number_integer()) return bad("priority must be an integer");
    p.priority = doc["priority"].get<int>();
  }
  if (doc.contains("match")) {
    const json& m = doc["match"];
    if (!m.is_object()) return bad("match must be an object");
    for (const auto& [key, value] : m.items()) {
      static const char* kKeys[] = {"oui", "productClass", "modelName", "softwareVersion", "tag", "root"};
      bool known = false;
      for (const char* k : kKeys) known = known || key == k;
      if (!known) return bad("match." + key + " is not a known field");
      if (!value.is_string()) return bad("match." + key + " must be a string");
    }
    Status s = read_string(m, "oui", &p.match.oui);
    if (s) s = read_string(m, "productClass", &p.match.product_class);
    if (s) s = read_string(m, "modelName", &p.match.model_name);
    if (s) s = read_string(m, "softwareVersion", &p.match.software_version);
    if (s) s = read_string(m, "tag", &p.match.tag);
    if (s) s = read_string(m, "root", &p.match.root);
    if (!s) return s.error();
  }
  if (doc.contains("preconditions")) {
    const json& list = doc["preconditions"];
    if (!list.is_array()) return bad("preconditions must be an array");
    for (const json& item : list) {
      if (!item.is_object() || !item.contains("parameter") || !item["parameter"].is_string() ||
          !item.contains("equals")) {
        return bad("each precondition needs \"parameter\" and \"equals\"");
      }
      Precondition pre;
      pre.parameter = item["parameter"].get<std::string>();
      const json& eq = item["equals"];
      if (eq.is_string()) {
        pre.equals = eq.get<std::string>();
      } else if (eq.is_boolean()) {
        pre.equals = eq.get<bool>() ? "true" : "false";
      } else if (eq.is_number()) {
        pre.equals = eq.dump();
      } else {
        return bad("precondition \"equals\" must be a string, number or boolean");
      }
      p.preconditions.push_back(std::move(pre));
    }
  }
  // Empty lists are what profile_to_json writes for "none": accept them back.
  if (doc.contains("parameterValues") && !(doc["parameterValues"].is_array() && doc["parameterValues"].empty())) {
    auto items = parse_spv_items(doc["parameterValues"], "parameterValues");
    if (!items) return bad(items.error().message);
    p.parameter_values = std::move(*items);
  }
  if (doc.contains("parameterAttributes") &&
      !(doc["parameterAttributes"].is_array() && doc["parameterAttributes"].empty())) {
    auto items = parse_spa_items(doc["parameterAttributes"], "parameterAttributes");
    if (!items) return bad(items.error().message);
    p.parameter_attributes = std::move(*items);
  }
  if (doc.contains("reapplyOn")) {
    const json& list = doc["reapplyOn"];
    if (!list.is_array()) return bad("reapplyOn must be an array of event codes");
    p.reapply_on.clear();
    for (const json& e : list) {
      if (!e.is_string()) return bad("reapplyOn must be an array of event codes");
      p.reapply_on.push_back(e.get<std::string>());
    }
  }
  if (p.parameter_values.empty() && p.parameter_attributes.empty()) {
    return bad("a profile needs parameterValues or parameterAttributes");
  }
  return p;
}

std::string profile_to_json(const Profile& p) {
  json doc;
  doc["name"] = p.name;
  doc["priority"] = p.priority;
  json m = json::object();
  if (!p.match.oui.empty()) m["oui"] = p.match.oui;
  if (!p.match.product_class.empty()) m["productClass"] = p.match.product_class;
  if (!p.match.model_name.empty()) m["modelName"] = p.match.model_name;
  if (!p.match.software_version.empty()) m["softwareVersion"] = p.match.software_version;
  if (!p.match.tag.empty()) m["tag"] = p.match.tag;
  if (!p.match.root.empty()) m["root"] = p.match.root;
  doc["match"] = m;
  json pre = json::array();
  for (const auto& c : p.preconditions) pre.push_back({{"parameter", c.parameter}, {"equals", c.equals}});
  doc["preconditions"] = pre;
  doc["parameterValues"] = spv_items_to_json(p.parameter_values);
  doc["parameterAttributes"] = spa_items_to_json(p.parameter_attributes);
  doc["reapplyOn"] = p.reapply_on;
  return doc.dump();
}

}  // namespace hearth::device
