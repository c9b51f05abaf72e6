// The import file (format "hearth-import", version 1): subscribers, homes with their devices, and
// the access-network topology, as the provider's systems (or hearth-sim) export them. This reads
// and checks one parsed document; it touches neither the store nor the clock.
//
//   {"format":"hearth-import","version":1,
//    "regions":[{"id","name"}],
//    "accessNodes":[{"id","name","kind","region"}],
//    "subscribers":[{"account","name","email","address":{"street","postalCode","city"},
//                    "password" | "passwordHash"}],
//    "homes":[{"id","account","accessNode","plan":{"downKbps","upKbps"},
//              "devices":[{"role":"gateway"|"extender","serial","oui","productClass","manufacturer"}]}]}
//
// Every section is optional. Keys not listed are ignored (newer exporters may add some). What is
// checked: the format and version; ids present, strings, at most 128 bytes, without control
// characters; no id twice in its section (nor one device in two homes); emails well formed and
// not twice (ASCII case ignored); a password or an argon2id passwordHash, not both; a home's plan
// (the subscribed speed) null or both speeds as integers from 1 to 4294967295; references
// (an access node's region, a home's account and access node) to an entry of the file or to
// something `known` says the store has.
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/records.h"

namespace hearth::api {

inline constexpr const char* kImportFormat = "hearth-import";
inline constexpr int kImportVersion = 1;

struct ImportSubscriber {
  store::SubscriberRecord record;       // password_hash set only when the file gave passwordHash
  std::optional<std::string> password;  // plain text, to be hashed
};

struct ImportHome {
  store::HomeRecord record;  // device ids made with make_device_id
  bool plan_given = false;   // the entry has "plan" (null: unknown); absent keeps the stored one
};

struct ImportFile {
  std::vector<store::RegionRecord> regions;
  std::vector<store::AccessNodeRecord> access_nodes;
  std::vector<ImportSubscriber> subscribers;
  std::vector<ImportHome> homes;
};

// Whether the store has a region, access node or subscriber (account) of that id; an error (the
// store failing) ends the check with that error.
struct KnownIds {
  std::function<Result<bool>(const std::string&)> region;
  std::function<Result<bool>(const std::string&)> access_node;
  std::function<Result<bool>(const std::string&)> subscriber;
};

// kInvalidArgument naming the entries at fault, the first one first:
//   "homes[12].accessNode: unknown access node \"an-99\"; homes[14].account: ...; and 3 more"
Result<ImportFile> parse_import_file(const nlohmann::json& doc, const KnownIds& known);

// A plausible address: local@domain.tld, no spaces or control characters, at most 254 bytes.
bool is_valid_email(const std::string& email);

}  // namespace hearth::api
