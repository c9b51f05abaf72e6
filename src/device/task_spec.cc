// Task specs in JSON (forms listed in task_spec.h; RPC arguments and limits from tr069.md 3.2).
#include "device/task_spec.h"

#include <limits>
#include <string_view>

#include <nlohmann/json.hpp>

#include "device/file_repository.h"
#include "device/spv_item_json.h"

namespace hearth::device {

namespace {

using nlohmann::json;

constexpr int kDefaultMaxAttempts = 5;
constexpr int kMaxMaxAttempts = 100;
constexpr size_t kMaxUrlLength = 256;       // Download URL (tr069.md 3.2)
constexpr size_t kMaxCredentialLength = 256;
constexpr size_t kMaxFileTypeLength = 64;

constexpr size_t kMaxNameLength = 256;  // parameter names and paths (tr069.md 3)
constexpr size_t kMaxNames = 10000;

Error invalid(const std::string& field, const std::string& what) {
  return make_error(ErrorCode::kInvalidArgument, field + ": " + what);
}

std::string index_field(const std::string& field, size_t i) { return field + "[" + std::to_string(i) + "]"; }

// ---- parameter names ----

enum class NameKind {
  kAny,          // a parameter name or a partial path ending in '.'; not empty
  kObject,       // an object path ending in '.'
  kPathOrEmpty,  // kAny, or "" for the whole tree
};

Status check_name(std::string_view name, NameKind kind, const std::string& field) {
  if (name.empty()) {
    if (kind == NameKind::kPathOrEmpty) return ok_status();
    return invalid(field, "must not be empty");
  }
  if (name.size() > kMaxNameLength) {
    return invalid(field, "longer than " + std::to_string(kMaxNameLength) + " characters");
  }
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return invalid(field, "contains a space, control or non-ASCII character");
  }
  if (name.front() == '.' || name.find("..") != std::string_view::npos) {
    return invalid(field, "has an empty path segment");
  }
  if (kind == NameKind::kObject && name.back() != '.') {
    return invalid(field, "must be an object path ending with '.'");
  }
  return ok_status();
}

// Refuses any key not in `allowed`: a misspelt field should not pass silently.
Status check_known_fields(const json& object, const std::vector<std::string_view>& allowed) {
  for (const auto& entry : object.items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || entry.key() == a;
    if (known) continue;
    std::string list;
    for (std::string_view a : allowed) {
      if (!list.empty()) list += ", ";
      list += a;
    }
    return invalid(entry.key(), "unknown field (known fields: " + list + ")");
  }
  return ok_status();
}

// ---- field readers: absent fields keep the default; present ones must have the right type ----

Status read_string(const json& j, const char* field, std::string* out, bool required, size_t max_length) {
  const auto it = j.find(field);
  if (it == j.end()) return required ? Status(invalid(field, "required")) : ok_status();
  if (!it->is_string()) return invalid(field, "must be a string");
  std::string value = it->get<std::string>();
  if (value.size() > max_length) {
    return invalid(field, "longer than " + std::to_string(max_length) + " characters");
  }
  *out = std::move(value);
  return ok_status();
}

Status read_bool(const json& j, const char* field, bool* out) {
  const auto it = j.find(field);
  if (it == j.end()) return ok_status();
  if (!it->is_boolean()) return invalid(field, "must be true or false");
  *out = it->get<bool>();
  return ok_status();
}

Status read_uint(const json& j, const char* field, uint64_t max, uint64_t* out, bool required = false) {
  const auto it = j.find(field);
  if (it == j.end()) return required ? Status(invalid(field, "required")) : ok_status();
  if (!it->is_number_unsigned() || it->get<uint64_t>() > max) {
    return invalid(field, "must be an integer from 0 to " + std::to_string(max));
  }
  *out = it->get<uint64_t>();
  return ok_status();
}

Status read_uint32(const json& j, const char* field, uint32_t* out, bool required = false) {
  uint64_t v = *out;
  if (Status s = read_uint(j, field, std::numeric_limits<uint32_t>::max(), &v, required); !s) return s;
  *out = static_cast<uint32_t>(v);
  return ok_status();
}

Status read_name(const json& j, const char* field, NameKind kind, std::string* out, bool required) {
  if (Status s = read_string(j, field, out, required, kMaxNameLength); !s) return s;
  if (j.contains(field)) return check_name(*out, kind, field);
  return ok_status();
}

Result<std::vector<std::string>> read_name_list(const json& j, const char* field) {
  const auto it = j.find(field);
  if (it == j.end()) return invalid(field, "required");
  if (!it->is_array()) return invalid(field, "must be an array of parameter names");
  if (it->empty()) return invalid(field, "must not be empty");
  if (it->size() > kMaxNames) return invalid(field, "more than " + std::to_string(kMaxNames) + " names");
  std::vector<std::string> names;
  names.reserve(it->size());
  for (size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    if (!item.is_string()) return invalid(index_field(field, i), "must be a string");
    std::string name = item.get<std::string>();
    if (Status s = check_name(name, NameKind::kAny, index_field(field, i)); !s) return s.error();
    names.push_back(std::move(name));
  }
  return names;
}

// tr069.md 3.2, Download: the standard FileType values, or a vendor one "X <OUI> <name>".
bool valid_file_type(const std::string& t) {
  static const char* const kStandard[] = {"1 Firmware Upgrade Image", "2 Web Content",
                                          "3 Vendor Configuration File", "4 Tone File", "5 Ringer File"};
  for (const char* s : kStandard) {
    if (t == s) return true;
  }
  return t.size() > 2 && t.compare(0, 2, "X ") == 0;
}

bool valid_url(const std::string& url) {
  const bool scheme = url.compare(0, 7, "http://") == 0 || url.compare(0, 8, "https://") == 0;
  if (!scheme) return false;
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return false;
  }
  return url.find("://") + 3 < url.size();
}

// ---- one parser per form ----

using FormParser = Result<TaskBody> (*)(const json&);

Result<TaskBody> parse_gpn(const json& j) {
  GetParameterNamesSpec s;
  if (Status st = read_name(j, "parameterPath", NameKind::kPathOrEmpty, &s.parameter_path, false); !st) return st.error();
  if (Status st = read_bool(j, "nextLevel", &s.next_level); !st) return st.error();
  return TaskBody(std::move(s));
}

Result<TaskBody> parse_gpv(const json& j) {
  Result<std::vector<std::string>> names = read_name_list(j, "parameterNames");
  if (!names) return names.error();
  return TaskBody(GetParameterValuesSpec{std::move(*names)});
}

Result<TaskBody> parse_spv(const json& j) {
  const auto it = j.find("parameterValues");
  if (it == j.end()) return invalid("parameterValues", "required");
  Result<std::vector<SpvItem>> items = parse_spv_items(*it, "parameterValues");
  if (!items) return items.error();
  return TaskBody(SetParameterValuesSpec{std::move(*items)});
}

Result<TaskBody> parse_gpa(const json& j) {
  Result<std::vector<std::string>> names = read_name_list(j, "parameterNames");
  if (!names) return names.error();
  return TaskBody(GetParameterAttributesSpec{std::move(*names)});
}

Result<TaskBody> parse_spa(const json& j) {
  const auto it = j.find("parameterAttributes");
  if (it == j.end()) return invalid("parameterAttributes", "required");
  Result<std::vector<SpaItem>> items = parse_spa_items(*it, "parameterAttributes");
  if (!items) return items.error();
  return TaskBody(SetParameterAttributesSpec{std::move(*items)});
}

Result<TaskBody> parse_add_object(const json& j) {
  AddObjectSpec s;
  if (Status st = read_name(j, "objectName", NameKind::kObject, &s.object_name, true); !st) return st.error();
  return TaskBody(std::move(s));
}

Result<TaskBody> parse_delete_object(const json& j) {
  DeleteObjectSpec s;
  if (Status st = read_name(j, "objectName", NameKind::kObject, &s.object_name, true); !st) return st.error();
  return TaskBody(std::move(s));
}

Result<TaskBody> parse_reboot(const json&) { return TaskBody(RebootSpec{}); }
Result<TaskBody> parse_factory_reset(const json&) { return TaskBody(FactoryResetSpec{}); }

Result<TaskBody> parse_download(const json& j) {
  DownloadSpec s;
  if (Status st = read_string(j, "fileId", &s.file_id, false, FileRepository::kMaxNameLength); !st) return st.error();
  if (Status st = read_string(j, "url", &s.url, false, kMaxUrlLength); !st) return st.error();
  if (j.contains("fileId") && j.contains("url")) return invalid("url", "give either fileId or url, not both");
  if (!j.contains("fileId") && !j.contains("url")) return invalid("fileId", "required (or url)");
  if (j.contains("fileId")) {
    if (Status st = FileRepository::validate_name(s.file_id); !st) return invalid("fileId", st.error().message);
  } else if (!valid_url(s.url)) {
    return invalid("url", "must be an http:// or https:// URL without spaces");
  }
  if (Status st = read_string(j, "fileType", &s.file_type, false, kMaxFileTypeLength); !st) return st.error();
  if (!valid_file_type(s.file_type)) {
    return invalid("fileType", "must be \"1 Firmware Upgrade Image\", \"2 Web Content\", "
                               "\"3 Vendor Configuration File\", \"4 Tone File\", \"5 Ringer File\" "
                               "or \"X <OUI> <name>\"");
  }
  // FileSize is an unsignedInt in the CWMP schema.
  if (Status st = read_uint(j, "fileSize", std::numeric_limits<uint32_t>::max(), &s.file_size); !st) return st.error();
  if (Status st = read_string(j, "username", &s.username, false, kMaxCredentialLength); !st) return st.error();
  if (Status st = read_string(j, "password", &s.password, false, kMaxCredentialLength); !st) return st.error();
  if (Status st = read_string(j, "targetFileName", &s.target_file_name, false, kMaxNameLength); !st) {
    return st.error();
  }
  if (Status st = read_uint32(j, "delaySeconds", &s.delay_seconds); !st) return st.error();
  return TaskBody(std::move(s));
}

Result<TaskBody> parse_schedule_inform(const json& j) {
  ScheduleInformSpec s;
  if (Status st = read_uint32(j, "delaySeconds", &s.delay_seconds, true); !st) return st.error();
  // ScheduleInform's DelaySeconds must be greater than zero.
  if (s.delay_seconds == 0) return invalid("delaySeconds", "must be at least 1");
  return TaskBody(s);
}

Result<TaskBody> parse_refresh(const json& j) {
  RefreshSpec s;
  if (Status st = read_name(j, "parameterPath", NameKind::kPathOrEmpty, &s.parameter_path, false); !st) return st.error();
  return TaskBody(std::move(s));
}

struct Form {
  std::string_view name;
  std::vector<std::string_view> fields;  // besides "name" and "maxAttempts"
  FormParser parse;
};

const std::vector<Form>& forms() {
  static const std::vector<Form> kForms = {
      {"getParameterNames", {"parameterPath", "nextLevel"}, parse_gpn},
      {"getParameterValues", {"parameterNames"}, parse_gpv},
      {"setParameterValues", {"parameterValues"}, parse_spv},
      {"getParameterAttributes", {"parameterNames"}, parse_gpa},
      {"setParameterAttributes", {"parameterAttributes"}, parse_spa},
      {"addObject", {"objectName"}, parse_add_object},
      {"deleteObject", {"objectName"}, parse_delete_object},
      {"reboot", {}, parse_reboot},
      {"factoryReset", {}, parse_factory_reset},
      {"download",
       {"fileId", "url", "fileType", "fileSize", "username", "password", "targetFileName", "delaySeconds"},
       parse_download},
      {"scheduleInform", {"delaySeconds"}, parse_schedule_inform},
      {"refresh", {"parameterPath"}, parse_refresh},
  };
  return kForms;
}

std::string known_names() {
  std::string out;
  for (const Form& f : forms()) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

const char* task_name(const TaskBody& body) {
  return std::visit(Overloaded{
                        [](const GetParameterNamesSpec&) { return "getParameterNames"; },
                        [](const GetParameterValuesSpec&) { return "getParameterValues"; },
                        [](const SetParameterValuesSpec&) { return "setParameterValues"; },
                        [](const GetParameterAttributesSpec&) { return "getParameterAttributes"; },
                        [](const SetParameterAttributesSpec&) { return "setParameterAttributes"; },
                        [](const AddObjectSpec&) { return "addObject"; },
                        [](const DeleteObjectSpec&) { return "deleteObject"; },
                        [](const RebootSpec&) { return "reboot"; },
                        [](const FactoryResetSpec&) { return "factoryReset"; },
                        [](const DownloadSpec&) { return "download"; },
                        [](const ScheduleInformSpec&) { return "scheduleInform"; },
                        [](const RefreshSpec&) { return "refresh"; },
                    },
                    body);
}

Result<TaskSpec> parse_task_spec(const std::string& json_text) {
  const json j = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return invalid("body", "not valid JSON");
  if (!j.is_object()) return invalid("body", "must be a JSON object");
  const auto name_it = j.find("name");
  if (name_it == j.end()) return invalid("name", "required (one of " + known_names() + ")");
  if (!name_it->is_string()) return invalid("name", "must be a string");
  const std::string name = name_it->get<std::string>();
  const Form* form = nullptr;
  for (const Form& f : forms()) {
    if (f.name == name) form = &f;
  }
  if (form == nullptr) return invalid("name", "unknown task '" + name + "' (one of " + known_names() + ")");

  std::vector<std::string_view> allowed = form->fields;
  allowed.push_back("name");
  allowed.push_back("maxAttempts");
  if (Status s = check_known_fields(j, allowed); !s) return s.error();

  TaskSpec spec;
  uint64_t max_attempts = kDefaultMaxAttempts;
  if (Status s = read_uint(j, "maxAttempts", kMaxMaxAttempts, &max_attempts); !s) return s.error();
  if (max_attempts == 0) return invalid("maxAttempts", "must be at least 1");
  spec.max_attempts = static_cast<int>(max_attempts);

  Result<TaskBody> body = form->parse(j);
  if (!body) return body.error();
  spec.body = std::move(*body);
  return spec;
}

std::string task_spec_to_json(const TaskSpec& spec) {
  json j = {{"name", task_name(spec.body)}, {"maxAttempts", spec.max_attempts}};
  std::visit(Overloaded{
                 [&](const GetParameterNamesSpec& s) {
                   j["parameterPath"] = s.parameter_path;
                   j["nextLevel"] = s.next_level;
                 },
                 [&](const GetParameterValuesSpec& s) { j["parameterNames"] = s.parameter_names; },
                 [&](const SetParameterValuesSpec& s) { j["parameterValues"] = spv_items_to_json(s.values); },
                 [&](const GetParameterAttributesSpec& s) { j["parameterNames"] = s.parameter_names; },
                 [&](const SetParameterAttributesSpec& s) {
                   j["parameterAttributes"] = spa_items_to_json(s.attributes);
                 },
                 [&](const AddObjectSpec& s) { j["objectName"] = s.object_name; },
                 [&](const DeleteObjectSpec& s) { j["objectName"] = s.object_name; },
                 [&](const RebootSpec&) {},
                 [&](const FactoryResetSpec&) {},
                 [&](const DownloadSpec& s) {
                   if (!s.file_id.empty()) j["fileId"] = s.file_id;
                   if (!s.url.empty()) j["url"] = s.url;
                   j["fileType"] = s.file_type;
                   if (s.file_size != 0) j["fileSize"] = s.file_size;
                   if (!s.username.empty()) j["username"] = s.username;
                   if (!s.password.empty()) j["password"] = s.password;
                   if (!s.target_file_name.empty()) j["targetFileName"] = s.target_file_name;
                   if (s.delay_seconds != 0) j["delaySeconds"] = s.delay_seconds;
                 },
                 [&](const ScheduleInformSpec& s) { j["delaySeconds"] = s.delay_seconds; },
                 [&](const RefreshSpec& s) { j["parameterPath"] = s.parameter_path; },
             },
             spec.body);
  // Parameter names and values come from CPEs and users: never let odd bytes throw.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace hearth::device
