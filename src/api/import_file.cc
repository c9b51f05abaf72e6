// Reading and checking an import file (import_file.h): every problem named by entry and field.
#include "api/import_file.h"

#include <map>
#include <unordered_map>

#include "core/ids.h"
#include "core/strings.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxIdBytes = 128;
constexpr size_t kMaxTextBytes = 256;
constexpr size_t kMaxPasswordBytes = 1024;
constexpr size_t kMaxHashBytes = 127;  // crypto_pwhash_STRBYTES - 1
constexpr size_t kProblemsShown = 10;

std::string json_quoted(const std::string& s) {
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

class Problems {
 public:
  void add(const std::string& where, const std::string& what) {
    if (shown_.size() < kProblemsShown) shown_.push_back(where + ": " + what);
    ++total_;
  }
  bool any() const { return total_ > 0; }
  Error error() const {
    std::string message;
    for (const auto& p : shown_) message += (message.empty() ? "" : "; ") + p;
    if (total_ > shown_.size())
      message += "; and " + std::to_string(total_ - shown_.size()) + " more";
    return make_error(ErrorCode::kInvalidArgument, message);
  }

 private:
  std::vector<std::string> shown_;
  size_t total_ = 0;
};

bool has_control_char(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

enum class Need { kOptional, kRequired };

// Reads obj[key] as a string. Missing or null is "" (a problem when required). False when there
// was a problem.
bool read_text(const json& obj, const char* key, const std::string& where, Need need,
               size_t max_bytes, Problems& problems, std::string* out) {
  const std::string field = where + "." + key;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (need == Need::kRequired) problems.add(field, "required");
    return need == Need::kOptional;
  }
  if (!it->is_string()) {
    problems.add(field, "must be a string");
    return false;
  }
  const std::string& s = it->get_ref<const std::string&>();
  if (need == Need::kRequired && s.empty()) {
    problems.add(field, "must not be empty");
    return false;
  }
  if (s.size() > max_bytes) {
    problems.add(field, "longer than " + std::to_string(max_bytes) + " bytes");
    return false;
  }
  if (has_control_char(s)) {
    problems.add(field, "holds a control character");
    return false;
  }
  *out = s;
  return true;
}

bool read_id(const json& obj, const char* key, const std::string& where, Problems& problems,
             std::string* out) {
  return read_text(obj, key, where, Need::kRequired, kMaxIdBytes, problems, out);
}

// The array `name` of the document, or nullptr when absent (or not an array: a problem).
const json* section(const json& doc, const char* name, Problems& problems) {
  auto it = doc.find(name);
  if (it == doc.end() || it->is_null()) return nullptr;
  if (!it->is_array()) {
    problems.add(name, "must be an array");
    return nullptr;
  }
  return &*it;
}

// Each entry of a section, as an object (other entries are a problem and skipped).
template <typename Fn>
void for_each_entry(const json* list, const char* name, Problems& problems, Fn fn) {
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string where = std::string(name) + "[" + std::to_string(i) + "]";
    const json& entry = (*list)[i];
    if (!entry.is_object()) {
      problems.add(where, "must be an object");
      continue;
    }
    fn(entry, where);
  }
}

// Remembers where each id was first seen; a second sighting is a problem.
class Unique {
 public:
  explicit Unique(const char* what) : what_(what) {}
  bool insert(const std::string& id, const std::string& where, const std::string& field,
              Problems& problems) {
    auto [it, inserted] = seen_.emplace(id, where);
    if (!inserted)
      problems.add(field, std::string("duplicate ") + what_ + " " + json_quoted(id) + " (also " +
                              it->second + ")");
    return inserted;
  }
  bool contains(const std::string& id) const { return seen_.count(id) != 0; }

 private:
  const char* what_;
  std::unordered_map<std::string, std::string> seen_;
};

// Answers "does this id exist" from the file first, then from the store, asking the store once
// per id.
class Resolver {
 public:
  Resolver(const Unique& in_file, const std::function<Result<bool>(const std::string&)>& in_store)
      : in_file_(in_file), in_store_(in_store) {}
  Result<bool> exists(const std::string& id) {
    if (in_file_.contains(id)) return true;
    auto cached = cache_.find(id);
    if (cached != cache_.end()) return cached->second;
    if (!in_store_) return false;
    Result<bool> found = in_store_(id);
    if (!found) return found.error();
    cache_.emplace(id, *found);
    return *found;
  }

 private:
  const Unique& in_file_;
  const std::function<Result<bool>(const std::string&)>& in_store_;
  std::map<std::string, bool> cache_;
};

bool is_email_char(unsigned char c) {
  if (c <= 0x20 || c == 0x7f) return false;
  for (char bad : std::string("\"(),:;<>[\\]")) {
    if (c == static_cast<unsigned char>(bad)) return false;
  }
  return true;
}

void parse_device(const json& d, const std::string& where, Problems& problems,
                  store::HomeDevice* out) {
  bool ok = read_id(d, "role", where, problems, &out->role);
  if (ok && out->role != "gateway" && out->role != "extender") {
    problems.add(where + ".role",
                 "unknown role " + json_quoted(out->role) + " (gateway or extender)");
  }
  ok = read_id(d, "serial", where, problems, &out->serial) && ok;
  ok = read_id(d, "oui", where, problems, &out->oui) && ok;
  ok = read_text(d, "productClass", where, Need::kOptional, kMaxIdBytes, problems,
                 &out->product_class) &&
       ok;
  read_text(d, "manufacturer", where, Need::kOptional, kMaxTextBytes, problems, &out->manufacturer);
  if (ok) out->device_id = make_device_id(out->oui, out->product_class, out->serial);
}

void parse_subscriber(const json& s, const std::string& where, Problems& problems,
                      ImportSubscriber* out) {
  store::SubscriberRecord& r = out->record;
  read_id(s, "account", where, problems, &r.account);
  read_text(s, "name", where, Need::kOptional, kMaxTextBytes, problems, &r.name);
  if (read_text(s, "email", where, Need::kOptional, kMaxTextBytes, problems, &r.email) &&
      !r.email.empty() && !is_valid_email(r.email)) {
    problems.add(where + ".email", "not a valid email address: " + json_quoted(r.email));
  }
  if (auto a = s.find("address"); a != s.end() && !a->is_null()) {
    if (!a->is_object()) {
      problems.add(where + ".address", "must be an object");
    } else {
      const std::string at = where + ".address";
      read_text(*a, "street", at, Need::kOptional, kMaxTextBytes, problems, &r.street);
      read_text(*a, "postalCode", at, Need::kOptional, kMaxIdBytes, problems, &r.postal_code);
      read_text(*a, "city", at, Need::kOptional, kMaxTextBytes, problems, &r.city);
    }
  }
  const bool has_password = s.contains("password") && !s["password"].is_null();
  const bool has_hash = s.contains("passwordHash") && !s["passwordHash"].is_null();
  if (has_password && has_hash) {
    problems.add(where, "give password or passwordHash, not both");
    return;
  }
  if (has_password) {
    std::string pw;
    if (read_text(s, "password", where, Need::kRequired, kMaxPasswordBytes, problems, &pw))
      out->password = pw;
  } else if (has_hash &&
             read_text(s, "passwordHash", where, Need::kRequired, kMaxHashBytes, problems,
                       &r.password_hash) &&
             !starts_with(r.password_hash, "$argon2id$")) {
    problems.add(where + ".passwordHash", "must be an argon2id hash ($argon2id$...)");
  }
}

// "plan": null (unknown) or {"downKbps": N, "upKbps": N}, each an integer of the kbps field.
void parse_plan(const json& h, const std::string& where, Problems& problems, ImportHome* out) {
  auto plan = h.find("plan");
  if (plan == h.end()) return;
  out->plan_given = true;
  if (plan->is_null()) return;
  if (!plan->is_object()) {
    problems.add(where + ".plan", "must be an object or null");
    return;
  }
  const std::pair<const char*, uint32_t*> speeds[] = {
      {"downKbps", &out->record.plan_down_kbps}, {"upKbps", &out->record.plan_up_kbps}};
  for (const auto& [key, field] : speeds) {
    const std::string at = where + ".plan." + key;
    auto it = plan->find(key);
    if (it == plan->end() || it->is_null()) {
      problems.add(at, "required");
    } else if (!it->is_number_integer() || *it < 1 || *it > 4294967295LL) {
      problems.add(at, "must be an integer from 1 to 4294967295 (kbit/s)");
    } else {
      *field = it->get<uint32_t>();
    }
  }
}

}  // namespace

bool is_valid_email(const std::string& email) {
  if (email.size() < 3 || email.size() > 254) return false;
  const size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || at > 64 || email.find('@', at + 1) != std::string::npos)
    return false;
  for (unsigned char c : email) {
    if (c != '@' && !is_email_char(c)) return false;
  }
  const std::string domain = email.substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (domain.empty() || dot == std::string::npos || dot == 0 || dot + 1 == domain.size())
    return false;
  if (domain.front() == '-' || domain.front() == '.' || domain.find("..") != std::string::npos)
    return false;
  const std::string local = email.substr(0, at);
  return local.front() != '.' && local.back() != '.' && local.find("..") == std::string::npos;
}

Result<ImportFile> parse_import_file(const json& doc, const KnownIds& known) {
  Problems problems;
  if (!doc.is_object())
    return make_error(ErrorCode::kInvalidArgument, "body: must be a JSON object");
  if (!doc.contains("format") || doc["format"] != kImportFormat) {
    return make_error(ErrorCode::kInvalidArgument,
                      std::string("format: must be \"") + kImportFormat + "\"");
  }
  if (!doc.contains("version") || !doc["version"].is_number_integer() ||
      doc["version"] != kImportVersion) {
    const std::string given = doc.contains("version") ? doc["version"].dump() : "none";
    return make_error(ErrorCode::kInvalidArgument, "version: unsupported version " + given +
                                                       " (this hearthd reads " +
                                                       std::to_string(kImportVersion) + ")");
  }
  ImportFile file;
  Unique regions("region"), nodes("access node"), accounts("account"), emails("email"),
      homes("home"), devices("device");

  for_each_entry(section(doc, "regions", problems), "regions", problems,
                 [&](const json& e, const std::string& at) {
                   store::RegionRecord r;
                   if (read_id(e, "id", at, problems, &r.id))
                     regions.insert(r.id, at, at + ".id", problems);
                   read_text(e, "name", at, Need::kOptional, kMaxTextBytes, problems, &r.name);
                   file.regions.push_back(std::move(r));
                 });
  std::vector<std::string> node_where;
  for_each_entry(section(doc, "accessNodes", problems), "accessNodes", problems,
                 [&](const json& e, const std::string& at) {
                   store::AccessNodeRecord n;
                   if (read_id(e, "id", at, problems, &n.id))
                     nodes.insert(n.id, at, at + ".id", problems);
                   read_text(e, "name", at, Need::kOptional, kMaxTextBytes, problems, &n.name);
                   read_text(e, "kind", at, Need::kOptional, kMaxIdBytes, problems, &n.kind);
                   read_id(e, "region", at, problems, &n.region_id);
                   file.access_nodes.push_back(std::move(n));
                   node_where.push_back(at);
                 });
  for_each_entry(section(doc, "subscribers", problems), "subscribers", problems,
                 [&](const json& e, const std::string& at) {
                   ImportSubscriber s;
                   parse_subscriber(e, at, problems, &s);
                   if (!s.record.account.empty())
                     accounts.insert(s.record.account, at, at + ".account", problems);
                   if (!s.record.email.empty())
                     emails.insert(to_lower(s.record.email), at, at + ".email", problems);
                   file.subscribers.push_back(std::move(s));
                 });
  std::vector<std::string> home_where;
  for_each_entry(section(doc, "homes", problems), "homes", problems,
                 [&](const json& e, const std::string& at) {
                   ImportHome entry;
                   store::HomeRecord& h = entry.record;
                   if (read_id(e, "id", at, problems, &h.id))
                     homes.insert(h.id, at, at + ".id", problems);
                   read_id(e, "account", at, problems, &h.account);
                   read_id(e, "accessNode", at, problems, &h.access_node_id);
                   parse_plan(e, at, problems, &entry);
                   auto list = e.find("devices");
                   if (list != e.end() && !list->is_null() && !list->is_array())
                     problems.add(at + ".devices", "must be an array");
                   if (list != e.end() && list->is_array()) {
                     for (size_t i = 0; i < list->size(); ++i) {
                       const std::string dat = at + ".devices[" + std::to_string(i) + "]";
                       if (!(*list)[i].is_object()) {
                         problems.add(dat, "must be an object");
                         continue;
                       }
                       store::HomeDevice d;
                       parse_device((*list)[i], dat, problems, &d);
                       if (d.device_id.empty()) continue;
                       if (devices.insert(d.device_id, dat, dat, problems))
                         h.devices.push_back(std::move(d));
                     }
                   }
                   file.homes.push_back(std::move(entry));
                   home_where.push_back(at);
                 });

  // References, once every id of the file is known.
  Resolver region_ids(regions, known.region), node_ids(nodes, known.access_node),
      account_ids(accounts, known.subscriber);
  auto check = [&](Resolver& ids, const std::string& id, const std::string& field,
                   const char* what) -> Status {
    if (id.empty()) return ok_status();  // already a problem
    Result<bool> found = ids.exists(id);
    if (!found) return found.error();
    if (!*found) problems.add(field, std::string("unknown ") + what + " " + json_quoted(id));
    return ok_status();
  };
  for (size_t i = 0; i < file.access_nodes.size(); ++i) {
    Status s =
        check(region_ids, file.access_nodes[i].region_id, node_where[i] + ".region", "region");
    if (!s) return s.error();
  }
  for (size_t i = 0; i < file.homes.size(); ++i) {
    const store::HomeRecord& h = file.homes[i].record;
    Status s = check(account_ids, h.account, home_where[i] + ".account", "account");
    if (s) s = check(node_ids, h.access_node_id, home_where[i] + ".accessNode", "access node");
    if (!s) return s.error();
  }
  if (problems.any()) return problems.error();
  return file;
}

}  // namespace hearth::api
